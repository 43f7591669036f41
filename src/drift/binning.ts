/**
 * Shared bins for a column's two samples, as Evidently's `get_binned_data` builds them: a histogram
 * on numpy's Sturges edges over both samples for numeric columns with more than 20 distinct reference
 * values, one bin per distinct value (over both samples) otherwise. The Jensen–Shannon and PSI tests
 * and the report's distribution charts all read these bins.
 */
import type { ValueCounts } from './value-counts.ts';

/** Numeric columns with more distinct reference values than this get a histogram. */
export const HISTOGRAM_MIN_UNIQUE = 20;

/** Per-bin counts of both samples on shared bins. */
export interface Bins {
  /** Labels for charts: the value, or "[a, b)" ranges (the last one closed, "[a, b]"). */
  labels: string[];
  /** Histogram edges (labels.length + 1 of them), or null for one bin per value. */
  edges: Float64Array | null;
  reference: Float64Array;
  current: Float64Array;
}

/**
 * numpy's `histogram_bin_edges(data, bins="sturges")` for data with the given min, max and size:
 * width = (max - min) / (log2(size) + 1), raised to 1 for integer data (numpy does so for integer
 * dtypes), then ceil((max - min) / width) equal bins from `linspace(min, max, nBins + 1)`.
 */
export function sturgesEdges(min: number, max: number, size: number, integerData: boolean): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  let width = (max - min) / (Math.log2(size) + 1);
  if (integerData && width < 1) width = 1;
  const nBins = width ? Math.ceil((last - first) / width) : 1;
  const edges = new Float64Array(nBins + 1);
  const step = (last - first) / nBins;
  for (let i = 0; i <= nBins; i++) edges[i] = i * step + first;
  edges[nBins] = last;
  return edges;
}

/** First index of an ascending array whose value is >= x (`side='left'`) or > x (`side='right'`). */
function searchSorted(sorted: Float64Array, x: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? sorted[mid]! < x : sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy's `histogram(sorted, edges)[0]`: bins [e_i, e_{i+1}), the last one closed on the right. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let previous = searchSorted(sorted, edges[0]!, 'left');
  for (let b = 0; b < bins; b++) {
    const next = searchSorted(sorted, edges[b + 1]!, b === bins - 1 ? 'right' : 'left');
    counts[b] = next - previous;
    previous = next;
  }
  return counts;
}

/** A short label for a bin edge or value (six significant digits; integers in full). */
function formatBinValue(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** Histogram bins of two ascending, non-empty-in-total samples on Sturges edges over both. */
export function histogramBins(sortedRef: Float64Array, sortedCur: Float64Array, integerData: boolean): Bins {
  const min = Math.min(sortedRef[0] ?? Infinity, sortedCur[0] ?? Infinity);
  const max = Math.max(sortedRef[sortedRef.length - 1] ?? -Infinity, sortedCur[sortedCur.length - 1] ?? -Infinity);
  const edges = sturgesEdges(min, max, sortedRef.length + sortedCur.length, integerData);
  const labels: string[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const close = b + 2 === edges.length ? ']' : ')';
    labels.push(`[${formatBinValue(edges[b]!)}, ${formatBinValue(edges[b + 1]!)}${close}`);
  }
  return { labels, edges, reference: histogramCounts(sortedRef, edges), current: histogramCounts(sortedCur, edges) };
}

/** One bin per distinct value over both samples. */
export function valueBins(counts: ValueCounts): Bins {
  return {
    labels: Array.from(counts.keys, formatBinValue),
    edges: null,
    reference: counts.reference,
    current: counts.current,
  };
}

/** Counts divided by the sample size (all zeros for an empty sample). */
export function toShares(counts: Float64Array, total: number): Float64Array {
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * Evidently's zero filling (`feel_zeroes`): empty bins get 0.0001, or the smallest non-empty share
 * divided by 10^6 when that share is itself <= 0.0001. Shares of an empty sample stay all zero.
 */
export function fillEmptyBins(shares: Float64Array): Float64Array {
  let smallest = Infinity;
  for (const s of shares) if (s !== 0 && s < smallest) smallest = s;
  if (smallest === Infinity) return shares.slice();
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}
