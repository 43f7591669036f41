/**
 * The column builder: rows appended, forgotten from a point on, removed in place in order, and columns
 * that grow past their capacity; capacityForBytes holds every row of the smallest possible records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capacityForBytes, DatasetBuilder } from '../../src/data/column-builder.ts';
import { RecordSlot } from '../../src/data/record-validate.ts';

function builderWith(values: number[], capacity = 1024): DatasetBuilder {
  const builder = new DatasetBuilder(capacity);
  const record = new RecordSlot();
  for (const v of values) {
    record.values[0] = v; // lastmonth_activity
    record.values[3] = v % 2; // exited
    builder.add(record);
  }
  return builder;
}

const month = (builder: DatasetBuilder) => Array.from(builder.build().columns.lastmonth_activity);

describe('DatasetBuilder', () => {
  it('grows past its capacity and keeps every row', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const built = builderWith(values, 16).build();
    assert.equal(built.rows, 100);
    assert.deepEqual(Array.from(built.columns.lastmonth_activity), values);
    assert.deepEqual(
      Array.from(built.columns.exited),
      values.map((v) => v % 2),
    );
  });

  it('forgets the rows after a point', () => {
    const builder = builderWith([1, 2, 3, 4]);
    builder.truncate(2);
    assert.equal(builder.rows, 2);
    assert.deepEqual(month(builder), [1, 2]);
  });

  for (const [positions, kept] of [
    [[], [0, 1, 2, 3, 4, 5]],
    [[0], [1, 2, 3, 4, 5]],
    [[5], [0, 1, 2, 3, 4]],
    [
      [1, 2, 4],
      [0, 3, 5],
    ],
    [[0, 1, 2, 3, 4, 5], []],
  ] as const) {
    it(`removes rows ${JSON.stringify(positions)} in place, keeping the others in order`, () => {
      const builder = builderWith([0, 1, 2, 3, 4, 5]);
      builder.removeRows(positions);
      assert.deepEqual(month(builder), kept);
    });
  }

  it('sizes the columns for the smallest records a file of that many bytes can hold', () => {
    const text = `corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n${',0,0,0,0\n'.repeat(1000)}`;
    assert.ok(capacityForBytes(Buffer.byteLength(text)) >= 1000);
  });
});
