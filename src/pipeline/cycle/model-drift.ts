/**
 * The model-drift decision: is the live model's F1 on the new data below what its record says it
 * should be? Three tests, as the seed's course material defines them: `raw` (below the recorded
 * score; the seed compared the other way round), `parametric` (below mean − 2·sd of the recorded
 * scores) and `non_parametric` (below Q1 − 1.5·IQR of the recorded scores).
 */

/** The test names, as config.json's model_drift.test. */
export type ModelDriftTest = 'raw' | 'parametric' | 'non_parametric';

/** The decision and the numbers behind it. */
export interface ModelDriftDecision {
  test: ModelDriftTest;
  f1_new: number;
  f1_recorded: number;
  /** The score below which the model counts as drifted. */
  threshold: number;
  drifted: boolean;
  /** How many recorded scores the threshold came from. */
  history: number;
  note?: string;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (ddof 1). */
function sampleStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/** Quantile by linear interpolation (numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/**
 * Decides model drift. `recorded` is the live model's recorded test score; `history` the scores
 * recorded by earlier cycles (oldest first). The statistical tests need at least 3 scores in all;
 * with fewer they fall back to `raw` and say so.
 */
export function decideModelDrift(
  test: ModelDriftTest,
  f1New: number,
  recorded: number,
  history: readonly number[],
): ModelDriftDecision {
  const scores = [...history, recorded];
  const raw = (note?: string): ModelDriftDecision => ({
    test,
    f1_new: f1New,
    f1_recorded: recorded,
    threshold: recorded,
    drifted: f1New < recorded,
    history: scores.length,
    ...(note ? { note } : {}),
  });
  if (test === 'raw') return raw();
  if (scores.length < 3)
    return raw(`only ${scores.length} recorded score(s): compared with the recorded score instead`);
  const threshold =
    test === 'parametric'
      ? mean(scores) - 2 * sampleStd(scores)
      : (() => {
          const sorted = [...scores].sort((a, b) => a - b);
          const q1 = quantile(sorted, 0.25);
          return q1 - 1.5 * (quantile(sorted, 0.75) - q1);
        })();
  return { test, f1_new: f1New, f1_recorded: recorded, threshold, drifted: f1New < threshold, history: scores.length };
}
