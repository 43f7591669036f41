/**
 * The child of the kill -9 test: records numbered entries through a PredictionLogWriter (flushing every
 * 50 ms) into the log folder given as its argument, as fast as it can, and prints after each round
 * `<entries recorded> <entries written>`, until it is killed. Entry `seq` is fully determined by its
 * number (see expectedEntry), so the test can check every entry it reads back.
 */
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { PredictionLogWriter } from '../../../src/prediction-log/writer.ts';
import { makeBatch, type PlainEntry } from './batches.ts';

/** Entries per batch. */
export const PER_BATCH = 20;
const BASE = Date.parse('2026-12-01T07:00:00.000Z');

/** Entry number `seq`, as the child records it. */
export function expectedEntry(seq: number): PlainEntry {
  const batch = Math.floor(seq / PER_BATCH);
  return {
    time: BASE + batch,
    requestId: `r${batch}`,
    modelId: 'model-k',
    id: seq % 5 === 0 ? null : `c-${seq}`,
    features: [seq, seq * 3, seq % 97],
    probability: ((seq * 7919) % 10007) / 10007,
    prediction: seq & 1,
  };
}

function batchOf(batch: number) {
  const records = Array.from({ length: PER_BATCH }, (_, i) => expectedEntry(batch * PER_BATCH + i));
  return makeBatch(BASE + batch, `r${batch}`, records, 'model-k');
}

if (process.argv[2]) {
  const writer = new PredictionLogWriter(new FilePredictionLogStore(process.argv[2]), { flushIntervalMs: 50 });
  let batches = 0;
  const round = (): void => {
    for (let k = 0; k < 5; k++) writer.record(batchOf(batches++));
    process.stdout.write(`${batches * PER_BATCH} ${writer.stats().written}\n`);
    setTimeout(round, 2);
  };
  round();
}
