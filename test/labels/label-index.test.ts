import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelIndex } from '../../src/labels/label-index.ts';

describe('LabelIndex', () => {
  it('tells new labels, duplicates and conflicts apart among several labels of one id', () => {
    const index = new LabelIndex();
    for (const observedAt of [20, 10, 30]) index.add({ id: 'a', exited: observedAt === 20 ? 1 : 0, observedAt });
    index.add({ id: 'b', exited: 1, observedAt: 20 });
    const verdict = (observedAt: number, exited: 0 | 1) => index.verdict({ id: 'a', exited, observedAt });
    assert.deepEqual(verdict(20, 1), { kind: 'duplicate' });
    assert.deepEqual(verdict(20, 0), { kind: 'conflict', stored: 1 });
    assert.deepEqual(verdict(10, 1), { kind: 'conflict', stored: 0 });
    assert.deepEqual(verdict(30, 0), { kind: 'duplicate' });
    for (const observedAt of [5, 15, 25, 35]) assert.deepEqual(verdict(observedAt, 1), { kind: 'new' });
    assert.deepEqual(index.verdict({ id: 'b', exited: 0, observedAt: 20 }), { kind: 'conflict', stored: 1 });
    assert.deepEqual(index.verdict({ id: 'c', exited: 0, observedAt: 20 }), { kind: 'new' });
    assert.equal(index.count, 4);
  });
});
