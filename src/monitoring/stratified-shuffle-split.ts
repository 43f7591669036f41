// scikit-learn's StratifiedShuffleSplit for 0/1 labels (sklearn/model_selection/_split.py
// `StratifiedShuffleSplit._iter_indices`, `_validate_shuffle_split`; sklearn/utils/__init__.py
// `_approximate_mode`), drawing from numpy's RandomState as scikit-learn does, so that
// StratifiedShuffleSplit(n_splits, test_size, random_state=seed) gives the same folds here.
import { NumpyRandomState } from './numpy-random.ts';
import { positionsWhere } from './typed-arrays.ts';

/** One split: positions of the training and the test rows, in scikit-learn's (shuffled) order. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * scikit-learn's `_approximate_mode(class_counts, n_draws, rng)`: per class, floor(count / total * draws),
 * then the draws left over go to the largest remainders, ties among remainders broken by `rng.choice`.
 */
function approximateMode(classCounts: number[], draws: number, rng: NumpyRandomState): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const continuous = classCounts.map((count) => (count / total) * draws);
  const floored = continuous.map(Math.floor);
  let needToAdd = draws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const indices = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(indices.length, needToAdd);
      // rng.choice(indices, addNow, replace=False) is indices[permutation(len)[:addNow]]
      for (const k of rng.permutation(indices.length).subarray(0, addNow)) floored[indices[k]!]! += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/**
 * The `splitCount` splits of StratifiedShuffleSplit(n_splits=splitCount, test_size=testSize,
 * random_state=seed).split(X, labels) for 0/1 labels. Throws where scikit-learn raises: a class with
 * fewer than 2 members, or fewer training or test rows than classes.
 */
export function stratifiedShuffleSplit(
  labels: Float64Array,
  splitCount: number,
  testSize: number,
  seed: number,
): Split[] {
  const n = labels.length;
  const testCount = Math.ceil(testSize * n);
  const trainCount = n - testCount;
  // np.unique(y, return_inverse=True), then a stable argsort: each class's positions, ascending
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const classIndices = classes.map((c) => positionsWhere(n, (i) => labels[i] === c));
  const classCounts = classIndices.map((indices) => indices.length);
  if (Math.min(...classCounts) < 2) throw new RangeError('the least populated class has fewer than 2 members');
  if (trainCount < classes.length || testCount < classes.length) {
    throw new RangeError(`${trainCount} training and ${testCount} test rows cannot hold ${classes.length} classes`);
  }
  const rng = new NumpyRandomState(seed);
  const splits: Split[] = [];
  for (let s = 0; s < splitCount; s++) {
    const trainPerClass = approximateMode(classCounts, trainCount, rng);
    const testPerClass = approximateMode(
      classCounts.map((count, i) => count - trainPerClass[i]!),
      testCount,
      rng,
    );
    const train = new Int32Array(trainCount);
    const test = new Int32Array(testCount);
    let trainEnd = 0;
    let testEnd = 0;
    classIndices.forEach((indices, i) => {
      const shuffled = rng.permutation(indices.length).map((k) => indices[k]!);
      train.set(shuffled.subarray(0, trainPerClass[i]), trainEnd);
      test.set(shuffled.subarray(trainPerClass[i], trainPerClass[i]! + testPerClass[i]!), testEnd);
      trainEnd += trainPerClass[i]!;
      testEnd += testPerClass[i]!;
    });
    splits.push({ train: rng.shuffle(train), test: rng.shuffle(test) });
  }
  return splits;
}
