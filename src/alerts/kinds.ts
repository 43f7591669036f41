/**
 * The kinds of alert events and their severities: what config.json's `alerts.rules` may name (the
 * config validates against this list) and what every alert carries.
 */

/** Every kind of event the cycle raises, with its severity. */
export const ALERT_KINDS = {
  /** A cycle failed (its error is in the run record). */
  cycle_failed: 'critical',
  /** The new batch drifted from the previous data (the dataset verdict). */
  dataset_drift: 'warning',
  /** The live model's F1 on the new batch, or the realized F1 of its newest labelled chunk, fell below its threshold. */
  model_drift: 'warning',
  /** A retrained challenger was not deployed (its test F1 was below the champion's). */
  challenger_refused: 'warning',
  /** A model was deployed (bootstrap, challenger, or `npm run deploy`). */
  model_deployed: 'info',
  /** The live model was rolled back to the version live before it (`npm run rollback`). */
  rollback: 'warning',
  /** The estimated F1 of the newest complete chunk left its thresholds (production monitoring). */
  estimated_f1_out_of_thresholds: 'warning',
  /** The realized F1 of the newest labelled chunk left its thresholds. */
  realized_f1_out_of_thresholds: 'critical',
  /** No new data arrived in the input folder for alerts.stale_after_hours (judged by each cycle). */
  no_new_data: 'warning',
  /** No cycle completed for two periods of schedule.cron (the schedule, or a cycle, is stuck). */
  schedule_stopped: 'critical',
  /** A test alert sent on request (`npm run alerts -- test CHANNEL`). */
  test: 'info',
} as const;

export type AlertKind = keyof typeof ALERT_KINDS;
export const ALERT_KIND_NAMES = Object.keys(ALERT_KINDS) as AlertKind[];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Whether `severity` is at least `minimum`. */
export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}
