// The area under the ROC curve of scores against 0/1 labels, as a fraction of pairs: for every
// (positive, negative) pair, 1 if the positive scores higher, 1/2 on a tie (the Mann-Whitney form of
// sklearn.metrics.roc_auc_score for binary labels, whose trapezoids sum the same area).
import { radixSortFloat64 } from '../drift/radix-sort.ts';
import { positionsWhere, take } from './typed-arrays.ts';

/**
 * AUROC of scores against labels (1 positive, anything else negative); NaN if a class is missing. The
 * scores of each class are sorted apart (radix-sort.ts) and walked together value by value.
 */
export function auroc(labels: Float64Array, scores: Float64Array): number {
  const positive = take(
    scores,
    positionsWhere(scores.length, (i) => labels[i] === 1),
  );
  const negative = take(
    scores,
    positionsWhere(scores.length, (i) => labels[i] !== 1),
  );
  radixSortFloat64(positive);
  radixSortFloat64(negative);
  let doubledWins = 0; // 2 · wins + ties: an integer, exact below 2^53
  let p = 0;
  let n = 0;
  while (p < positive.length) {
    const value = positive[p]!;
    let tiedPositives = 0;
    for (; p < positive.length && positive[p] === value; p++) tiedPositives++;
    while (n < negative.length && negative[n]! < value) n++;
    let tiedNegatives = 0;
    while (n + tiedNegatives < negative.length && negative[n + tiedNegatives] === value) tiedNegatives++;
    doubledWins += tiedPositives * (2 * n + tiedNegatives);
  }
  return doubledWins / (2 * positive.length * negative.length);
}
