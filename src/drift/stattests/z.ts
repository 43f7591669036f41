/**
 * Two-proportion Z-test for binary columns, Evidently's "z" test: the smallest value maps to 0 and any
 * other value to 1, then `proportions_diff_z_stat_ind` (pooled variance) and a two-sided p-value from
 * the standard normal CDF. Both samples holding the same single value give p = 1. Drift when p <
 * threshold (0.05).
 */
import type { StatTest } from '../stattest.ts';
import { lazyRequire } from '../../lazy-require.ts';

const normalCdf = lazyRequire<typeof import('@stdlib/stats-base-dists-normal-cdf')>(
  '@stdlib/stats-base-dists-normal-cdf',
);

/** z for the difference of the proportions ones1/n1 and ones2/n2 with the pooled proportion. */
export function proportionsDiffZ(ones1: number, n1: number, ones2: number, n2: number): number {
  const p1 = ones1 / n1;
  const p2 = ones2 / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  return (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

/** Two-sided p-value of a standard normal statistic: 2 * (1 - Phi(|z|)). */
export function twoSidedNormalP(z: number): number {
  return 2 * (1 - normalCdf()(Math.abs(z), 0, 1));
}

/** Evidently's "z" stat test. */
export const zTest: StatTest = {
  name: 'z',
  kind: 'p_value',
  columnTypes: ['categorical'],
  defaultThreshold: 0.05,
  drifted: (score, threshold) => score < threshold,
  run(sample) {
    const counts = sample.valueCounts();
    if (counts.keys.length === 1) return { score: 1, note: 'the same single value in both samples (p-value 1)' };
    const n1 = sample.reference.length;
    const n2 = sample.current.length;
    const z = proportionsDiffZ(n1 - counts.reference[0]!, n1, n2 - counts.current[0]!, n2);
    return { score: twoSidedNormalP(z), statistic: z };
  },
};
