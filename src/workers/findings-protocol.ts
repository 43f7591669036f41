/**
 * The messages between production monitoring and its findings workers (findings-worker.ts): a version's
 * reference to fit, with its calibrator when one was kept (one worker fits it and answers with the fitted estimator) or its fitted estimator
 * (for the other workers); a chunk to judge, answered with its findings or an error.
 */
import type { DriftSection } from '../drift/options.ts';
import type { Calibrator } from '../monitoring/calibration.ts';
import type { ChunkFindings, ServedRows } from '../monitoring/chunk-findings.ts';
import type { LabelledReference, VersionEstimator } from '../monitoring/estimator.ts';

/** From monitoring to a worker. */
export type FindingsRequest =
  | { type: 'fit'; modelId: string; reference: LabelledReference; calibrator?: Calibrator }
  | { type: 'estimator'; modelId: string; estimator: VersionEstimator }
  | { type: 'chunk'; id: number; modelId: string; served: ServedRows; drift: DriftSection };

/** An error as it crosses the thread boundary: its message, and its class and status when it is an AppError. */
export interface ThrownError {
  message: string;
  name?: string;
  status?: number;
}

/** From a worker to monitoring: a fitted version, or the answer for the chunk `id`. */
export type FindingsAnswer =
  | { type: 'fitted'; modelId: string; estimator: VersionEstimator }
  | { type: 'fit-failed'; modelId: string; error: ThrownError }
  | { type: 'chunk'; id: number; findings: ChunkFindings }
  | { type: 'chunk'; id: number; error: ThrownError };
