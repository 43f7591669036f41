/**
 * Benchmark: the dashboard and GET /runs over a long history. Deploys the seed model in a temporary
 * project, writes N synthetic cycles (default 100,000) straight to runs.jsonl, starts the API in this
 * process on a loopback port and times sequential requests: the first /dashboard (charts rendered),
 * then repeated /dashboard, /dashboard/fragment, /runs?limit=50, the page after that, and /models;
 * finally /dashboard right after one more cycle was appended (charts rendered in the request) and two
 * seconds after another (the server re-rendered them in the background when runs.jsonl changed).
 * Usage: npm run bench -- dashboard [--cycles N] [--requests R]
 */
import { appendFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, createHttpServer } from '../src/api/app.ts';
import { syntheticRun, syntheticRunId, writeSyntheticRuns } from '../test/dashboard/synthetic-runs.ts';
import { numberOption } from './lib-dataset-files.ts';
import { deployedProject, ROOT } from './lib-deployed-project.ts';
import { median } from './lib-measure.ts';
import { RUNS_JSONL } from '../src/records/output-layout.ts';

const cycles = numberOption('cycles', 100_000);
const requests = numberOption('requests', 20);

const { dir, config } = await deployedProject('dashboard');
const runsFile = join(config.output_folder_path, RUNS_JSONL);
await writeSyntheticRuns(runsFile, cycles);

const created = createApp({ config, projectDir: ROOT, requestLogs: false });
const server = createHttpServer(created);
server.listen(0, '127.0.0.1');
await new Promise<void>((done) => server.once('listening', done));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Time of one GET in ms (body read to the end); throws on a non-200 answer. */
async function timeGet(path: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url + path);
  const body = await response.arrayBuffer();
  const ms = performance.now() - start;
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
  return { ms, bytes: body.byteLength };
}

function report(name: string, times: number[], bytes: number): void {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  console.log(
    `${name.padEnd(40)} median ${median(times).toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   max ${sorted.at(-1)!.toFixed(1).padStart(6)} ms   (${requests} requests, ${(bytes / 1024).toFixed(0)} kB)`,
  );
}

async function measure(name: string, path: string): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const result = await timeGet(path);
    times.push(result.ms);
    bytes = result.bytes;
  }
  report(name, times, bytes);
}

try {
  console.log(
    `${cycles.toLocaleString('en-US')} cycles in runs.jsonl (${(statSync(runsFile).size / 1e6).toFixed(0)} MB), server ${url}, sequential requests`,
  );
  const cold = await timeGet('/dashboard');
  console.log(`${'GET /dashboard, first (charts rendered)'.padEnd(40)} ${cold.ms.toFixed(1).padStart(6)} ms`);
  await measure('GET /dashboard', '/dashboard');
  await measure('GET /dashboard/fragment', '/dashboard/fragment');
  await measure('GET /runs?limit=50', '/runs?limit=50');
  await measure('GET /runs?limit=50&before=(page 2)', `/runs?limit=50&before=${syntheticRunId(cycles - 50)}`);
  await measure('GET /runs?limit=500', '/runs?limit=500');
  await measure('GET /models', '/models');
  appendFileSync(runsFile, `${JSON.stringify(syntheticRun(cycles))}\n`);
  const immediately = await timeGet('/dashboard');
  console.log(
    `${'GET /dashboard, right after a new cycle'.padEnd(40)} ${immediately.ms.toFixed(1).padStart(6)} ms (charts rendered in the request)`,
  );
  appendFileSync(runsFile, `${JSON.stringify(syntheticRun(cycles + 1))}\n`);
  await new Promise((done) => setTimeout(done, 2000));
  const later = await timeGet('/dashboard');
  console.log(
    `${'GET /dashboard, 2 s after a new cycle'.padEnd(40)} ${later.ms.toFixed(1).padStart(6)} ms (charts re-rendered in the background)`,
  );
} finally {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
