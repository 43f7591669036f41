/**
 * Monitoring reference benchmark: what training adds to keep a version's reference, on generated rows
 * held in memory (bench/lib-generate.ts, no CSV), with default fit options. Each run times the seeded
 * sample, the k-fold cross-fitting on it, the file's text, its atomic write (flushed to disk) in a
 * temporary folder and reading it back (JSON.parse and the checks); then the medians. The reference
 * itself (sample + cross-fitting) is what the cycle's "monitoring reference" step computes.
 * Usage: npm run bench -- reference [--rows N] [--reference-rows N] [--folds N] [--runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/data/atomic-write.ts';
import { outOfFoldProbabilities } from '../src/model/cross-fit.ts';
import { sampleDataset } from '../src/monitoring/reference-sample.ts';
import { monitoringReferenceText, parseMonitoringReference } from '../src/records/monitoring-reference-file.ts';
import { MONITORING_REFERENCE_JSON } from '../src/records/output-layout.ts';
import { numberOption } from './lib-dataset-files.ts';
import { generateDataset } from './lib-generate.ts';
import { median, timed } from './lib-measure.ts';

const rows = numberOption('rows', 1_000_000);
const referenceRows = numberOption('reference-rows', 100_000);
const folds = numberOption('folds', 5);
const runs = numberOption('runs', 5);

const dataset = generateDataset(rows, 42);
const folder = mkdtempSync(join(tmpdir(), 'attrition-bench-reference-'));
const path = join(folder, MONITORING_REFERENCE_JSON);
console.log(
  `reference: ${rows.toLocaleString('en-US')} training rows, at most ${referenceRows.toLocaleString('en-US')} kept, ${folds} folds, ${runs} run(s)`,
);
const phases = ['sample', 'cross-fit', 'text', 'write', 'read', 'build'] as const;
const times = Object.fromEntries(phases.map((phase) => [phase, [] as number[]])) as Record<
  (typeof phases)[number],
  number[]
>;
try {
  for (let run = 1; run <= runs; run++) {
    const sample = await timed(() => sampleDataset(dataset, referenceRows));
    const probability = await timed(() => outOfFoldProbabilities(sample.result, {}, folds));
    const reference = {
      rows: sample.result.rows,
      sampledFrom: rows,
      folds,
      columns: sample.result.columns,
      probability: probability.result,
    };
    const text = await timed(() => monitoringReferenceText('bench', reference));
    const write = await timed(() => writeFileAtomic(path, text.result));
    const read = await timed(async () => parseMonitoringReference(await readFile(path, 'utf8'), path));
    const measured = {
      sample: sample.ms,
      'cross-fit': probability.ms,
      text: text.ms,
      write: write.ms,
      read: read.ms,
      build: sample.ms + probability.ms,
    };
    for (const phase of phases) times[phase].push(measured[phase]);
    console.log(
      `run ${run}: ${phases.map((phase) => `${phase} ${measured[phase].toFixed(0)} ms`).join(', ')} (${(text.result.length / 1e6).toFixed(1)} MB)`,
    );
  }
  console.log(`medians: ${phases.map((phase) => `${phase} ${median(times[phase]).toFixed(0)} ms`).join(', ')}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
