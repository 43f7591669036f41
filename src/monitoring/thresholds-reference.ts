/**
 * Thresholds of every CBPE metric from a labelled reference: the reference is cut into chunks, each
 * chunk's realized metrics are computed, and each metric's spread over the chunks sets its thresholds
 * (nannyml/performance_estimation/confidence_based/metrics.py: Metric.fit).
 */
import { DataError } from '../errors.ts';
import type { CbpeMetric, CbpeMetrics } from './cbpe.ts';
import { realizedMetrics } from './cbpe-realized.ts';
import { standardDeviationThresholds, type Thresholds } from './thresholds.ts';

/**
 * Thresholds per metric from reference labels `yTrue` and predicted classes `yPred`, chunked in order
 * into chunks of `chunkSize` rows with the remainder kept as a last, smaller chunk (nannyml/chunk.py:
 * SizeBasedChunker, incomplete='keep'; NannyML's DefaultChunker uses chunkSize = floor(rows / 10)).
 * DataError for a chunk size that is not a positive integer or arrays of different lengths.
 */
export function referenceThresholds(
  yTrue: Float64Array,
  yPred: Float64Array,
  chunkSize: number,
): Record<CbpeMetric, Thresholds> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new DataError(`chunk size ${chunkSize} is not a positive integer`);
  }
  if (yPred.length !== yTrue.length) {
    throw new DataError(`length mismatch: y_pred has ${yPred.length} values, y_true has ${yTrue.length}`);
  }
  const chunks: CbpeMetrics[] = [];
  for (let start = 0; start < yTrue.length; start += chunkSize) {
    chunks.push(realizedMetrics(yTrue.subarray(start, start + chunkSize), yPred.subarray(start, start + chunkSize)));
  }
  const thresholdsOf = (m: CbpeMetric) => standardDeviationThresholds(Float64Array.from(chunks, (c) => c[m]));
  return {
    f1: thresholdsOf('f1'),
    precision: thresholdsOf('precision'),
    recall: thresholdsOf('recall'),
    accuracy: thresholdsOf('accuracy'),
  };
}
