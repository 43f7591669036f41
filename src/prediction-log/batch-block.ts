/**
 * Batches gathered into one block of a few number columns, to hand a second's worth of predictions to
 * another thread with nothing but its column buffers moved (transferred, not copied). The API thread
 * copies each answered request in (`BlockBuilder.push`); the thread that writes the log gets the
 * batches back as views of the columns (`blockBatches`).
 */
import { FEATURES, type Feature } from '../data/schema.ts';
import type { PredictionLogBatch } from './entry.ts';

/** What a batch keeps besides its numbers, and how many rows of the columns are its. */
export interface BlockHead {
  time: number;
  requestId: string;
  modelId: string;
  ids: PredictionLogBatch['ids'];
  count: number;
}

/** Batches as heads and columns: the features in FEATURES order, then probability and class. */
export interface BatchBlock {
  heads: BlockHead[];
  columns: Float64Array[];
  entries: number;
}

const COLUMNS = FEATURES.length + 2;
const INITIAL_CAPACITY = 4096;

/** Builds blocks batch by batch. */
export class BlockBuilder {
  private heads: BlockHead[] = [];
  private columns: Float64Array[];
  private size = 0;
  private capacity = INITIAL_CAPACITY;

  constructor() {
    this.columns = this.newColumns();
  }

  /** Entries held. */
  get entries(): number {
    return this.size;
  }

  /** Copies `batch` in (the caller may reuse its arrays). */
  push(batch: PredictionLogBatch): void {
    const count = batch.probabilities.length;
    if (this.size + count > this.capacity) this.grow(this.size + count);
    const sources = [...FEATURES.map((f) => batch.features[f]), batch.probabilities, batch.classes];
    for (let c = 0; c < COLUMNS; c++) {
      const column = this.columns[c]!;
      const source = sources[c]!;
      for (let i = 0; i < count; i++) column[this.size + i] = source[i]!;
    }
    this.heads.push({ time: batch.time, requestId: batch.requestId, modelId: batch.modelId, ids: batch.ids, count });
    this.size += count;
  }

  /** The block of the batches held, which then holds nothing (its columns belong to the block). */
  take(): BatchBlock {
    const block = { heads: this.heads, columns: this.columns, entries: this.size };
    this.heads = [];
    this.size = 0;
    this.columns = this.newColumns();
    return block;
  }

  private newColumns(): Float64Array[] {
    return Array.from({ length: COLUMNS }, () => new Float64Array(this.capacity));
  }

  private grow(needed: number): void {
    this.capacity = Math.max(needed, 2 * this.capacity);
    this.columns = this.columns.map((old) => {
      const column = new Float64Array(this.capacity);
      column.set(old.subarray(0, this.size));
      return column;
    });
  }
}

/** The batches of `block`, in order, as views of its columns. */
export function blockBatches(block: BatchBlock): PredictionLogBatch[] {
  let start = 0;
  return block.heads.map(({ count, ...head }) => {
    const view = (c: number) => block.columns[c]!.subarray(start, start + count);
    const batch: PredictionLogBatch = {
      ...head,
      features: Object.fromEntries(FEATURES.map((f, j) => [f, view(j)])) as Record<Feature, Float64Array>,
      probabilities: view(FEATURES.length),
      classes: view(FEATURES.length + 1),
    };
    start += count;
    return batch;
  });
}
