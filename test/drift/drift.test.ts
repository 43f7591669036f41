// computeDrift: the > 1000-row branch on generated data (expected values from closed forms), degenerate
// columns, missing values, per-column overrides, extra columns and the dataset verdict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dataset, NumericColumn } from '../../src/data/schema.ts';
import { computeDrift } from '../../src/drift/drift.ts';
import { ConfigError } from '../../src/errors.ts';

/** A data set of `rows` rows whose column c has value f(i) in row i (default: 0). */
function dataset(rows: number, columns: Partial<Record<NumericColumn, (i: number) => number>>): Dataset {
  const column = (name: NumericColumn) => Float64Array.from({ length: rows }, (_, i) => columns[name]?.(i) ?? 0);
  return {
    rows,
    columns: {
      lastmonth_activity: column('lastmonth_activity'),
      lastyear_activity: column('lastyear_activity'),
      number_of_employees: column('number_of_employees'),
      exited: column('exited'),
    },
  };
}

/** Every number in a value, recursively. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

function assertRelative(actual: number, wanted: number, tolerance: number): void {
  assert.ok(Math.abs(actual - wanted) <= tolerance * Math.abs(wanted), `${actual} vs ${wanted}`);
}

const jsDistance = (p: number[], q: number[]) => {
  const kl = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + (ai > 0 ? ai * Math.log(ai / b[i]!) : 0), 0);
  const m = p.map((pi, i) => (pi + q[i]!) / 2);
  return Math.sqrt((kl(p, m) + kl(q, m)) / 2);
};

describe('computeDrift with more than 1000 reference rows', () => {
  // 2000 vs 2000 rows. lastmonth: i vs i + 10; lastyear: i vs i + 1000; employees: i mod 3 vs i mod 4;
  // exited: 600 vs 800 ones.
  const reference = dataset(2000, {
    lastmonth_activity: (i) => i,
    lastyear_activity: (i) => i,
    number_of_employees: (i) => i % 3,
    exited: (i) => (i < 600 ? 1 : 0),
  });
  const current = dataset(2000, {
    lastmonth_activity: (i) => i + 10,
    lastyear_activity: (i) => i + 1000,
    number_of_employees: (i) => i % 4,
    exited: (i) => (i < 800 ? 1 : 0),
  });
  const report = computeDrift(reference, current);
  const std = Math.sqrt((2000 ** 2 - 1) / 12); // population std of 0..1999

  it('numeric columns with more than 5 values get wasserstein: W / std in closed form', () => {
    // Equal sizes, every order statistic shifted by c: W = c.
    const month = report.columns.lastmonth_activity!;
    assert.equal(month.test, 'wasserstein');
    assert.equal(month.kind, 'distance');
    assertRelative(month.score, 10 / std, 1e-12); // 0.0173: below 0.1
    assert.equal(month.drifted, false);
    const year = report.columns.lastyear_activity!;
    assertRelative(year.score, 1000 / std, 1e-12); // 1.73
    assert.equal(year.drifted, true);
  });

  it('a numeric column with at most 5 values over both samples gets jensenshannon on one bin per value', () => {
    // Reference i mod 3: 667, 667, 666 of 0, 1, 2; current i mod 4: 500 of each of 0..3.
    const employees = report.columns.number_of_employees!;
    assert.equal(employees.test, 'jensenshannon');
    assert.equal(employees.n_unique, 4);
    assertRelative(
      employees.score,
      jsDistance([667 / 2000, 667 / 2000, 666 / 2000, 0], [0.25, 0.25, 0.25, 0.25]),
      1e-12,
    );
    assert.deepEqual(employees.distribution.bins, ['0', '1', '2', '3']);
  });

  it('the categorical target gets jensenshannon: (0.7, 0.3) vs (0.6, 0.4)', () => {
    const exited = report.columns.exited!;
    assert.equal(exited.test, 'jensenshannon');
    assertRelative(exited.score, jsDistance([0.7, 0.3], [0.6, 0.4]), 1e-12);
    assert.equal(exited.drifted, exited.score >= 0.1);
  });

  it('histogram distributions for charts: Sturges bins over both samples, shares summing to 1', () => {
    const { distribution } = report.columns.lastmonth_activity!;
    // 4000 values: ceil(log2(4000) + 1) = 13 bins between 0 and 2009
    assert.equal(distribution.bins.length, 13);
    assert.deepEqual([distribution.edges?.[0], distribution.edges?.[13]], [0, 2009]);
    assertRelative(
      distribution.reference.reduce((a, b) => a + b),
      1,
      1e-12,
    );
    assertRelative(
      distribution.current.reduce((a, b) => a + b),
      1,
      1e-12,
    );
  });

  it('the dataset verdict: 1 of 4 drifted is below the default drift_share 0.5', () => {
    const drifted = Object.values(report.columns).filter((c) => c.drifted).length;
    assert.equal(report.share_drifted, drifted / 4);
    assert.equal(report.drift_share, 0.5);
    assert.equal(report.dataset_drift, drifted >= 2);
  });
});

describe('computeDrift on degenerate columns', () => {
  it('empty samples (all values missing) give the no-drift score, a note and finite numbers', () => {
    const reference = dataset(30, { lastmonth_activity: () => NaN, lastyear_activity: (i) => i, exited: (i) => i % 2 });
    const current = dataset(20, { lastmonth_activity: (i) => i, lastyear_activity: () => NaN, exited: () => NaN });
    const report = computeDrift(reference, current);
    const month = report.columns.lastmonth_activity!;
    assert.deepEqual([month.score, month.drifted, month.missing], [1, false, { reference: 30, current: 0 }]);
    assert.match(month.note!, /reference sample/);
    assert.match(report.columns.lastyear_activity!.note!, /current sample/);
    assert.equal(report.columns.exited!.score, 1);
    assert.ok(numbersIn(report).every(Number.isFinite));
  });

  it('constant columns: equal constants do not drift; different constants do, with finite scores', () => {
    const reference = dataset(50, { lastmonth_activity: () => 5, lastyear_activity: () => 5 });
    const current = dataset(50, { lastmonth_activity: () => 5, lastyear_activity: () => 7 });
    const report = computeDrift(reference, current);
    assert.equal(report.columns.lastmonth_activity!.test, 'z'); // one value in total
    assert.equal(report.columns.lastmonth_activity!.score, 1);
    assert.equal(report.columns.lastyear_activity!.drifted, true);
    assert.ok(numbersIn(report).every(Number.isFinite));
  });

  it('constant columns with more than 1000 rows and a wasserstein override on a constant reference stay finite', () => {
    const reference = dataset(1500, { lastyear_activity: () => 3 });
    const current = dataset(1500, { lastyear_activity: (i) => i });
    const report = computeDrift(reference, current, { columns: { lastyear_activity: { test: 'wasserstein' } } });
    assert.equal(report.columns.lastmonth_activity!.test, 'jensenshannon');
    assert.equal(report.columns.lastmonth_activity!.score, 0);
    assert.ok(Number.isFinite(report.columns.lastyear_activity!.score));
    assert.ok(numbersIn(report).every(Number.isFinite));
  });

  it('missing values (NaN, ±Infinity) are counted per column and left out of the tests', () => {
    const reference = dataset(10, { number_of_employees: (i) => (i < 2 ? NaN : i) });
    const current = dataset(10, { number_of_employees: (i) => (i === 0 ? Infinity : i === 1 ? -Infinity : i) });
    const employees = computeDrift(reference, current).columns.number_of_employees!;
    assert.deepEqual(employees.missing, { reference: 2, current: 2 });
    assert.equal(employees.n_unique, 8);
    assert.equal(employees.score, 1); // same values 2..9 on both sides: D = 0
  });
});

describe('computeDrift options', () => {
  const reference = dataset(40, {
    lastmonth_activity: (i) => i,
    lastyear_activity: (i) => i * 3,
    number_of_employees: (i) => i % 7,
    exited: (i) => i % 2,
  });
  const current = dataset(40, {
    lastmonth_activity: (i) => i + 30,
    lastyear_activity: (i) => i * 3 + 90,
    number_of_employees: (i) => i % 7,
    exited: (i) => i % 2,
  });

  it('per-column overrides choose the test and the threshold', () => {
    const report = computeDrift(reference, current, {
      columns: { exited: { test: 'psi', threshold: 0.2 }, lastmonth_activity: { threshold: 1e-30 } },
    });
    assert.deepEqual([report.columns.exited!.test, report.columns.exited!.threshold], ['psi', 0.2]);
    assert.deepEqual(
      [report.columns.lastmonth_activity!.test, report.columns.lastmonth_activity!.threshold],
      ['ks', 1e-30],
    );
    assert.equal(report.columns.lastmonth_activity!.drifted, report.columns.lastmonth_activity!.score <= 1e-30);
  });

  it('drift_share decides the dataset verdict', () => {
    const base = computeDrift(reference, current);
    assert.equal(base.share_drifted, 0.5); // the two shifted activity columns
    assert.equal(base.dataset_drift, true);
    assert.equal(computeDrift(reference, current, { drift_share: 0.75 }).dataset_drift, false);
  });

  it('prediction drift is tested like a categorical column and reported apart from the dataset verdict', () => {
    const without = computeDrift(reference, current);
    assert.equal(without.prediction, null);
    const report = computeDrift(reference, current, {
      predictions: { reference: reference.columns.exited, current: Float64Array.from({ length: 40 }, () => 1) },
    });
    assert.equal(report.prediction?.test, 'z');
    assert.equal(report.prediction?.drifted, true);
    assert.deepEqual(Object.keys(report.columns), Object.keys(without.columns));
    assert.equal(report.share_drifted, without.share_drifted, 'not counted in share_drifted');
    assert.equal(
      computeDrift(reference, current, {
        predictions: report.prediction
          ? { reference: reference.columns.exited, current: reference.columns.exited }
          : undefined,
        columns: { prediction: { threshold: 0.01 } },
      }).prediction?.threshold,
      0.01,
    );
  });

  it('an override of an unknown column or with a test unfit for the column type is a ConfigError', () => {
    assert.throws(
      () => computeDrift(reference, current, { columns: { lastmonth: { threshold: 0.1 } } }),
      (e: unknown) => e instanceof ConfigError && /no column 'lastmonth'/.test(e.message),
    );
    assert.throws(
      () => computeDrift(reference, current, { columns: { exited: { test: 'ks' } } }),
      (e: unknown) =>
        e instanceof ConfigError && /'ks' does not apply to the categorical column 'exited'/.test(e.message),
    );
  });
});

describe('computeDrift and its inputs', () => {
  it('leaves the data sets as they were: no column is sorted or compacted in place', () => {
    const values = (i: number) => (i * 7919) % 1000; // not in order
    const reference = dataset(1500, {
      lastmonth_activity: values,
      lastyear_activity: (i) => (i % 2 ? NaN : values(i)),
      exited: (i) => i % 2,
    });
    const current = dataset(1500, {
      lastmonth_activity: (i) => values(i) + 3,
      lastyear_activity: values,
      exited: (i) => i % 3 && 1,
    });
    const copies = [reference, current].map((d) =>
      Object.fromEntries(Object.entries(d.columns).map(([name, column]) => [name, column.slice()])),
    );
    computeDrift(reference, current, {
      predictions: { reference: reference.columns.exited, current: current.columns.exited },
    });
    assert.deepEqual(reference.columns, copies[0]);
    assert.deepEqual(current.columns, copies[1]);
  });
});
