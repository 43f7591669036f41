/**
 * The logistic function evaluated so that exp never overflows: exact to rounding for every finite
 * input, 0 or 1 only where the true value rounds there.
 */

/** σ(z) = 1 / (1 + exp(−z)). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
