// monitoring_reference.json (src/records/monitoring-reference-file.ts): the text reads back bit for
// bit, a missing file is null, and a corrupt one is refused with an error naming the file and field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppError, CorruptFileError } from '../../src/errors.ts';
import type { MonitoringReference } from '../../src/monitoring/reference.ts';
import {
  monitoringReferenceText,
  parseMonitoringReference,
  readMonitoringReference,
} from '../../src/records/monitoring-reference-file.ts';

const f64 = (values: number[]) => Float64Array.from(values);

/** Six rows whose probabilities are awkward doubles (shortest forms of 17 digits, subnormals, 1 - 2^-53). */
function reference(): MonitoringReference {
  return {
    rows: 6,
    sampledFrom: 9,
    folds: 3,
    columns: {
      lastmonth_activity: f64([0, 1, 2, 3, 4, Number.MAX_SAFE_INTEGER]),
      lastyear_activity: f64([10, 20, 30, 40, 50, 60]),
      number_of_employees: f64([1, 1, 2, 3, 5, 8]),
      exited: f64([0, 1, 0, 1, 1, 0]),
    },
    probability: f64([0.1 + 0.2, 5e-324, 1 - 2 ** -53, 1 / 3, 0, 1]),
  };
}

function withTempDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'attrition-reference-'));
  return work(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Asserts that parsing `text` fails with a CorruptFileError naming `path` and `field`. */
function assertRefused(text: string, field: string): void {
  assert.throws(
    () => parseMonitoringReference(text, '/x/monitoring_reference.json'),
    (error: unknown) =>
      error instanceof CorruptFileError &&
      error.message.startsWith('/x/monitoring_reference.json: corrupt monitoring reference') &&
      error.message.includes(`field ${field}:`),
    field,
  );
}

describe('monitoring_reference.json', () => {
  const createdAt = new Date('2026-01-02T03:04:05.678Z');
  const text = monitoringReferenceText('model-1', reference(), createdAt);

  it('holds the header and one line per array', () => {
    const json = JSON.parse(text);
    assert.deepEqual(
      { ...json, columns: Object.keys(json.columns), probability: json.probability.length },
      {
        format: 'attrition-monitor/monitoring-reference',
        format_version: 1,
        model_id: 'model-1',
        created_at: '2026-01-02T03:04:05.678Z',
        rows: 6,
        sampled_from: 9,
        folds: 3,
        columns: ['lastmonth_activity', 'lastyear_activity', 'number_of_employees', 'exited'],
        probability: 6,
      },
    );
    assert.match(text, /^ {4}"exited": \[0,1,0,1,1,0\],?$/m);
    assert.ok(text.endsWith('}\n'));
  });

  it('reads back bit for bit', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'monitoring_reference.json');
      writeFileSync(path, text);
      const stored = await readMonitoringReference(path);
      assert.ok(stored);
      const expected = reference();
      assert.equal(stored.modelId, 'model-1');
      assert.equal(stored.createdAt, createdAt.toISOString());
      assert.deepEqual(
        { rows: stored.rows, sampledFrom: stored.sampledFrom, folds: stored.folds },
        { rows: 6, sampledFrom: 9, folds: 3 },
      );
      assert.deepEqual(stored.columns, expected.columns);
      assert.ok(stored.probability instanceof Float64Array);
      for (const [i, p] of stored.probability.entries())
        assert.ok(Object.is(p, expected.probability[i]), `row ${i}: ${p}`);
    });
  });

  it('is null when the file does not exist (a version deployed before references were kept)', async () => {
    await withTempDir(async (dir) => {
      assert.equal(await readMonitoringReference(join(dir, 'monitoring_reference.json')), null);
    });
  });

  it('refuses a corrupt file, naming the file and the field', () => {
    assert.throws(
      () => parseMonitoringReference(text.slice(0, 200), '/x/monitoring_reference.json'),
      (error: unknown) =>
        error instanceof CorruptFileError && /monitoring_reference.json: .*not valid JSON/.test(error.message),
    );
    assertRefused(text.replace('[0,1,0,1,1,0]', '[0,1,0,2,1,0]'), 'columns.exited.3');
    assertRefused(text.replace('[1,1,2,3,5,8]', '[1,1,2.5,3,5,8]'), 'columns.number_of_employees.2');
    assertRefused(text.replace('[10,20,30,40,50,60]', '[10,20,"30",40,50,60]'), 'columns.lastyear_activity.2');
    assertRefused(text.replace('[10,20,30,40,50,60]', '{}'), 'columns.lastyear_activity');
    assertRefused(text.replace('[10,20,30,40,50,60]', '[10,20,30,40,50]'), 'columns.lastyear_activity');
    assertRefused(text.replace(',0,1]', ',0,1.5]'), 'probability.5');
    assertRefused(text.replace('"rows": 6', '"rows": 7'), 'columns.lastmonth_activity');
    assertRefused(text.replace('"sampled_from": 9', '"sampled_from": 5'), 'sampled_from');
    assertRefused(text.replace('"folds": 3', '"folds": 7'), 'rows');
    assertRefused(text.replace('"model_id": "model-1"', '"model_id": ""'), 'model_id');
    assertRefused(text.replace('"format_version": 1', '"format_version": 2'), 'format_version');
  });

  it('refuses to write a reference that would not read back', () => {
    const short = { ...reference(), probability: f64([0.5]) };
    assert.throws(
      () => monitoringReferenceText('m', short),
      (error: unknown) => error instanceof AppError && /probability has 1 values for 6 rows/.test(error.message),
    );
    const nan = reference();
    nan.probability[2] = Number.NaN;
    assert.throws(() => monitoringReferenceText('m', nan), /probability\[2\] is NaN, not a probability in \[0, 1\]/);
  });
});
