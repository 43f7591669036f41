/**
 * Population Stability Index, Evidently's "psi" test: sum((ref - cur) * ln(ref / cur)) over the
 * column's shared bins after Evidently's zero filling of empty bins. A distance: drift when score >=
 * threshold (0.1).
 */
import { fillEmptyBins } from '../binning.ts';
import type { StatTest } from '../stattest.ts';

/** PSI of two share vectors without zeros. */
export function populationStabilityIndex(reference: Float64Array, current: Float64Array): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const c = current[i]!;
    psi += (r - c) * Math.log(r / c);
  }
  return psi;
}

/** Evidently's "psi" stat test. */
export const psiTest: StatTest = {
  name: 'psi',
  kind: 'distance',
  columnTypes: ['numeric', 'categorical'],
  defaultThreshold: 0.1,
  drifted: (score, threshold) => score >= threshold,
  run(sample) {
    const shares = sample.binShares();
    return { score: populationStabilityIndex(fillEmptyBins(shares.reference), fillEmptyBins(shares.current)) };
  },
};
