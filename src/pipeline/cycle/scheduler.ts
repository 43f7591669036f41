/**
 * The schedule: node-cron runs one monitoring cycle per tick of `schedule.cron` (default every 10
 * minutes). A tick that finds the previous cycle still running is skipped (node-cron's noOverlap, and
 * the run lock for cycles started elsewhere); a failing cycle is logged and the next tick runs anyway.
 * A watchdog raises `schedule_stopped` when no cycle completes for two periods.
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../../config.ts';
import { describeError } from '../../errors.ts';
import { log } from '../../log.ts';
import { runCycle, type CycleOptions } from './fullprocess.ts';
import { LockedError } from '../../data/file-lock.ts';
import { watchSchedule } from '../../alerts/schedule-watchdog.ts';

/** How often the watchdog looks for the last completed cycle (alerts/schedule-watchdog.ts). */
const WATCHDOG_INTERVAL_MS = 60_000;

/** A running schedule. */
export interface Schedule {
  /** The next time a cycle is due. */
  nextRun: () => Date | null;
  /** Stops ticking and waits for a cycle in progress to finish. */
  stop: () => Promise<void>;
}

/** Runs one cycle and logs its outcome; never throws (a failure must not stop the schedule). */
export async function runLoggedCycle(config: Config, options: CycleOptions): Promise<void> {
  const logger = log.child({ component: 'schedule' });
  try {
    const { record } = await runCycle(config, options);
    logger.info({ run_id: record.id, outcome: record.outcome }, `scheduled cycle ${record.id}: ${record.summary}`);
  } catch (error) {
    if (error instanceof LockedError) logger.warn(`scheduled cycle skipped: ${error.message}`);
    else logger.error({ err: error }, `scheduled cycle failed: ${describeError(error)}`);
  }
}

/** Starts the schedule from config.schedule.cron. */
export function startSchedule(config: Config, options: Omit<CycleOptions, 'trigger'> = {}): Schedule {
  let running: Promise<void> | null = null;
  const startedAt = Date.now();
  const task: ScheduledTask = schedule(
    config.schedule.cron,
    async () => {
      running = runLoggedCycle(config, { ...options, trigger: 'schedule' });
      await running;
      running = null;
    },
    { name: 'attrition-monitor cycle', noOverlap: true },
  );
  log
    .child({ component: 'schedule' })
    .info(
      { cron: config.schedule.cron, next: task.getNextRun()?.toISOString() },
      `schedule started: ${config.schedule.cron}`,
    );
  const watchdog = setInterval(() => {
    const [next, after] = task.getNextRuns(2);
    if (!next || !after) return;
    watchSchedule(config, { periodMs: after.getTime() - next.getTime(), startedAt }).catch((error: unknown) =>
      log.child({ component: 'schedule' }).warn({ err: error }, `schedule watchdog: ${describeError(error)}`),
    );
  }, WATCHDOG_INTERVAL_MS);
  watchdog.unref();
  return {
    nextRun: () => task.getNextRun(),
    stop: async () => {
      clearInterval(watchdog);
      await task.destroy();
      if (running) await running;
    },
  };
}
