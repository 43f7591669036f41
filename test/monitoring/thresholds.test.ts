// NannyML's StandardDeviationThreshold and alert rule (src/monitoring/thresholds.ts) and the thresholds
// of a chunked reference (thresholds-reference.ts), worked by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../src/errors.ts';
import { alert, standardDeviationThresholds, type Thresholds } from '../../src/monitoring/thresholds.ts';
import { referenceThresholds } from '../../src/monitoring/thresholds-reference.ts';

const f64 = (values: number[]) => Float64Array.from(values);

function assertThresholds(actual: Thresholds, lower: number, upper: number, what = 'thresholds'): void {
  assert.ok(Math.abs(actual.lower - lower) < 1e-12, `${what} lower: ${actual.lower} != ${lower}`);
  assert.ok(Math.abs(actual.upper - upper) < 1e-12, `${what} upper: ${actual.upper} != ${upper}`);
}

describe('standardDeviationThresholds', () => {
  it('is mean ± 3 population std, NaNs ignored', () => {
    // .6 .7 .8 (NaN dropped): mean .7, std = sqrt((.01 + 0 + .01) / 3) = 0.08164965809277261
    // → .7 ∓ 0.2449489742783178
    const std = Math.sqrt(0.02 / 3);
    assertThresholds(standardDeviationThresholds(f64([0.6, 0.7, 0.8, Number.NaN])), 0.7 - 3 * std, 0.7 + 3 * std);
  });

  it('clips to [0, 1]', () => {
    // .2 .9: mean .55, std .35 → .55 ∓ 1.05 = −.5, 1.6 → 0, 1
    assertThresholds(standardDeviationThresholds(f64([0.2, 0.9])), 0, 1);
    // 0 0: mean 0, std 0 → lower 0 (≤ 0 → 0), upper 0 (< 1, kept)
    assertThresholds(standardDeviationThresholds(f64([0, 0])), 0, 0);
  });

  it('collapses to the value when the chunks agree', () => {
    assertThresholds(standardDeviationThresholds(f64([0.5])), 0.5, 0.5);
  });

  it('is NaN without a number', () => {
    for (const values of [f64([]), f64([Number.NaN, Number.NaN])]) {
      const t = standardDeviationThresholds(values);
      assert.ok(Number.isNaN(t.lower) && Number.isNaN(t.upper));
    }
  });
});

describe('alert', () => {
  const t = { lower: 0.4, upper: 0.9 };

  it('fires strictly outside [lower, upper]', () => {
    assert.equal(alert(0.39, t), true);
    assert.equal(alert(0.4, t), false);
    assert.equal(alert(0.9, t), false);
    assert.equal(alert(0.91, t), true);
  });

  it('never fires on NaN', () => {
    assert.equal(alert(Number.NaN, t), false);
    assert.equal(alert(0.1, { lower: Number.NaN, upper: Number.NaN }), false);
  });
});

describe('referenceThresholds', () => {
  it('chunks the reference in order, keeps the short last chunk, and skips its undefined metrics', () => {
    // Chunks of 4: [0, 4), [4, 8), [8, 9)
    //   1: y 1 1 0 0, ŷ 1 0 0 0 → TP 1, FN 1, TN 2: precision 1, recall .5, F1 2/3, accuracy .75
    //   2: y 1 0 1 0, ŷ 1 1 1 0 → TP 2, FP 1, TN 1: precision 2/3, recall 1, F1 .8, accuracy .75
    //   3: y 1, ŷ 1 → one class: F1, precision, recall NaN; accuracy 1
    const yTrue = f64([1, 1, 0, 0, 1, 0, 1, 0, 1]);
    const yPred = f64([1, 0, 0, 0, 1, 1, 1, 0, 1]);
    const t = referenceThresholds(yTrue, yPred, 4);
    // F1 2/3, .8: mean 11/15, std 1/15 → 11/15 ∓ 3/15 = 8/15, 14/15
    assertThresholds(t.f1, 8 / 15, 14 / 15, 'f1');
    // precision 1, 2/3: mean 5/6, std 1/6 → 1/3, 4/3 → 1
    assertThresholds(t.precision, 1 / 3, 1, 'precision');
    // recall .5, 1: mean .75, std .25 → 0, 1.5 → 0, 1
    assertThresholds(t.recall, 0, 1, 'recall');
    // accuracy .75 .75 1: mean 5/6, std = sqrt((2·(1/12)² + (1/6)²) / 3) = sqrt(1/72) → 5/6 − 3·sqrt(1/72), 1
    assertThresholds(t.accuracy, 5 / 6 - 3 * Math.sqrt(1 / 72), 1, 'accuracy');
  });

  it('refuses a chunk size that is not a positive integer and arrays of different lengths', () => {
    assert.throws(() => referenceThresholds(f64([1, 0]), f64([1, 0]), 0), DataError);
    assert.throws(() => referenceThresholds(f64([1, 0]), f64([1, 0]), 1.5), DataError);
    assert.throws(() => referenceThresholds(f64([1, 0]), f64([1]), 1), DataError);
  });
});
