/**
 * What one chunk of served predictions shows against its version's reference: the CBPE estimate, data
 * drift of the served features (the cycle's drift code and per-column config, features only: served
 * rows have no label yet), and prediction drift (the share predicted 1, the predicted classes' and the
 * probabilities' distributions). Thresholds and the alert come later, once the chunks' sizes are known.
 */
import { FEATURES, type Dataset, type Feature, TARGET } from '../data/schema.ts';
import { columnVerdict } from '../drift/column-drift.ts';
import { ColumnSample } from '../drift/column-sample.ts';
import { computeDriftVerdicts } from '../drift/drift.ts';
import type { DriftSection } from '../drift/options.ts';
import type { ColumnVerdict } from '../drift/types.ts';
import { type ChunkEstimate, estimateChunk, type VersionEstimator } from './estimator.ts';
import { sum } from './typed-arrays.ts';

/** A chunk's served rows: the features, the probability of class 1 and the predicted class. */
export interface ServedRows {
  rows: number;
  features: Record<Feature, Float64Array>;
  probability: Float64Array;
  prediction: Float64Array;
}

/** A stat test's verdict, as monitoring reports it. */
export interface TestVerdict {
  test: string;
  score: number;
  threshold: number;
  drifted: boolean;
}

/** What a chunk shows besides its thresholds. */
export interface ChunkFindings {
  rows: number;
  estimate: ChunkEstimate;
  drift: { share_drifted: number; drift_share: number; dataset_drift: boolean; columns: Record<string, TestVerdict> };
  prediction: {
    share_positive: number;
    reference_share_positive: number;
    /** Drift of the predicted classes (categorical) and of the probabilities (numeric). */
    classes: TestVerdict;
    probability: TestVerdict;
  };
}

const verdict = ({ test, score, threshold, drifted }: ColumnVerdict): TestVerdict => ({
  test,
  score,
  threshold,
  drifted,
});

const mean = (values: Float64Array) => sum(values) / values.length;

/** The served rows as a data set of the features (no target: served rows are unlabelled). */
function servedDataset(served: ServedRows): Dataset {
  return { rows: served.rows, columns: { ...served.features, [TARGET]: new Float64Array(0) } };
}

/** The findings of one chunk with at least one row, against `estimator`'s reference. */
export function chunkFindings(estimator: VersionEstimator, served: ServedRows, drift: DriftSection): ChunkFindings {
  const { sorted } = estimator;
  const report = computeDriftVerdicts(sorted.dataset, servedDataset(served), {
    ...drift,
    target: false,
    predictions: { reference: estimator.referencePredictions, current: served.prediction },
  });
  const probability = columnVerdict(new ColumnSample('probability', 'numeric', sorted.probability, served.probability));
  return {
    rows: served.rows,
    estimate: estimateChunk(estimator, served.probability, served.prediction),
    drift: {
      share_drifted: report.share_drifted,
      drift_share: report.drift_share,
      dataset_drift: report.dataset_drift,
      columns: Object.fromEntries(FEATURES.map((name) => [name, verdict(report.columns[name]!)])),
    },
    prediction: {
      share_positive: mean(served.prediction),
      reference_share_positive: mean(estimator.referencePredictions),
      classes: verdict(report.prediction!),
      probability: verdict(probability),
    },
  };
}
