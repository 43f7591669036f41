import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BlockBuilder, blockBatches } from '../../src/prediction-log/batch-block.ts';
import { entriesOf, simpleBatch } from './helpers/batches.ts';

const T0 = Date.parse('2026-12-01T07:00:00.000Z');

describe('prediction log batch block', () => {
  it('gives back the batches pushed, in order, with their heads and values', () => {
    const builder = new BlockBuilder();
    const batches = [
      simpleBatch(T0, 'a', 3),
      { ...simpleBatch(T0 + 1, 'b', 1, 50), ids: null },
      simpleBatch(T0 + 2, 'c', 0),
    ];
    for (const batch of batches) builder.push(batch);
    assert.equal(builder.entries, 4);
    const block = builder.take();
    assert.equal(block.entries, 4);
    const back = blockBatches(block);
    assert.deepEqual(
      back.map((b) => [b.requestId, b.ids]),
      batches.map((b) => [b.requestId, b.ids]),
    );
    assert.deepEqual(back.flatMap(entriesOf), batches.flatMap(entriesOf));
  });

  it('copies what it is given, so the caller may reuse its arrays', () => {
    const builder = new BlockBuilder();
    const batch = simpleBatch(T0, 'a', 2);
    const expected = entriesOf(batch);
    builder.push(batch);
    (batch.probabilities as Float64Array).fill(9);
    assert.deepEqual(blockBatches(builder.take()).flatMap(entriesOf), expected);
  });

  it('grows past its first capacity without losing a value, and starts empty after take', () => {
    const builder = new BlockBuilder();
    const batches = Array.from({ length: 30 }, (_, i) => simpleBatch(T0 + i, `r${i}`, 500, i * 500));
    for (const batch of batches) builder.push(batch);
    const block = builder.take();
    assert.equal(block.entries, 15_000);
    assert.deepEqual(blockBatches(block).flatMap(entriesOf), batches.flatMap(entriesOf));
    assert.equal(builder.entries, 0);
    assert.deepEqual(blockBatches(builder.take()), []);
  });
});
