/**
 * The schedule's watchdog (in `npm start` and `npm run schedule`, beside the schedule): every minute,
 * `schedule_stopped` holds when no cycle completed (no run record appended) for two periods of
 * schedule.cron (the gap between its next two ticks), counting from the last record, or from the
 * schedule's start before any. It catches a cycle that hangs and a schedule that stopped ticking; a
 * process that died alerts nobody from inside (watch /metrics' last-run gauges from outside for that).
 */
import type { Config } from '../config.ts';
import { dashboardLink } from './links.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { readLastRuns } from '../records/run-log.ts';
import { raiseAlerts } from './raise.ts';

/** Judges the schedule at `now`: `periodMs` between ticks, `startedAt` when the schedule started (ms). */
export async function watchSchedule(
  config: Config,
  schedule: { periodMs: number; startedAt: number },
  now = new Date(),
): Promise<void> {
  const [last] = await readLastRuns(outputFolderLayout(config.output_folder_path).runs, 1);
  const since = last ? Date.parse(last.finished_at) : schedule.startedAt;
  const minutes = Math.floor((now.getTime() - since) / 60_000);
  const late = now.getTime() - since > 2 * schedule.periodMs;
  const finding = {
    kind: 'schedule_stopped' as const,
    subject: 'schedule',
    summary: `no cycle completed for ${minutes} minutes (schedule '${config.schedule.cron}', ${Math.round(schedule.periodMs / 60_000)} minutes apart)${last ? `; the last was ${last.id}` : ''}`,
    numbers: { minutes_since_last_cycle: minutes, period_minutes: schedule.periodMs / 60_000 },
    links: dashboardLink(config),
  };
  await raiseAlerts(
    config,
    { judged: new Set(['schedule_stopped']), holding: late ? [finding] : [], events: [], links: {} },
    now,
  );
}
