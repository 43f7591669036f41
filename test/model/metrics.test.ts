/**
 * Binary metrics with scikit-learn's conventions: zero division gives 0, ROC AUC counts ties ½ (checked
 * by hand and against a brute-force pair count), one class in y_true gives a null ROC AUC.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../src/errors.ts';
import { confusionCounts, rocAuc, scoreBinary } from '../../src/model/metrics.ts';

describe('scoreBinary', () => {
  it('computes every score and the [[tn, fp], [fn, tp]] matrix', () => {
    const yTrue = [1, 0, 0, 1, 1];
    const yPred = [1, 1, 1, 0, 1];
    const scores = scoreBinary(yTrue, yPred, [0.9, 0.8, 0.7, 0.2, 0.6]);
    assert.deepEqual(scores.confusion_matrix, [
      [0, 2],
      [1, 2],
    ]);
    assert.equal(scores.precision, 0.5);
    assert.equal(scores.recall, 2 / 3);
    assert.equal(scores.f1, (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3)); // 4/7, rounded as scikit-learn's 2pr/(p+r)
    assert.equal(scores.accuracy, 0.4);
    // positives 0.9, 0.2, 0.6 against negatives 0.8, 0.7: 0.9 beats both, 0.6 and 0.2 neither → 2/6.
    assert.equal(scores.roc_auc, 2 / 6);
    assert.equal(scores.rows, 5);
  });

  it('all-negative predictions: precision 0, recall 0, F1 0 (zero division gives 0)', () => {
    const scores = scoreBinary([1, 0, 1, 0], [0, 0, 0, 0], Float64Array.from([0.4, 0.1, 0.3, 0.2]));
    assert.deepEqual([scores.precision, scores.recall, scores.f1, scores.accuracy], [0, 0, 0, 0.5]);
    assert.deepEqual(scores.confusion_matrix, [
      [2, 0],
      [2, 0],
    ]);
    assert.equal(scores.roc_auc, 1);
  });

  it('no positives at all: F1 0; one class in y_true: ROC AUC null, the rest computed', () => {
    const scores = scoreBinary([0, 0, 0], [0, 0, 1], [0.1, 0.2, 0.9]);
    assert.deepEqual([scores.precision, scores.recall, scores.f1, scores.roc_auc], [0, 0, 0, null]);
    assert.equal(scores.accuracy, 2 / 3);
    assert.equal(scoreBinary([1, 1], [1, 1], [0.9, 0.8]).roc_auc, null);
  });

  it('refuses bad input with a DataError', () => {
    const refuses = (fn: () => unknown, pattern: RegExp) =>
      assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message));
    refuses(() => scoreBinary([], [], []), /no rows/);
    refuses(() => scoreBinary([0, 1], [0], [0.1, 0.2]), /y_pred has 1 values, y_true has 2/);
    refuses(() => scoreBinary([0, 1], [0, 1], [0.1]), /y_proba has 1 values/);
    refuses(() => scoreBinary([0, 2], [0, 1], [0.1, 0.2]), /y_true, row index 1: label 2/);
    refuses(() => scoreBinary([0, 1], [0, 0.5], [0.1, 0.2]), /y_pred, row index 1: label 0.5/);
    refuses(() => scoreBinary([0, 1], [0, 1], [0.1, NaN]), /y_proba, row index 1: score is NaN/);
  });
});

describe('rocAuc', () => {
  it('matches scikit-learn’s documented example', () => {
    // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75 in scikit-learn's documentation.
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  });

  it('counts ties ½, as the trapezoid over distinct thresholds does', () => {
    // By hand: positives {0.5, 0.9}, negatives {0.5, 0.2}. Pairs: 0.5 vs 0.5 tie (½), 0.5 vs 0.2 win,
    // 0.9 vs 0.5 win, 0.9 vs 0.2 win → 3.5 / 4 = 0.875. Trapezoid: thresholds 0.9, 0.5, 0.2 give ROC
    // points (0, ½), (½, 1), (1, 1); area 0 + ½·(½ + 1)/2 + ½·1 = 0.875.
    assert.equal(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), 0.875);
    // Every score tied: the diagonal, 0.5.
    assert.equal(rocAuc([0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3]), 0.5);
    // Perfectly wrong ranking: 0.
    assert.equal(rocAuc([1, 1, 0], [0.1, 0.2, 0.3]), 0);
  });

  it('agrees with a brute-force pair count on random data with many ties', () => {
    let state = 7;
    const random = (): number => {
      state = (state * 48271) % 2147483647; // Park–Miller
      return state / 2147483647;
    };
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(random() * 60);
      const yTrue = Array.from({ length: n }, (_, i) => (i < 2 ? i : random() < 0.4 ? 1 : 0));
      const scores = Array.from({ length: n }, () => Math.floor(random() * 6) / 5);
      let pairs = 0;
      let wins = 0;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          if (yTrue[a] !== 1 || yTrue[b] !== 0) continue;
          pairs++;
          wins += scores[a]! > scores[b]! ? 1 : scores[a] === scores[b] ? 0.5 : 0;
        }
      }
      assert.ok(Math.abs(rocAuc(yTrue, scores)! - wins / pairs) < 1e-15, `trial ${trial}`);
    }
  });
});

describe('confusionCounts', () => {
  it('counts each cell', () => {
    assert.deepEqual(confusionCounts(Float64Array.from([0, 0, 1, 1, 1]), Float64Array.from([0, 1, 0, 1, 1])), {
      tn: 1,
      fp: 1,
      fn: 1,
      tp: 2,
    });
  });
});
