/**
 * The prediction log as the server uses it: answered requests are copied into a block of columns on
 * the API's thread (a copy, nothing else), and every `flushIntervalMs` the block is moved to the
 * writer thread (prediction-log-worker.ts: the store and a PredictionLogWriter), which formats and
 * writes it. Formatting a served probability as text costs ~240 ns and writing the lines costs more:
 * on the API's thread that was 13-16 % of the requests per second with 100 records a request. A crash
 * loses at most the entries of the last interval and of the block being written, as before. The
 * block holds at most `maxPendingEntries`; beyond that, and once closed or if the writer thread died,
 * entries are dropped and counted. The server waits for `ready()` before it listens: a writer thread
 * still loading its code would otherwise hold the first blocks for longer than an interval.
 */
import { Worker } from 'node:worker_threads';
import { log } from '../log.ts';
import { BlockBuilder } from '../prediction-log/batch-block.ts';
import type { PredictionLogBatch, PredictionLogSink } from '../prediction-log/entry.ts';
import { DEFAULT_MAX_PENDING_ENTRIES, type PredictionLogWriterStats } from '../prediction-log/writer.ts';
import type { LogThreadAnswer, LogThreadRequest, PredictionLogWorkerData } from './prediction-log-protocol.ts';
import { workerScript } from './worker-file.ts';

/** How the log thread is fed. */
export interface PredictionLogThreadOptions {
  /** Time between blocks; also the most a crash can lose. */
  flushIntervalMs: number;
  /** Most entries held in the block (and, apart, in the writer thread's retry buffer). */
  maxPendingEntries?: number;
}

/** A sink that writes on a thread of its own. */
export class PredictionLogThread implements PredictionLogSink {
  private readonly builder = new BlockBuilder();
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private readonly maxPending: number;
  /** Entries of each block handed over and not answered yet, oldest first. */
  private readonly inFlight: number[] = [];
  private latest: PredictionLogWriterStats = { written: 0, dropped: 0, failed_flushes: 0, pending: 0 };
  private dropped = 0;
  private dead = false;
  private closing: Promise<void> | null = null;
  private onClosed: (() => void) | null = null;
  private readonly started: Promise<void>;

  /** `folder`: the log folder, `<output_folder_path>/prediction_log`. */
  constructor(folder: string, options: PredictionLogThreadOptions) {
    this.maxPending = options.maxPendingEntries ?? DEFAULT_MAX_PENDING_ENTRIES;
    const { filename, options: workerOptions } = workerScript('prediction-log-worker');
    const workerData: PredictionLogWorkerData = { folder, maxPendingEntries: this.maxPending };
    this.worker = new Worker(filename, { ...workerOptions, workerData });
    let started = () => {};
    this.started = new Promise<void>((resolve) => {
      started = resolve;
    });
    this.worker.on('message', (answer: LogThreadAnswer) => {
      if (answer.type === 'ready') {
        // held until now, so that a process awaiting ready() stays alive; close() holds it again for its answer
        if (!this.closing) this.worker.unref();
        started();
        return;
      }
      this.inFlight.shift();
      this.latest = answer.stats;
      if (answer.type === 'closed') this.onClosed?.();
    });
    this.worker.on('error', (error) => {
      this.dead = true;
      log.error({ err: error }, 'prediction log: the writer thread failed; entries are dropped from now on');
      started();
      this.onClosed?.();
    });
    this.timer = setInterval(() => this.handOver('write'), options.flushIntervalMs);
    this.timer.unref();
  }

  /** Resolves once the writer thread is ready to write (or has failed: entries are then dropped and counted). */
  ready(): Promise<void> {
    return this.started;
  }

  /** Copies one request's predictions into the block (never throws, never waits); dropped and counted when full or closed. */
  record(batch: PredictionLogBatch): void {
    const entries = batch.probabilities.length;
    if (this.closing || this.dead || this.builder.entries + entries > this.maxPending) {
      this.dropped += entries;
      return;
    }
    this.builder.push(batch);
  }

  /** Entries written, dropped and pending (here, on the way and in the writer thread), and failed writes. */
  stats(): PredictionLogWriterStats {
    const onTheWay = this.inFlight.reduce((sum, entries) => sum + entries, 0);
    return {
      written: this.latest.written,
      dropped: this.latest.dropped + this.dropped,
      failed_flushes: this.latest.failed_flushes,
      pending: this.builder.entries + onTheWay + this.latest.pending,
    };
  }

  /** Hands the last block over, waits until the writer thread wrote it and closed its store, then ends the thread. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      if (!this.dead) {
        this.worker.ref(); // the answer must be waited for
        const closed = new Promise<void>((resolve) => {
          this.onClosed = resolve;
        });
        this.handOver('close');
        await closed;
      }
      if (this.builder.entries > 0) this.dropped += this.builder.entries;
      if (this.stats().pending > 0)
        log.warn({ entries: this.stats().pending }, 'prediction log: entries not written at close');
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private handOver(type: LogThreadRequest['type']): void {
    if (this.dead || (type === 'write' && this.builder.entries === 0)) return;
    const block = this.builder.take();
    this.inFlight.push(block.entries);
    this.worker.postMessage(
      { type, block } satisfies LogThreadRequest,
      block.columns.map((column) => column.buffer as ArrayBuffer),
    );
  }
}
