/**
 * `npm run history [-- --limit N]`: the last monitoring cycles from runs.jsonl as a table, newest
 * first: when, outcome, new files, rows, the numbers behind the decisions, duration.
 */
import { join } from 'node:path';
import { loadCommandConfig } from './command-config.ts';
import { ConfigError } from '../errors.ts';
import { runRecordSchema, type RunRecord } from '../records/run-record.ts';
import { readLastRuns } from '../records/run-log.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';
import { RUNS_JSONL } from '../records/output-layout.ts';

const COLUMNS = [
  'started (UTC)',
  'outcome',
  'new files',
  'rows',
  'F1 new / recorded',
  'drift share',
  'deployed',
  'duration',
] as const;

function cells(run: RunRecord): string[] {
  const d = run.decisions;
  const files = [...run.new_files, ...run.changed_files.map((f) => `${f} (changed)`)];
  return [
    run.started_at.slice(0, 19).replace('T', ' '),
    run.outcome,
    files.length === 0
      ? '-'
      : files.length > 2
        ? `${files.slice(0, 2).join(', ')} +${files.length - 2}`
        : files.join(', '),
    run.rows ? String(run.rows.ingested) : '-',
    d.model_drift ? `${d.model_drift.f1_new.toFixed(4)} / ${d.model_drift.f1_recorded.toFixed(4)}` : '-',
    d.data_drift
      ? `${Math.round(d.data_drift.share_drifted * 100)}%${d.data_drift.dataset_drift ? ' (drift)' : ''}`
      : '-',
    d.deploy
      ? d.deploy.deployed
        ? `yes ${d.deploy.challenger_f1.toFixed(4)} >= ${d.deploy.champion_f1?.toFixed(4)}`
        : `no ${d.deploy.challenger_f1.toFixed(4)} < ${d.deploy.champion_f1?.toFixed(4)}`
      : run.outcome === 'bootstrap'
        ? 'yes (bootstrap)'
        : '-',
    `${(run.duration_ms / 1000).toFixed(1)} s`,
  ];
}

/** Formats rows as an aligned text table. */
export function formatTable(header: readonly string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

await runCommand('history', async () => {
  const args = parseCommandArgs(process.argv.slice(2), { limit: { type: 'string', default: '20' } });
  const limit = Number(args.values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new ConfigError(`--limit must be a positive integer, got '${args.values.limit}'`);
  const config = loadCommandConfig(args.configFile);
  const path = join(config.output_folder_path, RUNS_JSONL);
  const runs = (await readLastRuns(path, limit)).flatMap((raw) => {
    const parsed = runRecordSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (runs.length === 0) {
    process.stdout.write(`no cycles recorded yet in ${path}\n`);
    return;
  }
  process.stdout.write(`${formatTable(COLUMNS, runs.map(cells))}\n`);
});
