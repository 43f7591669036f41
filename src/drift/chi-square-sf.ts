/**
 * The chi-square distribution's upper tail, scipy's `chi2.sf(x, df)`, for a whole number of degrees of
 * freedom: the regularised upper incomplete gamma function Q(a, y) with a = df / 2, y = x / 2. As a is
 * whole or half-whole, Q is a finite sum of positive terms (Boost's finite_gamma_q and
 * finite_half_gamma_q), with nothing subtracted:
 *   Q(n, y)       = sum over c = 0 .. n - 1 of y^c e^-y / c!
 *   Q(n + 1/2, y) = erfc(sqrt(y)) + sum over c = 1/2 .. n - 1/2 of y^c e^-y / Γ(c + 1)
 * so p-values far below 1e-16 keep their digits, down to the smallest doubles (1 - CDF rounds them
 * to 0). The general incomplete gamma of @stdlib/math-base-special-gammainc 0.3.1 is not used: for
 * y > 1000 its asymptotic series starts at a instead of Boost's a - 1 and the result is off by a
 * factor of about 1 + 1/(y - a) (p = 1e-5 with 2,001 degrees of freedom comes out 0.65% high).
 */
import { lazyRequire } from '../lazy-require.ts';

const erfc = lazyRequire<typeof import('@stdlib/math-base-special-erfc')>('@stdlib/math-base-special-erfc');
const gammaln = lazyRequire<typeof import('@stdlib/math-base-special-gammaln')>('@stdlib/math-base-special-gammaln');

/** A term below this share of the sum ends it: that far out the terms fall off geometrically. */
const NEGLIGIBLE = 1e-17;

/**
 * P(X >= x) for X chi-square with `df` (a positive whole number) degrees of freedom; 1 at x = 0,
 * 0 at x = Infinity. The relative error grows with x and df, from rounding in the exponent of the
 * largest term: below 1e-15 (x + df) against mpmath, so 1e-11 at df = 5,000, 1e-10 at df = 80,000.
 */
export function chiSquareSf(x: number, df: number): number {
  if (x === Infinity) return 0;
  const y = x / 2;
  const lowest = df % 2 === 1 ? 0.5 : 0;
  const highest = df / 2 - 1;
  const sum = lowest === 0.5 ? erfc()(Math.sqrt(y)) : 0;
  if (highest < lowest) return sum;
  if (y === 0) return 1;
  // Start at the largest term, c nearest below y, and add terms outwards: each side decreases.
  const peak = Math.min(highest, Math.max(lowest, lowest + Math.floor(y - lowest)));
  const first = Math.exp(peak * Math.log(y) - y - gammaln()(peak + 1));
  let terms = first;
  let term = first;
  for (let c = peak + 1; c <= highest && term > terms * NEGLIGIBLE; c++) {
    term *= y / c;
    terms += term;
  }
  term = first;
  for (let c = peak; c > lowest && term > terms * NEGLIGIBLE; c--) {
    term *= c / y;
    terms += term;
  }
  return sum + terms;
}
