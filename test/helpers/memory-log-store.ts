/**
 * A prediction log held in memory, for tests of what reads the log (chunking, monitoring): the same
 * PredictionLogStore contract as the file store, entries kept as written; ids hashed with MD5's first
 * 64 bits.
 */
import { createHash } from 'node:crypto';
import { FEATURES, type Feature } from '../../src/data/schema.ts';
import type {
  PredictionLogBatch,
  PredictionLogRange,
  PredictionLogReadOptions,
  PredictionLogRows,
  PredictionLogStore,
} from '../../src/prediction-log/entry.ts';
import { type IdHashes, NO_ID } from '../../src/prediction-log/id-hash.ts';

interface Entry {
  time: number;
  requestId: string;
  modelId: string;
  id: string | null;
  features: Record<Feature, number>;
  probability: number;
  prediction: number;
}

/** An in-memory PredictionLogStore; `reads` counts read() calls. */
export class MemoryLogStore implements PredictionLogStore {
  readonly entries: Entry[] = [];
  reads = 0;

  async append(batches: readonly PredictionLogBatch[]): Promise<void> {
    for (const batch of batches) {
      for (let i = 0; i < batch.probabilities.length; i++) {
        this.entries.push({
          time: batch.time,
          requestId: batch.requestId,
          modelId: batch.modelId,
          id: batch.ids?.[i] ?? null,
          features: Object.fromEntries(FEATURES.map((f) => [f, batch.features[f][i]!])) as Record<Feature, number>,
          probability: batch.probabilities[i]!,
          prediction: batch.classes[i]!,
        });
      }
    }
    this.entries.sort((a, b) => a.time - b.time); // stable: ties keep their order
  }

  async bounds() {
    if (this.entries.length === 0) return null;
    return { first: this.entries[0]!.time, last: this.entries.at(-1)!.time, rows: this.entries.length };
  }

  async read(range: PredictionLogRange, options: PredictionLogReadOptions = {}): Promise<PredictionLogRows> {
    this.reads++;
    const ids = options.ids ?? true;
    const idHashes = options.idHashes ?? false;
    const picked =
      'from' in range
        ? this.entries.filter((e) => e.time >= range.from && e.time < range.to)
        : this.entries.slice(range.offset, range.offset + range.limit);
    const column = (f: (e: Entry) => number) => Float64Array.from(picked, f);
    return {
      rows: picked.length,
      time: column((e) => e.time),
      requestId: ids ? picked.map((e) => e.requestId) : [],
      modelId: picked.map((e) => e.modelId),
      id: ids ? picked.map((e) => e.id) : [],
      idHash: idHashes ? md5IdHashes(picked.map((e) => e.id)) : md5IdHashes([]),
      features: Object.fromEntries(FEATURES.map((f) => [f, column((e) => e.features[f])])) as Record<
        Feature,
        Float64Array
      >,
      probability: column((e) => e.probability),
      prediction: column((e) => e.prediction),
      skipped: 0,
    };
  }

  async hashIds(ids: readonly string[]): Promise<IdHashes> {
    return md5IdHashes(ids);
  }

  async compact() {
    return { segments: 0, rows: 0, skipped: 0 };
  }

  async expire() {
    return { removedDays: [] };
  }

  async close(): Promise<void> {}
}

/** The hashes of `ids` as this store gives them (NO_ID for none). */
export function md5IdHashes(ids: readonly (string | null)[]): IdHashes {
  const high = new Float64Array(ids.length);
  const low = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    if (id === null) {
      high[i] = NO_ID;
      return;
    }
    const digest = createHash('md5').update(id).digest();
    high[i] = digest.readUInt32BE(0);
    low[i] = digest.readUInt32BE(4);
  });
  return { high, low };
}
