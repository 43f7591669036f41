import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ABSENT, IdHashTable } from '../../src/labels/id-hash-table.ts';
import { packLabel } from '../../src/labels/label.ts';
import { labelTable } from '../../src/labels/label-table.ts';

describe('IdHashTable', () => {
  it('numbers distinct hashes in order, finds them again, and probes past hashes in the same slot', () => {
    const table = new IdHashTable(100);
    // equal low halves and xor-equal pairs fall in one slot: each must still be told apart
    const hashes: [number, number][] = [
      [1, 5],
      [2, 5],
      [3, 6],
      [0, 4],
      [4294967295, 4294967295],
      [0, 0],
    ];
    assert.deepEqual(
      hashes.map(([high, low]) => table.intern(high, low)),
      [0, 1, 2, 3, 4, 5],
    );
    assert.equal(table.intern(2, 5), 1, 'a hash put in twice keeps its number');
    assert.equal(table.size, 6);
    assert.deepEqual(
      hashes.map(([high, low]) => table.find(high, low)),
      [0, 1, 2, 3, 4, 5],
    );
    assert.equal(table.find(1, 6), ABSENT);
    assert.equal(table.find(5, 1), ABSENT);
  });

  it('refuses more distinct hashes than its capacity', () => {
    const table = new IdHashTable(2);
    table.intern(1, 1);
    table.intern(2, 2);
    assert.throws(() => table.intern(3, 3), /more than 2 distinct id hashes/);
  });
});

describe('labelTable', () => {
  it('puts each id’s labels in ascending order under its hash; ids sharing a hash share one sorted list', () => {
    const byId = new Map<string, number | number[]>([
      ['a', [packLabel(10, 0), packLabel(30, 1)]],
      ['b', packLabel(5, 1)],
      ['c', packLabel(20, 0)], // same hash as a
    ]);
    const table = labelTable(
      { count: 4, byId, skipped: 0 },
      { high: Float64Array.from([7, 8, 7]), low: Float64Array.from([70, 80, 70]) },
    );
    assert.equal(table.hashes.size, 2);
    const list = (k: number) => Array.from(table.packed.subarray(table.offsets[k], table.offsets[k + 1]));
    assert.deepEqual(list(table.hashes.find(7, 70)), [packLabel(10, 0), packLabel(20, 0), packLabel(30, 1)]);
    assert.deepEqual(list(table.hashes.find(8, 80)), [packLabel(5, 1)]);
  });

  it('refuses hashes that do not match the ids', () => {
    assert.throws(
      () =>
        labelTable(
          { count: 1, byId: new Map([['a', 1]]), skipped: 0 },
          { high: new Float64Array(0), low: new Float64Array(0) },
        ),
      /0 hashes for 1 ids/,
    );
  });
});
