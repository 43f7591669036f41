/**
 * Where versions are fitted and chunks judged: in this thread, or on a pool of worker threads
 * (workers/findings-worker.ts), so that fitting and judging run on every core while this thread reads
 * the log. Both fit a version's estimator from its reference (a promise: a worker fits it while this
 * thread reads on), then take chunks; a chunk's findings come back as a promise. `ready()` resolves when
 * another chunk may be handed over: at most two chunks wait per worker, so memory holds a few chunks,
 * not the log.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DriftSection } from '../../drift/options.ts';
import { AppError, ConfigError } from '../../errors.ts';
import type { Calibrator } from '../../monitoring/calibration.ts';
import { type ChunkFindings, chunkFindings, type ServedRows } from '../../monitoring/chunk-findings.ts';
import { fitEstimator, type LabelledReference, type VersionEstimator } from '../../monitoring/estimator.ts';
import type { FindingsAnswer, FindingsRequest, ThrownError } from '../../workers/findings-protocol.ts';
import { workerScript } from '../../workers/worker-file.ts';

/** Fits versions and computes chunk findings against them. */
export interface FindingsRunner {
  /** Fits `modelId`'s estimator (with `calibrator` when one was kept); its chunks may be handed over before it resolves. */
  fit(modelId: string, reference: LabelledReference, calibrator?: Calibrator): Promise<VersionEstimator>;
  /** Resolves when a chunk may be handed over. */
  ready(): Promise<void>;
  findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings>;
  close(): Promise<void>;
}

/** Versions fitted and chunks judged in this thread, one at a time. */
export class InThreadFindings implements FindingsRunner {
  /** Each version's estimator, or why it could not be fitted. */
  private readonly estimators = new Map<string, VersionEstimator | Error>();

  async fit(modelId: string, reference: LabelledReference, calibrator?: Calibrator): Promise<VersionEstimator> {
    try {
      const estimator = fitEstimator(reference, calibrator);
      this.estimators.set(modelId, estimator);
      return estimator;
    } catch (error) {
      this.estimators.set(modelId, error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  async ready(): Promise<void> {}

  async findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings> {
    const estimator = this.estimators.get(modelId);
    if (estimator === undefined) throw new Error(`model ${modelId} was not fitted`);
    if (estimator instanceof Error) throw estimator;
    return chunkFindings(estimator, served, drift);
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

interface Settlers<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/** Fits and findings on `size` worker threads; each fit and chunk goes to the worker holding the fewest chunks. */
export class FindingsPool implements FindingsRunner {
  private readonly workers: PoolWorker[];
  private readonly chunks = new Map<number, Settlers<ChunkFindings>>();
  private readonly fits = new Map<string, Settlers<VersionEstimator> & { by: PoolWorker }>();
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
        if (pooled.held.size > 0 || [...this.fits.values()].some(({ by }) => by === pooled))
          this.fail(new Error(`a findings worker stopped (exit code ${code})`));
      });
      return pooled;
    });
  }

  fit(modelId: string, reference: LabelledReference, calibrator?: Calibrator): Promise<VersionEstimator> {
    if (this.failure) return Promise.reject(this.failure);
    const by = this.leastBusy();
    const fitted = new Promise<VersionEstimator>((resolve, reject) => this.fits.set(modelId, { resolve, reject, by }));
    by.worker.postMessage({ type: 'fit', modelId, reference, calibrator } satisfies FindingsRequest);
    return fitted;
  }

  ready(): Promise<void> {
    if (this.failure || this.held() < CHUNKS_PER_WORKER * this.workers.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  findings(modelId: string, served: ServedRows, drift: DriftSection): Promise<ChunkFindings> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const target = this.leastBusy();
    const answer = new Promise<ChunkFindings>((resolve, reject) => this.chunks.set(id, { resolve, reject }));
    target.held.add(id);
    target.worker.postMessage({ type: 'chunk', id, modelId, served, drift } satisfies FindingsRequest);
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private leastBusy(): PoolWorker {
    return this.workers.reduce((a, b) => (b.held.size < a.held.size ? b : a));
  }

  private held(): number {
    return this.workers.reduce((sum, { held }) => sum + held.size, 0);
  }

  private settle(from: PoolWorker, answer: FindingsAnswer): void {
    if (answer.type === 'chunk') {
      from.held.delete(answer.id);
      const settlers = this.chunks.get(answer.id);
      this.chunks.delete(answer.id);
      if ('error' in answer) settlers?.reject(rethrown(answer.error));
      else settlers?.resolve(answer.findings);
      this.waiters.shift()?.();
      return;
    }
    const settlers = this.fits.get(answer.modelId);
    this.fits.delete(answer.modelId);
    if (answer.type === 'fit-failed') {
      // its chunks wait in the workers for an estimator that will not come: the pass fails
      const error = rethrown(answer.error);
      settlers?.reject(error);
      this.fail(error);
      return;
    }
    const request: FindingsRequest = { type: 'estimator', modelId: answer.modelId, estimator: answer.estimator };
    for (const pooled of this.workers) if (pooled !== from) pooled.worker.postMessage(request);
    settlers?.resolve(answer.estimator);
  }

  /** A worker died or a fit failed: every fit and chunk not answered yet fails, and so does every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of [...this.chunks.values(), ...this.fits.values()]) reject(error);
    this.chunks.clear();
    this.fits.clear();
    for (const pooled of this.workers) pooled.held.clear();
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** Logged rows from which workers pay off: below, fitting and judging take less time than starting them. */
export const ROWS_FOR_WORKERS = 200_000;

/**
 * The runner for a log of `rows` entries: `workers` threads when given (0: this thread), else this
 * thread for small logs and one worker per core (at most 4) for large ones.
 */
export function findingsRunner(rows: number, workers?: number): FindingsRunner {
  const size = workers ?? (rows < ROWS_FOR_WORKERS ? 0 : Math.max(1, Math.min(4, availableParallelism() - 1)));
  return size > 0 ? new FindingsPool(size) : new InThreadFindings();
}
