/**
 * Benchmark: how long GET /health takes while the API is flooded with the most expensive refusal a
 * client can ask for: 20 connections (autocannon) posting, for 10 s, a body just under the 1 MB limit
 * of empty records (`{"records":[{},{},...]}`, ~349,000 of them, refused by their count before any is
 * validated). A separate client, on its own thread, sends GET /health every 10 ms and times each
 * answer; first without the flood (baseline), then during it. Starts `npm
 * start`'s server (the compiled command, no schedule, request logs on, to a pipe) on a temporary
 * deployment of the seed model. Prints per run the /health p50/p99 and the flood's answers, then medians.
 * `--records N` posts N empty records instead (10,000: the most a request may carry, each refused by
 * the first record's validation).
 * Usage: npm run bench -- api-flood [--runs N] [--seconds S] [--connections C] [--records N]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { numberOption } from './lib-dataset-files.ts';
import { deployedProject, ROOT } from './lib-deployed-project.ts';
import { median } from './lib-measure.ts';
import { compiledCommand, ensureCompiled, listeningUrl } from './lib-compiled.ts';

const runs = numberOption('runs', 3);
const seconds = numberOption('seconds', 10);
const connections = numberOption('connections', 20);
const floodRecords = numberOption('records', 0);
const BODY_LIMIT = 1024 * 1024;

/** `{"records":[{},...]}` of `count` records (0: as many as fit the body limit), and how many it holds. */
function floodBody(count: number): { body: string; records: number } {
  const records = count || Math.floor((BODY_LIMIT - '{"records":[]}'.length + 1) / 3); // 3 bytes a record, one comma less
  return { body: `{"records":[${'{},'.repeat(records - 1)}{}]}`, records };
}

/**
 * The /health client, on a worker thread so the flood's client does not delay its timings. It sends a
 * request every 10 ms whatever the answers (an open loop, as wrk2: a stalled server shows in every
 * request sent meanwhile, not as one slow sample), over keep-alive connections, and times each.
 */
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true });
const get = () => new Promise((resolve, reject) => {
  http.get(workerData.url + '/health', { agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', reject);
});
(async () => {
  const latencies = [];
  const statuses = {};
  const sent = [];
  for (const end = Date.now() + workerData.ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    const start = performance.now();
    sent.push(get().then((status) => {
      latencies.push(performance.now() - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }));
  }
  await Promise.all(sent);
  agent.destroy();
  parentPort.postMessage({ latencies, statuses });
})();
`;

/** Asks for /health for `ms` milliseconds; each answer's latency (ms) and the statuses seen. */
function probeHealth(url: string, ms: number): Promise<{ latencies: number[]; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROBE, { eval: true, workerData: { url, ms } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The q-quantile (0..1) of some latencies, nearest rank. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

ensureCompiled();
const { dir, configFile } = await deployedProject('api-flood');
const server = spawn(process.execPath, compiledCommand('server', ['--config', configFile, '--no-schedule']), {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
try {
  const url = await listeningUrl(server);
  const { body, records } = floodBody(floodRecords);
  console.log(
    `${connections} connections posting ${body.length} bytes (${records} empty records) for ${seconds} s; /health sent every 10 ms; server ${url}`,
  );
  const results = { baseP50: [] as number[], baseP99: [] as number[], p50: [] as number[], p99: [] as number[] };
  for (let run = 1; run <= runs; run++) {
    const base = await probeHealth(url, (seconds * 1000) / 2);
    const [flood, health] = await Promise.all([
      autocannon({
        url: `${url}/prediction`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration: seconds,
      }),
      probeHealth(url, seconds * 1000),
    ]);
    results.baseP50.push(quantile(base.latencies, 0.5));
    results.baseP99.push(quantile(base.latencies, 0.99));
    results.p50.push(quantile(health.latencies, 0.5));
    results.p99.push(quantile(health.latencies, 0.99));
    console.log(
      `run ${run}: /health alone p50 ${ms(quantile(base.latencies, 0.5))} p99 ${ms(quantile(base.latencies, 0.99))} (${base.latencies.length} requests); ` +
        `under the flood p50 ${ms(quantile(health.latencies, 0.5))} p99 ${ms(quantile(health.latencies, 0.99))} max ${ms(Math.max(...health.latencies))} ` +
        `(${health.latencies.length} requests, statuses ${JSON.stringify(health.statuses)}); ` +
        `flood: ${flood.requests.average.toFixed(0)} req/s, ${flood['4xx']} 4xx, ${flood['2xx']} 2xx, ${flood['5xx']} 5xx, ${flood.errors} errors, ${flood.timeouts} timeouts`,
    );
  }
  console.log(
    `median of ${runs}: /health alone p50 ${ms(median(results.baseP50))} p99 ${ms(median(results.baseP99))}; under the flood p50 ${ms(median(results.p50))} p99 ${ms(median(results.p99))}`,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
