/**
 * `npm run drift -- --reference A --current B [--out DIR]`: data drift between two CSV files or
 * folders (validated like ingestion); writes drift_report.json and drift_report.html (default: the
 * config's output folder), prints the summary, exits 0. Bad input exits 1, bad options 2.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCommandConfig } from './command-config.ts';
import { readDataset } from '../data/read-dataset.ts';
import { computeDrift } from '../drift/drift.ts';
import { ConfigError } from '../errors.ts';
import { renderDriftReport, writeDriftReports } from '../pipeline/cycle/drift-step.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';

await runCommand('drift', async () => {
  const args = parseCommandArgs(process.argv.slice(2), {
    reference: { type: 'string' },
    current: { type: 'string' },
    out: { type: 'string' },
  });
  const { reference, current, out } = args.values;
  if (typeof reference !== 'string' || typeof current !== 'string')
    throw new ConfigError(
      'usage: npm run drift -- --reference A --current B [--out DIR] (A and B are CSV files or folders)',
    );
  const config = loadCommandConfig(args.configFile);
  const outDir = typeof out === 'string' ? resolve(out) : config.output_folder_path;
  const [ref, cur] = [await readDataset(resolve(reference)), await readDataset(resolve(current))];
  const report = computeDrift(ref.dataset, cur.dataset, config.drift);
  await mkdir(outDir, { recursive: true });
  const paths = await writeDriftReports(
    outDir,
    await renderDriftReport(report, { referenceName: reference, currentName: current }),
  );
  const columns = Object.fromEntries(
    Object.entries(report.columns).map(([name, c]) => [
      name,
      { test: c.test, score: c.score, threshold: c.threshold, drifted: c.drifted },
    ]),
  );
  const rejected = [...ref.files, ...cur.files]
    .filter((f) => f.rowsRejected > 0 || f.skipped)
    .map((f) => `${f.name}: ${f.skipped ?? `${f.rowsRejected} rows rejected`}`);
  const { reference_rows, current_rows, share_drifted, dataset_drift } = report;
  const summary = { reference_rows, current_rows, share_drifted, dataset_drift, columns, reports: paths };
  process.stdout.write(`${JSON.stringify({ ...summary, ...(rejected.length ? { rejected } : {}) }, null, 2)}\n`);
});
