/**
 * The messages between the API's thread and the prediction log's writer thread
 * (prediction-log-worker.ts): a block of batches to write now, or the last one before closing; the
 * writer's word that it is ready, then its answer after each block, with its counts for /metrics.
 */
import type { BatchBlock } from '../prediction-log/batch-block.ts';
import type { PredictionLogWriterStats } from '../prediction-log/writer.ts';

/** Where the writer thread writes, and how. */
export interface PredictionLogWorkerData {
  folder: string;
  maxPendingEntries: number;
}

/** From the API's thread. */
export type LogThreadRequest = { type: 'write'; block: BatchBlock } | { type: 'close'; block: BatchBlock };

/** From the writer thread: once it is ready to write, then after each write and after the close. */
export type LogThreadAnswer = { type: 'ready' } | { type: 'written' | 'closed'; stats: PredictionLogWriterStats };
