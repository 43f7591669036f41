/**
 * Deploys and rollbacks take turns: each holds `<production folder>/deploy.lock` (the process lock
 * mechanism, see data/file-lock.ts) from its decision to its history record. Without it, a `npm run
 * rollback` during a cycle's deployment could switch `current` in one order and write the history in
 * the other, so the history would no longer end with the live version. A switch takes milliseconds, so
 * a waiter polls for up to 10 seconds before giving up with LockedError.
 */
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { deploymentLayout } from './layout.ts';
import { acquireLock, LockedError, type HeldLock } from '../data/file-lock.ts';

/** Runs `work` holding the production folder's switch lock. */
export async function withSwitchLock<T>(prodPath: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  await mkdir(prodPath, { recursive: true });
  const deadline = Date.now() + waitMs;
  let lock: HeldLock | null = null;
  while (lock === null) {
    try {
      lock = await acquireLock(deploymentLayout(prodPath).lock);
    } catch (error) {
      if (!(error instanceof LockedError) || Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
