/**
 * Evidently's default stat test choice (`_get_default_stattest`), a pure function of the column type,
 * the reference size (non-missing values) and the distinct values over both samples together.
 */
import type { StatTestName } from './registry.ts';
import type { ColumnType } from './types.ts';

/** Largest reference for the "small data" tests (ks, chisquare, z). */
export const SMALL_REFERENCE_ROWS = 1000;
/** Numeric columns with at most this many distinct values are tested as categories. */
export const MAX_CATEGORY_VALUES = 5;

/** What the default choice looks at. */
export interface TestChoiceInput {
  columnType: ColumnType;
  /** Non-missing reference values. */
  referenceRows: number;
  /** Distinct non-missing values over both samples. */
  nUnique: number;
}

/**
 * Reference <= 1000 values: ks for numeric columns with more than 5 distinct values, otherwise
 * chisquare (more than 2 values) or z (2 values or fewer). Larger references: wasserstein for such
 * numeric columns, jensenshannon otherwise.
 */
export function selectDefaultTest({ columnType, referenceRows, nUnique }: TestChoiceInput): StatTestName {
  const asNumeric = columnType === 'numeric' && nUnique > MAX_CATEGORY_VALUES;
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    if (asNumeric) return 'ks';
    return nUnique > 2 ? 'chisquare' : 'z';
  }
  return asNumeric ? 'wasserstein' : 'jensenshannon';
}
