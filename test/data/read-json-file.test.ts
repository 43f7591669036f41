/**
 * Records are read without following a link and never from a FIFO (review: a link planted at
 * alerts/state.json showed a mode-600 file's first line in GET /alerts, and a FIFO there hung /alerts,
 * /metrics and the cycle, which raises alerts while it holds the run lock).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { readJsonFile } from '../../src/data/read-json-file.ts';
import { CorruptFileError } from '../../src/errors.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { getJson, startTestServer } from '../helpers/api-server.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

describe('readJsonFile', () => {
  it('refuses a link and a FIFO without reading them, and reads a regular file', async () => {
    const project = makeTempProject({ seed: [] });
    try {
      const secret = join(project.dir, 'secret.json');
      writeFileSync(secret, '{"value": "TOP-SECRET"}', { mode: 0o600 });
      const link = join(project.dir, 'link.json');
      symlinkSync(secret, link);
      const fifo = join(project.dir, 'fifo.json');
      execFileSync('mkfifo', [fifo]);
      const schema = z.object({ value: z.string() });
      assert.deepEqual(await readJsonFile(secret, schema, 'record'), { value: 'TOP-SECRET' });
      await assert.rejects(readJsonFile(link, schema, 'record'), (error: Error) => {
        assert.ok(error instanceof CorruptFileError);
        assert.match(error.message, /link\.json: record not read: a symbolic link: not followed$/);
        return true;
      });
      await assert.rejects(readJsonFile(fifo, schema, 'record'), /fifo\.json: record not read: not a regular file/);
      assert.equal(await readJsonFile(join(project.dir, 'none.json'), schema, 'record'), null);
    } finally {
      project.cleanup();
    }
  });

  it('a link or a FIFO at alerts/state.json shows nothing and hangs neither /alerts nor a cycle', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config);
      const { alerts } = outputFolderLayout(project.config.output_folder_path);
      mkdirSync(alerts.folder, { recursive: true });
      const secret = join(project.dir, 'secret.txt');
      writeFileSync(secret, 'TOP-SECRET-LINE\n', { mode: 0o600 });
      rmSync(alerts.state, { force: true });
      symlinkSync(secret, alerts.state);
      const api = await startTestServer(project.config);
      try {
        const linked = await getJson(`${api.url}/alerts`);
        assert.ok(!linked.text.includes('TOP-SECRET'), linked.text);
        rmSync(alerts.state);
        execFileSync('mkfifo', [alerts.state]);
        const fifo = await getJson(`${api.url}/alerts`);
        assert.equal(fifo.status, 500);
        assert.match(fifo.body.error, /state\.json: alert state not read: not a regular file/);
      } finally {
        await api.close();
      }
      const record = (await runCycle(project.config)).record;
      assert.equal(record.outcome, 'no_new_data', record.summary);
    } finally {
      project.cleanup();
    }
  });
});
