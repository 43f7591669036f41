/**
 * Sorting a column's values in place, ascending. Integer data in a span no wider than twice its size
 * (counts such as activity or employee numbers) takes a counting sort, O(n); anything else the radix
 * sort of radix-sort.ts. Both give Float64Array.prototype.sort's order (-0 comes back as 0 from the
 * counting sort, which every test treats as equal anyway). Values already in order are left as they are.
 */

import { radixSortFloat64 } from './radix-sort.ts';

/** Whether `values` are already in ascending order. */
function ascending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/** Sorts finite `values` ascending in place (a sample kept sorted, such as a monitoring reference, costs one pass). */
export function sortValues(values: Float64Array): void {
  const n = values.length;
  if (n < 2 || ascending(values)) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isInteger(x)) {
      radixSortFloat64(values);
      return;
    }
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const span = max - min + 1;
  if (!(span <= 2 * n)) {
    radixSortFloat64(values);
    return;
  }
  const counts = new Uint32Array(span);
  for (let i = 0; i < n; i++) counts[values[i]! - min]! += 1;
  let k = 0;
  for (let v = 0; v < span; v++) {
    const x = v + min;
    for (let c = counts[v]!; c > 0; c--) values[k++] = x;
  }
}
