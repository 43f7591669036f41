// Isotonic regression (src/monitoring/isotonic.ts) against scikit-learn 1.2's IsotonicRegression on the
// cases of test/fixtures/calibration-cases.json (made by scripts/reference/make-calibration-cases.py),
// and on small examples worked by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fitIsotonic, predictIsotonic } from '../../src/monitoring/isotonic.ts';

interface IsotonicCase {
  name: string;
  x: number[];
  y: number[];
  weights: number[] | null;
  x_thresholds: number[];
  y_thresholds: number[];
  x_min: number;
  x_max: number;
  queries: number[];
  predictions: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/calibration-cases.json', import.meta.url), 'utf8')) as {
  isotonic: IsotonicCase[];
};

const f64 = (values: number[]) => Float64Array.from(values);

describe('isotonic regression against scikit-learn', () => {
  it('holds 32 cases, 1 to 5,000 points', () => {
    assert.equal(fixture.isotonic.length, 32);
    assert.ok(fixture.isotonic.some((c) => c.x.length > 2000));
  });

  // The same additions, divisions and comparisons in the same order as scikit-learn's Cython and
  // numpy's np.interp (no fused multiply-add in either), so the doubles are equal, not just close.
  for (const c of fixture.isotonic) {
    it(`${c.name}: the same thresholds and predictions, bit for bit`, () => {
      const fit = fitIsotonic(f64(c.x), f64(c.y), c.weights === null ? undefined : f64(c.weights));
      assert.deepEqual(Array.from(fit.xThresholds), c.x_thresholds);
      assert.deepEqual(Array.from(fit.yThresholds), c.y_thresholds);
      assert.equal(fit.xMin, c.x_min);
      assert.equal(fit.xMax, c.x_max);
      assert.deepEqual(Array.from(predictIsotonic(fit, f64(c.queries))), c.predictions);
    });
  }
});

describe('isotonic regression by hand', () => {
  it('pools the violators of 0 1 0 1 1 0 1: 0, 1/2, 1/2, 2/3, 2/3, 2/3, 1', () => {
    // 1 > 0 at x=2,3 pools to 1/2; then 1 1 0 at x=4..6 pools to 2/3, above 1/2, so it stays
    const fit = fitIsotonic(f64([1, 2, 3, 4, 5, 6, 7]), f64([0, 1, 0, 1, 1, 0, 1]));
    const fitted = predictIsotonic(fit, f64([1, 2, 3, 4, 5, 6, 7]));
    assert.deepEqual(Array.from(fitted), [0, 0.5, 0.5, 2 / 3, 2 / 3, 2 / 3, 1]);
    // flat runs keep only their ends
    assert.deepEqual(Array.from(fit.xThresholds), [1, 2, 3, 4, 6, 7]);
  });

  it('backtracks: 0.9 0.1 0.1 0.1 pools 0.9 0.1 to 0.5, then all four to 0.3', () => {
    const fit = fitIsotonic(f64([1, 2, 3, 4]), f64([0.9, 0.1, 0.1, 0.1]));
    assert.deepEqual(Array.from(fit.yThresholds), [0.30000000000000004, 0.30000000000000004]);
    assert.deepEqual(Array.from(fit.xThresholds), [1, 4]);
  });

  it('leaves monotone data unchanged', () => {
    const y = f64([0, 0, 0.2, 0.5, 0.5, 1]);
    const x = f64([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    assert.deepEqual(Array.from(predictIsotonic(fitIsotonic(x, y), x)), Array.from(y));
  });

  it('averages all-tied x into one point, predicted everywhere', () => {
    const fit = fitIsotonic(f64([0.4, 0.4, 0.4, 0.4]), f64([1, 0, 0, 1]));
    assert.deepEqual(Array.from(fit.xThresholds), [0.4]);
    assert.deepEqual(Array.from(predictIsotonic(fit, f64([-1, 0.4, 2, Number.NaN]))), [0.5, 0.5, 0.5, 0.5]);
  });

  it('weights tied x by weight; zero weights drop out', () => {
    // x=0.2: (3·1 + 1·0) / 4 = 0.75 over weight 4; x=0.6 drops; x=0.8: 0 violates, pooled 3 / 5
    const fit = fitIsotonic(f64([0.2, 0.2, 0.6, 0.8]), f64([1, 0, 1, 0]), f64([3, 1, 0, 1]));
    assert.deepEqual(Array.from(fit.xThresholds), [0.2, 0.8]);
    assert.deepEqual(Array.from(fit.yThresholds), [0.6, 0.6]);
  });

  it('interpolates linearly between thresholds and clips outside', () => {
    const fit = fitIsotonic(f64([0, 1]), f64([0, 1]));
    assert.deepEqual(Array.from(predictIsotonic(fit, f64([-5, 0, 0.25, 1, 7]))), [0, 0, 0.25, 1, 1]);
  });

  it('finds each x its threshold as a binary search does, also at and between thresholds, outside and for NaN', () => {
    const xs = Float64Array.from({ length: 3000 }, (_, i) => (i * i) / 3000 - 7); // uneven gaps
    const fit = {
      xThresholds: xs,
      yThresholds: Float64Array.from(xs, (_, i) => i / 3000),
      xMin: xs[0]!,
      xMax: xs.at(-1)!,
    };
    const x = Float64Array.from([...xs, ...xs.map((v) => v + 1e-9), -100, 1e6, Number.NaN, fit.xMax, fit.xMin]);
    const expected = Array.from(x, (raw) => {
      const t = Math.min(Math.max(raw, fit.xMin), fit.xMax);
      let j = 0;
      for (let k = 0; k < xs.length; k++) if (xs[k]! <= t) j = k;
      if (j === xs.length - 1 || xs[j] === t) return fit.yThresholds[j]!;
      const slope = (fit.yThresholds[j + 1]! - fit.yThresholds[j]!) / (xs[j + 1]! - xs[j]!);
      return slope * (t - xs[j]!) + fit.yThresholds[j]!;
    });
    assert.deepEqual(Array.from(predictIsotonic(fit, x)), expected);
  });

  it('rejects labels outside [0, 1], mismatched lengths and no positive weight', () => {
    assert.throws(() => fitIsotonic(f64([1, 2]), f64([0, 2])), RangeError);
    assert.throws(() => fitIsotonic(f64([1, 2]), f64([0])), RangeError);
    assert.throws(() => fitIsotonic(f64([1, 2]), f64([0, 1]), f64([0, 0])), RangeError);
  });
});
