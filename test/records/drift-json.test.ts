// The drift_report.json contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dataset } from '../../src/data/schema.ts';
import { toDriftJson, driftJsonSchema } from '../../src/records/drift-json.ts';
import { computeDrift } from '../../src/drift/drift.ts';

const column = (f: (i: number) => number) => Float64Array.from({ length: 30 }, (_, i) => f(i));
const data = (shift: number): Dataset => ({
  rows: 30,
  columns: {
    lastmonth_activity: column((i) => i + shift),
    lastyear_activity: column((i) => i * 2),
    number_of_employees: column((i) => (i % 5) + 1),
    exited: column((i) => i % 2),
  },
});

describe('toDriftJson', () => {
  const report = computeDrift(data(0), data(25));
  const json = toDriftJson(report);

  it('has the contract fields, one entry per column, and no chart distributions', () => {
    assert.deepEqual(Object.keys(json).slice(0, 4), [
      'reference_rows',
      'current_rows',
      'share_drifted',
      'dataset_drift',
    ]);
    assert.deepEqual(Object.keys(json.columns), Object.keys(report.columns));
    const month = json.columns.lastmonth_activity!;
    assert.deepEqual(
      { test: month.test, kind: month.kind, score: month.score, threshold: month.threshold, drifted: month.drifted },
      { test: 'ks', kind: 'p_value', score: report.columns.lastmonth_activity!.score, threshold: 0.05, drifted: true },
    );
    assert.ok(!('distribution' in month));
  });

  it('survives JSON and reads back through the schema', () => {
    const parsed = driftJsonSchema.parse(JSON.parse(JSON.stringify(json)));
    assert.deepEqual(parsed, json);
  });

  it('the schema accepts the minimal contract', () => {
    const minimal = {
      reference_rows: 1,
      current_rows: 1,
      share_drifted: 0,
      dataset_drift: false,
      columns: { x: { test: 'ks', kind: 'p_value', score: 1, threshold: 0.05, drifted: false } },
    };
    assert.deepEqual(driftJsonSchema.parse(minimal), minimal);
  });
});
