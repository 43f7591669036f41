/**
 * Whether a cycle is running and whether its step is past its deadline, as /health and /metrics report
 * it: the run lock says whether a live process holds it (a dead owner's lock is stale: not running), the
 * progress file, when written under that same lock, which step runs and until when it may.
 */
import { liveLockOwner } from '../data/file-lock.ts';
import { readCycleProgress } from './cycle-progress-file.ts';

/** The running cycle, if any. */
export interface CycleStatus {
  running: boolean;
  /** When the running cycle took the lock. */
  started_at?: string;
  step?: string;
  step_started_at?: string;
  step_deadline_at?: string;
  /** The running step is past its deadline (the cycle should have failed it: something is stuck). */
  overdue: boolean;
}

/** The cycle holding the lock at `paths.lock`, with its step from `paths.progress`, judged at `now` (ms). */
export async function readCycleStatus(paths: { lock: string; progress: string }, now: number): Promise<CycleStatus> {
  const owner = await liveLockOwner(paths.lock);
  if (!owner) return { running: false, overdue: false };
  const progress = await readCycleProgress(paths.progress);
  if (!progress || progress.pid !== owner.pid || progress.lock_started_at !== owner.started_at)
    return { running: true, started_at: owner.started_at, overdue: false };
  return {
    running: true,
    started_at: owner.started_at,
    step: progress.step,
    step_started_at: progress.step_started_at,
    step_deadline_at: progress.step_deadline_at,
    overdue: now > Date.parse(progress.step_deadline_at),
  };
}
