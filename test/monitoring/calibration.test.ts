// NannyML's calibration decision (src/monitoring/calibration.ts and the numpy / scikit-learn pieces it
// reproduces) against test/fixtures/calibration-cases.json (made by
// scripts/reference/make-calibration-cases.py: scikit-learn 1.2, numpy 1.24, and NannyML's formulas
// copied from nannyml/calibration.py), and on examples worked by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { auroc } from '../../src/monitoring/auroc.ts';
import {
  binIndexEdges,
  calibrate,
  calibrator,
  crossValidatedEce,
  expectedCalibrationError,
  needsCalibration,
} from '../../src/monitoring/calibration.ts';
import { numpyArgsort } from '../../src/monitoring/numpy-argsort.ts';
import { NumpyRandomState } from '../../src/monitoring/numpy-random.ts';
import { stratifiedShuffleSplit } from '../../src/monitoring/stratified-shuffle-split.ts';

interface CalibrationCase {
  name: string;
  y_true: number[];
  y_proba: number[];
  ece: number;
  auroc: number | null;
  needs_calibration: boolean;
  ece_before: number | null;
  ece_after: number | null;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/calibration-cases.json', import.meta.url), 'utf8')) as {
  random_state_42_permutation_20: number[];
  argsort: Array<{ values: number[]; order: number[] }>;
  splits: Array<{ y_true: number[]; folds: Array<{ train: number[]; test: number[] }> }>;
  calibration: CalibrationCase[];
};

const f64 = (values: number[]) => Float64Array.from(values);

describe('numpy and scikit-learn pieces', () => {
  it('MT19937 seeded 5489 starts 3499211612 (the reference implementation), 42 permutes as numpy', () => {
    assert.equal(new NumpyRandomState(5489).nextUint32(), 3499211612);
    assert.deepEqual(Array.from(new NumpyRandomState(42).permutation(20)), fixture.random_state_42_permutation_20);
  });

  it("argsort orders ties as numpy's unstable quicksort does (not as a stable sort)", () => {
    for (const c of fixture.argsort) assert.deepEqual(Array.from(numpyArgsort(f64(c.values))), c.order);
  });

  it("StratifiedShuffleSplit(10, test_size=0.1, random_state=42) gives scikit-learn's folds", () => {
    for (const c of fixture.splits) {
      const folds = stratifiedShuffleSplit(f64(c.y_true), 10, 0.1, 42);
      assert.deepEqual(
        folds.map((f) => ({ train: Array.from(f.train), test: Array.from(f.test) })),
        c.folds,
      );
    }
  });
});

describe("NannyML's bins", () => {
  it('10 bins of n / 10 when n is a multiple of 10', () => {
    assert.deepEqual(
      binIndexEdges(100).map(([a]) => a),
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90],
    );
  });

  it('more than 10 bins when the width floor(n / 10) does not divide n: 25 gives 12, the last of 3', () => {
    const edges = binIndexEdges(25);
    assert.equal(edges.length, 12);
    assert.deepEqual(edges.at(-1), [22, 25]);
  });

  it('floor(n / 2) bins of 2 from n <= 20; fewer than 2 bins is an error', () => {
    assert.deepEqual(binIndexEdges(5), [
      [0, 2],
      [2, 5],
    ]);
    assert.throws(() => binIndexEdges(3), RangeError);
  });
});

describe('ECE and the calibration decision against NannyML', () => {
  it('holds 24 cases, both decisions among them', () => {
    assert.equal(fixture.calibration.length, 24);
    assert.ok(fixture.calibration.some((c) => c.needs_calibration));
    assert.ok(fixture.calibration.some((c) => !c.needs_calibration && c.ece_before !== null));
  });

  // ECEs: numpy's sort, pairwise sums and division order reproduced, so equal to the last bit.
  // AUROC: counted pairs here, trapezoids in scikit-learn: a few units in the last place apart.
  for (const c of fixture.calibration) {
    it(`${c.name}: ECE, AUROC, cross-validated ECEs and decision`, () => {
      const yTrue = f64(c.y_true);
      const yProba = f64(c.y_proba);
      assert.equal(expectedCalibrationError(yTrue, yProba), c.ece);
      if (c.auroc !== null) assert.ok(Math.abs(auroc(yTrue, yProba) - c.auroc) <= 1e-15, `${auroc(yTrue, yProba)}`);
      if (c.ece_before !== null)
        assert.deepEqual(crossValidatedEce(yTrue, yProba), { before: c.ece_before, after: c.ece_after });
      assert.equal(needsCalibration(yTrue, yProba), c.needs_calibration);
    });
  }
});

describe('ECE and calibrator by hand', () => {
  it('ECE of 20 values: 10 bins of 2, |mean p − mean y| weighted 1/10 each', () => {
    const yProba = f64(Array.from({ length: 20 }, (_, i) => (i + 0.5) / 20));
    const yTrue = f64(Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1)));
    // bins k < 5: mean p = (4k + 2) / 40, mean y 0; k >= 5: 1 − (4k + 2) / 40. Sum: 2 · (2+6+10+14+18) / 400 = 0.25
    assert.ok(Math.abs(expectedCalibrationError(yTrue, yProba) - 0.25) < 1e-15);
  });

  it('a single class or an AUROC above 0.999 needs no calibration: the identity', () => {
    const yProba = f64([0.1, 0.2, 0.3, 0.7, 0.8, 0.9]);
    assert.equal(needsCalibration(f64([1, 1, 1, 1, 1, 1]), yProba), false);
    const identity = calibrator(f64([0, 0, 0, 1, 1, 1]), yProba);
    assert.equal(identity.calibrated, false);
    assert.deepEqual(Array.from(calibrate(identity, yProba)), Array.from(yProba));
  });

  it('miscalibrated scores (all labels 1 where p > 0.5, the rest a coin) get the isotonic map', () => {
    const yProba = f64(Array.from({ length: 400 }, (_, i) => (i % 100) / 100 + 0.005));
    const yTrue = f64(Array.from(yProba, (p, i) => (p > 0.5 ? 1 : i % 2)));
    const fitted = calibrator(yTrue, yProba);
    assert.equal(fitted.calibrated, true);
    const mapped = calibrate(fitted, f64([0.1, 0.9]));
    assert.ok(Math.abs(mapped[0]! - 0.5) < 1e-12 && mapped[1] === 1, `${mapped}`);
  });

  it('rejects labels other than 0 and 1 and NaN probabilities', () => {
    assert.throws(() => needsCalibration(f64([0, 2]), f64([0.1, 0.2])), RangeError);
    assert.throws(() => needsCalibration(f64([0, 1]), f64([0.1, Number.NaN])), RangeError);
  });
});
