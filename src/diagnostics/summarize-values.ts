/**
 * Summary statistics of one column of values held in memory (finite numbers: ingestion validated
 * them), as summarizeRows computes them in DuckDB from a file: count, mean, sample standard deviation
 * (ddof 1, as pandas), min, max and quartiles by linear interpolation between order statistics (as
 * pandas' describe). Sums are compensated (Neumaier), the deviation is a second pass about the mean.
 * Order statistics come from value counts over the column's span for integer data (no copy, no
 * sort: what counts are), else from a sorted copy. Ingestion uses this on the rows it holds while
 * DuckDB writes finaldata.csv, instead of a second DuckDB query that sorts every column (measured on
 * 1M rows: ~200 ms in DuckDB, ~40 ms here).
 */
import { NUMERIC_COLUMNS, type Dataset, type NumericColumn } from '../data/schema.ts';
import type { ColumnSummary } from './summary-stats.ts';

/** Integer data whose span is at most this many times the row count (or this many values) is counted. */
const COUNTED_SPAN_PER_ROW = 2;
const COUNTED_SPAN_MIN = 1 << 16;

/** The statistics of `values` (nulls where undefined: no values, or one value for std). */
export function summarizeValues(values: Float64Array): ColumnSummary {
  const n = values.length;
  if (n === 0) return { count: 0, mean: null, median: null, std: null, min: null, max: null, q25: null, q75: null };
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  let sum = 0;
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
    if (integers && !Number.isInteger(x)) integers = false;
    const next = sum + x;
    lost += Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum;
    sum = next;
  }
  const mean = (sum + lost) / n;
  let squares = 0;
  let squaresLost = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const term = d * d;
    const next = squares + term;
    squaresLost += squares >= term ? squares - next + term : term - next + squares;
    squares = next;
  }
  const std = n > 1 ? Math.sqrt((squares + squaresLost) / (n - 1)) : null;
  const span = max - min + 1;
  const orderStatistic =
    integers && span <= Math.max(COUNTED_SPAN_MIN, COUNTED_SPAN_PER_ROW * n)
      ? countedOrder(values, min, span)
      : sortedOrder(values);
  const quantile = (q: number): number => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = orderStatistic(lo);
    return h === lo ? a : a + (orderStatistic(lo + 1) - a) * (h - lo);
  };
  return { count: n, mean, median: quantile(0.5), std, min, max, q25: quantile(0.25), q75: quantile(0.75) };
}

/** The k-th smallest value (0-based) of integer `values` from their counts over [min, min + span). */
function countedOrder(values: Float64Array, min: number, span: number): (k: number) => number {
  const counts = new Uint32Array(span);
  for (let i = 0; i < values.length; i++) counts[values[i]! - min]! += 1;
  return (k) => {
    let seen = 0;
    for (let v = 0; v < span; v++) {
      seen += counts[v]!;
      if (seen > k) return v + min;
    }
    return min + span - 1;
  };
}

/** The k-th smallest value (0-based) of `values`, from a sorted copy. */
function sortedOrder(values: Float64Array): (k: number) => number {
  const sorted = values.slice().sort();
  return (k) => sorted[k]!;
}

/** summarizeValues for every numeric column of a data set. */
export function summarizeDataset(dataset: Dataset): Record<NumericColumn, ColumnSummary> {
  return Object.fromEntries(
    NUMERIC_COLUMNS.map((column) => [column, summarizeValues(dataset.columns[column])]),
  ) as Record<NumericColumn, ColumnSummary>;
}
