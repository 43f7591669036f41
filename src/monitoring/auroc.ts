// The area under the ROC curve of scores against 0/1 labels, as a fraction of pairs: for every
// (positive, negative) pair, 1 if the positive scores higher, 1/2 on a tie (the Mann-Whitney form of
// sklearn.metrics.roc_auc_score for binary labels, whose trapezoids sum the same area).

/** AUROC of scores against labels (1 positive, anything else negative); NaN if a class is missing. */
export function auroc(labels: Float64Array, scores: Float64Array): number {
  const order = Int32Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let negativesBelow = 0;
  let doubledWins = 0; // 2 · wins + ties: an integer, exact below 2^53
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let tiedPositives = 0;
    let tiedNegatives = 0;
    for (; end < order.length && scores[order[end]!] === scores[order[start]!]; end++) {
      if (labels[order[end]!] === 1) tiedPositives++;
      else tiedNegatives++;
    }
    doubledWins += tiedPositives * (2 * negativesBelow + tiedNegatives);
    negativesBelow += tiedNegatives;
    positives += tiedPositives;
    start = end;
  }
  return doubledWins / (2 * positives * negativesBelow);
}
