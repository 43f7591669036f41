/**
 * The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, scipy's
 * `kstwo.sf(x, n)`: the support check of rv_continuous, then `_kolmogn(n, x, cdf=False)`
 * (scipy/stats/_ksstats.py), which picks an exact or approximate method by n and n*x^2 following
 * Simard and L'Ecuyer (2011). ks_2samp's asymptotic p-value is kstwo.sf(D, round(n1*n2/(n1+n2))).
 */
import { durbinMatrixCdf } from './durbin-matrix.ts';
import { clip01 } from './float.ts';
import { pelzGoodCdf } from './pelz-good.ts';
import { pomeranzCdf } from './pomeranz.ts';
import { smirnovSf } from './smirnov.ts';

const LOG_2PI = Math.log(2 * Math.PI);
// Stirling coefficients B_{2j}/(2j)/(2j-1) for j = 8, ..., 1 (highest power first)
const STIRLING_COEFFS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** log(n! / n^n) by Stirling's series with n*log(n) removed up front. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** P(D_n >= x) for integer n >= 1 and 0 < x < 1 (scipy `_kolmogn(n, x, cdf=False)`). */
function kolmognSf(n: number, x: number): number {
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: 1/(2n) <= x <= 1/n
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n); // Ruben–Gambino
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x)); // exact: twice the one-sided tail
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - durbinMatrixCdf(n, x));
    if (nxsquared <= 4) return clip01(1 - pomeranzCdf(n, x));
    return clip01(2 * smirnovSf(n, x)); // Miller's approximation
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip01(1 - cdf);
}

/** scipy.stats.kstwo.sf(x, n): P(D_n >= x); NaN when n is not an integer >= 1 or x is NaN. */
export function kstwoSf(x: number, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmognSf(n, x);
}
