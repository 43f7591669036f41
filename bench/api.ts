/**
 * Benchmark: the API under load (autocannon, loopback only). Starts `npm start`'s server (the compiled
 * command, without the schedule) in a child process on a temporary deployment of the seed model, then
 * measures POST /prediction with one record, with the seed's own body (dataset_path, the test data
 * file), with 100 records (the same body, and 1,000 bodies of random records cycled so that served
 * probabilities differ), and GET /summarystats. Two servers run on the same deployment, one with the
 * prediction log on (the default) and one with it off; their runs alternate (ABBA) so a change in the
 * machine's load falls on both. Prints requests/s and p50/p99 latency per run, medians, and what the log
 * costs in requests/s: from the medians, and the median of each run's paired cost (less sensitive to a
 * load that comes and goes). With `--auth`, the two servers instead differ by access tokens: none (open, as
 * on loopback by default), and one predict token sent with every request (the /prediction scenarios);
 * it prints what checking the token costs; `--auth --header-only` gives the second server no token
 * either, so only the header's own cost (mostly the load generator's, on the same 2 cores) is left.
 * `--auth --same-server` runs both on one server whose tokens file is moved away and back between runs.
 * Usage: npm run bench -- api [--runs N] [--seconds S] [--connections C] [--auth [--header-only | --same-server]]
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createToken } from '../src/auth/token-store.ts';
import { numberOption } from './lib-dataset-files.ts';
import { seededRandom } from './lib-generate.ts';
import { deployedProject, ROOT } from './lib-deployed-project.ts';
import { median } from './lib-measure.ts';
import { compiledCommand, ensureCompiled, listeningUrl } from './lib-compiled.ts';

const runs = numberOption('runs', 3);
const seconds = numberOption('seconds', 10);
const connections = numberOption('connections', 10);

ensureCompiled();
const { dir, configFile } = await deployedProject('api');

const auth = process.argv.includes('--auth');
/** With --auth: the second server has no token either (the client still sends one): what the header alone costs. */
const headerOnly = auth && process.argv.includes('--header-only');
/**
 * With --auth: one server for both, its tokens file moved away for the runs without a token (the
 * server then has none: open, on loopback) and back for the runs with one (it rereads the file within
 * a second), so the two variants differ by the token check alone, not by which process serves them.
 */
const sameServer = auth && process.argv.includes('--same-server');
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const variantConfig = configFile.replace(/\.json$/, auth ? '-token.json' : '-log-off.json');
const tokensFile = configFile.replace(/\.json$/, '-tokens.json');
writeFileSync(
  variantConfig,
  JSON.stringify(
    auth
      ? { ...config, server: { ...config.server, tokens_file: headerOnly ? `${tokensFile}.none` : tokensFile } }
      : { ...config, prediction_log: { enabled: false } },
  ),
);
const token = auth ? await createToken(tokensFile, 'bench', 'predict') : '';
/** The two servers compared: `base` without the feature measured, `with` with it. */
const names = auth ? { base: 'no token', with: 'predict token' } : { base: 'log off', with: 'log on' };

/** Starts the compiled server on `config`; its process and URL. */
async function startServer(config: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, compiledCommand('server', ['--config', config, '--no-schedule']), {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { process: child, url: await listeningUrl(child) };
}

async function startServers() {
  if (sameServer) {
    const server = await startServer(variantConfig);
    return { base: server, with: server };
  }
  return auth
    ? { base: await startServer(configFile), with: await startServer(variantConfig) }
    : { base: await startServer(variantConfig), with: await startServer(configFile) };
}
const servers = await startServers();

/** With --same-server: puts the tokens file in place (or moves it away) and waits until the server has seen it. */
async function tokensFor(variant: 'base' | 'with'): Promise<void> {
  if (!sameServer) return;
  const on = variant === 'with';
  if (existsSync(on ? `${tokensFile}.off` : tokensFile))
    renameSync(on ? `${tokensFile}.off` : tokensFile, on ? tokensFile : `${tokensFile}.off`);
  for (let tries = 0; tries < 100; tries++) {
    const status = (await fetch(`${servers.base.url}/runs`)).status;
    if (status === (on ? 401 : 200)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not take the tokens file ${on ? 'in' : 'away'}`);
}
const headersOf = (variant: 'base' | 'with'): Record<string, string> => ({
  'content-type': 'application/json',
  ...(variant === 'with' && auth ? { authorization: `Bearer ${token}` } : {}),
});

const record = { lastmonth_activity: 234, lastyear_activity: 3, number_of_employees: 10 };

/**
 * `count` request bodies of `size` records drawn at random (seeded), so that nearly every served
 * probability differs: the same few values again and again would be turned into text from V8's cache
 * (21 ns a double against ~240 ns for a new one), and make the log look cheaper than on real traffic.
 */
function distinctBodies(count: number, size: number): string[] {
  const random = seededRandom(7);
  const draw = (scale: number) => Math.floor(random() * scale);
  return Array.from({ length: count }, () =>
    JSON.stringify({
      records: Array.from({ length: size }, () => ({
        lastmonth_activity: draw(5000),
        lastyear_activity: draw(50_000),
        number_of_employees: 1 + draw(2000),
      })),
    }),
  );
}
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
  {
    name: 'POST /prediction, 100 records, every request different',
    method: 'POST' as const,
    path: '/prediction',
    body: undefined,
    bodies: distinctBodies(1000, 100),
  },
  { name: 'GET /summarystats', method: 'GET' as const, path: '/summarystats', body: undefined },
];

/** One autocannon run of `scenario` against the `variant` server (each connection cycling through `bodies` when given). */
async function load(variant: 'base' | 'with', scenario: (typeof scenarios)[number], duration: number) {
  await tokensFor(variant);
  const bodies = 'bodies' in scenario ? scenario.bodies : undefined;
  const headers = headersOf(variant);
  return autocannon({
    url: servers[variant].url + scenario.path,
    method: scenario.method,
    body: scenario.body,
    ...(bodies
      ? { requests: bodies.map((body) => ({ method: scenario.method, path: scenario.path, body, headers })) }
      : {}),
    headers,
    connections,
    duration,
  });
}

try {
  console.log(
    `${connections} connections, ${seconds} s per run, ${runs} runs per server (request logs on, to /dev/null); ${names.base}: ${servers.base.url}, ${names.with}: ${servers.with.url}`,
  );
  for (const scenario of scenarios.filter((s) => !auth || s.path === '/prediction')) {
    const rates = { base: [] as number[], with: [] as number[] };
    const p99s = { base: [] as number[], with: [] as number[] };
    for (const variant of ['base', 'with'] as const) await load(variant, scenario, 2);
    const pairedCosts: number[] = [];
    for (let run = 1; run <= runs; run++) {
      // ABBA order, so a drift of the machine's speed during the runs weighs on both servers alike
      for (const variant of run % 2 === 1 ? (['base', 'with'] as const) : (['with', 'base'] as const)) {
        const result = await load(variant, scenario, seconds);
        const failed = result.non2xx + result.errors + result.timeouts;
        rates[variant].push(result.requests.average);
        p99s[variant].push(result.latency.p99);
        console.log(
          `${scenario.name}, ${names[variant]}, run ${run}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failed} failed of ${result.requests.total}`,
        );
      }
      pairedCosts.push((1 - rates.with.at(-1)! / rates.base.at(-1)!) * 100);
    }
    const [base, withIt] = [median(rates.base), median(rates.with)];
    console.log(
      `${scenario.name}: median ${names.base} ${base.toFixed(0)} req/s (p99 ${median(p99s.base)} ms), ${names.with} ${withIt.toFixed(0)} req/s (p99 ${median(p99s.with)} ms): ${auth ? 'the token check' : 'the log'} costs ${(((base - withIt) / base) * 100).toFixed(1)} % (median of the runs' paired costs ${median(pairedCosts).toFixed(1)} %)`,
    );
  }
} finally {
  servers.base.process.kill('SIGTERM');
  servers.with.process.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
