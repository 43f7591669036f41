/**
 * Alert thresholds of a CBPE metric from its realized values on the reference's chunks, as NannyML's
 * default StandardDeviationThreshold (nannyml/thresholds.py), and the alert rule that applies them.
 */

/** Lower and upper threshold of one metric (NaN when the reference gave no value). */
export interface Thresholds {
  lower: number;
  upper: number;
}

/** NannyML's default std_lower_multiplier and std_upper_multiplier. */
export const STD_MULTIPLIER = 3;

/**
 * mean − 3·std and mean + 3·std of `values`, NaNs ignored (StandardDeviationThreshold.thresholds:
 * np.nanmean and np.nanstd, numpy's default ddof 0), then clipped to the metric's bounds [0, 1] the way
 * calculate_threshold_values does: a lower value ≤ 0 becomes 0, an upper value ≥ 1 becomes 1
 * (CBPE's F1, precision, recall and accuracy set lower/upper_threshold_value_limit to 0 and 1).
 * Both are NaN when no value is a number (np.nanmean of nothing is NaN).
 */
export function standardDeviationThresholds(values: Float64Array): Thresholds {
  let count = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
  }
  const mean = sum / count;
  let squares = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) squares += (v - mean) ** 2;
  }
  const std = Math.sqrt(squares / count);
  const lower = mean - STD_MULTIPLIER * std;
  const upper = mean + STD_MULTIPLIER * std;
  // NaN stays NaN, as NannyML's comparisons with the limits are false for NaN.
  return { lower: Math.max(lower, 0), upper: Math.min(upper, 1) };
}

/**
 * True when `value` is below the lower or above the upper threshold (metrics.py: Metric.alert). A NaN
 * value or threshold compares false, so it raises no alert, as in NannyML.
 */
export function alert(value: number, thresholds: Thresholds): boolean {
  return value < thresholds.lower || value > thresholds.upper;
}
