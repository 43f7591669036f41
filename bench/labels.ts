/**
 * Benchmark: POST /labels with 10,000 labels a request against the compiled server (`npm start`'s, on
 * a temporary deployment of the seed model), whose label store already holds `--stored` labels
 * (default 1,000,000, written straight into labels/labels.tsv beforehand). The first request also
 * reads the stored labels into the server's index; the next `--runs` requests post new labels, then
 * the same number post labels already stored (all duplicates). Prints each request's time and the
 * medians, and the server's peak RSS.
 * Usage: npm run bench -- labels [--stored N] [--runs N]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS_FILE } from '../src/labels/file-label-store.ts';
import { labelLine } from '../src/labels/label-line.ts';
import { outputFolderLayout } from '../src/records/output-layout.ts';
import { compiledCommand, ensureCompiled, listeningUrl } from './lib-compiled.ts';
import { numberOption } from './lib-dataset-files.ts';
import { deployedProject, ROOT } from './lib-deployed-project.ts';
import { median } from './lib-measure.ts';

const stored = numberOption('stored', 1_000_000);
const runs = numberOption('runs', 5);
const PER_REQUEST = 10_000;
const DAY = 86_400_000;
const firstDay = Date.UTC(2027, 0, 1);

ensureCompiled();
const { configFile, config } = await deployedProject('labels');
const folder = outputFolderLayout(config.output_folder_path).labels;
mkdirSync(folder, { recursive: true });
const lines: string[] = [];
for (let i = 0; i < stored; i++)
  lines.push(
    labelLine(
      { id: `corp-${i % 100_000}`, exited: i % 7 === 0 ? 1 : 0, observedAt: firstDay + Math.floor(i / 100_000) * DAY },
      0,
      'bench',
    ),
  );
writeFileSync(join(folder, LABELS_FILE), lines.join(''), { mode: 0o600 });

const child = spawn(process.execPath, compiledCommand('server', ['--config', configFile, '--no-schedule']), {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const url = await listeningUrl(child);

/** Request `k`'s labels: new ids (`fresh`) or the first stored ones again. */
function body(k: number, fresh: boolean): string {
  const labels = Array.from({ length: PER_REQUEST }, (_, i) =>
    fresh
      ? { id: `new-${k}-${i}`, exited: i % 5 === 0 ? 1 : 0, observed_at: '2027-06-01T00:00:00Z' }
      : { id: `corp-${i}`, exited: i % 7 === 0 ? 1 : 0, observed_at: new Date(firstDay).toISOString() },
  );
  return JSON.stringify({ labels });
}

/** Posts `text`; the time to the whole answer (ms) and the answer. */
async function post(text: string): Promise<{ ms: number; answer: { stored: number; duplicates: number } }> {
  const start = performance.now();
  const response = await fetch(`${url}/labels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
  });
  const answer = (await response.json()) as { stored: number; duplicates: number };
  if (response.status !== 200) throw new Error(`POST /labels: ${response.status} ${JSON.stringify(answer)}`);
  return { ms: performance.now() - start, answer };
}

try {
  console.log(
    `label store: ${stored.toLocaleString('en')} labels; ${PER_REQUEST.toLocaleString('en')} labels a request (${(body(0, true).length / 1024).toFixed(0)} kB)`,
  );
  const first = await post(body(0, true));
  console.log(
    `first request, right after start (waits while the server reads the stored labels): ${first.ms.toFixed(0)} ms, ${first.answer.stored} stored`,
  );
  for (const fresh of [true, false]) {
    const times: number[] = [];
    for (let k = 1; k <= runs; k++) {
      const { ms, answer } = await post(body(k, fresh));
      times.push(ms);
      console.log(
        `  ${fresh ? 'new' : 'duplicate'} labels, request ${k}: ${ms.toFixed(0)} ms (${answer.stored} stored, ${answer.duplicates} duplicates)`,
      );
    }
    console.log(
      `POST /labels, ${PER_REQUEST} ${fresh ? 'new' : 'duplicate'} labels: median ${median(times).toFixed(0)} ms over ${runs} requests`,
    );
  }
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  console.log(`server peak RSS ${Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024)} MB`);
} finally {
  child.kill();
}
