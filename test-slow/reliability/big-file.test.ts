/**
 * A 200 MB CSV dropped into the input folder: the cycle (a child process) ingests it, or fails with a
 * clear message; either way the live deployment stays whole, and the process's peak RSS (sampled from
 * /proc every 100 ms) stays under 4 GB. Measured: about 3 GB, during ingestion, growing with the rows
 * (DuckDB's in-memory table and its default memory limit of 80% of RAM); the bound guards against a
 * regression, it is not a target (see the README's Reliability section).
 */
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { makeTempProject } from '../../test/helpers/temp-project.ts';
import { runCycleProcess } from '../../test/reliability/helpers/cycle-process.ts';
import { batchCsv, CSV_HEADER } from '../../test/reliability/helpers/data-files.ts';
import { assertLiveWhole, assertOutputsWhole, readRuns } from '../../test/reliability/helpers/invariants.ts';
import { mb } from '../../test/reliability/helpers/process-stats.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';

const PEAK_RSS_LIMIT = 4 * 1024 ** 3;

/** Writes about `bytes` of valid rows (blocks of generated rows, each block with its own names). */
function writeBigCsv(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  let written = writeSync(fd, CSV_HEADER);
  let block = 0;
  while (written < bytes) {
    const rows = batchCsv(block++, 20_000, 1 + (block % 3)).slice(CSV_HEADER.length);
    written += writeSync(fd, rows);
  }
  closeSync(fd);
  return written;
}

it('a 200 MB file: ingested (or a clear failure), the deployment whole, peak RSS bounded', async () => {
  const project = makeTempProject({
    config: { input_folder_path: 'input', deploy_policy: 'always' },
    files: { 'input/a.csv': batchCsv(1, 300) },
  });
  after(() => project.cleanup());
  assert.equal((await runCycle(project.config)).record.outcome, 'bootstrap');
  const bytes = writeBigCsv(join(project.config.input_folder_path, 'big.csv'), 200 * 1024 * 1024);
  let peak = 0;
  const started = Date.now();
  const exit = await runCycleProcess(project.configFile, undefined, 600_000, (rss) => (peak = Math.max(peak, rss)));
  const last = readRuns(project.config).at(-1)!;
  console.log(
    JSON.stringify({
      file_mb: mb(bytes),
      exit: exit.status,
      outcome: last.outcome,
      rows: last.rows,
      seconds: (Date.now() - started) / 1000,
      peak_rss_mb: mb(peak),
    }),
  );
  assert.ok(exit.status === 0 || (exit.status === 1 && /^fullprocess: .+/m.test(exit.stderr)), exit.stderr);
  assert.ok(peak < PEAK_RSS_LIMIT, `peak RSS ${mb(peak)} MB`);
  assertOutputsWhole(project.config);
  await assertLiveWhole(project.config);
});
