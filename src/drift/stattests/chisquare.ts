/**
 * Chi-square goodness-of-fit of the current counts against the reference shares, as Evidently's
 * "chisquare" test calls scipy: `chisquare(f_obs = current counts, f_exp = reference counts *
 * current size / reference size)` over the union of categories. Drift when p < threshold (0.05).
 */
import { chiSquareSf } from '../chi-square-sf.ts';
import type { StatTest } from '../stattest.ts';

/**
 * scipy.stats.chisquare(observed, expected): Pearson's statistic sum((o - e)^2 / e) and its upper
 * tail with k - 1 degrees of freedom. Needs at least two categories; an expected count of 0 with a
 * non-zero observed count makes the statistic infinite and the p-value 0.
 */
export function chiSquare(observed: Float64Array, expected: Float64Array): { statistic: number; pValue: number } {
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const diff = observed[i]! - expected[i]!;
    statistic += (diff * diff) / expected[i]!;
  }
  return { statistic, pValue: chiSquareSf(statistic, observed.length - 1) };
}

/** Evidently's "chisquare" stat test. */
export const chiSquareTest: StatTest = {
  name: 'chisquare',
  kind: 'p_value',
  columnTypes: ['categorical'],
  defaultThreshold: 0.05,
  drifted: (score, threshold) => score < threshold,
  run(sample) {
    const counts = sample.valueCounts();
    if (counts.keys.length < 2)
      return { score: 1, note: 'one category in both samples: nothing can drift (p-value 1)' };
    const kNorm = sample.current.length / sample.reference.length;
    const result = chiSquare(
      counts.current,
      counts.reference.map((c) => c * kNorm),
    );
    if (!Number.isFinite(result.statistic)) {
      return {
        score: result.pValue,
        note: 'categories absent from the reference appear in the current sample (infinite statistic)',
      };
    }
    return { score: result.pValue, statistic: result.statistic };
  },
};
