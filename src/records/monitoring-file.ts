/**
 * monitoring.json: the latest production-monitoring result, written by `npm run monitor` and by every
 * cycle, served by GET /monitoring. One record per chunk of the prediction log (newest first) with its
 * CBPE estimate, thresholds, alert, data drift and prediction drift. Numbers that are undefined for a
 * chunk (an F1 without predicted positives, say) are null. The zod schema is the API's contract too.
 */
import { z } from 'zod';

const ratio = z.number().min(0).max(1);
const nullableRatio = ratio.nullable();

const verdictSchema = z.object({
  test: z.string(),
  score: z.number().nullable(),
  threshold: z.number(),
  drifted: z.boolean(),
});

export const monitoringChunkSchema = z
  .object({
    start: z.iso.datetime().meta({ description: 'first moment of the chunk (UTC); a size chunk: its first entry' }),
    end: z.iso
      .datetime()
      .meta({ description: 'end of the chunk, exclusive for a period; a size chunk: its last entry' }),
    partial: z.boolean().meta({ description: 'the open, newest chunk: still filling' }),
    model_id: z.string(),
    rows: z.number().int().nonnegative(),
    reference: z.enum(['ok', 'missing']).meta({
      description: "'missing': the version was deployed without a monitoring reference (no estimate, no drift)",
    }),
    estimated: z
      .object({
        f1: nullableRatio,
        f1_lower: nullableRatio,
        f1_upper: nullableRatio,
        precision: nullableRatio,
        recall: nullableRatio,
        accuracy: nullableRatio,
        calibrated: z.boolean().meta({ description: 'whether the reference probabilities were calibrated (isotonic)' }),
      })
      .nullable(),
    thresholds: z.object({ f1_lower: nullableRatio, f1_upper: nullableRatio }).nullable(),
    alert: z.boolean().meta({ description: 'the estimated F1 left the thresholds' }),
    realized: z
      .object({
        f1: nullableRatio,
        precision: nullableRatio,
        recall: nullableRatio,
        accuracy: nullableRatio,
        labelled_rows: z
          .number()
          .int()
          .nonnegative()
          .meta({ description: 'rows a label covers (the join rule: README)' }),
        identified_rows: z
          .number()
          .int()
          .nonnegative()
          .meta({ description: 'rows logged with a caller id: only those can ever be labelled' }),
        coverage: ratio.meta({ description: 'labelled rows / rows' }),
      })
      // a file written before labels existed has none: read as no label
      .default({
        f1: null,
        precision: null,
        recall: null,
        accuracy: null,
        labelled_rows: 0,
        identified_rows: 0,
        coverage: 0,
      })
      .meta({
        description: 'performance on the labelled rows; the metrics are null below labels.min_rows labelled rows',
      }),
    realized_alert: z.boolean().default(false).meta({ description: 'the realized F1 left the thresholds' }),
    drift: z
      .object({
        share_drifted: ratio,
        drift_share: ratio.meta({ description: 'the share of drifted features that makes dataset drift' }),
        dataset_drift: z.boolean(),
        columns: z.record(z.string(), verdictSchema),
      })
      .nullable(),
    prediction: z.object({
      share_positive: ratio,
      reference_share_positive: nullableRatio,
      classes: verdictSchema.nullable(),
      probability: verdictSchema.nullable(),
    }),
  })
  .meta({ id: 'MonitoringChunk' });

export type MonitoringChunk = z.infer<typeof monitoringChunkSchema>;

export const monitoringFileSchema = z.object({
  computed_at: z.iso.datetime(),
  chunk: z.union([
    z.object({ period: z.enum(['day', 'week', 'month']) }),
    z.object({ size: z.number().int().positive() }),
  ]),
  log: z.object({
    rows: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative().meta({ description: 'log entries that could not be read (skipped)' }),
  }),
  labels: z
    .object({
      stored: z.number().int().nonnegative().meta({ description: 'labels in the store' }),
      unmatched: z
        .number()
        .int()
        .nonnegative()
        .meta({ description: 'labels whose id is in no logged prediction (unknown, compacted away or expired)' }),
      skipped: z.number().int().nonnegative().meta({ description: 'lines of the labels store that could not be read' }),
    })
    .default({ stored: 0, unmatched: 0, skipped: 0 })
    .meta({ description: 'the labels joined in this pass' }),
  chunks: z.array(monitoringChunkSchema).meta({ description: 'newest first' }),
});

export type MonitoringFile = z.infer<typeof monitoringFileSchema>;
