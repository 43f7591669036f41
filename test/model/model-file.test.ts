/**
 * The model file: a fitted model survives the round trip through JSON text, model ids have their shape
 * and order, and every kind of corruption is refused with a CorruptFileError naming the path and field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, CorruptFileError } from '../../src/errors.ts';
import { FEATURES } from '../../src/data/schema.ts';
import { fitLogisticRegression, type LogisticModel } from '../../src/model/logistic-regression.ts';
import { MODEL_FILE_FORMAT, modelToFile, parseModelFile } from '../../src/model/model-file.ts';
import { makeModelId } from '../../src/model/model-id.ts';

const PATH = '/deploy/models/trainedmodel.json';
const trainedAt = new Date('2026-11-26T05:12:00.123Z');

function fitted(): LogisticModel {
  return fitLogisticRegression({
    names: FEATURES,
    columns: [
      Float64Array.from([10, 200, 30, 400]),
      Float64Array.from([1000, 200, 900, 100]),
      Float64Array.from([5, 50, 7, 40]),
    ],
    target: Float64Array.from([1, 0, 1, 0]),
  });
}

function fileText(edit: (file: Record<string, unknown>) => void = () => {}): string {
  const file = modelToFile(fitted(), {
    trainedAt,
    trainedOn: { folder: 'sourcedata', files: ['dataset3.csv'] },
  }) as Record<string, unknown>;
  edit(file);
  return JSON.stringify(file);
}

describe('model file', () => {
  it('round-trips a fitted model through JSON text', () => {
    const model = fitted();
    const file = modelToFile(model, { trainedAt, trainedOn: { rows: 4 } });
    assert.equal(file.format, MODEL_FILE_FORMAT);
    assert.equal(file.format_version, 1);
    assert.equal(file.trained_at, '2026-11-26T05:12:00.123Z');
    assert.equal(file.model_id, makeModelId(model, trainedAt));
    assert.deepEqual(file.trained_on, { rows: 4 });
    const parsed = parseModelFile(JSON.stringify(file, null, 2), PATH);
    assert.deepEqual(parsed.model, model);
    assert.deepEqual(parsed.file, file);
  });

  it('keeps a given model id and any JSON value as trained_on', () => {
    const file = modelToFile(fitted(), { trainedAt, trainedOn: null, modelId: 'custom-id' });
    assert.equal(file.model_id, 'custom-id');
    assert.equal(parseModelFile(JSON.stringify(file), PATH).file.trained_on, null);
  });

  it('refuses to write a model whose features are not the schema’s', () => {
    const model = { ...fitted(), features: ['a', 'b', 'c'] };
    assert.throws(
      () => modelToFile(model, { trainedAt, trainedOn: null }),
      (e: unknown) => e instanceof AppError && e.status === 500 && /field features/.test(e.message),
    );
  });

  const corruptions: [string, string, RegExp][] = [
    ['not JSON', '{"format": "attrition-monitor/logistic-regression", ', /not valid JSON/],
    ['JSON but not an object', '[1, 2, 3]', /field \(top level\)/],
    ['wrong format tag', fileText((f) => (f.format = 'sklearn/pickle')), /field format/],
    ['wrong version', fileText((f) => (f.format_version = 2)), /field format_version/],
    [
      'coefficient count ≠ feature count',
      fileText((f) => (f.coefficients = [1, 2])),
      /field coefficients: expected one coefficient per feature/,
    ],
    [
      'a non-finite coefficient',
      fileText().replace(/"coefficients":\[[^,]*/, '"coefficients":[1e999'),
      /field coefficients\.0/,
    ],
    ['a non-numeric intercept', fileText((f) => (f.intercept = 'NaN')), /field intercept/],
    [
      'features in another order',
      fileText((f) => (f.features = [...FEATURES].reverse())),
      /field features: expected the schema's features/,
    ],
    ['a missing feature', fileText((f) => (f.features = FEATURES.slice(0, 2))), /field features/],
    ['trained_at not an ISO time', fileText((f) => (f.trained_at = 'yesterday')), /field trained_at/],
    ['trained_on missing', fileText((f) => delete f.trained_on), /field trained_on/],
    ['converged not a boolean', fileText((f) => (f.converged = 'yes')), /field converged/],
    ['negative iterations', fileText((f) => (f.iterations = -1)), /field iterations/],
  ];
  for (const [what, text, field] of corruptions) {
    it(`refuses ${what}, naming the path and the field`, () => {
      assert.throws(
        () => parseModelFile(text, PATH),
        (e: unknown) =>
          e instanceof CorruptFileError &&
          e.status === 500 &&
          e.message.startsWith(`${PATH}: corrupt model file`) &&
          field.test(e.message),
      );
    });
  }
});

describe('makeModelId', () => {
  it('is the UTC time to the second and 8 hex digits', () => {
    assert.match(makeModelId(fitted(), trainedAt), /^20261126T051200Z-[0-9a-f]{8}$/);
  });

  it('sorts by training time and tells apart models trained in the same second', () => {
    const model = fitted();
    const earlier = makeModelId(model, new Date('2026-11-26T05:12:00Z'));
    const later = makeModelId(model, new Date('2026-11-26T05:13:00Z'));
    const muchLater = makeModelId(model, new Date('2027-01-02T00:00:00Z'));
    assert.deepEqual([muchLater, earlier, later].sort(), [earlier, later, muchLater]);
    const other = makeModelId({ ...model, intercept: model.intercept + 1e-9 }, new Date('2026-11-26T05:12:00Z'));
    assert.notEqual(other, earlier);
    assert.equal(makeModelId(model, new Date('2026-11-26T05:12:00Z')), earlier);
  });
});
