/**
 * Benchmark: start-up and the seed's own scenario, whole processes as a user types them (npm included,
 * ~0.15 s of every number): `npm run history`; `npm run fullprocess` with no new data; `npm start`
 * with a model live, from the spawn to the first 200 from /health; and the seed's cycle (practicedata
 * deployed, then sourcedata: ingestion, drift, retraining, deployment, the confusion matrix, API calls
 * to an in-process server), each run on a fresh copy of the deployed state. Prints every run, then
 * median, min and max per command.
 * Usage: LOG_LEVEL=warn npm run bench -- startup [--runs N]
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureCompiled, listeningUrl } from './lib-compiled.ts';
import { numberOption } from './lib-dataset-files.ts';
import { ROOT } from './lib-deployed-project.ts';
import { median, timed } from './lib-measure.ts';

const runs = numberOption('runs', 10);
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

/** Runs `npm run --silent <script> -- args` from the repository; resolves with its wall time in ms. */
async function npmRun(script: string, args: string[]): Promise<number> {
  const { ms } = await timed(() =>
    promisify(execFile)('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env }),
  );
  return ms;
}

/** Starts `npm start` and returns the ms from the spawn to the first 200 of /health. */
async function startUntilHealthy(configFile: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--config', configFile], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  try {
    const url = await listeningUrl(child);
    for (;;) {
      const response = await fetch(`${url}/health`).catch(() => null);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function project(folders: string[], input: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'attrition-bench-startup-'));
  for (const folder of folders) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ input_folder_path: input }));
  return dir;
}

ensureCompiled();
const deployed = project(['practicedata', 'sourcedata', 'testdata'], 'practicedata');
await npmRun('fullprocess', ['--config', join(deployed, 'config.json')]); // bootstrap: a model is live
const seedRuns: string[] = [];
const results: Record<string, number[]> = {
  'npm run history': [],
  'npm run fullprocess, no new data': [],
  'npm start until /health answers 200': [],
  "the seed's cycle (sourcedata after practicedata)": [],
};
try {
  for (let run = 1; run <= runs; run++) {
    results['npm run history']!.push(await npmRun('history', ['--config', join(deployed, 'config.json')]));
    results['npm run fullprocess, no new data']!.push(
      await npmRun('fullprocess', ['--config', join(deployed, 'config.json')]),
    );
    results['npm start until /health answers 200']!.push(await startUntilHealthy(join(deployed, 'config.json')));
    const seed = mkdtempSync(join(tmpdir(), 'attrition-bench-seed-'));
    seedRuns.push(seed);
    cpSync(deployed, seed, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(seed, 'config.json'), JSON.stringify({ input_folder_path: 'sourcedata' }));
    results["the seed's cycle (sourcedata after practicedata)"]!.push(
      await npmRun('fullprocess', ['--config', join(seed, 'config.json')]),
    );
    console.log(
      `run ${run}: ${Object.entries(results)
        .map(([name, times]) => `${name} ${times.at(-1)!.toFixed(0)} ms`)
        .join(', ')}`,
    );
  }
  for (const [name, times] of Object.entries(results)) {
    console.log(
      `${name}: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs)`,
    );
  }
} finally {
  for (const dir of [deployed, ...seedRuns]) rmSync(dir, { recursive: true, force: true });
}
