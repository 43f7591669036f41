/**
 * Two sets of training rows merged with ingestion's rule (data/ingest-table.ts): a row equal to an
 * earlier one in every column, the id included, is dropped; the first occurrence stays, the rows of
 * the first set before those of the second.
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from './schema.ts';

/** Rows with their ids (null: none). */
export interface RowsWithIds {
  dataset: Dataset;
  ids: readonly (string | null)[];
}

/** The rows of `first`, then those of `second`, each kept once; `dropped` counts the repeats left out. */
export function mergeDeduplicated(first: RowsWithIds, second: RowsWithIds): RowsWithIds & { dropped: number } {
  const seen = new Set<string>();
  const kept: { from: RowsWithIds; row: number }[] = [];
  for (const from of [first, second]) {
    if (from.ids.length !== from.dataset.rows) throw new Error(`${from.ids.length} ids for ${from.dataset.rows} rows`);
    for (let row = 0; row < from.dataset.rows; row++) {
      // the id's length first: no id can run into the numbers; no id at all is a mark no id gives
      const id = from.ids[row] ?? null;
      const key = `${id === null ? '-' : `${id.length}:${id}`},${NUMERIC_COLUMNS.map((c) => from.dataset.columns[c][row]).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push({ from, row });
    }
  }
  const columns = Object.fromEntries(
    NUMERIC_COLUMNS.map((c) => [c, Float64Array.from(kept, ({ from, row }) => from.dataset.columns[c][row]!)]),
  ) as Record<NumericColumn, Float64Array>;
  return {
    dataset: { rows: kept.length, columns },
    ids: kept.map(({ from, row }) => from.ids[row]!),
    dropped: first.dataset.rows + second.dataset.rows - kept.length,
  };
}
