/**
 * The messages between the API's thread and the prediction log's writer thread
 * (prediction-log-worker.ts): a block of batches to write now, or the last one before closing; the
 * writer's answer after each, with its counts for /metrics.
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

/** From the writer thread, after a write or the close. */
export interface LogThreadAnswer {
  type: 'written' | 'closed';
  stats: PredictionLogWriterStats;
}
