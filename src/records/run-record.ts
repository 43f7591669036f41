/**
 * The record one monitoring cycle leaves in runs.jsonl: when it ran, each step with its duration and
 * outcome, the decisions with the numbers behind them, and errors. The zod schema reads records back
 * (history, dashboard); fields it does not know are dropped on reading.
 */
import { z } from 'zod';

export const stepRecordSchema = z.object({
  name: z.string(),
  started_at: z.string(),
  duration_ms: z.number(),
  outcome: z.enum(['ok', 'failed', 'skipped']),
  detail: z.string().optional(),
});

export const runOutcomes = ['bootstrap', 'no_new_data', 'no_drift', 'deployed', 'not_deployed', 'failed'] as const;

export const runRecordSchema = z.object({
  id: z.string(),
  started_at: z.string(),
  finished_at: z.string(),
  duration_ms: z.number(),
  outcome: z.enum(runOutcomes),
  summary: z.string(),
  trigger: z.enum(['manual', 'schedule', 'start', 'api']),
  new_files: z.array(z.string()),
  changed_files: z.array(z.string()),
  rows: z.object({ read: z.number(), rejected: z.number(), ingested: z.number() }).nullable(),
  live_model_before: z.string().nullable(),
  live_model_after: z.string().nullable(),
  steps: z.array(stepRecordSchema),
  decisions: z.object({
    model_drift: z
      .object({
        test: z.string(),
        f1_new: z.number(),
        f1_recorded: z.number(),
        threshold: z.number(),
        drifted: z.boolean(),
        history: z.number(),
        note: z.string().optional(),
      })
      .optional(),
    realized_drift: z
      .object({
        model_id: z.string(),
        chunk_start: z.string().nullable(),
        realized_f1: z.number().nullable(),
        f1_lower: z.number().nullable(),
        labelled_rows: z.number(),
        drifted: z.boolean(),
        note: z.string().optional(),
      })
      .optional(),
    data_drift: z
      .object({
        share_drifted: z.number(),
        drift_share: z.number(),
        dataset_drift: z.boolean(),
        columns: z.record(
          z.string(),
          z.object({ test: z.string(), score: z.number(), threshold: z.number(), drifted: z.boolean() }),
        ),
      })
      .optional(),
    retrain: z.object({ retrain: z.boolean(), because: z.array(z.string()) }).optional(),
    deploy: z
      .object({
        policy: z.string(),
        challenger_id: z.string(),
        challenger_f1: z.number(),
        champion_id: z.string().nullable(),
        champion_f1: z.number().nullable(),
        deployed: z.boolean(),
        reason: z.string(),
      })
      .optional(),
  }),
  drift_report: z.string().nullable(),
  /** The labels step: labels files read and what became of their labels (absent in older records, or when it failed). */
  labels: z
    .object({
      files: z.number().int().nonnegative(),
      stored: z.number().int().nonnegative(),
      duplicates: z.number().int().nonnegative(),
      conflicts: z.number().int().nonnegative(),
      rows_rejected: z.number().int().nonnegative(),
    })
    .optional(),
  /** The labelled production rows the challenger was trained on (training.include_labelled_production; absent otherwise). */
  labelled_production: z
    .object({
      rows: z.number(),
      batch_rows: z.number(),
      duplicates_dropped: z.number(),
      from: z.string(),
      to: z.string(),
    })
    .optional(),
  /** The cycle's production-monitoring pass (absent in records of older cycles, or when it failed). */
  monitoring: z
    .object({
      chunks: z.number().int().nonnegative(),
      rows: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      alerts: z.number().int().nonnegative(),
      latest: z
        .object({ start: z.string(), model_id: z.string(), estimated_f1: z.number().nullable(), alert: z.boolean() })
        .nullable(),
      /** The newest chunk with realized metrics (enough labelled rows); absent in records of older cycles. */
      latest_realized: z
        .object({
          start: z.string(),
          model_id: z.string(),
          realized_f1: z.number().nullable(),
          labelled_rows: z.number().int().nonnegative(),
          alert: z.boolean(),
        })
        .nullable()
        .optional(),
    })
    .optional(),
  error: z.string().nullable(),
});

export type StepRecord = z.infer<typeof stepRecordSchema>;
export type RunOutcome = (typeof runOutcomes)[number];
export type RunRecord = z.infer<typeof runRecordSchema>;
export type RunDecisions = RunRecord['decisions'];
export type RunMonitoring = NonNullable<RunRecord['monitoring']>;
export type RunLabels = NonNullable<RunRecord['labels']>;
