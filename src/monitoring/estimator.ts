/**
 * CBPE fitted on one model version's labelled reference, then applied to chunks of served predictions:
 * the calibrator, the sampling-error components and the reference's predicted classes are computed
 * once per version (NannyML's CBPE.fit), every chunk's estimate and band from them (CBPE.estimate).
 * Source: nannyml/performance_estimation/confidence_based/cbpe.py and metrics.py (commit 4c86ee3).
 */
import { type Dataset, FEATURES, type NumericColumn, TARGET } from '../data/schema.ts';
import { sortValues } from '../drift/sort-values.ts';
import { type Calibrator, calibrate, calibrator } from './calibration.ts';
import { type CbpeMetric, type CbpeMetrics, estimateMetrics, expectedConfusion } from './cbpe.ts';
import {
  type Band,
  type CbpeSamplingErrorComponents,
  confidenceBand,
  samplingErrorComponents,
  standardError,
} from './sampling-error.ts';
import { referenceThresholds } from './thresholds-reference.ts';
import type { Thresholds } from './thresholds.ts';

/** What the estimator needs of a version's reference: labelled rows and their out-of-fold probabilities. */
export interface LabelledReference extends Dataset {
  /** Out-of-fold probability of class 1 of each row. */
  probability: Float64Array;
}

/** The fewest chunks the reference is cut into for the thresholds. */
const MIN_REFERENCE_CHUNKS = 10;

/** CBPE fitted on a version's reference. */
export interface VersionEstimator {
  reference: LabelledReference;
  /**
   * The reference for the drift tests, every column sorted on its own (the tests ignore the order, and
   * a sorted sample is not sorted again for every chunk), and its probabilities sorted.
   */
  sorted: { dataset: Dataset; probability: Float64Array };
  /** The class the model predicts from each reference probability (class 1 above 0.5). */
  referencePredictions: Float64Array;
  calibrator: Calibrator;
  components: CbpeSamplingErrorComponents;
}

/** One chunk's estimate: the four metrics, their standard errors and the F1 band. */
export interface ChunkEstimate {
  metrics: CbpeMetrics;
  standardErrors: CbpeMetrics;
  f1Band: Band;
}

/**
 * Fits CBPE on `reference` (CBPE._fit_binary): a calibrator that NannyML's needs_calibration chooses
 * (isotonic or none), and the sampling-error components of the reference's labels and predicted classes.
 * `fitted`: the calibrator an earlier fit on this same reference chose (records/calibration-cache.ts).
 */
export function fitEstimator(reference: LabelledReference, fitted?: Calibrator): VersionEstimator {
  const labels = reference.columns[TARGET];
  const referencePredictions = new Float64Array(reference.rows);
  for (let i = 0; i < reference.rows; i++) referencePredictions[i] = reference.probability[i]! > 0.5 ? 1 : 0;
  const sorted = (values: Float64Array) => {
    const copy = values.slice();
    sortValues(copy);
    return copy;
  };
  const columns = { ...reference.columns };
  for (const name of FEATURES) columns[name] = sorted(reference.columns[name]);
  return {
    reference,
    sorted: {
      dataset: { rows: reference.rows, columns: columns as Record<NumericColumn, Float64Array> },
      probability: sorted(reference.probability),
    },
    referencePredictions,
    calibrator: fitted ?? calibrator(labels, reference.probability),
    components: samplingErrorComponents(labels, referencePredictions),
  };
}

/**
 * The estimate for a chunk with probabilities `probability` and predicted classes `prediction`: the
 * expected confusion matrix of the calibrated probabilities, the metrics derived from it, each metric's
 * standard error std / sqrt(n · fraction), and the F1 band ± 3 standard errors clipped to [0, 1].
 */
export function estimateChunk(estimator: VersionEstimator, probability: Float64Array, prediction: Float64Array) {
  const confusion = expectedConfusion(calibrate(estimator.calibrator, probability), prediction);
  const metrics = estimateMetrics(confusion);
  const metricNames = Object.keys(metrics) as CbpeMetric[];
  const standardErrors = Object.fromEntries(
    metricNames.map((m) => [m, standardError(estimator.components[m], confusion.rows)]),
  ) as CbpeMetrics;
  return { metrics, standardErrors, f1Band: confidenceBand(metrics.f1, standardErrors.f1) } satisfies ChunkEstimate;
}

/**
 * Thresholds for chunks of `chunkRows` rows: the reference cut into chunks of that size, as NannyML cuts
 * the reference with the analysis' chunker, but never into fewer than 10 chunks (smaller reference chunks
 * vary more, so the thresholds widen rather than rest on two or three values).
 */
export function thresholdsFor(estimator: VersionEstimator, chunkRows: number): Record<CbpeMetric, Thresholds> {
  const rows = estimator.reference.rows;
  const size = Math.max(1, Math.min(Math.round(chunkRows), Math.floor(rows / MIN_REFERENCE_CHUNKS)));
  return referenceThresholds(estimator.reference.columns[TARGET], estimator.referencePredictions, size);
}
