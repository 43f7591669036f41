import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { PredictionLogThread } from '../../src/workers/prediction-log-thread.ts';
import { entriesOf, plainRows, simpleBatch, tempLogFolder } from './helpers/batches.ts';

const T0 = Date.parse('2026-12-01T07:00:00.000Z');

/** Everything in the log folder `folder`, as plain entries. */
async function readAll(folder: string) {
  const store = new FilePredictionLogStore(folder);
  try {
    return plainRows(await store.read({ from: 0, to: Number.POSITIVE_INFINITY }));
  } finally {
    await store.close();
  }
}

/** Resolves once `condition` holds (checked every 10 ms, for at most 10 s). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('prediction log writer thread', () => {
  it('writes every recorded entry on its interval, counts them, and close() writes the rest', async () => {
    const temp = tempLogFolder();
    const thread = new PredictionLogThread(temp.folder, { flushIntervalMs: 50 });
    try {
      const first = [simpleBatch(T0, 'a', 3), simpleBatch(T0 + 1, 'b', 2, 10)];
      for (const batch of first) thread.record(batch);
      await until(() => thread.stats().written === 5);
      assert.deepEqual(thread.stats(), { written: 5, dropped: 0, failed_flushes: 0, pending: 0 });
      assert.deepEqual(await readAll(temp.folder), first.flatMap(entriesOf));

      const last = simpleBatch(T0 + 2, 'c', 4, 20);
      thread.record(last);
      await thread.close();
      await thread.close();
      assert.deepEqual(thread.stats(), { written: 9, dropped: 0, failed_flushes: 0, pending: 0 });
      assert.deepEqual(await readAll(temp.folder), [...first, last].flatMap(entriesOf));
    } finally {
      await thread.close();
      temp.cleanup();
    }
  });

  it('drops and counts entries beyond maxPendingEntries and after close', async () => {
    const temp = tempLogFolder();
    const thread = new PredictionLogThread(temp.folder, { flushIntervalMs: 60_000, maxPendingEntries: 5 });
    try {
      thread.record(simpleBatch(T0, 'kept', 4));
      thread.record(simpleBatch(T0, 'too-many', 2));
      await thread.close();
      thread.record(simpleBatch(T0, 'late', 3));
      assert.deepEqual(thread.stats(), { written: 4, dropped: 5, failed_flushes: 0, pending: 0 });
      assert.deepEqual(
        (await readAll(temp.folder)).map((e) => e.requestId),
        ['kept', 'kept', 'kept', 'kept'],
      );
    } finally {
      temp.cleanup();
    }
  });
});
