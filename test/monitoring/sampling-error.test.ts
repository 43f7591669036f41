// NannyML's sampling error of CBPE's metrics (src/monitoring/sampling-error.ts) on a reference worked by
// hand; the expected values were also printed by NannyML's own binary_classification.py (numpy 2.4).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../src/errors.ts';
import {
  confidenceBand,
  samplingErrorComponents,
  standardError,
  type SamplingErrorComponents,
} from '../../src/monitoring/sampling-error.ts';

const f64 = (values: number[]) => Float64Array.from(values);

function assertClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected)) assert.ok(Number.isNaN(actual), `${what}: ${actual} is not NaN`);
  else assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} != ${expected}`);
}

function assertComponents(actual: SamplingErrorComponents, std: number, fraction: number, what: string): void {
  assertClose(actual.std, std, `${what} std`);
  assertClose(actual.fraction, fraction, `${what} fraction`);
}

describe('samplingErrorComponents', () => {
  // y = 1 1 1 0 0 0 1 0, ŷ = 1 1 0 1 0 0 1 0: TP 3 (rows 0, 1, 6), FN 1 (row 2), FP 1 (row 3), TN 3; 8 rows.
  const yTrue = f64([1, 1, 1, 0, 0, 0, 1, 0]);
  const yPred = f64([1, 1, 0, 1, 0, 0, 1, 0]);
  const components = samplingErrorComponents(yTrue, yPred);

  it('F1: hits among TP + FP + FN, scaled by (TP + FP + FN) / (TP + ½(FP + FN))', () => {
    // Values 1 1 1 0 0 scaled by 5 / (3 + ½·2) = 1.25: std = 1.25·sqrt(.6·.4) = sqrt(.375) = 0.6123724356957945
    // fraction = 5 / 8 = .625; a chunk of 100 rows: sqrt(.375) / sqrt(100·.625) = sqrt(.006) = 0.0774596669241483
    assertComponents(components.f1, Math.sqrt(0.375), 0.625, 'f1');
    assertClose(standardError(components.f1, 100), 0.07745966692414834, 'f1 se');
  });

  it('precision: hits among predicted positives', () => {
    // TP 3, FP 1 → 1 1 1 0: std = sqrt(.75·.25) = 0.4330127018922193; fraction Σŷ / 8 = 4 / 8
    // 100 rows: 0.4330127 / sqrt(50) = 0.06123724356957945
    assertComponents(components.precision, Math.sqrt(0.1875), 0.5, 'precision');
    assertClose(standardError(components.precision, 100), 0.06123724356957945, 'precision se');
  });

  it('recall: hits among actual positives', () => {
    // TP 3, FN 1 → 1 1 1 0: std sqrt(.1875); fraction Σy / 8 = 4 / 8; 100 rows: 0.06123724356957945
    assertComponents(components.recall, Math.sqrt(0.1875), 0.5, 'recall');
    assertClose(standardError(components.recall, 100), 0.06123724356957945, 'recall se');
  });

  it('accuracy: correct rows among all, no fraction', () => {
    // 6 of 8 correct: std = sqrt(.75·.25) = 0.4330127018922193; 100 rows: 0.4330127 / sqrt(100) = 0.04330127018922193
    assertComponents(components.accuracy, Math.sqrt(0.1875), 1, 'accuracy');
    assertClose(standardError(components.accuracy, 100), 0.04330127018922193, 'accuracy se');
  });

  it('is NaN where NannyML divides by nothing, 0 where every relevant row is a hit', () => {
    // y = ŷ = 0 0: no TP, FP or FN → F1 (NaN, 0); no predicted or actual positive → NaN; accuracy std 0.
    const none = samplingErrorComponents(f64([0, 0]), f64([0, 0]));
    assertComponents(none.f1, Number.NaN, 0, 'f1');
    assertClose(standardError(none.f1, 100), Number.NaN, 'f1 se');
    assertClose(standardError(none.precision, 100), Number.NaN, 'precision se');
    assertClose(standardError(none.recall, 100), Number.NaN, 'recall se');
    assertClose(standardError(none.accuracy, 100), 0, 'accuracy se');
    // y = ŷ = 1 1: all TP → std 0, fraction 1 for F1, precision and recall.
    const all = samplingErrorComponents(f64([1, 1]), f64([1, 1]));
    for (const key of ['f1', 'precision', 'recall', 'accuracy'] as const) {
      assertComponents(all[key], 0, 1, key);
      assertClose(standardError(all[key], 100), 0, `${key} se`);
    }
  });

  it('refuses labels other than 0/1', () => {
    assert.throws(() => samplingErrorComponents(f64([1, 2]), f64([1, 0])), DataError);
    assert.throws(() => samplingErrorComponents(f64([1]), f64([1, 0])), DataError);
  });
});

describe('standardError', () => {
  it('is NaN for an empty chunk', () => {
    assertClose(standardError({ std: 0.5, fraction: 0.5 }, 0), Number.NaN, 'se');
  });
});

describe('confidenceBand', () => {
  it('is the estimate ± 3 standard errors, clipped to [0, 1]', () => {
    // .5 ± 3·.05 = [.35, .65]
    const mid = confidenceBand(0.5, 0.05);
    assertClose(mid.lower, 0.35, 'lower');
    assertClose(mid.upper, 0.65, 'upper');
    // .95 + 3·.03 = 1.04 → 1; .95 − .09 = .86
    const high = confidenceBand(0.95, 0.03);
    assertClose(high.lower, 0.86, 'lower');
    assert.equal(high.upper, 1);
    // .05 − .09 = −.04 → 0; .05 + .09 = .14
    const low = confidenceBand(0.05, 0.03);
    assert.equal(low.lower, 0);
    assertClose(low.upper, 0.14, 'upper');
  });

  it('keeps NaN', () => {
    const band = confidenceBand(0.5, Number.NaN);
    assert.ok(Number.isNaN(band.lower) && Number.isNaN(band.upper));
  });
});
