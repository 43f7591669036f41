/**
 * The messages between production monitoring and its findings workers (findings-worker.ts): a version's
 * fitted estimator, sent to every worker once; a chunk to judge; the answer, findings or an error.
 */
import type { DriftSection } from '../drift/options.ts';
import type { ChunkFindings, ServedRows } from '../monitoring/chunk-findings.ts';
import type { VersionEstimator } from '../monitoring/estimator.ts';

/** From monitoring to a worker. */
export type FindingsRequest =
  | { type: 'estimator'; modelId: string; estimator: VersionEstimator }
  | { type: 'chunk'; id: number; modelId: string; served: ServedRows; drift: DriftSection };

/** An error as it crosses the thread boundary: its message, and its class and status when it is an AppError. */
export interface ThrownError {
  message: string;
  name?: string;
  status?: number;
}

/** From a worker to monitoring, for the chunk `id`. */
export type FindingsAnswer = { id: number; findings: ChunkFindings } | { id: number; error: ThrownError };
