import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packLabel } from '../../src/labels/label.ts';
import { ABSENT, LabelTable } from '../../src/labels/label-table.ts';

/** The labels the table holds for hash (high, low), or null when it holds none. */
function labelsOf(table: LabelTable, high: number, low: number): number[] | null {
  const at = table.find(high, low);
  return at === ABSENT ? null : Array.from(table.packed.subarray(table.start(at), table.end(at)));
}

describe('LabelTable', () => {
  it('finds each id’s labels in ascending order by its hash, past hashes that probe into the same slot', () => {
    // equal low halves and xor-equal pairs start at one slot: each must still be told apart
    const hashes: [number, number][] = [
      [1, 5],
      [2, 5],
      [3, 6],
      [0, 4],
      [4294967295, 4294967295],
      [0, 0],
    ];
    const byId = new Map<string, number | number[]>(
      hashes.map((_, k) => [`id${k}`, k % 2 ? packLabel(k, 1) : [packLabel(k, 0), packLabel(100 + k, 1)]]),
    );
    const table = LabelTable.of(
      { count: 9, byId, skipped: 0 },
      { high: Float64Array.from(hashes, (h) => h[0]), low: Float64Array.from(hashes, (h) => h[1]) },
    );
    hashes.forEach(([high, low], k) => {
      assert.deepEqual(
        labelsOf(table, high, low),
        k % 2 ? [packLabel(k, 1)] : [packLabel(k, 0), packLabel(100 + k, 1)],
        `id${k}`,
      );
    });
    assert.equal(table.find(1, 6), ABSENT);
    assert.equal(table.find(5, 1), ABSENT);
    assert.equal(table.packed.length, 9);
  });

  it('puts ids sharing a hash in one sorted list, and counts the labels of slots left unmarked', () => {
    const byId = new Map<string, number | number[]>([
      ['a', [packLabel(10, 0), packLabel(30, 1)]],
      ['b', packLabel(5, 1)],
      ['c', packLabel(20, 0)], // same hash as a
    ]);
    const table = LabelTable.of(
      { count: 4, byId, skipped: 0 },
      { high: Float64Array.from([7, 8, 7]), low: Float64Array.from([70, 80, 70]) },
    );
    assert.deepEqual(labelsOf(table, 7, 70), [packLabel(10, 0), packLabel(20, 0), packLabel(30, 1)]);
    assert.deepEqual(labelsOf(table, 8, 80), [packLabel(5, 1)]);
    const marks = new Uint8Array(table.slotCount);
    assert.equal(table.labelsOutside(marks), 4);
    marks[table.slotIndex(table.find(7, 70))] = 1;
    assert.equal(table.labelsOutside(marks), 1);
  });

  it('refuses hashes that do not match the ids', () => {
    assert.throws(
      () =>
        LabelTable.of(
          { count: 1, byId: new Map([['a', 1]]), skipped: 0 },
          { high: new Float64Array(0), low: new Float64Array(0) },
        ),
      /0 hashes for 1 ids/,
    );
  });
});
