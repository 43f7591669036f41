/**
 * Benchmark: one whole monitoring cycle with retraining on 1,000,000 new rows (two generated CSV
 * files, drifted) against a deployed model (bootstrapped on practicedata). Each run starts from a copy
 * of the same deployed state and runs `npm run fullprocess` as cron does (npm, then the compiled
 * command in a fresh process) doing ingestion, drift, model drift, training, scoring, the deployment
 * decision, reporting and the API calls (in-process server). Quoted per run: the cycle's time as
 * recorded in runs.jsonl, the whole command's wall time (npm, Node and module start-up included) and
 * the peak RSS of the cycle's process (the largest of npm's and the command's); then medians.
 * Usage: LOG_LEVEL=warn npm run bench -- fullprocess [--rows N] [--runs N]
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findApiTarget } from '../src/cli/api-target.ts';
import { loadConfig } from '../src/config.ts';
import { runCycle } from '../src/pipeline/cycle/fullprocess.ts';
import { readLastRuns } from '../src/records/run-log.ts';
import { generatedFolder, numberOption } from './lib-dataset-files.ts';
import { median, timed } from './lib-measure.ts';
import { ensureCompiled } from './lib-compiled.ts';
import { RUNS_JSONL } from '../src/records/output-layout.ts';

const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 3);
const root = resolve(import.meta.dirname, '..');
const peakPreload = resolve(import.meta.dirname, 'lib-peak-rss-at-exit.mjs');

ensureCompiled();
const template = mkdtempSync(join(tmpdir(), 'attrition-bench-cycle-'));
for (const folder of ['practicedata', 'testdata'])
  cpSync(join(root, folder), join(template, folder), { recursive: true });
writeFileSync(join(template, 'config.json'), JSON.stringify({ input_folder_path: 'practicedata' }));
const bootstrapConfig = loadConfig(join(template, 'config.json'));
const bootstrap = await runCycle(bootstrapConfig, { apiTarget: () => findApiTarget(bootstrapConfig) });
console.log(`deployed state: ${bootstrap.record.summary}`);
const newData = await generatedFolder('cycle', rows, 2, 7, 3);

const cycleTimes: number[] = [];
const processTimes: number[] = [];
const peaks: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'attrition-bench-cycle-run-'));
    cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ input_folder_path: newData }));
    const peakFile = join(dir, 'peak-rss-kb');
    const { ms } = await timed(() =>
      promisify(execFile)('npm', ['run', '--silent', 'fullprocess', '--', '--config', join(dir, 'config.json')], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: `--import ${peakPreload}`, BENCH_PEAK_RSS_FILE: peakFile },
      }),
    );
    const [record] = await readLastRuns(join(loadConfig(join(dir, 'config.json')).output_folder_path, RUNS_JSONL), 1);
    if (!record) throw new Error(`run ${run}: no run recorded`);
    const peaksKb = readdirSync(dir)
      .filter((name) => name.startsWith('peak-rss-kb.'))
      .map((name) => Number(readFileSync(join(dir, name), 'utf8')));
    const peak = Math.max(...peaksKb) / 1024;
    cycleTimes.push(record.duration_ms);
    processTimes.push(ms);
    peaks.push(peak);
    const steps = record.steps.map((s) => `${s.name} ${s.duration_ms}`).join(', ');
    console.log(
      `run ${run}: cycle ${record.duration_ms} ms (npm run fullprocess ${ms.toFixed(0)} ms), peak RSS ${peak.toFixed(0)} MB, ${record.outcome} (${record.rows?.ingested ?? 0} rows); steps (ms): ${steps}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `fullprocess with retraining on ${rows} new rows, ${runs} runs: median cycle ${median(cycleTimes).toFixed(0)} ms, median npm run fullprocess ${median(processTimes).toFixed(0)} ms, median peak RSS ${median(peaks).toFixed(0)} MB`,
  );
} finally {
  rmSync(template, { recursive: true, force: true });
}
