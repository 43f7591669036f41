/**
 * The prediction log's writer thread: it owns the file store and a PredictionLogWriter, and writes each
 * block the API's thread hands it at once (format, one write and fdatasync per day), so turning
 * predictions into text and writing them never runs on the thread that answers requests. A failed
 * write keeps its entries for the next block (the writer's bound and retry); after each block it
 * answers with the writer's counts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { blockBatches } from '../prediction-log/batch-block.ts';
import { FilePredictionLogStore } from '../prediction-log/file-store.ts';
import { PredictionLogWriter } from '../prediction-log/writer.ts';
import type { LogThreadAnswer, LogThreadRequest, PredictionLogWorkerData } from './prediction-log-protocol.ts';

const port = parentPort;
if (!port) throw new Error('prediction-log-worker runs as a worker thread only');
const { folder, maxPendingEntries } = workerData as PredictionLogWorkerData;
// flushed after each block; its own timer only retries what a failed write kept, once a minute
const writer = new PredictionLogWriter(new FilePredictionLogStore(folder), {
  flushIntervalMs: 60_000,
  maxPendingEntries,
});

port.postMessage({ type: 'ready' } satisfies LogThreadAnswer);
port.on('message', async (request: LogThreadRequest) => {
  for (const batch of blockBatches(request.block)) writer.record(batch);
  if (request.type === 'write') {
    await writer.flush();
    port.postMessage({ type: 'written', stats: writer.stats() } satisfies LogThreadAnswer);
  } else {
    await writer.close();
    port.postMessage({ type: 'closed', stats: writer.stats() } satisfies LogThreadAnswer);
  }
});
