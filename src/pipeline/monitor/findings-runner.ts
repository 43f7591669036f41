/**
 * Where chunk findings are computed: in this thread, or on a pool of worker threads
 * (workers/findings-worker.ts) so that judging chunks runs on every core while this thread reads the
 * log. Both take a version's fitted estimator once, then chunks; a chunk's findings come back as a
 * promise. `ready()` resolves when another chunk may be handed over: at most two chunks wait per
 * worker, so memory holds a few chunks, not the log.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DriftSection } from '../../drift/options.ts';
import { AppError, ConfigError } from '../../errors.ts';
import { type ChunkFindings, chunkFindings, type ServedRows } from '../../monitoring/chunk-findings.ts';
import type { VersionEstimator } from '../../monitoring/estimator.ts';
import type { FindingsAnswer, FindingsRequest, ThrownError } from '../../workers/findings-protocol.ts';
import { workerScript } from '../../workers/worker-file.ts';

/** Computes chunk findings against the estimators it was given. */
export interface FindingsRunner {
  addEstimator(modelId: string, estimator: VersionEstimator): void;
  /** Resolves when a chunk may be handed over. */
  ready(): Promise<void>;
  findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings>;
  close(): Promise<void>;
}

/** Findings computed in this thread, one chunk at a time. */
export class InThreadFindings implements FindingsRunner {
  private readonly estimators = new Map<string, VersionEstimator>();

  addEstimator(modelId: string, estimator: VersionEstimator): void {
    this.estimators.set(modelId, estimator);
  }

  async ready(): Promise<void> {}

  async findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings> {
    return chunkFindings(this.estimators.get(modelId)!, served, drift);
  }

  async close(): Promise<void> {}
}

/** Chunks a worker may hold, waiting or in progress. */
const CHUNKS_PER_WORKER = 2;

/** An error answered by a worker, as the class it was thrown as. */
function rethrown(error: ThrownError): Error {
  if (error.name === 'ConfigError') return new ConfigError(error.message);
  if (error.status !== undefined) return new AppError(error.status, error.message);
  return new Error(error.message);
}

interface PoolWorker {
  worker: Worker;
  /** Chunk ids handed over and not answered yet. */
  held: Set<number>;
}

/** Findings computed by `size` worker threads; each chunk goes to the worker holding the fewest. */
export class FindingsPool implements FindingsRunner {
  private readonly workers: PoolWorker[];
  private readonly answers = new Map<number, { resolve: (f: ChunkFindings) => void; reject: (e: Error) => void }>();
  private readonly waiters: (() => void)[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number) {
    const { filename, options } = workerScript('findings-worker');
    this.workers = Array.from({ length: size }, () => {
      const pooled: PoolWorker = { worker: new Worker(filename, options), held: new Set() };
      pooled.worker.on('message', (answer: FindingsAnswer) => this.settle(pooled, answer));
      pooled.worker.on('error', (error) => this.fail(new Error(`a findings worker failed: ${error.message}`)));
      pooled.worker.on('exit', (code) => {
        if (pooled.held.size > 0) this.fail(new Error(`a findings worker stopped (exit code ${code})`));
      });
      return pooled;
    });
  }

  addEstimator(modelId: string, estimator: VersionEstimator): void {
    const request: FindingsRequest = { type: 'estimator', modelId, estimator };
    for (const { worker } of this.workers) worker.postMessage(request);
  }

  ready(): Promise<void> {
    if (this.failure || this.held() < CHUNKS_PER_WORKER * this.workers.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const target = this.workers.reduce((a, b) => (b.held.size < a.held.size ? b : a));
    const answer = new Promise<ChunkFindings>((resolve, reject) => this.answers.set(id, { resolve, reject }));
    target.held.add(id);
    const request: FindingsRequest = { type: 'chunk', id, modelId, served, drift };
    target.worker.postMessage(request);
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private held(): number {
    return this.workers.reduce((sum, { held }) => sum + held.size, 0);
  }

  private settle(pooled: PoolWorker, answer: FindingsAnswer): void {
    pooled.held.delete(answer.id);
    const waiting = this.answers.get(answer.id);
    this.answers.delete(answer.id);
    if ('error' in answer) waiting?.reject(rethrown(answer.error));
    else waiting?.resolve(answer.findings);
    this.waiters.shift()?.();
  }

  /** A worker died: every chunk not answered yet fails, and so does every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.answers.values()) reject(error);
    this.answers.clear();
    for (const pooled of this.workers) pooled.held.clear();
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** Logged rows from which workers pay off: below, findings take less time than starting them. */
export const ROWS_FOR_WORKERS = 200_000;

/**
 * The runner for a log of `rows` entries: `workers` threads when given (0: this thread), else this
 * thread for small logs and one worker per core (at most 4) for large ones.
 */
export function findingsRunner(rows: number, workers?: number): FindingsRunner {
  const size = workers ?? (rows < ROWS_FOR_WORKERS ? 0 : Math.min(4, availableParallelism()));
  return size > 0 ? new FindingsPool(size) : new InThreadFindings();
}
