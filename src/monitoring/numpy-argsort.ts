// numpy's default (kind='quicksort') argsort of float64 values: the introsort of
// numpy/core/src/npysort/quicksort.cpp `aquicksort_` (median-of-three quicksort, insertion sort up to
// 16 elements, heapsort of heapsort.cpp `aheapsort_` past 2·log2(n) levels), as numpy 1.24 runs it.
// It is not stable: the order it leaves among equal values is numpy's, which NannyML's calibration
// error depends on (a tie group straddling a bin edge); newer numpy on AVX-512 machines (1.26+) runs
// x86-simd-sort's argsort instead, which may order ties differently.
import { positions } from './typed-arrays.ts';

const SMALL_QUICKSORT = 15;

/** numpy's `Tag::less` for doubles: NaN sorts after every number. */
const less = (a: number, b: number) => a < b || (Number.isNaN(b) && !Number.isNaN(a));

/** `aheapsort_` of order[left..right] (inclusive) by values. */
function heapsort(values: Float64Array, order: Int32Array, left: number, right: number): void {
  // numpy indexes the heap from 1: a[k] is order[base + k]
  const base = left - 1;
  let n = right - left + 1;
  const sift = (start: number, held: number, size: number) => {
    let i = start;
    for (let j = start << 1; j <= size; ) {
      if (j < size && less(values[order[base + j]!]!, values[order[base + j + 1]!]!)) j += 1;
      if (!less(values[held]!, values[order[base + j]!]!)) break;
      order[base + i] = order[base + j]!;
      i = j;
      j += j;
    }
    order[base + i] = held;
  };
  for (let l = n >> 1; l > 0; --l) sift(l, order[base + l]!, n);
  while (n > 1) {
    const held = order[base + n]!;
    order[base + n] = order[base + 1]!;
    n -= 1;
    sift(1, held, n);
  }
}

/** The positions of values in ascending order, exactly as numpy 1.24's `np.argsort(values)` gives them. */
export function numpyArgsort(values: Float64Array): Int32Array {
  const order = positions(values.length);
  const v = (k: number) => values[order[k]!]!;
  const swap = (a: number, b: number) => {
    const held = order[a]!;
    order[a] = order[b]!;
    order[b] = held;
  };
  const stack: number[] = [];
  let left = 0;
  let right = values.length - 1;
  // npy_get_msb(n) * 2: twice the index of n's highest set bit
  let depth = 0;
  for (let rest = values.length >>> 1; rest > 0; rest >>>= 1) depth += 2;
  for (;;) {
    if (depth < 0) {
      heapsort(values, order, left, right);
    } else {
      while (right - left > SMALL_QUICKSORT) {
        const middle = left + ((right - left) >> 1);
        if (less(v(middle), v(left))) swap(middle, left);
        if (less(v(right), v(middle))) swap(right, middle);
        if (less(v(middle), v(left))) swap(middle, left);
        const pivot = v(middle);
        let i = left;
        let j = right - 1;
        swap(middle, j);
        for (;;) {
          do ++i;
          while (less(v(i), pivot));
          do --j;
          while (less(pivot, v(j)));
          if (i >= j) break;
          swap(i, j);
        }
        swap(i, right - 1);
        // the larger side waits on the stack, the smaller is sorted next
        depth -= 1;
        if (i - left < right - i) {
          stack.push(i + 1, right, depth);
          right = i - 1;
        } else {
          stack.push(left, i - 1, depth);
          left = i + 1;
        }
      }
      for (let i = left + 1; i <= right; i++) {
        const held = order[i]!;
        const pivot = values[held]!;
        let j = i;
        while (j > left && less(pivot, v(j - 1))) {
          order[j] = order[j - 1]!;
          j--;
        }
        order[j] = held;
      }
    }
    if (stack.length === 0) return order;
    depth = stack.pop()!;
    right = stack.pop()!;
    left = stack.pop()!;
  }
}
