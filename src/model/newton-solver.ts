/**
 * Damped Newton's method for smooth strictly convex objectives: the Newton step Δ = −H⁻¹g, shortened by
 * backtracking until it decreases the objective enough, repeated until the step is negligible.
 *
 * Stopping rule: converged when the Newton step is small relative to the parameters in the local
 * (Hessian) norm, ‖Δ‖_H ≤ tol·max(1, ‖θ‖_H), where ‖v‖_H = √(vᵀHv). ‖Δ‖_H is the Newton decrement λ
 * (λ² = −g·Δ, and f − f* ≈ λ²/2 near the optimum). Near the optimum Δ ≈ θ* − θ, so the parameters
 * are then within tol of the optimum, relative, in that norm (Newton's quadratic convergence usually
 * lands well inside). The rule does not depend on the units of the parameters (a feature measured in
 * millions changes nothing), and at tol = 1e-10 it stays far above the rounding noise of the gradient.
 *
 * Line search: Armijo backtracking from t = 1, f(θ + tΔ) ≤ f(θ) − 1e-4·t·λ², halving t; the full step
 * is evaluated with its derivatives, which the next step reuses when it is accepted. When the
 * predicted decrease λ²/2 is below 1e-12·max(1, |f|), finer than the objective's rounding lets a test
 * resolve, the full step is taken untested: that close to the optimum Newton's method is in its
 * quadratic phase, where the full step is the right one.
 */
import type { SecondOrder, SmoothConvexObjective } from './objective.ts';
import { solveSymmetricPositiveDefinite } from './spd-solve.ts';

/** Stopping controls: relative step tolerance and the maximum number of Newton steps. */
export interface NewtonOptions {
  tol: number;
  maxIter: number;
}

/** The minimiser found and how the solver got there. */
export interface NewtonResult {
  theta: Float64Array;
  value: number;
  /** Newton steps taken. */
  iterations: number;
  /** false when maxIter steps were taken first, or the step or line search failed numerically. */
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
const UNRESOLVABLE_DECREASE = 1e-12;

/** Minimises `objective` from `start` (not modified). */
export function minimizeNewton(
  objective: SmoothConvexObjective,
  start: Float64Array,
  options: NewtonOptions,
): NewtonResult {
  const d = objective.dimension;
  let theta = start.slice();
  let current = objective.secondOrder(theta);
  let iterations = 0;
  for (;;) {
    const { value, gradient, hessian } = current;
    const step = solveSymmetricPositiveDefinite(
      hessian,
      gradient.map((g) => -g),
      d,
    );
    const decrementSq = -dot(gradient, step);
    const thetaNormSq = quadraticForm(hessian, theta);
    const finish = (converged: boolean): NewtonResult => ({ theta, value, iterations, converged });
    if (!(Number.isFinite(decrementSq) && Number.isFinite(thetaNormSq))) return finish(false);
    const threshold = options.tol * Math.max(1, Math.sqrt(thetaNormSq));
    if (decrementSq <= threshold * threshold) return finish(true);
    if (iterations >= options.maxIter) return finish(false);
    const at = (t: number) => theta.map((v, k) => v + t * step[k]!);
    let next: SecondOrder | null = null;
    let t = 1;
    if (decrementSq / 2 > UNRESOLVABLE_DECREASE * Math.max(1, Math.abs(value))) {
      // the full step is tried with its derivatives: when accepted (the usual case) they are the
      // next iteration's, so the objective is evaluated once per step instead of twice
      const full = objective.secondOrder(at(1));
      if (full.value <= value - ARMIJO * decrementSq) {
        next = full;
      } else {
        let halvings = 0;
        do {
          if (++halvings > MAX_HALVINGS) return finish(false);
          t /= 2;
        } while (!(objective.value(at(t)) <= value - ARMIJO * t * decrementSq));
      }
    }
    theta = at(t);
    current = next ?? objective.secondOrder(theta);
    iterations++;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

/** vᵀMv for a row-major square matrix M. */
function quadraticForm(m: Float64Array, v: Float64Array): number {
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += m[i * n + j]! * v[j]!;
    sum += v[i]! * row;
  }
  return sum;
}
