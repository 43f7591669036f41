import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { appendRun, readRunsPage } from '../../src/records/run-log.ts';

describe('runs.jsonl appends', () => {
  it('start a new line after a torn last line, so the next record is not lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-log-'));
    try {
      const path = join(dir, 'runs.jsonl');
      await appendRun(path, { id: 'a' });
      writeFileSync(path, `${readFileSync(path, 'utf8')}{"id": "torn`);
      await appendRun(path, { id: 'b' });
      assert.deepEqual((await readRunsPage(path, { limit: 10, accept: (raw) => raw })).runs, [
        { id: 'b' },
        { id: 'a' },
      ]);
      assert.equal(readFileSync(path, 'utf8'), '{"id":"a"}\n{"id": "torn\n{"id":"b"}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
