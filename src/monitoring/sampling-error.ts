/**
 * NannyML's sampling error of CBPE's binary metrics: a standard deviation and a fraction of rows,
 * computed once from the labelled reference, give the standard error of a chunk of n rows as
 * std / sqrt(n · fraction), with no bootstrap. Source: nannyml/sampling_error/binary_classification.py.
 */
import { confusionCounts } from '../model/metrics.ts';
import type { CbpeMetric } from './cbpe.ts';

/** The reference's part of one metric's standard error. */
export interface SamplingErrorComponents {
  /** Population standard deviation (numpy's np.std, ddof 0) of the metric's observation-level values. */
  std: number;
  /** Fraction of the reference's rows that those values stand for. */
  fraction: number;
}

/** Components of every CBPE metric. */
export type CbpeSamplingErrorComponents = Record<CbpeMetric, SamplingErrorComponents>;

/** Standard errors each side of an estimate in its band (nannyml/sampling_error/__init__.py: SAMPLING_ERROR_RANGE). */
export const SAMPLING_ERROR_RANGE = 3;

/**
 * The components of F1, precision, recall and accuracy from the reference's labels `yTrue` and predicted
 * classes `yPred` (0/1; DataError otherwise). NannyML builds arrays of 1s (hits) and 0s (misses) and
 * takes np.std; the std of k ones among m values is sqrt(q(1 − q)) with q = k/m, used here in that
 * closed form (equal up to rounding), and NaN for m = 0 as np.std of an empty array:
 * - F1 (f1_sampling_error_components): TP → 1, FP and FN → 0, all scaled by
 *   (TP + FP + FN) / (TP + ½(FP + FN)); fraction (TP + FP + FN) / rows; (NaN, 0) when TP + FP + FN = 0.
 * - precision (precision_sampling_error_components): TP → 1, FP → 0; fraction Σ ŷ / rows.
 * - recall (recall_sampling_error_components): TP → 1, FN → 0; fraction Σ y / rows.
 * - accuracy (accuracy_sampling_error_components): [y = ŷ] over all rows; no fraction (1 here).
 */
export function samplingErrorComponents(yTrue: Float64Array, yPred: Float64Array): CbpeSamplingErrorComponents {
  const { tp, fp, fn, tn } = confusionCounts(yTrue, yPred);
  const rows = tp + fp + fn + tn;
  const relevant = tp + fp + fn;
  return {
    f1:
      relevant === 0
        ? { std: Number.NaN, fraction: 0 }
        : { std: (relevant / (tp + 0.5 * (fp + fn))) * binaryStd(tp, relevant), fraction: relevant / rows },
    precision: { std: binaryStd(tp, tp + fp), fraction: (tp + fp) / rows },
    recall: { std: binaryStd(tp, tp + fn), fraction: (tp + fn) / rows },
    accuracy: { std: binaryStd(tp + tn, rows), fraction: 1 },
  };
}

/**
 * Standard error of a metric on a chunk of `rows` rows (those its estimate used, ExpectedConfusion.rows):
 * std / sqrt(rows · fraction) (binary_classification.py: _universal_sampling_error, used by f1_, precision_
 * and recall_sampling_error; accuracy_sampling_error is std / sqrt(rows), the same with fraction 1).
 * NaN for an empty chunk (the metrics' `_sampling_error` returns NaN when the chunk has no rows) or
 * undefined components.
 */
export function standardError(components: SamplingErrorComponents, rows: number): number {
  if (rows === 0) return Number.NaN;
  return components.std / Math.sqrt(rows * components.fraction);
}

/** A confidence band around an estimate. */
export interface Band {
  lower: number;
  upper: number;
}

/**
 * estimate ± SAMPLING_ERROR_RANGE · standard error, clipped to the metric's bounds [0, 1] as NannyML
 * clips its confidence boundaries to the threshold value limits (metrics.py: Metric.get_chunk_record,
 * np.maximum / np.minimum). NaN in, NaN out.
 */
export function confidenceBand(estimate: number, standardErr: number): Band {
  return {
    lower: Math.max(0, estimate - SAMPLING_ERROR_RANGE * standardErr),
    upper: Math.min(1, estimate + SAMPLING_ERROR_RANGE * standardErr),
  };
}

// np.std of `hits` ones and `count − hits` zeros.
function binaryStd(hits: number, count: number): number {
  const q = hits / count;
  return Math.sqrt(q * (1 - q));
}
