/**
 * liblinear's L2-regularised logistic loss over typed columns, with the intercept as the last parameter
 * and penalised like the weights:
 *   f(w, b) = ½(‖w‖² + b²) + C·Σᵢ log(1 + exp(−yᵢ(w·xᵢ + b))),  yᵢ ∈ {−1, +1}.
 * Each evaluation is one pass over the rows of the Float64Array columns with no per-row scratch
 * arrays (fresh memory is slow to touch): the row's decision value, its loss term and, for
 * secondOrder, its share of the gradient and of the Hessian's upper triangle. Every sum runs over the
 * rows in order, as separate passes would.
 * log(1 + exp(−m)) is evaluated as max(−m, 0) + log1p(exp(−|m|)), which never overflows, and the
 * loss is summed with Neumaier's compensation (its terms are non-negative, so comparing them without
 * abs suffices), so that the line search can compare values differing in their last digits whatever
 * the number of rows.
 */
import type { SecondOrder, SmoothConvexObjective } from './objective.ts';

/**
 * The objective for feature `columns` (all of one length) and labels `signed` (−1/+1), penalty weight C.
 * Parameters: theta = [w₀ … w_{p−1}, b].
 */
export function logisticObjective(columns: readonly Float64Array[], signed: Float64Array, C: number): SmoothConvexObjective {
  const p = columns.length;
  const d = p + 1;
  const n = signed.length;
  const x = new Float64Array(p); // the current row's features

  /** ½‖theta‖². */
  function penalty(theta: Float64Array): number {
    let sum = 0;
    for (let k = 0; k < d; k++) sum += theta[k]! * theta[k]!;
    return 0.5 * sum;
  }

  /** Row i's decision value w·xᵢ + b (summed in feature order); leaves the row's features in x. */
  function decisionValue(theta: Float64Array, i: number): number {
    let z = theta[p]!;
    for (let j = 0; j < p; j++) {
      const v = columns[j]![i]!;
      x[j] = v;
      z += theta[j]! * v;
    }
    return z;
  }

  function value(theta: Float64Array): number {
    let loss = 0;
    let lost = 0;
    for (let i = 0; i < n; i++) {
      const m = signed[i]! * decisionValue(theta, i);
      const term = (m < 0 ? -m : 0) + Math.log1p(Math.exp(-Math.abs(m))); // log(1 + exp(−m))
      const next = loss + term;
      lost += loss >= term ? loss - next + term : term - next + loss;
      loss = next;
    }
    return penalty(theta) + C * (loss + lost);
  }

  function secondOrder(theta: Float64Array): SecondOrder {
    let loss = 0;
    let lost = 0;
    const gradient = new Float64Array(d); // the loss part, summed over the rows in order
    const hessian = new Float64Array(d * d); // its upper triangle, mirrored at the end
    for (let i = 0; i < n; i++) {
      const y = signed[i]!;
      const m = y * decisionValue(theta, i);
      const e = Math.exp(-Math.abs(m));
      const q = 1 / (1 + e);
      const term = (m < 0 ? -m : 0) + Math.log1p(e); // the same arithmetic as value()
      const next = loss + term;
      lost += loss >= term ? loss - next + term : term - next + loss;
      loss = next;
      const ri = -C * y * (m >= 0 ? e * q : q); // −C·y·σ(−m)
      const si = C * e * q * q; // C·σ(m)·σ(−m)
      gradient[p]! += ri;
      hessian[p * d + p]! += si;
      for (let j = 0; j < p; j++) {
        const xj = x[j]!;
        const sx = si * xj;
        gradient[j]! += ri * xj;
        hessian[j * d + p]! += sx;
        hessian[j * d + j]! += sx * xj;
        for (let k = j + 1; k < p; k++) hessian[j * d + k]! += sx * x[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      gradient[j] = theta[j]! + gradient[j]!;
      hessian[j * d + j] = 1 + hessian[j * d + j]!;
      for (let k = j + 1; k < d; k++) hessian[k * d + j] = hessian[j * d + k]!;
    }
    return { value: penalty(theta) + C * (loss + lost), gradient, hessian };
  }

  return { dimension: d, value, secondOrder };
}
