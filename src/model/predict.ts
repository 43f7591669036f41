/**
 * The one prediction rule, used by scoring, drift, diagnostics and the API: for each row the
 * probability of class 1, σ(w·x + b), and the class, 1 when the decision value w·x + b is > 0
 * (scikit-learn's rule). Deciding on the decision value rather than on the probability matters at the
 * edge: for z = 1e-17, σ(z) is exactly 0.5 in floating point, yet the class is 1.
 */
import { FEATURES, type Dataset, type Feature, type FeatureRecord } from '../data/schema.ts';
import { DataError } from '../errors.ts';
import { decisionValues, type LinearModel } from './logistic-regression.ts';
import { sigmoid } from './sigmoid.ts';

/** Classes (0/1) and probabilities of class 1, in row order. */
export interface Predictions {
  classes: Float64Array;
  probabilities: Float64Array;
}

/**
 * Predictions for feature columns (one Float64Array per model feature, in the model's order). Throws
 * DataError when the columns do not match the model's features or hold non-finite values.
 */
export function predict(model: LinearModel, columns: readonly Float64Array[]): Predictions {
  const probabilities = decisionValues(model, columns);
  const classes = new Float64Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) {
    const z = probabilities[i]!;
    classes[i] = z > 0 ? 1 : 0;
    probabilities[i] = sigmoid(z);
  }
  return { classes, probabilities };
}

/**
 * Classes alone, by the same rule, for large data sets where the probabilities are not needed (drift
 * of the predictions, F1 on a batch): no sigmoid and no second array per row.
 */
export function predictClasses(model: LinearModel, columns: readonly Float64Array[]): Float64Array {
  const classes = decisionValues(model, columns);
  for (let i = 0; i < classes.length; i++) classes[i] = classes[i]! > 0 ? 1 : 0;
  return classes;
}

/** Feature columns by name: a data set's own, or those recordFeatures builds from client records. */
export type FeatureColumns = Record<Feature, Float64Array>;

/** The columns named by the model's features, in the model's order. */
function featureColumns(model: LinearModel, columns: FeatureColumns): Float64Array[] {
  return model.features.map((name) => {
    if (!(FEATURES as readonly string[]).includes(name)) {
      throw new DataError(
        `model feature ${name} is not a column of the data set (expected one of ${FEATURES.join(', ')})`,
      );
    }
    return columns[name as Feature];
  });
}

/** Predictions for every row of feature columns (named by the model's features). */
export function predictFeatures(model: LinearModel, columns: FeatureColumns): Predictions {
  return predict(model, featureColumns(model, columns));
}

/** Predictions for every row of a data set (its columns named by the model's features). */
export function predictDataset(model: LinearModel, dataset: Dataset): Predictions {
  return predictFeatures(model, dataset.columns);
}

/** A data set's feature columns alone (the same arrays, not copies). */
export function datasetFeatures(dataset: Dataset): FeatureColumns {
  const columns = {} as FeatureColumns;
  for (const feature of FEATURES) columns[feature] = dataset.columns[feature];
  return columns;
}

/** Classes alone for every row of a data set (see predictClasses). */
export function predictDatasetClasses(model: LinearModel, dataset: Dataset): Float64Array {
  return predictClasses(model, featureColumns(model, dataset.columns));
}

/** The schema FEATURES of client records as columns, in record order (one pass per feature). */
export function recordFeatures(records: readonly FeatureRecord[]): FeatureColumns {
  const columns = {} as FeatureColumns;
  for (const feature of FEATURES) columns[feature] = Float64Array.from(records, (record) => record[feature]);
  return columns;
}

/** Predictions for client records (their features named by the model file's features). */
export function predictRecords(model: LinearModel, records: readonly FeatureRecord[]): Predictions {
  return predictFeatures(model, recordFeatures(records));
}
