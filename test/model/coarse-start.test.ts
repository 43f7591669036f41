/**
 * The coarse start for large data sets: the fit lands on the same optimum as a fit from zero, in fewer
 * passes over the full data; small data sets start from zero as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COARSE_START_MIN_ROWS, coarseStart } from '../../src/model/coarse-start.ts';
import { logisticObjective } from '../../src/model/logistic-objective.ts';
import { fitLogisticRegression } from '../../src/model/logistic-regression.ts';
import { minimizeNewton } from '../../src/model/newton-solver.ts';

/** `rows` rows of two count-like features with a logistic label (a fixed linear congruential sequence). */
function syntheticData(rows: number) {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const a = new Float64Array(rows);
  const b = new Float64Array(rows);
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    a[i] = Math.floor(random() * 500);
    b[i] = Math.floor(random() * 40);
    target[i] = random() < 1 / (1 + Math.exp(-(0.8 - 0.006 * a[i]! + 0.03 * b[i]!))) ? 1 : 0;
  }
  return { names: ['a', 'b'], columns: [a, b], target, signed: target.map((t) => (t === 1 ? 1 : -1)) };
}

describe('coarse start', () => {
  const options = { tol: 1e-10, maxIter: 100 };

  it('reaches the optimum a fit from zero reaches, with fewer full-data Newton steps', () => {
    const data = syntheticData(150_000);
    const fromZero = minimizeNewton(logisticObjective(data.columns, data.signed, 1), new Float64Array(3), options);
    const model = fitLogisticRegression(data);
    const fitted = [...model.coefficients, model.intercept];
    fitted.forEach((value, k) => {
      assert.ok(
        Math.abs(value - fromZero.theta[k]!) <= 1e-9 * Math.abs(fromZero.theta[k]!),
        `parameter ${k}: ${value} vs ${fromZero.theta[k]}`,
      );
    });
    assert.ok(model.converged);
    assert.ok(
      model.iterations < fromZero.iterations,
      `${model.iterations} full-data steps vs ${fromZero.iterations} from zero`,
    );
  });

  it('starts small data sets from zero', () => {
    const data = syntheticData(COARSE_START_MIN_ROWS - 1);
    assert.deepEqual(coarseStart(data.columns, data.signed, 1, options), new Float64Array(3));
  });
});
