// Isotonic regression by pool-adjacent-violators, as scikit-learn 1.2's
// IsotonicRegression(increasing=True, out_of_bounds='clip') fits and predicts (sklearn/isotonic.py
// `IsotonicRegression._build_y`, `_build_f`, `_transform`, `isotonic_regression`; sklearn/_isotonic.pyx
// `_make_unique`, `_inplace_contiguous_isotonic_regression`; predictions by scipy's interp1d, which
// hands linear interpolation to numpy's `np.interp`). NannyML's IsotonicCalibrator
// (nannyml/calibration.py) wraps exactly this model; the same operations in the same order give the
// same doubles.
import { radixSortFloat64 } from '../drift/radix-sort.ts';
import { positions, positionsWhere, take } from './typed-arrays.ts';

/** A fitted increasing step-and-ramp function: scikit-learn's X_thresholds_, y_thresholds_, X_min_, X_max_. */
export interface IsotonicFit {
  xThresholds: Float64Array;
  yThresholds: Float64Array;
  xMin: number;
  xMax: number;
}

/** np.finfo(np.float64).resolution: `_make_unique` merges x values closer than this to a group's first. */
const RESOLUTION = 1e-15;

/**
 * scikit-learn's `_inplace_contiguous_isotonic_regression(y, w)`: pools each run of non-increasing
 * values into its weighted mean, backtracking when the pooled block undercuts the one before.
 */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  // blocks [i..j]: target[i] = j and target[j] = i
  const target = positions(n);
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      const previous = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || previous < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  for (i = 0; i < n; i = target[i]! + 1) y.fill(y[i]!, i + 1, target[i]! + 1);
}

/** The distinct x values (as `_make_unique` groups them), each group's mean y and total weight. */
interface Groups {
  uniqueX: Float64Array;
  meanY: Float64Array;
  totalW: Float64Array;
}

/** Collects at most `capacity` groups into typed arrays (a plain array of doubles grew 10 times slower). */
class GroupsBuilder {
  private readonly groups: Groups;
  private count = 0;

  constructor(capacity: number) {
    this.groups = {
      uniqueX: new Float64Array(capacity),
      meanY: new Float64Array(capacity),
      totalW: new Float64Array(capacity),
    };
  }

  add(x: number, meanY: number, totalW: number): void {
    this.groups.uniqueX[this.count] = x;
    this.groups.meanY[this.count] = meanY;
    this.groups.totalW[this.count] = totalW;
    this.count++;
  }

  /** The groups added, in views of the builder's arrays. */
  build(): Groups {
    const { uniqueX, meanY, totalW } = this.groups;
    return {
      uniqueX: uniqueX.subarray(0, this.count),
      meanY: meanY.subarray(0, this.count),
      totalW: totalW.subarray(0, this.count),
    };
  }
}

/**
 * `_make_unique` over the rows of positive weight in np.lexsort((y, x)) order (by x, then y, then
 * position): a group starts at a value at least RESOLUTION above the previous group's first value.
 */
function groupWeighted(x: Float64Array, y: Float64Array, weights: Float64Array | undefined): Groups {
  const weight = (i: number) => (weights === undefined ? 1 : weights[i]!);
  const order = positionsWhere(x.length, (i) => weight(i) > 0).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]! || a - b);
  if (order.length === 0) throw new RangeError('no row has a positive weight');
  const groups = new GroupsBuilder(order.length);
  let currentX = x[order[0]!]!;
  let sumY = 0;
  let sumW = 0;
  for (const i of order) {
    if (x[i]! - currentX >= RESOLUTION) {
      groups.add(currentX, sumY / sumW, sumW);
      currentX = x[i]!;
      sumW = weight(i);
      sumY = y[i]! * weight(i);
    } else {
      sumW += weight(i);
      sumY += y[i]! * weight(i);
    }
  }
  groups.add(currentX, sumY / sumW, sumW);
  return groups.build();
}

/**
 * The same groups for 0/1 labels and unit weights (a calibration's case), from two sorts (radix-sort.ts): the
 * x values, and the x values of the rows labelled 1. A group's sums are then counts, exact in any order,
 * so its mean (positives / rows) is the double the weighted sums give. (One difference: a group
 * holding both -0 and 0 is named -0 here; probabilities are never -0.)
 */
function groupBinary(x: Float64Array, y: Float64Array): Groups {
  if (x.length === 0) throw new RangeError('no row has a positive weight');
  const all = x.slice();
  radixSortFloat64(all);
  const positives = take(
    x,
    positionsWhere(x.length, (i) => y[i] === 1),
  );
  radixSortFloat64(positives);
  const groups = new GroupsBuilder(all.length);
  let p = 0;
  for (let start = 0; start < all.length; ) {
    const currentX = all[start]!;
    let end = start + 1;
    while (end < all.length && all[end]! - currentX < RESOLUTION) end++;
    const last = all[end - 1]!;
    let hits = 0;
    while (p < positives.length && positives[p]! <= last) {
      p++;
      hits++;
    }
    groups.add(currentX, hits / (end - start), end - start);
    start = end;
  }
  return groups.build();
}

/**
 * Fits y against x (scikit-learn's `fit(x, y, sample_weight)`, increasing): drops rows of zero weight,
 * sorts by x then y, pools x values within 1e-15 of each other into their weighted mean y
 * (`_make_unique`), runs pool-adjacent-violators, then keeps only the thresholds where the fitted
 * value changes (the ends of each flat run). y must lie in [0, 1]: the fit is then in [0, 1] too, so
 * scikit-learn's y_min=0, y_max=1 clip (which NannyML does not ask for) changes nothing.
 */
export function fitIsotonic(x: Float64Array, y: Float64Array, weights?: Float64Array): IsotonicFit {
  if (y.length !== x.length || (weights !== undefined && weights.length !== x.length)) {
    throw new RangeError('x, y and weights must have the same length');
  }
  if (!x.every(Number.isFinite)) throw new RangeError('x must be finite');
  if (!y.every((v) => v >= 0 && v <= 1)) throw new RangeError('y must lie in [0, 1]');
  if (weights !== undefined && !weights.every((v) => v >= 0 && v < Infinity)) {
    throw new RangeError('weights must be finite and non-negative');
  }
  const { uniqueX, meanY, totalW } =
    weights === undefined && y.every((v) => v === 0 || v === 1) ? groupBinary(x, y) : groupWeighted(x, y, weights);
  const fitted = meanY.slice();
  poolAdjacentViolators(fitted, totalW);
  const last = fitted.length - 1;
  const kept = positionsWhere(
    fitted.length,
    (k) => k === 0 || k === last || fitted[k] !== fitted[k - 1] || fitted[k] !== fitted[k + 1],
  );
  return {
    xThresholds: take(uniqueX, kept),
    yThresholds: take(fitted, kept),
    xMin: uniqueX[0]!,
    xMax: uniqueX[last]!,
  };
}

/**
 * The fitted function at each x (scikit-learn's `predict`, out_of_bounds='clip'): x clipped to
 * [xMin, xMax], then `np.interp` over the thresholds — slope · (x − x_j) + y_j between x_j ≤ x < x_{j+1},
 * y_j where x equals a threshold; a single threshold predicts its value everywhere. NaN gives NaN
 * (but a single threshold's value), as in scikit-learn.
 */
export function predictIsotonic(fit: IsotonicFit, x: Float64Array): Float64Array {
  const { xThresholds: xs, yThresholds: ys, xMin, xMax } = fit;
  const last = xs.length - 1;
  const cells = lookupCells(fit);
  const width = (xMax - xMin) / LOOKUP_CELLS;
  const predicted = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const t = Math.min(Math.max(x[i]!, xMin), xMax);
    // the last j with xs[j] <= t, searched from the start of t's cell (0 for NaN)
    const cell = Math.floor((t - xMin) / width);
    let j = cell >= 0 && cell < LOOKUP_CELLS ? cells[cell]! : cell >= LOOKUP_CELLS ? last : 0;
    while (j > 0 && xs[j]! > t) j--;
    while (j < last && xs[j + 1]! <= t) j++;
    if (j === last || xs[j] === t) predicted[i] = ys[j]!;
    else predicted[i] = ((ys[j + 1]! - ys[j]!) / (xs[j + 1]! - xs[j]!)) * (t - xs[j]!) + ys[j]!;
  }
  return predicted;
}

/** Cells of [xMin, xMax] whose first threshold predictIsotonic looks up instead of a binary search per value. */
const LOOKUP_CELLS = 4096;

/** For each cell of [xMin, xMax], the last threshold at or below its lower edge. */
function lookupCells({ xThresholds: xs, xMin, xMax }: IsotonicFit): Int32Array {
  const cells = new Int32Array(LOOKUP_CELLS);
  const width = (xMax - xMin) / LOOKUP_CELLS;
  for (let c = 0, j = 0; c < LOOKUP_CELLS; c++) {
    const edge = xMin + c * width;
    while (j < xs.length - 1 && xs[j + 1]! <= edge) j++;
    cells[c] = j;
  }
  return cells;
}
