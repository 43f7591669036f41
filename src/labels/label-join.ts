/**
 * The join of delayed labels to logged predictions: a label for id X observed at T is the truth for
 * every prediction of X made in [T − horizon, T] ("did X leave within the horizon after it was
 * scored"); where several labels cover one prediction, the latest observed_at wins. A prediction
 * without an id can never be labelled. Ids are matched by their 64-bit hashes (label-table.ts).
 */
import { type IdHashes, NO_ID } from '../prediction-log/id-hash.ts';
import { observedAtOf, packLabel } from './label.ts';
import { ABSENT, type LabelTable } from './label-table.ts';

/** No label covers the prediction. */
export const UNLABELLED = -1;

/**
 * What the latest label of `packed[start, end)` (ascending) observed in [time, time + horizonMs]
 * says: 0 or 1, or UNLABELLED when none is.
 */
function coveringLabel(packed: Float64Array, start: number, end: number, time: number, horizonMs: number): number {
  // the last label observed at or before time + horizon (packed numbers sort by time)
  const limit = packLabel(time + horizonMs, 1);
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (packed[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  if (low === start) return UNLABELLED;
  const latest = packed[low - 1]!;
  const observedAt = observedAtOf(latest);
  // the parity without `%`, which is slow on numbers beyond 32 bits
  return observedAt >= time ? latest - 2 * observedAt : UNLABELLED;
}

/**
 * For each prediction (its time in ms and its id's hash), the label that is its truth: 0 or 1, or
 * UNLABELLED. `seen` (one mark per slot of the table) is set to 1 at the slot of each labelled id met
 * among the predictions.
 */
export function joinLabels(
  time: Float64Array,
  idHash: IdHashes,
  labels: LabelTable,
  horizonMs: number,
  seen?: Uint8Array,
): Int8Array {
  const truth = new Int8Array(time.length).fill(UNLABELLED);
  const { high, low } = idHash;
  const { packed } = labels;
  for (let i = 0; i < time.length; i++) {
    if (high[i] === NO_ID) continue;
    const at = labels.find(high[i]!, low[i]!);
    if (at === ABSENT) continue;
    if (seen) seen[labels.slotIndex(at)] = 1;
    truth[i] = coveringLabel(packed, labels.start(at), labels.end(at), time[i]!, horizonMs);
  }
  return truth;
}
