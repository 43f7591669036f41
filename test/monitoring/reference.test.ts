// The monitoring reference (src/monitoring/reference.ts): the seeded sample of the training rows
// (reference-sample.ts) capped, in order, deterministic and uniform, and its out-of-fold probabilities,
// which are cross-fitting's on the sample with the model's fit options.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Dataset, NUMERIC_COLUMNS } from '../../src/data/schema.ts';
import { DataError } from '../../src/errors.ts';
import { outOfFoldProbabilities } from '../../src/model/cross-fit.ts';
import { mulberry32 } from '../../src/monitoring/mulberry32.ts';
import { buildMonitoringReference } from '../../src/monitoring/reference.ts';
import { sampleDataset, sampleRowIndices } from '../../src/monitoring/reference-sample.ts';
import { rng } from '../reliability/helpers/data-files.ts';

/** `rows` rows of counts with a label that depends on them (both classes throughout). */
function dataset(rows: number, seed = 7): Dataset {
  const random = rng(seed);
  const month = new Float64Array(rows);
  const year = new Float64Array(rows);
  const employees = new Float64Array(rows);
  const exited = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    month[i] = Math.floor(random() * 200);
    year[i] = Math.floor(random() * 2000);
    employees[i] = 1 + Math.floor(random() * 50);
    exited[i] = random() < 1 / (1 + Math.exp(-(1 - month[i]! / 50))) ? 1 : 0;
  }
  return {
    rows,
    columns: { lastmonth_activity: month, lastyear_activity: year, number_of_employees: employees, exited },
  };
}

describe('the reference sample', () => {
  it("mulberry32's stream is pinned (another stream would change every reference's sample)", () => {
    const random = mulberry32(42);
    assert.deepEqual([random(), random(), random()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('keeps `count` distinct rows in ascending order, the same ones on every call', () => {
    const kept = sampleRowIndices(10_000, 700);
    assert.equal(kept.length, 700);
    for (let i = 1; i < kept.length; i++) assert.ok(kept[i - 1]! < kept[i]!, `index ${i} not ascending`);
    assert.ok(kept[kept.length - 1]! < 10_000);
    assert.deepEqual(sampleRowIndices(10_000, 700), kept, 'deterministic');
    assert.notDeepEqual(sampleRowIndices(10_000, 700, 43), kept, 'another seed, another sample');
  });

  it('keeps every row when there are not more than `count`', () => {
    assert.deepEqual(Array.from(sampleRowIndices(5, 5)), [0, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(sampleRowIndices(3, 10)), [0, 1, 2]);
    assert.deepEqual(Array.from(sampleRowIndices(0, 10)), []);
    assert.throws(() => sampleRowIndices(10, -1), RangeError);
  });

  it('gives every row the same chance (3,000 seeds, 10 of 40 rows: each row kept ~750 times)', () => {
    const times = new Array<number>(40).fill(0);
    for (let seed = 1; seed <= 3000; seed++) for (const row of sampleRowIndices(40, 10, seed)) times[row]!++;
    // binomial(3000, 1/4): sd 23.7; 5 sd either side
    for (const [row, count] of times.entries()) assert.ok(Math.abs(count - 750) < 119, `row ${row}: ${count}`);
  });

  it('a sampled data set holds the sampled rows of every column, in order; a small one is kept as is', () => {
    const data = dataset(1000);
    const sample = sampleDataset(data, 100);
    const kept = sampleRowIndices(1000, 100);
    assert.equal(sample.rows, 100);
    for (const name of NUMERIC_COLUMNS)
      assert.deepEqual(
        sample.columns[name],
        Float64Array.from(kept, (row) => data.columns[name][row]!),
        name,
      );
    assert.equal(sampleDataset(data, 1000), data);
  });
});

describe('buildMonitoringReference', () => {
  const fit = { C: 0.5, tol: 1e-8, maxIter: 50 };

  it('caps the rows at maxRows and records how many it sampled from', () => {
    const data = dataset(5000);
    const reference = buildMonitoringReference(data, fit, { maxRows: 1200, folds: 5 });
    assert.equal(reference.rows, 1200);
    assert.equal(reference.sampledFrom, 5000);
    assert.equal(reference.folds, 5);
    for (const name of NUMERIC_COLUMNS) assert.equal(reference.columns[name].length, 1200);
    assert.equal(reference.probability.length, 1200);
    assert.deepEqual(buildMonitoringReference(data, fit, { maxRows: 1200, folds: 5 }), reference, 'deterministic');
  });

  it("gives each kept row cross-fitting's out-of-fold probability on the sample, with the model's fit options", () => {
    const data = dataset(3000);
    const reference = buildMonitoringReference(data, fit, { maxRows: 1000, folds: 4 });
    const sample = sampleDataset(data, 1000);
    assert.deepEqual(reference.columns, sample.columns);
    assert.deepEqual(reference.probability, outOfFoldProbabilities(sample, fit, 4));
    assert.notDeepEqual(reference.probability, outOfFoldProbabilities(sample, {}, 4), 'the fit options matter');
    for (const p of reference.probability) assert.ok(p >= 0 && p <= 1);
  });

  it('keeps every row, in order, when there are at most maxRows', () => {
    const data = dataset(300);
    const reference = buildMonitoringReference(data, fit, { maxRows: 300, folds: 5 });
    assert.equal(reference.rows, 300);
    assert.equal(reference.sampledFrom, 300);
    assert.equal(reference.columns, data.columns);
    assert.deepEqual(reference.probability, outOfFoldProbabilities(data, fit, 5));
  });

  it("throws cross-fitting's DataError when there are fewer rows than folds or a fold's training rows hold one class", () => {
    assert.throws(
      () => buildMonitoringReference(dataset(4), fit, { maxRows: 100, folds: 5 }),
      (error: unknown) => error instanceof DataError && /needs at least 5 rows, got 4/.test(error.message),
    );
    const sorted = dataset(100);
    sorted.columns.exited.fill(0);
    sorted.columns.exited.fill(1, 80); // the last fold holds every row of class 1
    assert.throws(
      () => buildMonitoringReference(sorted, fit, { maxRows: 100, folds: 5 }),
      (error: unknown) => error instanceof DataError && /fold 5 of 5/.test(error.message),
    );
  });
});
