/**
 * Checks the columns handed to the model before any arithmetic: matching lengths, finite values, 0/1
 * labels with both classes present. Each problem is a DataError naming the column and the row index.
 */
import { DataError } from '../errors.ts';

/** Named feature columns (one Float64Array per feature, all of the same length). */
export interface FeatureColumns {
  names: readonly string[];
  columns: readonly Float64Array[];
}

/** Feature columns with a 0/1 target column, as the fit takes them. */
export interface TrainingColumns extends FeatureColumns {
  target: Float64Array;
  /** The target's name in error messages (default "target"). */
  targetName?: string;
}

/** Throws a DataError unless there are as many columns as names, all of length `rows` and finite. */
export function checkFeatureColumns(features: FeatureColumns, rows: number, lengthOf: string): void {
  const { names, columns } = features;
  if (names.length !== columns.length) {
    throw new DataError(`${names.length} feature names but ${columns.length} feature columns`);
  }
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j]!;
    if (column.length !== rows) {
      throw new DataError(
        `column length mismatch: column ${names[j]} has ${column.length} values, ${lengthOf} has ${rows}`,
      );
    }
    checkFinite(names[j]!, column);
  }
}

/**
 * Validates training columns (see checkFeatureColumns; the target holds only 0 and 1 and both occur)
 * and returns the labels as −1/+1.
 */
export function checkTrainingData(data: TrainingColumns): Float64Array {
  const targetName = data.targetName ?? 'target';
  const rows = data.target.length;
  checkFeatureColumns(data, rows, `target ${targetName}`);
  if (rows === 0) throw new DataError('no rows to train on');
  checkFinite(targetName, data.target);
  const signed = new Float64Array(rows);
  let positives = 0;
  for (let i = 0; i < rows; i++) {
    const label = data.target[i]!;
    if (label !== 0 && label !== 1) {
      throw new DataError(`column ${targetName}, row index ${i}: label ${label} is not 0 or 1`);
    }
    positives += label;
    signed[i] = label === 1 ? 1 : -1;
  }
  if (positives === 0 || positives === rows) {
    throw new DataError(
      `column ${targetName} holds only class ${positives === 0 ? 0 : 1} (${rows} rows); training needs both classes 0 and 1`,
    );
  }
  return signed;
}

function checkFinite(name: string, column: Float64Array): void {
  for (let i = 0; i < column.length; i++) {
    if (!Number.isFinite(column[i]!)) {
      throw new DataError(`column ${name}, row index ${i}: value ${column[i]} is not a finite number`);
    }
  }
}
