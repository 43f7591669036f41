/**
 * The Newton solver on an objective with a known minimum, and the small SPD solves it relies on,
 * including the badly scaled and singular cases that exercise the fallbacks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SmoothConvexObjective } from '../../src/model/objective.ts';
import { minimizeNewton } from '../../src/model/newton-solver.ts';
import { solveSymmetricPositiveDefinite } from '../../src/model/spd-solve.ts';

/** f(θ) = Σ exp(s_k·θ_k) − a_k·s_k·θ_k: minimum at θ_k = ln(a_k)/s_k, value Σ a_k(1 − ln a_k). */
function separableExp(a: number[], s: number[]): SmoothConvexObjective {
  const value = (theta: Float64Array): number =>
    a.reduce((sum, ak, k) => sum + Math.exp(s[k]! * theta[k]!) - ak * s[k]! * theta[k]!, 0);
  return {
    dimension: a.length,
    value,
    secondOrder(theta) {
      const d = a.length;
      const hessian = new Float64Array(d * d);
      const gradient = Float64Array.from(a, (ak, k) => s[k]! * (Math.exp(s[k]! * theta[k]!) - ak));
      a.forEach((_, k) => {
        hessian[k * d + k] = s[k]! * s[k]! * Math.exp(s[k]! * theta[k]!);
      });
      return { value: value(theta), gradient, hessian };
    },
  };
}

describe('minimizeNewton', () => {
  it('finds a known minimum to tol relative, whatever the parameter scales', () => {
    const a = [0.5, 3, 20];
    const s = [1, 1e-6, 1e4];
    const result = minimizeNewton(separableExp(a, s), new Float64Array(3), { tol: 1e-10, maxIter: 100 });
    assert.equal(result.converged, true);
    a.forEach((ak, k) => {
      const expected = Math.log(ak) / s[k]!;
      assert.ok(
        Math.abs(result.theta[k]! - expected) <= 1e-9 * Math.abs(expected),
        `θ${k} = ${result.theta[k]} vs ${expected}`,
      );
    });
    const minimum = a.reduce((sum, ak) => sum + ak * (1 - Math.log(ak)), 0);
    assert.ok(Math.abs(result.value - minimum) <= 1e-14 * Math.abs(minimum));
  });

  it('stops unconverged at maxIter, and leaves the start untouched', () => {
    const start = Float64Array.from([5, 0, 0]);
    const result = minimizeNewton(separableExp([0.5, 3, 20], [1, 1, 1]), start, { tol: 1e-10, maxIter: 2 });
    assert.deepEqual([result.iterations, result.converged], [2, false]);
    assert.deepEqual(Array.from(start), [5, 0, 0]);
  });
});

describe('solveSymmetricPositiveDefinite', () => {
  /** Largest |(Hx − b)_i| relative to the size of the terms of row i (the backward error). */
  const residual = (h: number[], x: Float64Array, b: number[]): number =>
    Math.max(
      ...b.map((bi, i) => {
        const terms = b.map((_, j) => h[i * b.length + j]! * x[j]!);
        return Math.abs(terms.reduce((sum, t) => sum + t, 0) - bi) / Math.max(Math.abs(bi), ...terms.map(Math.abs));
      }),
    );

  it('solves a well-conditioned system', () => {
    const h = [4, 1, 1, 3];
    const x = solveSymmetricPositiveDefinite(Float64Array.from(h), Float64Array.from([1, 2]), 2);
    assert.ok(residual(h, x, [1, 2]) < 1e-15);
  });

  it('solves a system whose diagonal spans 24 orders of magnitude', () => {
    const h = [1e12, 0.5, 0.5, 1e-12]; // correlation ½ once scaled by the diagonal
    const b = [1, 1];
    const x = solveSymmetricPositiveDefinite(Float64Array.from(h), Float64Array.from(b), 2);
    assert.ok(residual(h, x, b) < 1e-12, `residual ${residual(h, x, b)}`);
  });

  it('returns a finite answer for a singular matrix (ridge fallback)', () => {
    const x = solveSymmetricPositiveDefinite(Float64Array.from([1, 1, 1, 1]), Float64Array.from([2, 2]), 2);
    assert.ok(x.every(Number.isFinite));
    assert.ok(Math.abs(x[0]! + x[1]! - 2) < 1e-6, `x = ${x}`);
  });
});
