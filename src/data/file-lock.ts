/**
 * An exclusive lock between processes (one monitoring cycle at a time; one deployment switch at a
 * time): a lock file holding the owner's pid, process start time and start
 * date, created atomically (link(2) of a finished temporary file, which fails when the lock exists). A
 * lock whose process is gone is stale and is taken over with a warning; the take-over itself is
 * serialised by a short-lived second lock so two processes cannot both take over the same stale lock
 * (a second lock left by a process that died while taking over is itself stale and removed). A lock is
 * read as a regular file only (a FIFO put in its place never blocks); `liveLockOwner` tells a reader
 * (/health) which live process holds it.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { link, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { tempPathFor } from './atomic-write.ts';
import { readRegularTextOrNull } from './open-regular-file.ts';

/** Another live process holds the lock: the command exits 3. */
export class LockedError extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}

/** What a lock file says about its owner. */
const lockOwnerSchema = z.object({
  pid: z.number(),
  /** The kernel's start time of the process (Linux /proc/<pid>/stat field 22), to tell pid reuse apart. */
  proc_start: z.string().nullable(),
  host: z.string(),
  started_at: z.string(),
});

export type LockOwner = z.infer<typeof lockOwnerSchema>;

/** The fields of /proc/<pid>/stat after the command name (state first), or null when unknown or gone. */
function processStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The start time of process `pid` as the kernel counts it, or null when unknown or gone. */
function processStart(pid: number): string | null {
  return processStat(pid)?.[19] ?? null;
}

/** Whether `pid` is a zombie: it exited and only waits for its parent to reap it (kill(pid, 0) still succeeds). */
function isZombie(pid: number): boolean {
  return processStat(pid)?.[0] === 'Z';
}

/** Whether the process that wrote `owner` is still running. */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's lock: we cannot tell, so respect it
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(owner.pid)) return false;
  const start = processStart(owner.pid);
  return owner.proc_start === null || start === null || start === owner.proc_start;
}

/** The owner written in the lock at `path` (null: no lock); read as a regular file only, so a FIFO there never blocks. */
async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const text = await readRegularTextOrNull(path);
    if (text === null) return null;
    const owner = lockOwnerSchema.safeParse(JSON.parse(text));
    return owner.success ? owner.data : null;
  } catch {
    return { pid: -1, proc_start: null, host: hostname(), started_at: '' }; // unreadable (locks are written whole, then linked): stale
  }
}

/** The owner of the lock at `path` while its process runs; null when there is no lock or it is stale. */
export async function liveLockOwner(path: string): Promise<LockOwner | null> {
  const owner = await readOwner(path);
  return owner && ownerAlive(owner) ? owner : null;
}

/** Creates `path` holding `content` only if it does not exist (true when created). */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temp = tempPathFor(path);
  await writeFile(temp, content);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** A held lock. */
export interface HeldLock {
  owner: LockOwner;
  /** The stale owner this lock replaced, when it was taken over. */
  tookOverFrom: LockOwner | null;
  release: () => Promise<void>;
}

/** Takes the lock at `path`, or throws LockedError naming the live owner. */
export async function acquireLock(path: string): Promise<HeldLock> {
  const owner: LockOwner = {
    pid: process.pid,
    proc_start: processStart(process.pid),
    host: hostname(),
    started_at: new Date().toISOString(),
  };
  const content = `${JSON.stringify(owner)}\n`;
  const release = async () => {
    const current = await readOwner(path);
    if (current?.pid === owner.pid && current.started_at === owner.started_at) await rm(path, { force: true });
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusive(path, content)) return { owner, tookOverFrom: null, release };
    const holder = await readOwner(path);
    if (holder === null) continue; // released meanwhile: try again
    if (ownerAlive(holder))
      throw new LockedError(`another cycle is running (pid ${holder.pid}, started ${holder.started_at}); lock ${path}`);
    const takeover = `${path}.takeover`;
    if (!(await createExclusive(takeover, content))) {
      const taker = await readOwner(takeover);
      const since = await stat(takeover).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (taker === null || !ownerAlive(taker) || since > 10_000) {
        await rm(takeover, { force: true }); // left by a process that died taking over: try again
        continue;
      }
      throw new LockedError(`another process is taking over the stale lock ${path}`);
    }
    try {
      const again = await readOwner(path);
      if (again && again.pid === holder.pid && again.started_at === holder.started_at) await rm(path, { force: true });
      if (await createExclusive(path, content)) return { owner, tookOverFrom: holder, release };
    } finally {
      await rm(takeover, { force: true });
    }
  }
  throw new LockedError(`could not take the lock ${path}`);
}

/**
 * Takes the lock at `path`, waiting while another process holds it (a few ms at a time, doubling up
 * to 50 ms) for at most `waitMs`; then the LockedError. For short holds (a store's append), not cycles.
 */
export async function acquireLockWaiting(path: string, waitMs: number): Promise<HeldLock> {
  const deadline = Date.now() + waitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      return await acquireLock(path);
    } catch (error) {
      if (!(error instanceof LockedError) || Date.now() > deadline) throw error;
    }
    await sleep(pause);
  }
}
