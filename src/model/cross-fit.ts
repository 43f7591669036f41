/**
 * Out-of-fold probabilities by k-fold cross-fitting: each row's probability of class 1 comes from a
 * model fitted on the other folds, never on the row itself. This is the labelled reference a
 * performance estimator needs (NannyML's CBPE wants a reference the model was not fitted on; the
 * seed's test set has 5 rows). The folds are scikit-learn's `KFold(n_splits=k)` without shuffling:
 * contiguous blocks in row order, the first `rows mod k` of them one row longer
 * (sklearn/model_selection/_split.py, KFold._iter_test_indices), so `cross_val_predict(model, X, y,
 * cv=KFold(k), method='predict_proba')[:, 1]` is the reference value (test/fixtures/cross-fit-cases.json).
 */
import { type Dataset, NUMERIC_COLUMNS } from '../data/schema.ts';
import { DataError } from '../errors.ts';
import { type FitOptions, fitDataset } from './logistic-regression.ts';
import { predictDataset } from './predict.ts';

/** The default number of folds. */
export const DEFAULT_FOLDS = 5;

/** [start, end) of each fold of `rows` rows, in order. */
export function foldBounds(rows: number, folds: number): [number, number][] {
  if (!Number.isInteger(folds) || folds < 2) throw new DataError(`cross-fitting needs at least 2 folds, got ${folds}`);
  if (rows < folds) throw new DataError(`cross-fitting ${folds} folds needs at least ${folds} rows, got ${rows}`);
  const bounds: [number, number][] = [];
  let start = 0;
  for (let fold = 0; fold < folds; fold++) {
    const size = Math.floor(rows / folds) + (fold < rows % folds ? 1 : 0);
    bounds.push([start, start + size]);
    start += size;
  }
  return bounds;
}

/** The rows of `dataset` in [start, end) (`inside`), or all the others (`outside`), as a new data set. */
function slice(dataset: Dataset, start: number, end: number, part: 'inside' | 'outside'): Dataset {
  const columns = {} as Dataset['columns'];
  for (const name of NUMERIC_COLUMNS) {
    const column = dataset.columns[name];
    if (part === 'inside') {
      columns[name] = column.subarray(start, end);
    } else {
      const rest = new Float64Array(dataset.rows - (end - start));
      rest.set(column.subarray(0, start));
      rest.set(column.subarray(end, dataset.rows), start);
      columns[name] = rest;
    }
  }
  return { rows: part === 'inside' ? end - start : dataset.rows - (end - start), columns };
}

/**
 * Each row's probability of class 1 from the model fitted on the other folds (`folds` contiguous
 * folds). Throws DataError when a fold's training rows cannot be fitted (one class only, say).
 */
export function outOfFoldProbabilities(
  dataset: Dataset,
  options: FitOptions = {},
  folds = DEFAULT_FOLDS,
): Float64Array {
  const probabilities = new Float64Array(dataset.rows);
  for (const [fold, [start, end]] of foldBounds(dataset.rows, folds).entries()) {
    let model: ReturnType<typeof fitDataset>;
    try {
      model = fitDataset(slice(dataset, start, end, 'outside'), options);
    } catch (error) {
      if (error instanceof DataError)
        throw new DataError(`cross-fitting, fold ${fold + 1} of ${folds}: ${error.message}`, { cause: error });
      throw error;
    }
    probabilities.set(predictDataset(model, slice(dataset, start, end, 'inside')).probabilities, start);
  }
  return probabilities;
}
