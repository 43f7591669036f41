import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('never appends through a link planted at runs.jsonl, nor into a FIFO', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-log-'));
    try {
      const victim = join(dir, 'victim.txt');
      writeFileSync(victim, 'untouched\n');
      const path = join(dir, 'runs.jsonl');
      symlinkSync(victim, path);
      await assert.rejects(appendRun(path, { id: 'a' }), /runs\.jsonl: a symbolic link, not followed/);
      assert.equal(readFileSync(victim, 'utf8'), 'untouched\n');
      const fifo = join(dir, 'fifo.jsonl');
      execFileSync('mkfifo', [fifo]);
      await assert.rejects(appendRun(fifo, { id: 'a' }), /fifo\.jsonl: not a regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
