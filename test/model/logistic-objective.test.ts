/**
 * The logistic objective: the three-feature evaluation (the schema's case) gives exactly the bits the
 * general evaluation gives, and the value agrees with secondOrder's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logisticObjective } from '../../src/model/logistic-objective.ts';

function columnOf(rows: number, seed: number, scale: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: rows }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 2 ** 32) * scale);
  });
}

describe('logistic objective', () => {
  const rows = 5000;
  const columns = [columnOf(rows, 1, 500), columnOf(rows, 2, 9000), columnOf(rows, 3, 60)];
  const signed = columnOf(rows, 4, 2).map((v) => (v === 1 ? 1 : -1));
  const theta = Float64Array.from([-0.004, 0.0001, 0.01, 0.6]);

  it('evaluates three features exactly as the general code does (a zero fourth feature adds nothing)', () => {
    const three = logisticObjective(columns, signed, 1.5).secondOrder(theta);
    const general = logisticObjective([...columns, new Float64Array(rows)], signed, 1.5).secondOrder(
      Float64Array.from([...theta.subarray(0, 3), 0, theta[3]!]),
    );
    const at = (k: number) => (k === 3 ? 4 : k); // the intercept's index in the general problem
    assert.equal(three.value, general.value);
    for (let j = 0; j < 4; j++) {
      assert.equal(three.gradient[j], general.gradient[at(j)], `gradient ${j}`);
      for (let k = 0; k < 4; k++)
        assert.equal(three.hessian[j * 4 + k], general.hessian[at(j) * 5 + at(k)], `hessian ${j},${k}`);
    }
  });

  it('computes the same value in value() and secondOrder()', () => {
    for (const features of [columns, columns.slice(0, 2)]) {
      const objective = logisticObjective(features, signed, 1);
      const point = Float64Array.from([...theta.subarray(0, features.length), theta[3]!]);
      assert.equal(objective.value(point), objective.secondOrder(point).value);
    }
  });
});
