/**
 * Test helper: drops rows equal (id and every value) to an earlier row, keeping first occurrences, as
 * ingestion does; for tests that read raw seed folders and compare with references computed on the
 * deduplicated data.
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from '../../src/data/schema.ts';

/** The data set without exact duplicate rows. */
export function dedupe(dataset: Dataset): Dataset {
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let i = 0; i < dataset.rows; i++) {
    const key = JSON.stringify([dataset.ids[i], ...NUMERIC_COLUMNS.map((c) => dataset.columns[c][i])]);
    if (!seen.has(key)) {
      seen.add(key);
      keep.push(i);
    }
  }
  const columns = Object.fromEntries(NUMERIC_COLUMNS.map((c) => [c, Float64Array.from(keep, (i) => dataset.columns[c][i]!)])) as Record<NumericColumn, Float64Array>;
  return { rows: keep.length, ids: keep.map((i) => dataset.ids[i] ?? null), columns };
}
