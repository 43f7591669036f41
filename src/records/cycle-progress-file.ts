/**
 * The running cycle's progress (`fullprocess.progress.json`, beside the run lock): the step that runs,
 * when it started and when its deadline passes, with the lock it was written under. The cycle writes it
 * whole (atomically) as each step starts; it is never removed, because it counts only together with a
 * live lock of the same owner (records/cycle-status.ts): what a finished or dead cycle left is ignored.
 */
import { z } from 'zod';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import type { LockOwner } from '../data/file-lock.ts';
import { readRegularTextOrNull } from '../data/open-regular-file.ts';

const cycleProgressSchema = z.object({
  /** The lock's owner: its pid and the start date written in the lock. */
  pid: z.number(),
  lock_started_at: z.string(),
  step: z.string(),
  step_started_at: z.string(),
  step_deadline_at: z.string(),
});

export type CycleProgress = z.infer<typeof cycleProgressSchema>;

/** A step as it starts: its name, start and deadline (ISO dates). */
export type StepStart = Pick<CycleProgress, 'step' | 'step_started_at' | 'step_deadline_at'>;

/** Records, for the cycle holding the lock as `owner`, each step as it starts in the progress file at `path`. */
export function cycleProgressWriter(path: string, owner: LockOwner): (start: StepStart) => Promise<void> {
  return (start) => writeJsonAtomic(path, { pid: owner.pid, lock_started_at: owner.started_at, ...start });
}

/** The progress file at `path`; null when absent, not a regular file or not a progress record. */
export async function readCycleProgress(path: string): Promise<CycleProgress | null> {
  try {
    const text = await readRegularTextOrNull(path);
    if (text === null) return null;
    const progress = cycleProgressSchema.safeParse(JSON.parse(text));
    return progress.success ? progress.data : null;
  } catch {
    return null;
  }
}
