/**
 * The model against scikit-learn: test/fixtures/seed-reference.json (made by
 * scripts/reference/make-seed-reference.py) holds what LogisticRegression(C=1, solver='liblinear')
 * fitted on the seed's data (practicedata deduplicated, sourcedata) and how it scored. Coefficients,
 * predictions, probabilities and metrics must match.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readDataset } from '../../src/data/read-dataset.ts';
import { FEATURES, TARGET, type Dataset } from '../../src/data/schema.ts';
import { fitDataset, type LinearModel, type LogisticModel } from '../../src/model/logistic-regression.ts';
import { predictDataset } from '../../src/model/predict.ts';
import { scoreBinary, type BinaryScores } from '../../src/model/metrics.ts';
import { ingestedRows } from '../helpers/ingested-rows.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface ReferenceScores {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  roc_auc: number;
  confusion_matrix: number[][];
}
interface ReferenceFit {
  folder: string;
  rows_after_dedup: number;
  coefficients: number[];
  intercept: number;
  test_predictions: number[];
  test_probabilities: number[];
  test_scores: ReferenceScores;
  train_f1: number;
}
interface Reference {
  features: string[];
  datasets: { reference: ReferenceFit; current: ReferenceFit };
  reference_model_on_current: ReferenceScores;
}

const reference = JSON.parse(readFileSync(resolve(root, 'test/fixtures/seed-reference.json'), 'utf8')) as Reference;

function assertClose(actual: number, expected: number, what: string, relative = 1e-4, absolute = 1e-8): void {
  const ok = Math.abs(actual - expected) <= Math.max(absolute, relative * Math.abs(expected));
  assert.ok(ok, `${what}: ${actual} is not within ${relative} relative (or ${absolute} absolute) of ${expected}`);
}

function assertScores(actual: BinaryScores, expected: ReferenceScores, what: string): void {
  assert.equal(actual.f1, expected.f1, `${what} f1 equals the reference exactly`);
  for (const key of ['f1', 'precision', 'recall', 'accuracy', 'roc_auc'] as const) {
    assertClose(actual[key] ?? NaN, expected[key], `${what} ${key}`, 1e-12, 1e-12);
  }
  assert.deepEqual(actual.confusion_matrix, expected.confusion_matrix, `${what} confusion matrix`);
}

function score(model: LinearModel, dataset: Dataset): BinaryScores {
  const { classes, probabilities } = predictDataset(model, dataset);
  return scoreBinary(dataset.columns[TARGET], classes, probabilities);
}

describe('logistic regression against scikit-learn liblinear (seed reference)', () => {
  const data: Partial<Record<'reference' | 'current' | 'test', Dataset>> = {};
  const models: Partial<Record<'reference' | 'current', LogisticModel>> = {};

  before(async () => {
    data.reference = await ingestedRows(resolve(root, 'practicedata'));
    data.current = await ingestedRows(resolve(root, 'sourcedata'));
    data.test = (await readDataset(resolve(root, 'testdata/testdata.csv'))).dataset;
    models.reference = fitDataset(data.reference);
    models.current = fitDataset(data.current);
  });

  it('uses the schema features in the reference order', () => {
    assert.deepEqual([...FEATURES], reference.features);
  });

  for (const name of ['reference', 'current'] as const) {
    describe(`${name} data (${reference.datasets[name].folder})`, () => {
      const expected = reference.datasets[name];

      it(`trains on ${expected.rows_after_dedup} deduplicated rows and converges`, () => {
        assert.equal(data[name]!.rows, expected.rows_after_dedup);
        assert.equal(models[name]!.trainingRows, expected.rows_after_dedup);
        assert.equal(models[name]!.converged, true);
      });

      it('finds scikit-learn’s coefficients and intercept', () => {
        const model = models[name]!;
        model.coefficients.forEach((c, j) => {
          assertClose(c, expected.coefficients[j]!, `coefficient ${FEATURES[j]}`);
        });
        assertClose(model.intercept, expected.intercept, 'intercept');
      });

      it('predicts testdata exactly and its probabilities closely', () => {
        assert.deepEqual(Array.from(predictDataset(models[name]!, data.test!).classes), expected.test_predictions);
        const proba = predictDataset(models[name]!, data.test!).probabilities;
        expected.test_probabilities.forEach((p, i) => {
          assertClose(proba[i]!, p, `probability of row ${i}`, 1e-5, 1e-9);
        });
      });

      it('scores testdata like scikit-learn', () => {
        const scores = score(models[name]!, data.test!);
        assertScores(scores, expected.test_scores, 'testdata');
        assert.equal(scores.rows, data.test!.rows);
      });

      it('has scikit-learn’s F1 on its own training rows', () => {
        assertClose(score(models[name]!, data[name]!).f1, expected.train_f1, 'train F1', 1e-12, 1e-12);
      });
    });
  }

  it('scores the reference model on the current rows like scikit-learn', () => {
    assertScores(
      score(models.reference!, data.current!),
      reference.reference_model_on_current,
      'reference model on current',
    );
  });
});
