import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLock, LockedError } from '../../src/data/file-lock.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('run lock', () => {
  it('is held by one owner at a time and released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    try {
      const path = join(dir, 'fullprocess.lock');
      const held = await acquireLock(path);
      assert.equal(JSON.parse(readFileSync(path, 'utf8')).pid, process.pid);
      await assert.rejects(
        acquireLock(path),
        (error: unknown) => error instanceof LockedError && /another cycle is running \(pid \d+/.test(error.message),
      );
      await held.release();
      assert.ok(!existsSync(path));
      await (await acquireLock(path)).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a stale lock whose process is gone, and a torn lock file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    try {
      const path = join(dir, 'fullprocess.lock');
      const stale = { pid: deadPid(), proc_start: '1', host: hostname(), started_at: '2026-01-01T00:00:00.000Z' };
      writeFileSync(path, JSON.stringify(stale));
      const held = await acquireLock(path);
      assert.deepEqual(held.tookOverFrom, stale);
      assert.equal(JSON.parse(readFileSync(path, 'utf8')).pid, process.pid);
      await held.release();
      writeFileSync(path, '{"pid": 12');
      const again = await acquireLock(path);
      assert.equal(again.tookOverFrom?.pid, -1);
      await again.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a FIFO put in place of the lock instead of waiting on it', { timeout: 10_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    try {
      const path = join(dir, 'fullprocess.lock');
      execFileSync('mkfifo', [path]);
      const held = await acquireLock(path);
      assert.equal(held.tookOverFrom?.pid, -1, 'unreadable as a lock: stale');
      assert.equal(JSON.parse(readFileSync(path, 'utf8')).pid, process.pid);
      await held.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats a live pid with another start time (a reused pid) as stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    try {
      const path = join(dir, 'fullprocess.lock');
      writeFileSync(
        path,
        JSON.stringify({
          pid: process.ppid,
          proc_start: '0',
          host: hostname(),
          started_at: '2026-01-01T00:00:00.000Z',
        }),
      );
      const held = await acquireLock(path);
      assert.equal(held.tookOverFrom?.pid, process.ppid);
      await held.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over the lock of a killed process its parent has not reaped yet (a zombie)', async () => {
    // sh starts `sleep 0` in the background, prints its pid, then becomes `sleep 5`, which never reaps it
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const dir = mkdtempSync(join(tmpdir(), 'lock-test-'));
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
      );
      const stateOf = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]!.split(' ')[0];
      for (let i = 0; i < 100 && stateOf() !== 'Z'; i++) await sleep(10);
      assert.equal(stateOf(), 'Z', 'the child exited and stays unreaped');
      const start = readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
      const path = join(dir, 'fullprocess.lock');
      writeFileSync(path, JSON.stringify({ pid: zombie, proc_start: start, host: hostname(), started_at: 'then' }));
      const held = await acquireLock(path);
      assert.deepEqual(held.tookOverFrom?.pid, zombie);
      await held.release();
    } finally {
      parent.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
