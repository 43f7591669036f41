/**
 * The exact two-sided p-value of the two-sample Kolmogorov–Smirnov statistic by lattice-path counting
 * (Hodges' treatment of Drion/Gnedenko/Korolyuk), as scipy's `_attempt_exact_2kssamp` computes it:
 * `_compute_prob_outside_square` for equal sizes and the pythran `_compute_outer_prob_inside_method`
 * (Viehmann's recursion for 1 - p) otherwise.
 */
import { roundHalfEven } from './float.ts';

/** Pr(D_{n,n} >= h/n): twice an alternating binomial series, evaluated Horner-style. */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The proportion of lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| < h/lcm(m, n),
 * i.e. Pr(D_{m,n} >= h/lcm); g = gcd(m, n).
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  // One sliding window of one column of the path-count matrix, rescaled at each step.
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1]!;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/**
 * scipy's exact attempt for the two-sided test: the statistic snapped to the lattice (h/lcm) and its
 * p-value, or `p: null` when the computed probability falls outside [0, 1] (scipy then switches to the
 * asymptotic distribution with the snapped statistic).
 */
export function exactTwoSampleP(n1: number, n2: number, d: number): { d: number; p: number | null } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { d: snapped, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return { d: snapped, p: p >= 0 && p <= 1 ? p : null };
}
