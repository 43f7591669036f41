/**
 * The join of delayed labels to logged predictions: a label for id X observed at T is the truth for
 * every prediction of X made in [T − horizon, T] ("did X leave within the horizon after it was
 * scored"); where several labels cover one prediction, the latest observed_at wins. A prediction
 * without an id can never be labelled.
 */
import { exitedOf, observedAtOf, type PackedLabels, packLabel } from './label.ts';

/** No label covers the prediction. */
export const UNLABELLED = -1;

/** The latest of `labels` observed in [time, time + horizonMs], or undefined. */
function coveringLabel(labels: PackedLabels, time: number, horizonMs: number): number | undefined {
  if (typeof labels === 'number') {
    const observed = observedAtOf(labels);
    return observed >= time && observed <= time + horizonMs ? labels : undefined;
  }
  // the last label observed at or before time + horizon (packed numbers sort by time)
  const limit = packLabel(time + horizonMs, 1);
  let low = 0;
  let high = labels.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (labels[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  const latest = labels[low - 1];
  return latest !== undefined && observedAtOf(latest) >= time ? latest : undefined;
}

/**
 * For each prediction (its time in ms and its caller's id), the label that is its truth: 0 or 1, or
 * UNLABELLED. `seen` collects the ids of `labels` met among the predictions.
 */
export function joinLabels(
  time: Float64Array,
  ids: readonly (string | null)[],
  labels: ReadonlyMap<string, PackedLabels>,
  horizonMs: number,
  seen?: Set<string>,
): Int8Array {
  const truth = new Int8Array(time.length).fill(UNLABELLED);
  for (let i = 0; i < time.length; i++) {
    const id = ids[i];
    if (id === null || id === undefined) continue;
    const held = labels.get(id);
    if (held === undefined) continue;
    seen?.add(id);
    const covering = coveringLabel(held, time[i]!, horizonMs);
    if (covering !== undefined) truth[i] = exitedOf(covering);
  }
  return truth;
}
