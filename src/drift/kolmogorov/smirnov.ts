/**
 * The one-sided Kolmogorov–Smirnov tail P(D+_n >= x) (Smirnov's distribution): a port of the
 * survival-function part of scipy.special.smirnov (xsf/cephes/kolmogorov.h, `_smirnov`), which sums
 * the Birnbaum–Tingey series in double-double arithmetic with scaled powers and binomials.
 */
import { add, addDouble, dd, div, floor, frexpDD, ldexpDD, mul, mulDouble, negate, type DD } from './double-double.ts';
import { ldexp } from './float.ts';

const MINLOG = -7.08396418532264106224e2; // cephes: log(2^-1022)
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const SM_MAX_EXPONENT = 960;

const isZero = (a: DD): boolean => a.hi === 0 && a.lo === 0;

function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53);
  const l = Math.abs(q + x);
  return l === 0 ? Math.abs(x) : l;
}

/** floor(n * x) and the remainder, computed exactly (cephes `modNX`). */
function modNX(n: number, x: number): { alpha: number; nxFloor: number } {
  const nxD = mulDouble(dd(x), n);
  const nxFloorD = floor(nxD);
  let alpha = add(nxD, negate(nxFloorD)).hi;
  let nxFloor = Math.trunc(nxFloorD.hi);
  if (alpha === 1) {
    nxFloor += 1;
    alpha = 0;
  }
  return { alpha, nxFloor };
}

/** a^m for m >= 0, correcting pow(a.hi, m) for a.lo (cephes `pow_D`). */
function powD(a: DD, m: number): DD {
  if (m === 0) return dd(1);
  if (isZero(a)) return dd(0);
  const ans = a.hi ** m;
  const r = a.lo / a.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) adj += m * r * (((m - 1) / 2) * r);
    else adj = Math.expm1(m * Math.log1p(r));
  }
  return addDouble(dd(ans), ans * adj);
}

/** a^m (m >= 0) as [significand, binary exponent], splitting the power to avoid underflow. */
function pow2ScaledD(a: DD, m: number): [DD, number] {
  if (m === 0) return [dd(1), 0];
  const [y, yE] = frexpDD(a);
  if (m === 1) return [y, yE];
  let maxExpt = SM_MAX_EXPONENT;
  if ((m * (y.hi - 1)) / y.hi < -SM_MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2;
    if (m * lg2y <= -SM_MAX_EXPONENT) maxExpt = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / lg2y + 1) / 2);
  }
  if (m <= maxExpt) {
    const [ans, ansE] = frexpDD(powD(y, m));
    return [ans, ansE + m * yE];
  }
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  const [y2r, y2rE] = pow2ScaledD(y, r);
  const [y2m, y2mE] = pow2ScaledD(y, maxExpt);
  const [y2mq, y2mqE] = pow2ScaledD(y2m, q);
  const [ans, ansE] = frexpDD(mul(y2r, y2mq));
  return [ans, ansE + (y2mqE + y2mE * q) + y2rE + m * yE];
}

/** Binomial(n, v) * (1 - x - v/n)^(n-v) * (x + v/n)^(v-1), the binomial given as Cman * 2^cExpt. */
function termAv(n: number, x: number, v: number, cMan: DD, cExpt: number): DD {
  const t2x = addDouble(div(dd(n - v), dd(n)), -x);
  const [t2, t2E] = pow2ScaledD(t2x, n - v);
  const t1x = addDouble(div(dd(v), dd(n)), x);
  const [t1, t1E] = pow2ScaledD(t1x, v - 1);
  return ldexpDD(mul(mul(t1, t2), cMan), cExpt + t1E + t2E);
}

/** P(D+_n >= x): scipy.special.smirnov(n, x), for integer n >= 1 and 0 <= x <= 1 (NaN otherwise). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const { alpha, nxFloor } = modNX(n, x);
  let n1mxfl = n - nxFloor - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxFloor;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  // x <= 1/n
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) return 1 - x * powD(addDouble(dd(1), x), n - 1).hi;
  // the tail underflows
  if (-2 * n * x * x < MINLOG) return 0;
  // x >= 1 - 1/n
  if (nxFloor >= n - 1) return powD(addDouble(dd(1), -x), n).hi;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }

  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
  const start = useUpperSum ? n : 0;
  const step = useUpperSum ? -1 : 1;
  const nTerms = useUpperSum ? n - n1mxceil + 1 : n1mxfl + 1;
  const vmid = Math.trunc(n / 2);

  let aj = useUpperSum ? powD(addDouble(dd(1), x), n - 1) : div(powD(addDouble(dd(1), -x), n), dd(x));
  let sum = add(dd(0), aj);
  let cMan = dd(1);
  let cExpt = 0;
  const updateBinomial = (j: number): void => {
    const [man, expt] = frexpDD(mul(cMan, div(dd(n - j), dd(j + 1))));
    cMan = man;
    cExpt += expt;
  };
  updateBinomial(0);
  for (let j = 1; j < nTerms; j++) {
    aj = termAv(n, x, start + j * step, cMan, cExpt);
    if (Number.isFinite(aj.hi) && !isZero(aj)) sum = add(sum, aj);
    if (!isZero(aj)) {
      if (4 * (nTerms - j) * Math.abs(aj.hi) < Number.EPSILON * sum.hi && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    updateBinomial(j);
  }
  const prob = mulDouble(sum, x).hi;
  const sf = step < 0 ? 1 - prob : prob;
  return Math.min(Math.max(sf, 0), 1);
}
