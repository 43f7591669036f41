/**
 * Counting the distinct values of a column: a fast path for columns with few distinct values (no sort
 * needed), run lengths of sorted arrays otherwise, and the union of two samples' counts on shared keys.
 * Values are non-missing doubles; -0 and 0 count as one value, as in pandas.
 */

/** Distinct values in ascending order with their counts in one sample. */
export interface Tally {
  keys: Float64Array;
  counts: Float64Array;
}

/** The union of both samples' distinct values, ascending, with each sample's count per value. */
export interface ValueCounts {
  keys: Float64Array;
  reference: Float64Array;
  current: Float64Array;
}

/** Most distinct values the unsorted fast path tracks before giving up. */
const SMALL_DOMAIN_MAX_KEYS = 32;

/** Tallies `values` when they hold at most `maxKeys` distinct values; null as soon as they hold more. */
export function tallySmallDomain(values: Float64Array, maxKeys = SMALL_DOMAIN_MAX_KEYS): Tally | null {
  const keys = new Float64Array(maxKeys);
  const counts = new Float64Array(maxKeys);
  let size = 0;
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (size > 0 && keys[last] === x) {
      counts[last]! += 1;
      continue;
    }
    let k = 0;
    while (k < size && keys[k] !== x) k++;
    if (k === size) {
      if (size === maxKeys) return null;
      keys[size] = x;
      size++;
    }
    counts[k]! += 1;
    last = k;
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  return {
    keys: Float64Array.from(order, (i) => keys[i]!),
    counts: Float64Array.from(order, (i) => counts[i]!),
  };
}

/** Run lengths of an ascending array. */
export function tallySorted(sorted: Float64Array): Tally {
  const distinct = countDistinctSorted(sorted);
  const keys = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (k < 0 || x !== keys[k]) keys[++k] = x;
    counts[k]! += 1;
  }
  return { keys, counts };
}

/** Number of distinct values in an ascending array. */
export function countDistinctSorted(sorted: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** Number of distinct values in the union of two ascending arrays (a merge walk, no allocation). */
export function countDistinctUnion(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    distinct++;
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
  }
  return distinct;
}

/** Both samples' tallies on the union of their keys (zero where a sample lacks a value). */
export function mergeTallies(reference: Tally, current: Tally): ValueCounts {
  const size = countDistinctUnion(reference.keys, current.keys);
  const keys = new Float64Array(size);
  const ref = new Float64Array(size);
  const cur = new Float64Array(size);
  let i = 0;
  let j = 0;
  for (let k = 0; k < size; k++) {
    const a = reference.keys;
    const b = current.keys;
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    keys[k] = x;
    if (i < a.length && a[i] === x) ref[k] = reference.counts[i++]!;
    if (j < b.length && b[j] === x) cur[k] = current.counts[j++]!;
  }
  return { keys, reference: ref, current: cur };
}
