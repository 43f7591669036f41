/**
 * liblinear's L2-regularised logistic loss over typed columns, with the intercept as the last parameter
 * and penalised like the weights:
 *   f(w, b) = ½(‖w‖² + b²) + C·Σᵢ log(1 + exp(−yᵢ(w·xᵢ + b))),  yᵢ ∈ {−1, +1}.
 * Work is done in tight passes over the Float64Array columns into scratch arrays allocated once:
 * decision values column by column, one row pass for the loss and its first and second derivatives,
 * then one pass per feature (its gradient entry and Hessian row) and one per feature pair.
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
  const z = new Float64Array(n); // decision values
  const r = new Float64Array(n); // C · ∂loss/∂z per row
  const s = new Float64Array(n); // C · ∂²loss/∂z² per row

  /** Fills z with X·w + b and returns ½‖theta‖². */
  function decisionValues(theta: Float64Array): number {
    z.fill(theta[p]!);
    for (let j = 0; j < p; j++) {
      const w = theta[j]!;
      const column = columns[j]!;
      for (let i = 0; i < n; i++) z[i]! += w * column[i]!;
    }
    let sum = 0;
    for (let k = 0; k < d; k++) sum += theta[k]! * theta[k]!;
    return 0.5 * sum;
  }

  function value(theta: Float64Array): number {
    const penalty = decisionValues(theta);
    let loss = 0;
    let lost = 0;
    for (let i = 0; i < n; i++) {
      const m = signed[i]! * z[i]!;
      const term = (m < 0 ? -m : 0) + Math.log1p(Math.exp(-Math.abs(m))); // log(1 + exp(−m))
      const next = loss + term;
      lost += loss >= term ? loss - next + term : term - next + loss;
      loss = next;
    }
    return penalty + C * (loss + lost);
  }

  function secondOrder(theta: Float64Array): SecondOrder {
    const penalty = decisionValues(theta);
    let loss = 0;
    let lost = 0;
    let gb = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const y = signed[i]!;
      const m = y * z[i]!;
      const e = Math.exp(-Math.abs(m));
      const q = 1 / (1 + e);
      const term = (m < 0 ? -m : 0) + Math.log1p(e); // the same arithmetic as value()
      const next = loss + term;
      lost += loss >= term ? loss - next + term : term - next + loss;
      loss = next;
      const ri = -C * y * (m >= 0 ? e * q : q); // −C·y·σ(−m)
      const si = C * e * q * q; // C·σ(m)·σ(−m)
      r[i] = ri;
      s[i] = si;
      gb += ri;
      hbb += si;
    }
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    const set = (j: number, k: number, v: number): void => {
      hessian[j * d + k] = v;
      hessian[k * d + j] = v;
    };
    gradient[p] = theta[p]! + gb;
    set(p, p, 1 + hbb);
    for (let j = 0; j < p; j++) {
      const cj = columns[j]!;
      let g = 0;
      let hb = 0;
      let hjj = 0;
      for (let i = 0; i < n; i++) {
        const x = cj[i]!;
        const sx = s[i]! * x;
        g += r[i]! * x;
        hb += sx;
        hjj += sx * x;
      }
      gradient[j] = theta[j]! + g;
      set(j, p, hb);
      set(j, j, 1 + hjj);
      for (let k = j + 1; k < p; k++) {
        const ck = columns[k]!;
        let h = 0;
        for (let i = 0; i < n; i++) h += s[i]! * cj[i]! * ck[i]!;
        set(j, k, h);
      }
    }
    return { value: penalty + C * (loss + lost), gradient, hessian };
  }

  return { dimension: d, value, secondOrder };
}
