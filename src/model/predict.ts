/**
 * Predictions of a model for typed columns, client records or a data set: probabilities of class 1 and
 * 0/1 classes (1 when the probability is above 0.5), in row order.
 */
import { FEATURES, type Dataset, type FeatureRecord } from '../data/schema.ts';
import { predictProba, type LinearModel } from './logistic-regression.ts';

/** Classes and probabilities. */
export interface PredictionLists {
  predictions: number[];
  probabilities: number[];
}

/** Predictions for feature columns in the schema's FEATURES order (the model file's order). */
function predictColumns(model: LinearModel, columns: Float64Array[]): PredictionLists {
  const probabilities = Array.from(predictProba(model, columns));
  return { predictions: probabilities.map((p) => (p > 0.5 ? 1 : 0)), probabilities };
}

/** Predictions for client records. */
export function predictRecords(model: LinearModel, records: readonly FeatureRecord[]): PredictionLists {
  return predictColumns(model, FEATURES.map((feature) => Float64Array.from(records, (record) => record[feature])));
}

/** Predictions for every row of a data set. */
export function predictRows(model: LinearModel, dataset: Dataset): PredictionLists {
  return predictColumns(model, FEATURES.map((feature) => dataset.columns[feature]));
}
