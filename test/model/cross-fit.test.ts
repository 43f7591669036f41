/**
 * Out-of-fold probabilities against scikit-learn's cross_val_predict with KFold (no shuffle) and
 * LogisticRegression(liblinear, C=1, tol=1e-10), kept in test/fixtures/cross-fit-cases.json by
 * scripts/reference/make-cross-fit-cases.py: the seed's two data sets and 2,000 drawn rows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type Dataset, NUMERIC_COLUMNS } from '../../src/data/schema.ts';
import { DataError } from '../../src/errors.ts';
import { foldBounds, outOfFoldProbabilities } from '../../src/model/cross-fit.ts';

interface Case {
  name: string;
  folds: number;
  rows: number[][];
  probabilities: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cross-fit-cases.json', import.meta.url), 'utf8')) as {
  columns: string[];
  cases: Case[];
};

function datasetOf(rows: number[][]): Dataset {
  assert.deepEqual(fixture.columns, [...NUMERIC_COLUMNS]);
  const columns = Object.fromEntries(
    NUMERIC_COLUMNS.map((name, j) => [name, Float64Array.from(rows, (row) => row[j]!)]),
  ) as Dataset['columns'];
  return { rows: rows.length, columns };
}

describe('out-of-fold probabilities (k-fold cross-fitting)', () => {
  it('folds are scikit-learn KFold blocks: contiguous, the first rows mod k one longer', () => {
    assert.deepEqual(foldBounds(26, 5), [
      [0, 6],
      [6, 11],
      [11, 16],
      [16, 21],
      [21, 26],
    ]);
    assert.throws(() => foldBounds(3, 5), DataError);
    assert.throws(() => foldBounds(10, 1), DataError);
  });

  for (const fixtureCase of fixture.cases) {
    it(`match cross_val_predict on ${fixtureCase.name} (${fixtureCase.rows.length} rows, ${fixtureCase.folds} folds)`, () => {
      const probabilities = outOfFoldProbabilities(datasetOf(fixtureCase.rows), {}, fixtureCase.folds);
      // the fit matches liblinear's optimum to ~1e-6 relative in the coefficients (test/model/reference.test.ts)
      fixtureCase.probabilities.forEach((expected, i) => {
        assert.ok(Math.abs(probabilities[i]! - expected) <= 1e-5, `row ${i}: ${probabilities[i]} vs ${expected}`);
      });
    });
  }

  it('names the fold whose training rows cannot be fitted', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i, i, i, i < 8 ? 0 : 1]);
    assert.throws(
      () => outOfFoldProbabilities(datasetOf(rows), {}, 5),
      (error: unknown) => error instanceof DataError && /fold 5 of 5/.test(error.message),
    );
  });
});
