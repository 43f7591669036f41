import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PredictionLogBatch, PredictionLogStore } from '../../src/prediction-log/entry.ts';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { PredictionLogWriter } from '../../src/prediction-log/writer.ts';
import { simpleBatch, tempLogFolder } from './helpers/batches.ts';

const T0 = Date.parse('2026-12-01T07:00:00.000Z');

/** A store that keeps appends in memory; `fail` makes the next appends reject, `gate` holds them. */
class FakeStore implements PredictionLogStore {
  appends: string[][] = [];
  fail = 0;
  gate: Promise<void> | null = null;
  active = 0;
  maxActive = 0;
  closed = 0;

  async append(batches: readonly PredictionLogBatch[]): Promise<void> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.gate) await this.gate;
      if (this.fail > 0) {
        this.fail--;
        throw new Error('ENOSPC: no space left on device');
      }
      this.appends.push(batches.map((b) => b.requestId));
    } finally {
      this.active--;
    }
  }
  bounds = async () => null;
  read = async () => {
    throw new Error('not used');
  };
  hashIds = async () => {
    throw new Error('not used');
  };
  compact = async () => ({ segments: 0, rows: 0, skipped: 0 });
  expire = async () => ({ removedDays: [] });
  async close(): Promise<void> {
    this.closed++;
  }
}

/** Resolves once `condition` holds (checked every 5 ms, for at most 5 s). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('prediction log writer', () => {
  it('flushes on its timer, one append per flush', async () => {
    const store = new FakeStore();
    const writer = new PredictionLogWriter(store, { flushIntervalMs: 20 });
    try {
      writer.record(simpleBatch(T0, 'a', 2));
      writer.record(simpleBatch(T0, 'b', 3));
      assert.deepEqual(writer.stats(), { written: 0, dropped: 0, failed_flushes: 0, pending: 5 });
      await until(() => store.appends.length > 0);
      assert.deepEqual(store.appends, [['a', 'b']]);
      assert.deepEqual(writer.stats(), { written: 5, dropped: 0, failed_flushes: 0, pending: 0 });
    } finally {
      await writer.close();
    }
  });

  it('close() flushes what is buffered and closes the store once; later batches are dropped and counted', async () => {
    const store = new FakeStore();
    const writer = new PredictionLogWriter(store, { flushIntervalMs: 60_000 });
    writer.record(simpleBatch(T0, 'a', 4));
    await Promise.all([writer.close(), writer.close()]);
    await writer.close();
    assert.deepEqual(store.appends, [['a']]);
    assert.equal(store.closed, 1);
    writer.record(simpleBatch(T0, 'late', 2));
    assert.deepEqual(writer.stats(), { written: 4, dropped: 2, failed_flushes: 0, pending: 0 });
  });

  it('drops batches beyond maxPendingEntries, counting entries, including those of a flush in progress', async () => {
    const store = new FakeStore();
    const writer = new PredictionLogWriter(store, { flushIntervalMs: 60_000, maxPendingEntries: 10 });
    writer.record(simpleBatch(T0, 'a', 6));
    writer.record(simpleBatch(T0, 'b', 5));
    writer.record(simpleBatch(T0, 'c', 4));
    assert.deepEqual(writer.stats(), { written: 0, dropped: 5, failed_flushes: 0, pending: 10 });
    let open!: () => void;
    store.gate = new Promise((resolve) => {
      open = resolve;
    });
    const flushing = writer.flush();
    writer.record(simpleBatch(T0, 'd', 1));
    assert.equal(writer.stats().dropped, 6, 'entries being written still take room');
    open();
    await flushing;
    writer.record(simpleBatch(T0, 'e', 1));
    await writer.close();
    assert.deepEqual(store.appends, [['a', 'c'], ['e']]);
    assert.deepEqual(writer.stats(), { written: 11, dropped: 6, failed_flushes: 0, pending: 0 });
  });

  it('keeps the entries of a failed append for the next flush, in order', async () => {
    const store = new FakeStore();
    const writer = new PredictionLogWriter(store, { flushIntervalMs: 60_000, maxPendingEntries: 8 });
    store.fail = 2;
    writer.record(simpleBatch(T0, 'a', 3));
    await writer.flush();
    writer.record(simpleBatch(T0, 'b', 3));
    await writer.flush();
    assert.deepEqual(writer.stats(), { written: 0, dropped: 0, failed_flushes: 2, pending: 6 });
    writer.record(simpleBatch(T0, 'c', 3));
    assert.equal(writer.stats().dropped, 3, 'the kept entries count against the bound');
    await writer.flush();
    assert.deepEqual(store.appends, [['a', 'b']]);
    assert.deepEqual(writer.stats(), { written: 6, dropped: 3, failed_flushes: 2, pending: 0 });
    await writer.close();
  });

  it('never runs two flushes at once; a flush asked for during one runs after it', async () => {
    const store = new FakeStore();
    const writer = new PredictionLogWriter(store, { flushIntervalMs: 60_000 });
    let open!: () => void;
    store.gate = new Promise((resolve) => {
      open = resolve;
    });
    writer.record(simpleBatch(T0, 'a', 1));
    const first = writer.flush();
    writer.record(simpleBatch(T0, 'b', 1));
    const second = writer.flush();
    const third = writer.flush();
    open();
    await Promise.all([first, second, third]);
    assert.equal(store.maxActive, 1);
    assert.deepEqual(store.appends, [['a'], ['b']]);
    await writer.close();
  });
});

describe('prediction log writer on the file store', () => {
  it('writes a failed flush once when the disk is back, and close() leaves everything readable', async () => {
    const temp = tempLogFolder();
    try {
      mkdirSync(temp.folder);
      writeFileSync(join(temp.folder, '2026-12-01'), 'a file where the day folder belongs');
      const writer = new PredictionLogWriter(new FilePredictionLogStore(temp.folder), { flushIntervalMs: 60_000 });
      writer.record(simpleBatch(T0, 'a', 3));
      await writer.flush();
      assert.deepEqual(writer.stats(), { written: 0, dropped: 0, failed_flushes: 1, pending: 3 });
      rmSync(join(temp.folder, '2026-12-01'));
      writer.record(simpleBatch(T0 + 1, 'b', 2));
      await writer.close();
      assert.deepEqual(writer.stats(), { written: 5, dropped: 0, failed_flushes: 1, pending: 0 });
      const store = new FilePredictionLogStore(temp.folder);
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      await store.close();
      assert.deepEqual(rows.requestId, ['a', 'a', 'a', 'b', 'b']);
    } finally {
      temp.cleanup();
    }
  });
});
