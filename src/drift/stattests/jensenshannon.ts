/**
 * Jensen–Shannon distance, Evidently's "jensenshannon" test: scipy's `distance.jensenshannon(p, q)`
 * (natural logarithm) on the column's shared bins, without zero filling. A distance: drift when
 * score >= threshold (0.1).
 */
import type { StatTest } from '../stattest.ts';

/** scipy.special.rel_entr(x, y) for x, y >= 0. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  return x === 0 ? 0 : Infinity;
}

/** scipy.spatial.distance.jensenshannon(p, q): both normalised to sum 1, natural log. */
export function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < p.length; i++) {
    sumP += p[i]!;
    sumQ += q[i]!;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sumP;
    const qi = q[i]! / sumQ;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  return Math.sqrt((left + right) / 2);
}

/** Evidently's "jensenshannon" stat test. */
export const jensenShannonTest: StatTest = {
  name: 'jensenshannon',
  kind: 'distance',
  columnTypes: ['numeric', 'categorical'],
  defaultThreshold: 0.1,
  drifted: (score, threshold) => score >= threshold,
  run(sample) {
    const shares = sample.binShares();
    return { score: jensenShannonDistance(shares.reference, shares.current) };
  },
};
