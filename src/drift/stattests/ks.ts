/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, exactly as scipy's `ks_2samp(ref, cur)` with
 * method 'auto': the statistic D from both empirical CDFs, then the exact p-value when both samples
 * have at most 10,000 values (falling back as scipy does), the asymptotic kstwo.sf(D, round(en))
 * otherwise. Evidently's "ks" test: drift when p <= threshold (0.05).
 */
import { exactTwoSampleP } from '../kolmogorov/exact-two-sample.ts';
import { clip01, roundHalfEven } from '../kolmogorov/float.ts';
import { kstwoSf } from '../kolmogorov/kstwo.ts';
import type { StatTest } from '../stattest.ts';

/** Largest sample size for which 'auto' attempts the exact p-value. */
export const MAX_EXACT_N = 10000;

/** The KS statistic, its p-value and how the p-value was computed. */
export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/** D = max |F_ref - F_cur| over all values, from two ascending, non-empty samples. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const minClipped = clip01(-minS);
  // biome-ignore lint/complexity/useMathMinMax: scipy's comparison, kept as it is written there
  return minClipped > maxS ? minClipped : maxS;
}

/**
 * scipy.stats.ks_2samp(a, b) (two-sided, method 'auto') on two ascending samples without NaN, each
 * with at least one value. In the exact branch D is snapped to the lattice h/lcm(n1, n2) as scipy does.
 */
export function ks2Samp(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  let d = ksStatistic(a, b);
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const exact = exactTwoSampleP(n1, n2, d);
    d = exact.d;
    if (exact.p !== null) return { statistic: d, pValue: exact.p, method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: clip01(kstwoSf(d, roundHalfEven(en))), method: 'asymp' };
}

/** Evidently's "ks" stat test. */
export const ksTest: StatTest = {
  name: 'ks',
  kind: 'p_value',
  columnTypes: ['numeric'],
  defaultThreshold: 0.05,
  drifted: (score, threshold) => score <= threshold,
  run(sample) {
    const { reference, current } = sample.sorted();
    const result = ks2Samp(reference, current);
    return { score: result.pValue, statistic: result.statistic };
  },
};
