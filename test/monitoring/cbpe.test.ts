// CBPE's expected confusion matrix and estimates (src/monitoring/cbpe.ts) on chunks worked by hand,
// the realized metrics NannyML sets thresholds with (cbpe-realized.ts), and a simulation: labels drawn
// from the calibrated probabilities give a realized F1 within 3 standard errors of the estimate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../src/errors.ts';
import { type CbpeMetrics, estimateMetrics, expectedConfusion } from '../../src/monitoring/cbpe.ts';
import { realizedMetrics } from '../../src/monitoring/cbpe-realized.ts';
import { samplingErrorComponents, standardError } from '../../src/monitoring/sampling-error.ts';
import { rng } from '../reliability/helpers/data-files.ts';

const f64 = (values: number[]) => Float64Array.from(values);

function assertMetrics(actual: CbpeMetrics, expected: CbpeMetrics): void {
  for (const key of ['f1', 'precision', 'recall', 'accuracy'] as const) {
    if (Number.isNaN(expected[key])) assert.ok(Number.isNaN(actual[key]), `${key}: ${actual[key]} is not NaN`);
    else assert.ok(Math.abs(actual[key] - expected[key]) < 1e-12, `${key}: ${actual[key]} != ${expected[key]}`);
  }
}

describe('expectedConfusion', () => {
  it('sums p over predicted positives and negatives', () => {
    // p = .9 .6 .2 .3 .1, ŷ = 1 1 1 0 0
    // TP = .9 + .6 + .2 = 1.7   FP = .1 + .4 + .8 = 1.3
    // FN = .3 + .1      = 0.4   TN = .7 + .9      = 1.6
    const c = expectedConfusion(f64([0.9, 0.6, 0.2, 0.3, 0.1]), f64([1, 1, 1, 0, 0]));
    assert.equal(c.rows, 5);
    for (const [key, value] of [
      ['tp', 1.7],
      ['fp', 1.3],
      ['fn', 0.4],
      ['tn', 1.6],
    ] as const) {
      assert.ok(Math.abs(c[key] - value) < 1e-12, `${key}: ${c[key]}`);
    }
  });

  it('skips rows with a NaN probability or class, as NannyML drops them', () => {
    // Only row 0 is complete: TP = .8, FP = .2.
    assert.deepEqual(expectedConfusion(f64([0.8, Number.NaN, 0.4]), f64([1, 1, Number.NaN])), {
      tp: 0.8,
      fp: 0.19999999999999996,
      fn: 0,
      tn: 0,
      rows: 1,
    });
  });

  it('refuses probabilities outside [0, 1], classes other than 0/1 and mismatched lengths', () => {
    assert.throws(() => expectedConfusion(f64([1.2]), f64([1])), DataError);
    assert.throws(() => expectedConfusion(f64([-0.1]), f64([0])), DataError);
    assert.throws(() => expectedConfusion(f64([0.5]), f64([2])), DataError);
    assert.throws(() => expectedConfusion(f64([0.5, 0.5]), f64([1])), DataError);
  });
});

describe('estimateMetrics', () => {
  it('derives F1, precision, recall and accuracy from the expected counts', () => {
    // From TP 1.7, FP 1.3, FN 0.4, TN 1.6 over 5 rows:
    // F1        = 1.7 / (1.7 + ½(1.3 + 0.4)) = 1.7 / 2.55 = 2/3
    // precision = 1.7 / (1.7 + 1.3) = 17/30
    // recall    = 1.7 / (1.7 + 0.4) = 17/21
    // accuracy  = (1.7 + 1.6) / 5   = 0.66
    const c = expectedConfusion(f64([0.9, 0.6, 0.2, 0.3, 0.1]), f64([1, 1, 1, 0, 0]));
    assertMetrics(estimateMetrics(c), { f1: 2 / 3, precision: 17 / 30, recall: 17 / 21, accuracy: 0.66 });
  });

  it('is NaN everywhere for an empty chunk', () => {
    assertMetrics(estimateMetrics(expectedConfusion(f64([]), f64([]))), {
      f1: Number.NaN,
      precision: Number.NaN,
      recall: Number.NaN,
      accuracy: Number.NaN,
    });
  });

  it('gives 0, not NaN, for a zero denominator', () => {
    // All predicted 0, p = .2 .4: TP 0, FP 0, FN .6, TN 1.4.
    // F1 = 0 / .3 = 0; precision 0/0 → 0; recall = 0 / .6 = 0; accuracy = 1.4 / 2 = .7
    assertMetrics(estimateMetrics(expectedConfusion(f64([0.2, 0.4]), f64([0, 0]))), {
      f1: 0,
      precision: 0,
      recall: 0,
      accuracy: 0.7,
    });
    // p all 0, all predicted 0: TP = FP = FN = 0, TN 3. F1, precision, recall 0/0 → 0; accuracy 3/3.
    assertMetrics(estimateMetrics(expectedConfusion(f64([0, 0, 0]), f64([0, 0, 0]))), {
      f1: 0,
      precision: 0,
      recall: 0,
      accuracy: 1,
    });
    // p all 0, all predicted 1: TP 0, FP 2. F1 = 0 / 1 = 0; precision 0 / 2 = 0; recall 0/0 → 0; accuracy 0.
    assertMetrics(estimateMetrics(expectedConfusion(f64([0, 0]), f64([1, 1]))), {
      f1: 0,
      precision: 0,
      recall: 0,
      accuracy: 0,
    });
  });

  it('counts certain rows whole when p is 0 or 1', () => {
    // p all 1, ŷ = 1 1 0: TP 2, FP 0, FN 1, TN 0.
    // F1 = 2 / (2 + ½) = .8; precision 2/2; recall 2/3; accuracy 2/3
    assertMetrics(estimateMetrics(expectedConfusion(f64([1, 1, 1]), f64([1, 1, 0]))), {
      f1: 0.8,
      precision: 1,
      recall: 2 / 3,
      accuracy: 2 / 3,
    });
  });
});

describe('realizedMetrics', () => {
  it('is scikit-learn on a chunk with both classes', () => {
    // y = 1 0 1 1 0, ŷ = 1 1 0 1 0: TP 2, FP 1, FN 1, TN 1.
    // precision 2/3, recall 2/3, F1 2/3, accuracy 3/5
    assertMetrics(realizedMetrics(f64([1, 0, 1, 1, 0]), f64([1, 1, 0, 1, 0])), {
      f1: 2 / 3,
      precision: 2 / 3,
      recall: 2 / 3,
      accuracy: 0.6,
    });
    // No true positive, both classes in y and ŷ: 0, not NaN.
    assertMetrics(realizedMetrics(f64([1, 0]), f64([0, 1])), { f1: 0, precision: 0, recall: 0, accuracy: 0 });
  });

  it('is NaN for F1, precision and recall when y or ŷ holds one class, and NaN everywhere without rows', () => {
    const nan = Number.NaN;
    assertMetrics(realizedMetrics(f64([1, 1]), f64([1, 0])), { f1: nan, precision: nan, recall: nan, accuracy: 0.5 });
    assertMetrics(realizedMetrics(f64([1, 0]), f64([0, 0])), { f1: nan, precision: nan, recall: nan, accuracy: 0.5 });
    assertMetrics(realizedMetrics(f64([]), f64([])), { f1: nan, precision: nan, recall: nan, accuracy: nan });
  });
});

describe('CBPE on simulated labels', () => {
  it('estimates the realized metrics of labels drawn from p within 3 standard errors', () => {
    const rows = 100_000;
    const random = rng(20240611);
    // Calibrated probabilities p ~ U(0,1)², predicted class 1 when p ≥ 0.3, labels y ~ Bernoulli(p).
    const draw = () => {
      const p = new Float64Array(rows);
      const yPred = new Float64Array(rows);
      const yTrue = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        p[i] = random() ** 2;
        yPred[i] = p[i]! >= 0.3 ? 1 : 0;
        yTrue[i] = random() < p[i]! ? 1 : 0;
      }
      return { p, yPred, yTrue };
    };
    const reference = draw();
    const chunk = draw();
    const components = samplingErrorComponents(reference.yTrue, reference.yPred);
    const estimated = estimateMetrics(expectedConfusion(chunk.p, chunk.yPred));
    const realized = realizedMetrics(chunk.yTrue, chunk.yPred);
    for (const key of ['f1', 'precision', 'recall', 'accuracy'] as const) {
      const se = standardError(components[key], rows);
      assert.ok(se > 0 && se < 0.01, `${key}: standard error ${se}`);
      assert.ok(
        Math.abs(realized[key] - estimated[key]) < 3 * se,
        `${key}: ${realized[key]} vs ${estimated[key]} ± 3·${se}`,
      );
    }
  });
});
