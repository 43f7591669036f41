/**
 * Disk and file faults, in-process: the output folder is a file, or read-only (chattr +i, which stops
 * root too; skipped where chattr is unavailable), the production folder is missing, a CSV still being
 * written (a partial last line), a file that vanishes between listing and reading (removed when
 * ingestion opens it), a symbolic link and a FIFO in the input folder (neither followed nor waited
 * on), a file with 1,000 columns and a binary file named .csv. Each gives a clear error or a reject
 * report, no data is silently dropped, and the live deployment is untouched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { appendFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startTestServer } from '../helpers/api-server.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';
import { batchCsv, CSV_HEADER } from './helpers/data-files.ts';
import { deploymentSnapshot } from './helpers/deployment-snapshot.ts';
import { assertLiveWhole, assertOutputsWhole } from './helpers/invariants.ts';

let project: TempProject;
let snapshot: string[];

beforeEach(async () => {
  project = makeTempProject({
    seed: ['testdata'],
    config: { input_folder_path: 'input' },
    files: { 'input/a.csv': batchCsv(1, 200) },
  });
  assert.equal((await runCycle(project.config)).record.outcome, 'bootstrap');
  snapshot = await deploymentSnapshot(project.config.prod_deployment_path);
});

afterEach(() => project.cleanup());

async function assertUntouched(): Promise<void> {
  assert.deepEqual(
    await deploymentSnapshot(project.config.prod_deployment_path),
    snapshot,
    'the live deployment changed',
  );
  await assertLiveWhole(project.config);
}

function rejects(): string {
  return readFileSync(join(project.config.output_folder_path, 'rejects.csv'), 'utf8');
}

describe('disk and file faults', () => {
  it('output folder is a file: a configuration error naming the key; deployment untouched', async () => {
    rmSync(project.config.output_folder_path, { recursive: true });
    writeFileSync(project.config.output_folder_path, 'not a folder');
    await assert.rejects(
      runCycle(project.config),
      /^ConfigError: output_folder_path: .*ingesteddata exists but is not a folder$/,
    );
    await assertUntouched();
  });

  it('output folder read-only (chattr +i stops root too): an error saying it is not writable; deployment untouched', async (t) => {
    const folder = project.config.output_folder_path;
    if (spawnSync('chattr', ['+i', folder]).status !== 0) {
      t.skip('chattr +i is not available here');
      return;
    }
    try {
      await assert.rejects(
        runCycle(project.config),
        /output_folder_path: the folder .*ingesteddata is not writable \(EPERM\)/,
      );
    } finally {
      spawnSync('chattr', ['-i', folder]);
    }
    await assertUntouched();
    assertOutputsWhole(project.config);
  });

  it('production folder missing: the API answers 503 (not 5xx), the next cycle redeploys', async () => {
    rmSync(project.config.prod_deployment_path, { recursive: true });
    const api = await startTestServer(project.config);
    try {
      const health = await fetch(`${api.url}/health`);
      assert.equal(health.status, 503);
      const prediction = await fetch(`${api.url}/prediction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"records":[{"corporation":"a","lastmonth_activity":1,"lastyear_activity":2,"number_of_employees":3}]}',
      });
      assert.equal(prediction.status, 503);
      assert.match(((await prediction.json()) as { error: string }).error, /no model is deployed/);
      assert.equal((await runCycle(project.config)).record.outcome, 'bootstrap');
      assert.equal((await fetch(`${api.url}/health`)).status, 200);
    } finally {
      await api.close();
    }
    await assertLiveWhole(project.config);
  });

  it('a CSV still being written: the partial last line is a reject, and the finished file is ingested next time', async () => {
    const path = join(project.config.input_folder_path, 'b.csv');
    writeFileSync(path, `${CSV_HEADER}w1,10,100,3,0\nw2,20,2`);
    const first = await runCycle(project.config);
    assert.notEqual(first.record.outcome, 'failed', first.record.summary);
    assert.match(rejects(), /^b\.csv,3,/m);
    assert.equal(first.record.rows?.rejected, 1);
    appendFileSync(path, '00,4,1\n');
    const second = await runCycle(project.config);
    assert.deepEqual(second.record.changed_files, ['b.csv']);
    assert.equal(second.record.rows?.rejected, 0);
    assert.match(readFileSync(join(project.config.output_folder_path, 'finaldata.csv'), 'utf8'), /^w2,20,200,4,1$/m);
    assertOutputsWhole(project.config);
  });

  it('a file that vanishes between listing and reading: reported as unreadable, picked up when it comes back', async () => {
    const gone = join(project.config.input_folder_path, 'gone.csv');
    writeFileSync(gone, batchCsv(2, 50));
    // removed at the moment ingestion opens it, after the folder was listed
    const open = fsPromises.open;
    fsPromises.open = ((path: Parameters<typeof open>[0], ...rest: [never]) => {
      if (String(path) === gone) rmSync(gone, { force: true });
      return open(path, ...rest);
    }) as typeof open;
    syncBuiltinESMExports();
    let first: Awaited<ReturnType<typeof runCycle>>;
    try {
      first = await runCycle(project.config);
    } finally {
      fsPromises.open = open;
      syncBuiltinESMExports();
    }
    assert.notEqual(first.record.outcome, 'failed', first.record.summary);
    assert.match(rejects(), /^gone\.csv,1,\(file\),,"file skipped: could not be read: ENOENT/m);
    writeFileSync(gone, batchCsv(2, 50));
    const second = await runCycle(project.config);
    assert.deepEqual(second.record.changed_files, ['gone.csv']);
    assert.equal(second.record.rows?.ingested, 250);
  });

  it('a symbolic link in the input folder is not followed, a FIFO is not waited on: both skipped, the rest ingested', async () => {
    const secret = join(project.dir, 'secret.csv');
    writeFileSync(secret, batchCsv(3, 20), { mode: 0o600 });
    symlinkSync(secret, join(project.config.input_folder_path, 'link.csv'));
    const fifo = spawnSync('mkfifo', [join(project.config.input_folder_path, 'pipe.csv')]);
    const started = Date.now();
    const result = await runCycle(project.config);
    assert.ok(Date.now() - started < 30_000, 'the cycle did not wait on the FIFO');
    assert.notEqual(result.record.outcome, 'failed', result.record.summary);
    assert.match(rejects(), /^link\.csv,1,\(file\),,file skipped: a symbolic link: not followed$/m);
    if (fifo.status === 0) assert.match(rejects(), /^pipe\.csv,1,\(file\),,"file skipped: not a regular file/m);
    assert.doesNotMatch(
      readFileSync(join(project.config.output_folder_path, 'finaldata.csv'), 'utf8'),
      /^c3x/m,
      'no row of the linked file',
    );
    assert.ok(!readFileSync(join(project.config.output_folder_path, 'ingestedfiles.txt'), 'utf8').includes('link.csv'));
  });

  it('a 1,000-column file is ingested (extra columns ignored); a binary .csv is skipped with a reason', async () => {
    const extra = Array.from({ length: 995 }, (_, i) => `x${i}`);
    let wide = `${[CSV_HEADER.trim(), ...extra].join(',')}\n`;
    for (let i = 0; i < 100; i++) wide += `${[`q${i}`, i, i * 10, i % 7, i % 2, ...extra.map(() => i)].join(',')}\n`;
    writeFileSync(join(project.config.input_folder_path, 'wide.csv'), wide);
    writeFileSync(
      join(project.config.input_folder_path, 'blob.csv'),
      Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + (i >> 3)) % 256)),
    );
    const result = await runCycle(project.config);
    assert.notEqual(result.record.outcome, 'failed', result.record.summary);
    assert.equal(result.record.rows?.ingested, 300);
    assert.match(rejects(), /^blob\.csv,1,\(file\),,"file skipped: binary content/m);
    assertOutputsWhole(project.config);
  });

  it('a folder named .csv and an empty input folder: clear errors, deployment untouched', async () => {
    mkdirSync(join(project.config.input_folder_path, 'dir.csv'));
    rmSync(join(project.config.input_folder_path, 'a.csv'));
    const result = await runCycle(project.config);
    assert.notEqual(result.record.outcome, 'failed', result.record.summary); // a.csv removed, nothing new
    await assertUntouched();
  });
});
