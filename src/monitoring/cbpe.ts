/**
 * Confidence-based performance estimation (CBPE) of a binary classifier on one chunk of served
 * predictions, before its labels arrive: the confusion matrix expected under calibrated probabilities
 * and the F1, precision, recall and accuracy that NannyML's CBPE derives from it. Source: NannyML
 * (github.com/NannyML/nannyml, commit 4c86ee3), nannyml/performance_estimation/confidence_based/metrics.py.
 */
import { DataError } from '../errors.ts';

/** The metrics estimated per chunk. */
export type CbpeMetric = 'f1' | 'precision' | 'recall' | 'accuracy';

/** One value per estimated metric. */
export type CbpeMetrics = Record<CbpeMetric, number>;

/** Expected counts of the confusion matrix (sums of probabilities, so not integers) and the rows used. */
export interface ExpectedConfusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Rows counted: those where neither the probability nor the predicted class is NaN. */
  rows: number;
}

/**
 * The expected confusion matrix of a chunk, from calibrated probabilities `p` of class 1 and predicted
 * classes `yPred` (0/1): TP = Σ p·[ŷ=1], FP = Σ (1−p)·[ŷ=1], FN = Σ p·[ŷ=0], TN = Σ (1−p)·[ŷ=0]
 * (metrics.py: estimate_f1, estimate_precision, estimate_recall, estimate_accuracy, estimate_specificity).
 * Rows with a NaN in either array are skipped, as NannyML's common_nan_removal drops them (nannyml/base.py).
 * DataError on a length mismatch, a probability outside [0, 1] or a class other than 0 and 1.
 */
export function expectedConfusion(p: Float64Array, yPred: Float64Array): ExpectedConfusion {
  if (p.length !== yPred.length) {
    throw new DataError(`length mismatch: y_pred has ${yPred.length} values, probabilities have ${p.length}`);
  }
  const c: ExpectedConfusion = { tp: 0, fp: 0, fn: 0, tn: 0, rows: 0 };
  for (let i = 0; i < p.length; i++) {
    const proba = p[i]!;
    const cls = yPred[i]!;
    if (Number.isNaN(proba) || Number.isNaN(cls)) continue;
    if (!(proba >= 0 && proba <= 1)) throw new DataError(`probability, row index ${i}: ${proba} is not in [0, 1]`);
    if (cls === 1) {
      c.tp += proba;
      c.fp += 1 - proba;
    } else if (cls === 0) {
      c.fn += proba;
      c.tn += 1 - proba;
    } else {
      throw new DataError(`y_pred, row index ${i}: class ${cls} is not 0 or 1`);
    }
    c.rows++;
  }
  return c;
}

/**
 * Estimated F1 = TP / (TP + ½(FP + FN)), 0 when the denominator is 0 (metrics.py: estimate_f1);
 * NaN for a chunk without rows (BinaryClassificationF1._estimate returns NaN when the data is empty).
 */
export function estimateF1(c: ExpectedConfusion): number {
  return c.rows === 0 ? Number.NaN : ratioOrZero(c.tp, c.tp + 0.5 * (c.fp + c.fn));
}

/** Estimated precision = TP / (TP + FP), 0 for a zero denominator, NaN without rows (metrics.py: estimate_precision) */
export function estimatePrecision(c: ExpectedConfusion): number {
  return c.rows === 0 ? Number.NaN : ratioOrZero(c.tp, c.tp + c.fp);
}

/** Estimated recall = TP / (TP + FN), 0 for a zero denominator, NaN without rows (metrics.py: estimate_recall) */
export function estimateRecall(c: ExpectedConfusion): number {
  return c.rows === 0 ? Number.NaN : ratioOrZero(c.tp, c.tp + c.fn);
}

/** Estimated accuracy = (TP + TN) / rows, NaN without rows (metrics.py: estimate_accuracy and its _estimate). */
export function estimateAccuracy(c: ExpectedConfusion): number {
  return c.rows === 0 ? Number.NaN : (c.tp + c.tn) / c.rows;
}

/** All four CBPE estimates of one chunk. */
export function estimateMetrics(c: ExpectedConfusion): CbpeMetrics {
  return {
    f1: estimateF1(c),
    precision: estimatePrecision(c),
    recall: estimateRecall(c),
    accuracy: estimateAccuracy(c),
  };
}

// NannyML writes `TP / denominator if denominator != 0 else 0`.
function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
