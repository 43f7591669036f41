/**
 * The alert files under `<output>/alerts/` (names in output-layout.ts): state.json, the conditions
 * that hold and when each was last sent; outbox.jsonl, one line per alert and channel to deliver (its
 * idempotency key and the alert); deliveries.jsonl, one line per delivery attempt.
 */
import { z } from 'zod';
import { ALERT_KIND_NAMES, SEVERITIES } from '../alerts/kinds.ts';

/** What an alert says: the event, what became of its condition, the numbers behind it and links. */
export const alertSchema = z.object({
  /** Unique per alert (a random UUID). */
  id: z.string(),
  kind: z.enum(ALERT_KIND_NAMES),
  /** What it is about: a model id, `cycle`, `input data`, a channel's name for a test. */
  subject: z.string(),
  severity: z.enum(SEVERITIES),
  /** firing: the condition started; repeat: it still holds; resolved: it cleared; event: a one-off (a deployment). */
  status: z.enum(['firing', 'repeat', 'resolved', 'event']),
  summary: z.string(),
  numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  links: z.object({
    run_id: z.string().optional(),
    drift_report: z.string().optional(),
    dashboard: z.string().optional(),
  }),
  /** When the condition started (the event's time for a one-off). */
  since: z.iso.datetime(),
  /** When this alert was decided. */
  at: z.iso.datetime(),
});
export type Alert = z.infer<typeof alertSchema>;

/** One alert to deliver to one channel; `key` (`<alert id>:<channel>`) is its idempotency key. */
export const outboxEntrySchema = z.object({ key: z.string(), channel: z.string(), alert: alertSchema });
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** One delivery attempt: delivered, to be retried at `next_at`, or failed for good. */
export const deliveryLineSchema = z.object({
  key: z.string(),
  attempt: z.number().int().positive(),
  at: z.iso.datetime(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  /** The receiver's HTTP status, null when none came (a timeout, a refused connection). */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  next_at: z.iso.datetime().nullable(),
});
export type DeliveryLine = z.infer<typeof deliveryLineSchema>;

/** A condition that holds. */
export const activeConditionSchema = z.object({
  kind: z.enum(ALERT_KIND_NAMES),
  subject: z.string(),
  severity: z.enum(SEVERITIES),
  summary: z.string(),
  since: z.iso.datetime(),
  last_sent_at: z.iso.datetime(),
});
export type ActiveCondition = z.infer<typeof activeConditionSchema>;

/** state.json: the conditions that hold, by `<kind>|<subject>`. */
export const alertStateSchema = z.object({ active: z.record(z.string(), activeConditionSchema) });
export type AlertState = z.infer<typeof alertStateSchema>;
