/**
 * The drift_report.json file contract: `{ reference_rows, current_rows, share_drifted, dataset_drift,
 * columns: { NAME: { test, kind, score, threshold, drifted } } }` plus a few extra fields (the report
 * without its chart distributions). The zod schema reads the file back; toDriftJson writes it.
 */
import { z } from 'zod';
import type { ColumnDrift, DriftReport } from '../drift/types.ts';

const columnJsonSchema = z.object({
  test: z.string(),
  kind: z.enum(['p_value', 'distance']),
  score: z.number(),
  threshold: z.number(),
  drifted: z.boolean(),
  column_type: z.enum(['numeric', 'categorical']).optional(),
  statistic: z.number().optional(),
  n_unique: z.number().int().nonnegative().optional(),
  missing: z.object({ reference: z.number().int().nonnegative(), current: z.number().int().nonnegative() }).optional(),
  note: z.string().optional(),
});

/** drift_report.json as read back (the contract's fields required, the extras optional). */
export const driftJsonSchema = z.object({
  reference_rows: z.number().int().nonnegative(),
  current_rows: z.number().int().nonnegative(),
  share_drifted: z.number().min(0).max(1),
  dataset_drift: z.boolean(),
  drift_share: z.number().optional(),
  computed_at: z.string().optional(),
  columns: z.record(z.string(), columnJsonSchema),
  prediction: columnJsonSchema.nullable().optional(),
});

export type DriftJson = z.infer<typeof driftJsonSchema>;

/** The JSON document for drift_report.json (serialise with JSON.stringify). */
export function toDriftJson(report: DriftReport): DriftJson {
  const columns: DriftJson['columns'] = {};
  for (const [name, c] of Object.entries(report.columns)) columns[name] = columnJson(c);
  return {
    reference_rows: report.reference_rows,
    current_rows: report.current_rows,
    share_drifted: report.share_drifted,
    dataset_drift: report.dataset_drift,
    drift_share: report.drift_share,
    computed_at: report.computed_at,
    columns,
    prediction: report.prediction ? columnJson(report.prediction) : null,
  };
}

function columnJson(c: ColumnDrift): DriftJson['columns'][string] {
  return {
    test: c.test,
    kind: c.kind,
    score: c.score,
    threshold: c.threshold,
    drifted: c.drifted,
    column_type: c.column_type,
    ...(c.statistic !== undefined ? { statistic: c.statistic } : {}),
    n_unique: c.n_unique,
    missing: { ...c.missing },
    ...(c.note ? { note: c.note } : {}),
  };
}
