/**
 * Normed Wasserstein distance, Evidently's "wasserstein" test: scipy's `wasserstein_distance(ref, cur)`
 * (the area between the two empirical CDFs) divided by max(population std of the reference, 0.001).
 * A distance: drift when score >= threshold (0.1). Both parts keep their digits when the values share a
 * large offset (10^14 + small numbers): the distance multiplies differences of neighbouring values,
 * exact there, and the std is population-std.ts's shifted, compensated one.
 */
import { populationStd } from '../population-std.ts';
import type { StatTest } from '../stattest.ts';

/** scipy.stats.wasserstein_distance(u, v) for two ascending, non-empty samples with equal weights. */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const n1 = u.length;
  const n2 = v.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let x = Math.min(u[0]!, v[0]!);
  // Walk the distinct values of both samples; between x and the next value the CDFs are flat.
  while (i < n1 || j < n2) {
    while (i < n1 && u[i]! <= x) i++;
    while (j < n2 && v[j]! <= x) j++;
    if (i === n1 && j === n2) break;
    const next = j >= n2 || (i < n1 && u[i]! <= v[j]!) ? u[i]! : v[j]!;
    total += Math.abs(i / n1 - j / n2) * (next - x);
    x = next;
  }
  return total;
}

/** Wasserstein distance divided by max(std(reference), 0.001), from two ascending samples. */
export function normedWasserstein(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistance(reference, current) / Math.max(populationStd(reference), 0.001);
}

/** Evidently's "wasserstein" stat test. */
export const wassersteinTest: StatTest = {
  name: 'wasserstein',
  kind: 'distance',
  columnTypes: ['numeric'],
  defaultThreshold: 0.1,
  drifted: (score, threshold) => score >= threshold,
  run(sample) {
    const { reference, current } = sample.sorted();
    return { score: normedWasserstein(reference, current) };
  },
};
