/**
 * A worker thread of production monitoring: it fits the versions' estimators it is asked to fit (and
 * sends them back), keeps those it is sent, and answers each chunk with its findings
 * (monitoring/chunk-findings.ts), so fits and chunks run on every core while the main thread reads the
 * log. A chunk of a version whose estimator has not arrived yet waits for it. A chunk that fails is
 * answered with its error; the worker goes on.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, describeError } from '../errors.ts';
import { chunkFindings } from '../monitoring/chunk-findings.ts';
import { fitEstimator, type VersionEstimator } from '../monitoring/estimator.ts';
import type { FindingsAnswer, FindingsRequest, ThrownError } from './findings-protocol.ts';

type ChunkRequest = Extract<FindingsRequest, { type: 'chunk' }>;

const port = parentPort;
if (!port) throw new Error('findings-worker runs as a worker thread only');
const estimators = new Map<string, VersionEstimator>();
const waiting = new Map<string, ChunkRequest[]>();

function thrown(error: unknown): ThrownError {
  const status = error instanceof AppError ? { name: error.name, status: error.status } : {};
  return { message: describeError(error), ...status };
}

function answer(request: ChunkRequest, estimator: VersionEstimator): void {
  let reply: FindingsAnswer;
  try {
    reply = { type: 'chunk', id: request.id, findings: chunkFindings(estimator, request.served, request.drift) };
  } catch (error) {
    reply = { type: 'chunk', id: request.id, error: thrown(error) };
  }
  port!.postMessage(reply);
}

/** Keeps `estimator` for `modelId` and answers the chunks that waited for it. */
function keep(modelId: string, estimator: VersionEstimator): void {
  estimators.set(modelId, estimator);
  for (const request of waiting.get(modelId) ?? []) answer(request, estimator);
  waiting.delete(modelId);
}

port.on('message', (request: FindingsRequest) => {
  switch (request.type) {
    case 'fit': {
      let estimator: VersionEstimator;
      try {
        estimator = fitEstimator(request.reference, request.calibrator);
      } catch (error) {
        port.postMessage({
          type: 'fit-failed',
          modelId: request.modelId,
          error: thrown(error),
        } satisfies FindingsAnswer);
        return;
      }
      port.postMessage({ type: 'fitted', modelId: request.modelId, estimator } satisfies FindingsAnswer);
      keep(request.modelId, estimator);
      return;
    }
    case 'estimator':
      keep(request.modelId, request.estimator);
      return;
    case 'chunk': {
      const estimator = estimators.get(request.modelId);
      if (estimator) answer(request, estimator);
      else {
        const queue = waiting.get(request.modelId) ?? [];
        queue.push(request);
        waiting.set(request.modelId, queue);
      }
    }
  }
});
