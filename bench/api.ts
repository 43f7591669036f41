/**
 * Benchmark: the API under load (autocannon, loopback only). Starts `npm start`'s server (the compiled
 * command, without the schedule) in a child process on a temporary deployment of the seed model, then
 * measures POST /prediction with one record, with the seed's own body (dataset_path, the test data
 * file), with 100 records, and GET /summarystats. Prints requests/s and p50/p99 latency per run and
 * medians.
 * Usage: npm run bench -- api [--runs N] [--seconds S] [--connections C]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { numberOption } from './lib-dataset-files.ts';
import { deployedProject, ROOT } from './lib-deployed-project.ts';
import { median } from './lib-measure.ts';
import { compiledCommand, ensureCompiled, listeningUrl } from './lib-compiled.ts';

const runs = numberOption('runs', 3);
const seconds = numberOption('seconds', 10);
const connections = numberOption('connections', 10);

ensureCompiled();
const { dir, configFile } = await deployedProject('api');

const server = spawn(process.execPath, compiledCommand('server', ['--config', configFile, '--no-schedule']), {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const url = await listeningUrl(server);

const record = { lastmonth_activity: 234, lastyear_activity: 3, number_of_employees: 10 };
const scenarios = [
  {
    name: 'POST /prediction, 1 record',
    method: 'POST' as const,
    path: '/prediction',
    body: JSON.stringify({ records: [record] }),
  },
  {
    name: 'POST /prediction, dataset_path',
    method: 'POST' as const,
    path: '/prediction',
    body: JSON.stringify({ dataset_path: 'testdata.csv' }),
  },
  {
    name: 'POST /prediction, 100 records',
    method: 'POST' as const,
    path: '/prediction',
    body: JSON.stringify({ records: Array.from({ length: 100 }, (_, i) => ({ ...record, lastmonth_activity: i })) }),
  },
  { name: 'GET /summarystats', method: 'GET' as const, path: '/summarystats', body: undefined },
];

try {
  console.log(
    `server ${url}, ${connections} connections, ${seconds} s per run, ${runs} runs (request logs on, to /dev/null)`,
  );
  for (const scenario of scenarios) {
    await autocannon({
      url: url + scenario.path,
      method: scenario.method,
      body: scenario.body,
      headers: { 'content-type': 'application/json' },
      connections,
      duration: 2,
    });
    const rates: number[] = [];
    const p50s: number[] = [];
    const p99s: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const result = await autocannon({
        url: url + scenario.path,
        method: scenario.method,
        body: scenario.body,
        headers: { 'content-type': 'application/json' },
        connections,
        duration: seconds,
      });
      const failed = result.non2xx + result.errors + result.timeouts;
      rates.push(result.requests.average);
      p50s.push(result.latency.p50);
      p99s.push(result.latency.p99);
      console.log(
        `${scenario.name} run ${run}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failed} failed of ${result.requests.total}`,
      );
    }
    console.log(
      `${scenario.name}: median ${median(rates).toFixed(0)} req/s, p50 ${median(p50s)} ms, p99 ${median(p99s)} ms`,
    );
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
