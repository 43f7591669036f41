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

/** A data set's columns named by the model's features, in the model's order. */
function featureColumns(model: LinearModel, dataset: Dataset): Float64Array[] {
  return model.features.map((name) => {
    if (!(FEATURES as readonly string[]).includes(name)) {
      throw new DataError(
        `model feature ${name} is not a column of the data set (expected one of ${FEATURES.join(', ')})`,
      );
    }
    return dataset.columns[name as Feature];
  });
}

/** Predictions for every row of a data set (its columns named by the model's features). */
export function predictDataset(model: LinearModel, dataset: Dataset): Predictions {
  return predict(model, featureColumns(model, dataset));
}

/** Classes alone for every row of a data set (see predictClasses). */
export function predictDatasetClasses(model: LinearModel, dataset: Dataset): Float64Array {
  return predictClasses(model, featureColumns(model, dataset));
}

/** Predictions for client records (the schema's FEATURES, the model file's order). */
export function predictRecords(model: LinearModel, records: readonly FeatureRecord[]): Predictions {
  return predict(
    model,
    FEATURES.map((feature) => Float64Array.from(records, (record) => record[feature])),
  );
}
