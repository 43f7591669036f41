/**
 * Double-double arithmetic (an unevaluated sum hi + lo, about 106 significant bits): the subset of the
 * qd package that scipy's Smirnov distribution (xsf/cephes/dd_real.h) uses, with the same operation
 * formulas, so the one-sided Kolmogorov–Smirnov tail is summed as accurately as scipy sums it.
 */
import { frexp, ldexp } from './float.ts';

/** A double-double number hi + lo with |lo| <= ulp(hi) / 2. */
export interface DD {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1

/** A double as a double-double. */
export function dd(hi: number): DD {
  return { hi, lo: 0 };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const c = s - a;
  const d = b - c;
  const e = s - c;
  return { hi: s, lo: a - e + d };
}

/** fl(a * b) and its exact rounding error (Dekker's product; scipy uses fma, same result). */
function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

/** a + b. */
export function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

/** a + b for a double b. */
export function addDouble(a: DD, b: number): DD {
  const s = twoSum(a.hi, b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

/** a * b. */
export function mul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

/** a * b for a double b. */
export function mulDouble(a: DD, b: number): DD {
  const p1 = twoProd(a.hi, b);
  const p2 = twoProd(a.lo, b);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

/** a / b. */
export function div(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  let r = add(a, negate(mulDouble(b, q1)));
  const q2 = r.hi / b.hi;
  r = add(r, negate(mulDouble(b, q2)));
  const q3 = r.hi / b.hi;
  return addDouble(quickTwoSum(q1, q2), q3);
}

/** -a. */
export function negate(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

/** floor(a). */
export function floor(a: DD): DD {
  const hi = Math.floor(a.hi);
  if (hi !== a.hi) return { hi, lo: 0 };
  return quickTwoSum(hi, Math.floor(a.lo));
}

/** [m, e] with a = m * 2^e and 0.5 <= |m.hi| < 1 (or |m.hi| = 1 with m.lo of the other sign). */
export function frexpDD(a: DD): [DD, number] {
  let [man, exponent] = frexp(a.hi);
  let lo = ldexp(a.lo, -exponent);
  if (Math.abs(man) === 0.5 && man * lo < 0) {
    man *= 2;
    lo *= 2;
    exponent -= 1;
  }
  return [{ hi: man, lo }, exponent];
}

/** a * 2^e. */
export function ldexpDD(a: DD, e: number): DD {
  return { hi: ldexp(a.hi, e), lo: ldexp(a.lo, e) };
}
