// numpy's sum of float64 values (np.sum, np.mean): the pairwise summation of
// numpy/core/src/umath/loops_utils.h.src `pairwise_sum_DOUBLE` — eight running sums per block of up to
// 128 values, blocks split in halves (multiples of 8) — so a sum rounds as numpy's does.

const BLOCK = 128;

/** values[start..end) summed exactly as numpy's `np.sum` sums a contiguous float64 array. */
export function numpySum(values: ArrayLike<number>, start = 0, end = values.length): number {
  const n = end - start;
  if (n < 8) {
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i]!;
    return sum;
  }
  if (n <= BLOCK) {
    const r = Array.from({ length: 8 }, (_, j) => values[start + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += values[start + i + j]!;
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) sum += values[start + i]!;
    return sum;
  }
  const half = Math.floor(n / 2);
  const split = start + half - (half % 8);
  return numpySum(values, start, split) + numpySum(values, split, end);
}

/** numpy's `np.mean` of values[start..end): the pairwise sum over the count. */
export const numpyMean = (values: ArrayLike<number>, start = 0, end = values.length) =>
  numpySum(values, start, end) / (end - start);
