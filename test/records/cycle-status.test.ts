/**
 * What /health and /metrics say about a running cycle: the run lock of a live process, with the step
 * the progress file names when it was written under that same lock; what a dead or earlier cycle left
 * is never reported as running, and a FIFO in place of either file is not waited on.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireLock } from '../../src/data/file-lock.ts';
import { cycleProgressWriter } from '../../src/records/cycle-progress-file.ts';
import { readCycleStatus } from '../../src/records/cycle-status.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Runs `test` with the lock and progress paths of a fresh folder. */
async function inFolder(test: (paths: { lock: string; progress: string }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cycle-status-'));
  try {
    await test({ lock: join(dir, 'fullprocess.lock'), progress: join(dir, 'fullprocess.progress.json') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const step = {
  step: 'ingestion',
  step_started_at: '2026-01-01T00:00:00.000Z',
  step_deadline_at: '2026-01-01T01:00:00.000Z',
};
const duringStep = Date.parse('2026-01-01T00:30:00.000Z');
const afterDeadline = Date.parse('2026-01-01T01:00:01.000Z');

describe('the running cycle, as reported', () => {
  it('no lock: not running', async () => {
    await inFolder(async (paths) => {
      assert.deepEqual(await readCycleStatus(paths, duringStep), { running: false, overdue: false });
    });
  });

  it('a live lock with its step: running, overdue once the step is past its deadline', async () => {
    await inFolder(async (paths) => {
      const lock = await acquireLock(paths.lock);
      try {
        await cycleProgressWriter(paths.progress, lock.owner)(step);
        const running = { running: true, started_at: lock.owner.started_at, ...step };
        assert.deepEqual(await readCycleStatus(paths, duringStep), { ...running, overdue: false });
        assert.deepEqual(await readCycleStatus(paths, afterDeadline), { ...running, overdue: true });
      } finally {
        await lock.release();
      }
      assert.deepEqual(await readCycleStatus(paths, afterDeadline), { running: false, overdue: false });
    });
  });

  it("a dead owner's lock and progress: not running", async () => {
    await inFolder(async (paths) => {
      const owner = { pid: deadPid(), proc_start: null, host: hostname(), started_at: '2026-01-01T00:00:00.000Z' };
      writeFileSync(paths.lock, JSON.stringify(owner));
      await cycleProgressWriter(paths.progress, owner)(step);
      assert.deepEqual(await readCycleStatus(paths, afterDeadline), { running: false, overdue: false });
    });
  });

  it("an earlier cycle's progress under a new lock of the same process: running, step unknown", async () => {
    await inFolder(async (paths) => {
      const earlier = await acquireLock(paths.lock);
      await cycleProgressWriter(paths.progress, earlier.owner)(step);
      await earlier.release();
      await new Promise((resolve) => setTimeout(resolve, 2)); // a later start date for the next lock
      const lock = await acquireLock(paths.lock);
      try {
        assert.deepEqual(await readCycleStatus(paths, afterDeadline), {
          running: true,
          started_at: lock.owner.started_at,
          overdue: false,
        });
      } finally {
        await lock.release();
      }
    });
  });

  it('a FIFO in place of the lock or the progress file is not waited on', async () => {
    await inFolder(async (paths) => {
      execFileSync('mkfifo', [paths.progress]);
      const lock = await acquireLock(paths.lock);
      try {
        assert.deepEqual(await readCycleStatus(paths, afterDeadline), {
          running: true,
          started_at: lock.owner.started_at,
          overdue: false,
        });
      } finally {
        await lock.release();
      }
      execFileSync('mkfifo', [paths.lock]);
      assert.deepEqual(await readCycleStatus(paths, afterDeadline), { running: false, overdue: false });
    });
  });
});
