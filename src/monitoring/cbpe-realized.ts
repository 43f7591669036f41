/**
 * Realized performance of a labelled chunk as NannyML's CBPE computes it: for the reference's chunks,
 * whose spread sets the alert thresholds, and to compare with the estimates once labels arrive.
 * Source: nannyml/performance_estimation/confidence_based/metrics.py, `_realized_performance` of
 * BinaryClassificationF1, Precision, Recall and Accuracy.
 */
import { accuracy, type ConfusionCounts, confusionCounts, f1, precision, recall } from '../model/metrics.ts';
import type { CbpeMetrics } from './cbpe.ts';

/**
 * F1, precision, recall and accuracy of predicted classes `yPred` against labels `yTrue` (both 0/1;
 * DataError otherwise). As NannyML: every metric is NaN for no rows; F1, precision and recall are NaN
 * when `yTrue` or `yPred` holds a single class (its `nunique() <= 1` checks), otherwise scikit-learn's
 * f1_score, precision_score, recall_score (model/metrics.ts, same conventions); accuracy is
 * accuracy_score, with no single-class check.
 */
export function realizedMetrics(yTrue: Float64Array, yPred: Float64Array): CbpeMetrics {
  return realizedMetricsOfCounts(confusionCounts(yTrue, yPred));
}

/** realizedMetrics from the confusion counts of the labels against the predicted classes. */
export function realizedMetricsOfCounts(c: ConfusionCounts): CbpeMetrics {
  const rows = c.tp + c.tn + c.fp + c.fn;
  const bothTrue = c.tp + c.fn > 0 && c.tn + c.fp > 0;
  const bothPred = c.tp + c.fp > 0 && c.tn + c.fn > 0;
  const defined = bothTrue && bothPred;
  return {
    f1: defined ? f1(c) : Number.NaN,
    precision: defined ? precision(c) : Number.NaN,
    recall: defined ? recall(c) : Number.NaN,
    accuracy: rows > 0 ? accuracy(c) : Number.NaN,
  };
}
