/**
 * Benchmark: one whole monitoring cycle with retraining on 1,000,000 new rows (two generated CSV
 * files, drifted) against a deployed model (bootstrapped on practicedata). Each run starts from a copy
 * of the same deployed state and runs the cycle in this process: ingestion, drift, model drift,
 * training, scoring, deployment decision, reporting and API calls (in-process server). Prints each
 * run's time, outcome and peak RSS, then medians.
 * Usage: LOG_LEVEL=warn npm run bench -- fullprocess [--rows N] [--runs N]
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findApiTarget } from '../src/cli/api-target.ts';
import { loadConfig } from '../src/config.ts';
import { runCycle } from '../src/pipeline/fullprocess.ts';
import { generatedFolder, numberOption } from './lib-dataset-files.ts';
import { median, peakRssMb, resetPeakRss, timed } from './lib-measure.ts';

const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 3);
const root = resolve(import.meta.dirname, '..');

const template = mkdtempSync(join(tmpdir(), 'attrition-bench-cycle-'));
for (const folder of ['practicedata', 'testdata']) cpSync(join(root, folder), join(template, folder), { recursive: true });
writeFileSync(join(template, 'config.json'), JSON.stringify({ input_folder_path: 'practicedata' }));
const bootstrapConfig = loadConfig(join(template, 'config.json'));
const bootstrap = await runCycle(bootstrapConfig, { apiTarget: () => findApiTarget(bootstrapConfig) });
console.log(`deployed state: ${bootstrap.record.summary}`);
const newData = await generatedFolder('cycle', rows, 2, 7, 3);

const times: number[] = [];
const peaks: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'attrition-bench-cycle-run-'));
    cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ input_folder_path: newData }));
    const config = loadConfig(join(dir, 'config.json'));
    global.gc?.();
    resetPeakRss();
    const { result, ms } = await timed(() => runCycle(config, { apiTarget: () => findApiTarget(config) }));
    const peak = peakRssMb();
    times.push(ms);
    peaks.push(peak);
    const steps = result.record.steps.map((s) => `${s.name} ${s.duration_ms}`).join(', ');
    console.log(`run ${run}: ${ms.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MB, ${result.record.outcome} (${result.record.rows?.ingested ?? 0} rows); steps (ms): ${steps}`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`fullprocess with retraining on ${rows} new rows: median ${median(times).toFixed(0)} ms, median peak RSS ${median(peaks).toFixed(0)} MB over ${runs} runs`);
} finally {
  rmSync(template, { recursive: true, force: true });
}
