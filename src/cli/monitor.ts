/**
 * `npm run monitor`: one production-monitoring pass over the prediction log (see
 * pipeline/monitor/run-monitor.ts); prints what it found, one line per chunk, newest first, and where
 * monitoring.json was written. Exit codes: 0 done (alerts are findings, not failures), 1 a step failed,
 * 2 a configuration error, 3 another monitoring pass holds the lock.
 */
import { loadCommandConfig } from './command-config.ts';
import { LockedError } from '../data/file-lock.ts';
import { runMonitor } from '../pipeline/monitor/run-monitor.ts';
import type { MonitoringChunk } from '../records/monitoring-file.ts';
import { MONITORING_JSON } from '../records/output-layout.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, runCommand } from './run-command.ts';

const show = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));

/** One line about a chunk: when, which version, rows, estimated F1 with band and thresholds, drift. */
function chunkLine(chunk: MonitoringChunk): string {
  const when = `${chunk.start.slice(0, 10)}${chunk.partial ? ' (partial)' : ''}`;
  const head = `${when}  ${chunk.model_id}  ${chunk.rows} rows`;
  if (!chunk.estimated) return `${head}  no reference (version deployed without one)`;
  const { f1, f1_lower, f1_upper } = chunk.estimated;
  const limits = chunk.thresholds
    ? `  thresholds [${show(chunk.thresholds.f1_lower)}, ${show(chunk.thresholds.f1_upper)}]`
    : '';
  const drift = chunk.drift ? `  drifted ${(chunk.drift.share_drifted * 100).toFixed(0)}%` : '';
  const { realized } = chunk;
  const truth = realized.labelled_rows
    ? `  realized F1 ${show(realized.f1)} on ${realized.labelled_rows} labelled rows${chunk.realized_alert ? ' (ALERT)' : ''}`
    : '';
  return `${head}  estimated F1 ${show(f1)} [${show(f1_lower)}, ${show(f1_upper)}]${limits}${drift}${chunk.alert ? '  ALERT' : ''}${truth}`;
}

await runCommand('monitor', async () => {
  const args = parseCommandArgs(process.argv.slice(2));
  const config = loadCommandConfig(args.configFile);
  try {
    const { result, compacted, expiredDays } = await runMonitor(config);
    const lines = [
      `${result.log.rows} logged predictions${result.log.skipped ? ` (${result.log.skipped} unreadable entries skipped)` : ''} in ${result.chunks.length} chunks`,
      ...(result.labels.stored
        ? [`${result.labels.stored} labels stored, ${result.labels.unmatched} with an id no logged prediction has`]
        : []),
      ...result.chunks.map(chunkLine),
    ];
    if (compacted.segments) lines.push(`compacted ${compacted.segments} segments (${compacted.rows} entries)`);
    if (expiredDays.length) lines.push(`removed ${expiredDays.length} days past the retention`);
    lines.push(`written: ${MONITORING_JSON} in the output folder`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LockedError) {
      process.stderr.write(`monitor: ${error.message}\n`);
      return EXIT.locked;
    }
    throw error;
  }
});
