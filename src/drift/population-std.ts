/**
 * Population standard deviation (ddof 0) that stays accurate when the values share a large offset,
 * such as 10^14 + small integers, where summing the raw values loses the digits that the spread lives
 * in: the values are shifted by one of them, and the corrected two-pass algorithm (Chan, Golub and
 * LeVeque, 1983) sums the deviations from the mean with Neumaier's compensated summation.
 */

/** The rounding error of the double s = a + b (Neumaier's compensation term). */
function roundingError(a: number, b: number, s: number): number {
  return Math.abs(a) >= Math.abs(b) ? a - s + b : b - s + a;
}

/** Sum of `values[i] - shift`, compensated. */
function shiftedSum(values: Float64Array, shift: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]! - shift;
    const t = sum + x;
    compensation += roundingError(sum, x, t);
    sum = t;
  }
  return sum + compensation;
}

/**
 * sqrt(mean((x - mean(x))^2)), what numpy's `np.std(x)` means, to about one unit in the last place
 * whatever the values' offset (within 2.2e-16 relative of the exact value on the random cases of
 * test/fixtures/stattest-cases.json, where np.std itself, summing the raw values, is off by up to
 * 8e-4). NaN for an empty array.
 */
export function populationStd(values: Float64Array): number {
  const n = values.length;
  const shift = values[0]!;
  const mean = shiftedSum(values, shift) / n;
  let squares = 0;
  let squaresCompensation = 0;
  let deviations = 0;
  let deviationsCompensation = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - shift - mean;
    const dd = d * d;
    const s = squares + dd;
    squaresCompensation += roundingError(squares, dd, s);
    squares = s;
    const t = deviations + d;
    deviationsCompensation += roundingError(deviations, d, t);
    deviations = t;
  }
  // The deviations sum to n * (true mean - mean): subtracting their square over n removes the
  // rounding error of the mean from the sum of squares.
  const deviationSum = deviations + deviationsCompensation;
  const sumOfSquares = squares + squaresCompensation - (deviationSum * deviationSum) / n;
  return Math.sqrt(Math.max(sumOfSquares, 0) / n);
}
