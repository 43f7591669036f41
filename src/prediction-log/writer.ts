/**
 * The prediction log's writer: the API hands it each answered request's predictions (record: a push,
 * nothing else) and a timer writes what was handed in, one store append per flush. A crash loses at
 * most the entries recorded since the last flush began. When an append fails (disk full...), its
 * entries stay buffered for the next flush; the buffer never holds more than maxPendingEntries, beyond
 * which new batches are dropped and counted.
 */
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import type { PredictionLogBatch, PredictionLogSink, PredictionLogStore } from './entry.ts';

/** The buffer's default bound, in entries (records, not requests). */
export const DEFAULT_MAX_PENDING_ENTRIES = 1_000_000;

/** How a writer flushes. */
export interface PredictionLogWriterOptions {
  /** Time between flushes; also the most a crash can lose. */
  flushIntervalMs: number;
  /** Most entries held in memory, written or being written (default DEFAULT_MAX_PENDING_ENTRIES). */
  maxPendingEntries?: number;
}

/** What a writer did so far, in entries. */
export interface PredictionLogWriterStats {
  written: number;
  dropped: number;
  failed_flushes: number;
  /** Entries recorded and not yet written (including those of a flush in progress). */
  pending: number;
}

/** Buffers batches and writes them to a store on a timer. */
export class PredictionLogWriter implements PredictionLogSink {
  private batches: PredictionLogBatch[] = [];
  /** Entries in `batches` plus those of the flush in progress. */
  private buffered = 0;
  private written = 0;
  private dropped = 0;
  private failedFlushes = 0;
  private failing = false;
  private flushing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly maxPending: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: PredictionLogStore,
    options: PredictionLogWriterOptions,
  ) {
    this.maxPending = options.maxPendingEntries ?? DEFAULT_MAX_PENDING_ENTRIES;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs);
    this.timer.unref();
  }

  /** Buffers one request's predictions (never throws, never waits); dropped and counted when the buffer is full or the writer closed. */
  record(batch: PredictionLogBatch): void {
    const entries = batch.probabilities.length;
    if (this.closing || this.buffered + entries > this.maxPending) {
      this.dropped += entries;
      return;
    }
    this.batches.push(batch);
    this.buffered += entries;
  }

  /**
   * Writes everything recorded so far with one store append. Flushes never overlap: one in progress is
   * awaited first. A failed append is logged and counted, its entries kept for the next flush; the
   * promise resolves either way.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.batches.length === 0) return;
    this.flushing = this.writeBuffered().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** Stops the timer, flushes what is buffered and closes the store; later records are dropped. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.flush();
      if (this.buffered > 0) log.warn({ entries: this.buffered }, 'prediction log: entries not written at close');
      await this.store.close();
    })();
    return this.closing;
  }

  /** Entries written, dropped and pending, and the flushes that failed. */
  stats(): PredictionLogWriterStats {
    return {
      written: this.written,
      dropped: this.dropped,
      failed_flushes: this.failedFlushes,
      pending: this.buffered,
    };
  }

  private async writeBuffered(): Promise<void> {
    const batches = this.batches;
    this.batches = [];
    let entries = 0;
    for (const batch of batches) entries += batch.probabilities.length;
    try {
      await this.store.append(batches);
      this.written += entries;
      this.buffered -= entries;
      if (this.failing) log.info({ entries }, 'prediction log: writing again after failed flushes');
      this.failing = false;
    } catch (error) {
      this.failedFlushes++;
      // the append left nothing behind: its batches go first in the next flush, in their order
      this.batches = batches.concat(this.batches);
      if (!this.failing)
        log.warn(
          { err: describeError(error), pending: this.buffered },
          'prediction log: a flush failed; entries kept for the next flush',
        );
      this.failing = true;
    }
  }
}
