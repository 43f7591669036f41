/**
 * What the prediction log holds: one entry per answered prediction (a request with 10 records makes 10
 * entries), and the batch form the API hands to the log (one request's predictions, as arrays).
 */
import type { Feature } from '../data/schema.ts';
import type { IdHashes } from './id-hash.ts';

/** Most characters of a caller's id kept in the log (the API refuses longer ids). */
export const MAX_ID_LENGTH = 200;

/** One request's answered predictions, as the API produced them. */
export interface PredictionLogBatch {
  /** When the answer was made, milliseconds since the epoch (UTC). */
  time: number;
  requestId: string;
  modelId: string;
  /** The caller's id of each record (`id`, or the `corporation` column of a dataset_path file); null where none. */
  ids: readonly (string | null)[] | null;
  features: Record<Feature, ArrayLike<number>>;
  /** Probability of class 1 and the predicted class (0/1) of each record. */
  probabilities: ArrayLike<number>;
  classes: ArrayLike<number>;
}

/** Entries read back, as columns in time order (ties kept in the order they were written). */
export interface PredictionLogRows {
  rows: number;
  /** Milliseconds since the epoch. */
  time: Float64Array;
  /** Empty when the read asked for no ids (see PredictionLogReadOptions). */
  requestId: string[];
  modelId: string[];
  /** Empty when the read asked for no ids (see PredictionLogReadOptions). */
  id: (string | null)[];
  /** Each entry's id hash (id-hash.ts); empty arrays unless the read asked for them. */
  idHash: IdHashes;
  features: Record<Feature, Float64Array>;
  probability: Float64Array;
  prediction: Float64Array;
  /** Lines in the range that could not be parsed (a torn last line after a crash, say): skipped, counted. */
  skipped: number;
}

/** A time range [from, to) in milliseconds since the epoch, or a row range in time order. */
export type PredictionLogRange = { from: number; to: number } | { offset: number; limit: number };

/** What a read returns besides the numbers. */
export interface PredictionLogReadOptions {
  /**
   * Whether to return each entry's `requestId` and `id` (default true). With false both arrays are
   * empty (the entries are still counted by `rows`, and `modelId` is still filled) and the store does
   * not read those strings at all: monitoring needs the numbers and the model id only.
   */
  ids?: boolean;
  /** Whether to return each entry's id hash (default false): what the label join reads, without the strings. */
  idHashes?: boolean;
}

/**
 * Where the log is kept. The file store (segments per process under the output folder, compacted to
 * Parquet) is the one backend today; a shared database backend implements the same operations.
 */
export interface PredictionLogStore {
  /** Appends one batch of a flush (entries of several requests); durable when the promise resolves. */
  append(batches: readonly PredictionLogBatch[]): Promise<void>;
  /** The first and last entry's time and the number of entries, or null for an empty log. */
  bounds(): Promise<{ first: number; last: number; rows: number } | null>;
  /** The entries of a time range or a row range; `options.ids: false` leaves out the request ids and ids. */
  read(range: PredictionLogRange, options?: PredictionLogReadOptions): Promise<PredictionLogRows>;
  /** The hashes of `ids` as this store's reads give them (`idHash`), in order. */
  hashIds(ids: readonly string[]): Promise<IdHashes>;
  /** Compacts what no writer appends to any more; returns what it did. */
  compact(now: number): Promise<{ segments: number; rows: number; skipped: number }>;
  /** Removes entries older than `retentionDays` before `now`; returns the entries (or days) removed. */
  expire(now: number, retentionDays: number): Promise<{ removedDays: string[] }>;
  /** Releases what the store holds open (files, database connections). */
  close(): Promise<void>;
}

/** Where the API hands each answered request's predictions (the log's writer); must not throw or block. */
export interface PredictionLogSink {
  record(batch: PredictionLogBatch): void;
  /** Entries written, dropped (buffer full, or after close) and pending, and failed flushes: for /metrics. */
  stats?(): { written: number; dropped: number; failed_flushes: number; pending: number };
}
