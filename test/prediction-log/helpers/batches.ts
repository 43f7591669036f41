/**
 * Batches and log folders for the prediction log's tests: batches made from plain entry objects, a
 * temporary log folder, and rows read back turned into plain objects to compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURES } from '../../../src/data/schema.ts';
import type { PredictionLogBatch, PredictionLogRows } from '../../../src/prediction-log/entry.ts';

/** One entry as plain values. */
export interface PlainEntry {
  time: number;
  requestId: string;
  modelId: string;
  id: string | null;
  features: [number, number, number];
  probability: number;
  prediction: number;
}

/** A batch of one request: every entry gets `time`, `requestId` and `modelId`. */
export function makeBatch(
  time: number,
  requestId: string,
  records: { id?: string | null; features: [number, number, number]; probability: number; prediction: number }[],
  modelId = 'model-1',
): PredictionLogBatch {
  return {
    time,
    requestId,
    modelId,
    ids: records.map((r) => r.id ?? null),
    features: Object.fromEntries(
      FEATURES.map((f, j) => [f, Float64Array.from(records, (r) => r.features[j]!)]),
    ) as Record<string, Float64Array> as PredictionLogBatch['features'],
    probabilities: Float64Array.from(records, (r) => r.probability),
    classes: Float64Array.from(records, (r) => r.prediction),
  };
}

/** The entries of a batch as plain objects. */
export function entriesOf(batch: PredictionLogBatch): PlainEntry[] {
  return Array.from(batch.probabilities, (probability, i) => ({
    time: batch.time,
    requestId: batch.requestId,
    modelId: batch.modelId,
    id: batch.ids?.[i] ?? null,
    features: FEATURES.map((f) => batch.features[f][i]!) as [number, number, number],
    probability,
    prediction: batch.classes[i]!,
  }));
}

/** Rows read back as plain objects, in their order. */
export function plainRows(rows: PredictionLogRows): PlainEntry[] {
  return Array.from({ length: rows.rows }, (_, i) => ({
    time: rows.time[i]!,
    requestId: rows.requestId[i]!,
    modelId: rows.modelId[i]!,
    id: rows.id[i]!,
    features: FEATURES.map((f) => rows.features[f][i]!) as [number, number, number],
    probability: rows.probability[i]!,
    prediction: rows.prediction[i]!,
  }));
}

/** A batch of `n` simple entries (features from `seed`), at `time`. */
export function simpleBatch(time: number, requestId: string, n: number, seed = 0): PredictionLogBatch {
  return makeBatch(
    time,
    requestId,
    Array.from({ length: n }, (_, i) => ({
      id: `c${seed + i}`,
      features: [seed + i, (seed + i) * 2, 10] as [number, number, number],
      probability: ((seed + i) % 100) / 100,
      prediction: (seed + i) % 2,
    })),
  );
}

/** A temporary folder with the log folder's path inside it, and a cleanup. */
export function tempLogFolder(): { dir: string; folder: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'prediction-log-'));
  return { dir, folder: join(dir, 'prediction_log'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
