/**
 * A model version's monitoring reference: what production monitoring compares served data with. It is
 * a sample of the model's training data (features and label, at most `maxRows` rows, see
 * reference-sample.ts) with each row's out-of-fold probability of class 1 from k-fold cross-fitting on
 * the sample (model/cross-fit.ts): the labelled reference the model was not fitted on that NannyML's
 * CBPE calibrates on and takes its thresholds from, and the training distribution the drift tests of
 * served data compare against.
 */
import type { Dataset, NumericColumn } from '../data/schema.ts';
import { outOfFoldProbabilities } from '../model/cross-fit.ts';
import type { FitOptions } from '../model/logistic-regression.ts';
import { sampleDataset } from './reference-sample.ts';

/** A sample of training rows with their out-of-fold probabilities. */
export interface MonitoringReference {
  /** Rows kept. */
  rows: number;
  /** Rows of the training data they were drawn from (equal to `rows` when all were kept). */
  sampledFrom: number;
  /** Folds of the cross-fitting that gave `probability`. */
  folds: number;
  /** The kept rows' features and label, in the training data's order. */
  columns: Record<NumericColumn, Float64Array>;
  /** Each kept row's probability of class 1 from the model fitted on the other folds. */
  probability: Float64Array;
}

/**
 * The reference of a model trained on `dataset` with `fit`: at most `maxRows` rows (a seeded uniform
 * sample beyond), cross-fitted in `folds` folds. When every row is kept, `columns` are the data set's
 * own arrays. Throws cross-fitting's DataError when a fold cannot be fitted (fewer rows than folds,
 * one class only in a fold's training rows).
 */
export function buildMonitoringReference(
  dataset: Dataset,
  fit: FitOptions,
  options: { maxRows: number; folds: number },
): MonitoringReference {
  const sample = sampleDataset(dataset, options.maxRows);
  return {
    rows: sample.rows,
    sampledFrom: dataset.rows,
    folds: options.folds,
    columns: sample.columns,
    probability: outOfFoldProbabilities(sample, fit, options.folds),
  };
}
