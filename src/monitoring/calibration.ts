// NannyML's calibration of a binary classifier's reference probabilities (nannyml/calibration.py:
// `_get_bin_index_edges`, `_calculate_expected_calibration_error`, `needs_calibration`,
// `IsotonicCalibrator`, `NoopCalibrator`; CBPE._fit_binary in
// nannyml/performance_estimation/confidence_based/cbpe.py calls them), reproduced step for step
// with numpy's sort and sums and scikit-learn's folds, so the decision is NannyML's.
import { auroc } from './auroc.ts';
import { fitIsotonic, type IsotonicFit, predictIsotonic } from './isotonic.ts';
import { numpyArgsort } from './numpy-argsort.ts';
import { numpyMean, numpySum } from './numpy-sum.ts';
import { stratifiedShuffleSplit } from './stratified-shuffle-split.ts';
import { take } from './typed-arrays.ts';

/** NannyML's defaults: `needs_calibration(..., bin_count=10, split_count=10)`. */
const BIN_COUNT = 10;
const SPLIT_COUNT = 10;
/** NannyML's StratifiedShuffleSplit(n_splits=split_count, test_size=0.1, random_state=42). */
const TEST_SIZE = 0.1;
const SEED = 42;
/** NannyML skips calibration when the reference AUROC is above this. */
const NEAR_PERFECT_AUROC = 0.999;

/**
 * NannyML's `_get_bin_index_edges(length, binCount)`: [start, end) positions of equal-count bins over a
 * sorted vector. binCount drops to floor(length / 2) when length <= 2·binCount (an error below 2 bins);
 * the bins are floor(length / binCount) wide, starting at every multiple of that width below length,
 * the last one stretched to length — so there can be more than binCount of them (length 25: 12 bins).
 */
export function binIndexEdges(length: number, binCount: number = BIN_COUNT): Array<[number, number]> {
  let bins = binCount;
  if (length <= 2 * bins) {
    bins = Math.floor(length / 2);
    if (bins < 2) throw new RangeError(`cannot split ${length} values into at least 2 bins`);
  }
  const width = Math.floor(length / bins);
  const starts: number[] = [];
  for (let start = 0; start <= length; start += width) starts.push(start);
  starts[starts.length - 1] = length;
  return starts.slice(0, -1).map((start, k) => [start, starts[k + 1]!]);
}

/**
 * NannyML's expected calibration error (`_calculate_expected_calibration_error` over
 * `_get_bin_index_edges(len(yProba), binCount)`): sort by probability (numpy's unstable argsort, whose
 * order among ties decides which labels a bin edge cuts off), then sum over bins of
 * bin size / n · |mean probability − mean label|, means and total by numpy's pairwise summation.
 */
export function expectedCalibrationError(
  yTrue: Float64Array,
  yProba: Float64Array,
  binCount: number = BIN_COUNT,
): number {
  const order = numpyArgsort(yProba);
  const proba = take(yProba, order);
  const labels = take(yTrue, order);
  const terms = binIndexEdges(yProba.length, binCount).map(
    ([start, end]) =>
      ((end - start) / yProba.length) * Math.abs(numpyMean(proba, start, end) - numpyMean(labels, start, end)),
  );
  return numpySum(terms);
}

function checkInputs(yTrue: Float64Array, yProba: Float64Array): void {
  if (yTrue.length !== yProba.length) throw new RangeError('yTrue and yProba must have the same length');
  if (!yTrue.every((v) => v === 0 || v === 1)) throw new RangeError('yTrue must hold only 0 and 1');
  if (yProba.some(Number.isNaN)) throw new RangeError('yProba must not contain NaN');
}

/**
 * The two ECEs NannyML's `needs_calibration` compares: over scikit-learn's StratifiedShuffleSplit(10,
 * test_size=0.1, random_state=42) folds, fit isotonic regression on each training part and predict its
 * test part; concatenate the 10 test parts; the ECE of their raw and of their calibrated probabilities
 * (one pooled comparison, not one per fold).
 */
export function crossValidatedEce(yTrue: Float64Array, yProba: Float64Array): { before: number; after: number } {
  checkInputs(yTrue, yProba);
  const splits = stratifiedShuffleSplit(yTrue, SPLIT_COUNT, TEST_SIZE, SEED);
  const testCount = splits[0]!.test.length;
  const labels = new Float64Array(SPLIT_COUNT * testCount);
  const raw = new Float64Array(SPLIT_COUNT * testCount);
  const calibrated = new Float64Array(SPLIT_COUNT * testCount);
  splits.forEach(({ train, test }, k) => {
    const fit = fitIsotonic(take(yProba, train), take(yTrue, train));
    const testProba = take(yProba, test);
    labels.set(take(yTrue, test), k * testCount);
    raw.set(testProba, k * testCount);
    calibrated.set(predictIsotonic(fit, testProba), k * testCount);
  });
  return { before: expectedCalibrationError(labels, raw), after: expectedCalibrationError(labels, calibrated) };
}

/**
 * NannyML's `needs_calibration(y_true, y_pred_proba, IsotonicCalibrator())`: false for a single class or
 * an AUROC above 0.999, otherwise whether isotonic calibration lowers the cross-validated ECE
 * (`crossValidatedEce`: before > after).
 */
export function needsCalibration(yTrue: Float64Array, yProba: Float64Array): boolean {
  checkInputs(yTrue, yProba);
  if (new Set(yTrue).size === 1) return false;
  if (auroc(yTrue, yProba) > NEAR_PERFECT_AUROC) return false;
  const { before, after } = crossValidatedEce(yTrue, yProba);
  return before > after;
}

/**
 * Reference probabilities mapped for CBPE: whether NannyML would calibrate them, and the isotonic fit
 * when it would. Plain data, so a fitted estimator can be handed to a worker thread as it is.
 */
export type Calibrator = { calibrated: false } | { calibrated: true; fit: IsotonicFit };

/**
 * What CBPE._fit_binary does: if `needsCalibration`, isotonic regression fitted on all the reference
 * rows (NannyML's IsotonicCalibrator); otherwise the identity (NoopCalibrator).
 */
export function calibrator(yTrue: Float64Array, yProba: Float64Array): Calibrator {
  if (!needsCalibration(yTrue, yProba)) return { calibrated: false };
  return { calibrated: true, fit: fitIsotonic(yProba, yTrue) };
}

/** `yProba` mapped by `calibrator`, in a new array. */
export function calibrate(calibrator: Calibrator, yProba: Float64Array): Float64Array {
  return calibrator.calibrated ? predictIsotonic(calibrator.fit, yProba) : yProba.slice();
}
