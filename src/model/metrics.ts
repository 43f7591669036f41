/**
 * Binary classification metrics with scikit-learn's conventions: F1 (the project's score), precision,
 * recall, accuracy, ROC AUC and the confusion matrix [[tn, fp], [fn, tp]]. A ratio whose denominator is
 * zero is 0 (scikit-learn's zero_division default, with its warning left out). ROC AUC is null when
 * y_true holds one class only (scikit-learn raises there; a monitoring score is better left blank).
 */
import { DataError } from '../errors.ts';

/** Counts of the 2×2 confusion matrix. */
export interface ConfusionCounts {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/** All scores of one model on one labelled data set. */
export interface BinaryScores {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  /** null when y_true holds one class only. */
  roc_auc: number | null;
  /** [[tn, fp], [fn, tp]], rows = true class, columns = predicted class (scikit-learn's layout). */
  confusion_matrix: [[number, number], [number, number]];
  rows: number;
}

/** Confusion counts of 0/1 labels against 0/1 predictions (DataError on other values or lengths). */
export function confusionCounts(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ConfusionCounts {
  checkLength('y_pred', yPred.length, yTrue.length);
  const counts = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const t = label('y_true', yTrue[i]!, i);
    const p = label('y_pred', yPred[i]!, i);
    if (t === 1) {
      if (p === 1) counts.tp++;
      else counts.fn++;
    } else if (p === 1) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

/** tp / (tp + fp), 0 when nothing is predicted positive. */
export function precision(c: ConfusionCounts): number {
  return ratio(c.tp, c.tp + c.fp);
}

/** tp / (tp + fn), 0 when there are no positives. */
export function recall(c: ConfusionCounts): number {
  return ratio(c.tp, c.tp + c.fn);
}

/**
 * The harmonic mean of precision and recall, 2pr / (p + r), computed in that order as scikit-learn's
 * reference did (bit for bit: 0.5714285714285715 where 2tp / (2tp + fp + fn) rounds to ...714); 0 when
 * precision and recall are both 0.
 */
export function f1(c: ConfusionCounts): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** (tp + tn) / rows, 0 for no rows. */
export function accuracy(c: ConfusionCounts): number {
  return ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
}

/**
 * Area under the ROC curve of scores `yScore` for 0/1 labels `yTrue`, as scikit-learn's roc_auc_score:
 * the trapezoidal area over distinct thresholds, which equals the Mann–Whitney statistic
 * P(score of a positive > score of a negative) with ties counted ½. null when one class is missing.
 * O(n log n): both classes' scores are sorted (typed-array sort) and merged.
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number | null {
  checkLength('y_proba', yScore.length, yTrue.length);
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) positives += label('y_true', yTrue[i]!, i);
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, a = 0, b = 0; i < yTrue.length; i++) {
    const score = yScore[i]!;
    if (Number.isNaN(score)) throw new DataError(`y_proba, row index ${i}: score is NaN`);
    if (yTrue[i] === 1) pos[a++] = score;
    else neg[b++] = score;
  }
  pos.sort();
  neg.sort();
  // Walk the distinct scores upwards: each positive beats the negatives below it and ties those equal.
  let wins = 0;
  let below = 0;
  for (let a = 0; a < positives; ) {
    const score = pos[a]!;
    let samePos = 0;
    while (a < positives && pos[a] === score) {
      a++;
      samePos++;
    }
    while (below < negatives && neg[below]! < score) below++;
    let sameNeg = 0;
    while (below + sameNeg < negatives && neg[below + sameNeg] === score) sameNeg++;
    wins += samePos * (below + sameNeg / 2);
  }
  return wins / (positives * negatives);
}

/** Every score of predictions `yPred` (0/1) and probabilities `yProba` against labels `yTrue` (0/1). */
export function scoreBinary(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  yProba: ArrayLike<number>,
): BinaryScores {
  if (yTrue.length === 0) throw new DataError('no rows to score');
  const c = confusionCounts(yTrue, yPred);
  return {
    f1: f1(c),
    precision: precision(c),
    recall: recall(c),
    accuracy: accuracy(c),
    roc_auc: rocAuc(yTrue, yProba),
    confusion_matrix: [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ],
    rows: yTrue.length,
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function label(name: string, value: number, row: number): 0 | 1 {
  if (value === 0 || value === 1) return value;
  throw new DataError(`${name}, row index ${row}: label ${value} is not 0 or 1`);
}

function checkLength(name: string, length: number, expected: number): void {
  if (length !== expected) throw new DataError(`length mismatch: ${name} has ${length} values, y_true has ${expected}`);
}
