/**
 * A worker thread of production monitoring: it keeps the fitted estimators it is sent and answers each
 * chunk with its findings (monitoring/chunk-findings.ts), so chunks are judged on every core while the
 * main thread reads the log. A chunk that fails is answered with its error; the worker goes on.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, describeError } from '../errors.ts';
import { type ChunkFindings, chunkFindings } from '../monitoring/chunk-findings.ts';
import type { VersionEstimator } from '../monitoring/estimator.ts';
import type { FindingsAnswer, FindingsRequest } from './findings-protocol.ts';

const port = parentPort;
if (!port) throw new Error('findings-worker runs as a worker thread only');
const estimators = new Map<string, VersionEstimator>();

port.on('message', (request: FindingsRequest) => {
  if (request.type === 'estimator') {
    estimators.set(request.modelId, request.estimator);
    return;
  }
  let answer: FindingsAnswer;
  try {
    const estimator = estimators.get(request.modelId);
    if (!estimator) throw new Error(`no estimator was sent for model ${request.modelId}`);
    const findings: ChunkFindings = chunkFindings(estimator, request.served, request.drift);
    answer = { id: request.id, findings };
  } catch (error) {
    const status = error instanceof AppError ? { name: error.name, status: error.status } : {};
    answer = { id: request.id, error: { message: describeError(error), ...status } };
  }
  port.postMessage(answer);
});
