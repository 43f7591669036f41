/**
 * The training rows a monitoring reference keeps: all of them when there are at most `maxRows`, else a
 * uniform sample of `maxRows` rows without replacement, in their original order. The sample is Knuth's
 * selection sampling (The Art of Computer Programming, vol. 2, 3.4.2, Algorithm S): the rows are
 * visited in order and each is kept with probability (rows still needed) / (rows not yet visited),
 * which makes every subset of `maxRows` rows equally likely and yields the kept rows already in order,
 * with one draw per visited row. The draws come from mulberry32 seeded by a constant, so the same
 * training data always gives the same reference.
 */
import { type Dataset, NUMERIC_COLUMNS } from '../data/schema.ts';
import { mulberry32 } from './mulberry32.ts';

/** The seed of every reference sample. */
export const REFERENCE_SAMPLE_SEED = 42;

/**
 * Indices of `count` of the rows 0..total-1, ascending, drawn uniformly without replacement from a
 * generator seeded by `seed`; all rows when `count` >= `total`.
 */
export function sampleRowIndices(total: number, count: number, seed = REFERENCE_SAMPLE_SEED): Uint32Array {
  if (!Number.isInteger(total) || total < 0 || !Number.isInteger(count) || count < 0)
    throw new RangeError(`cannot sample ${count} of ${total} rows`);
  if (count >= total) return Uint32Array.from({ length: total }, (_, i) => i);
  const random = mulberry32(seed);
  const kept = new Uint32Array(count);
  let needed = count;
  for (let row = 0; needed > 0; row++) {
    if (random() * (total - row) < needed) kept[count - needed--] = row;
  }
  return kept;
}

/** `dataset` itself when it has at most `maxRows` rows, else a new data set of its sampled rows (sampleRowIndices). */
export function sampleDataset(dataset: Dataset, maxRows: number): Dataset {
  if (dataset.rows <= maxRows) return dataset;
  const indices = sampleRowIndices(dataset.rows, maxRows);
  const columns = {} as Dataset['columns'];
  for (const name of NUMERIC_COLUMNS) {
    const source = dataset.columns[name];
    const kept = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) kept[i] = source[indices[i]!]!;
    columns[name] = kept;
  }
  return { rows: indices.length, columns };
}
