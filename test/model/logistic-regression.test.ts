/**
 * The fit on awkward data (separable classes, a constant column, columns of very different scale, one
 * row per class) checked for optimality and against a slow coordinate-descent reference; the errors the
 * fit and the predictions raise; predictions at the edges of the sigmoid.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, DataError } from '../../src/errors.ts';
import { FEATURES, TARGET, type Dataset } from '../../src/data/schema.ts';
import { fitDataset, fitLogisticRegression, type LogisticModel } from '../../src/model/logistic-regression.ts';
import { predict, predictClasses, predictDataset } from '../../src/model/predict.ts';
import { coordinateDescent, gradient, objective, type Problem } from './slow-reference.ts';

function fitRows(rows: number[][], labels: number[], C = 1): LogisticModel {
  const p = rows[0]?.length ?? 0;
  return fitLogisticRegression(
    {
      names: Array.from({ length: p }, (_, j) => `x${j}`),
      columns: Array.from({ length: p }, (_, j) => Float64Array.from(rows, (row) => row[j]!)),
      target: Float64Array.from(labels),
    },
    { C },
  );
}

/** Asserts the fit is the optimum: zero gradient, no better nearby point, and the slow reference agrees. */
function assertOptimal(problem: Problem, model: LogisticModel): void {
  const theta = [...model.coefficients, model.intercept];
  assert.equal(model.converged, true);
  assert.ok(theta.every(Number.isFinite), `finite parameters: ${theta}`);

  const { gradient: g, scale } = gradient(problem, theta);
  g.forEach((v, j) => {
    assert.ok(Math.abs(v) <= 1e-9 * scale[j]!, `gradient component ${j} = ${v} (scale ${scale[j]})`);
  });

  const f = objective(problem, theta);
  for (let j = 0; j < theta.length; j++) {
    for (const sign of [-1, 1]) {
      const moved = theta.slice();
      moved[j]! += sign * 1e-4 * Math.max(Math.abs(theta[j]!), 1e-6);
      assert.ok(
        objective(problem, moved) >= f,
        `moving parameter ${j} by ${sign}·1e-4 relative does not lower the objective`,
      );
    }
  }

  const slow = coordinateDescent(problem);
  assert.ok(
    f <= objective(problem, slow) + 1e-12 * Math.abs(f),
    `objective ${f} ≤ coordinate descent's ${objective(problem, slow)}`,
  );
  theta.forEach((v, j) => {
    const tolerance = 1e-8 * Math.max(Math.abs(slow[j]!), 1e-12);
    assert.ok(Math.abs(v - slow[j]!) <= tolerance, `parameter ${j}: Newton ${v} vs coordinate descent ${slow[j]}`);
  });
}

describe('fitLogisticRegression on awkward data', () => {
  it('perfectly separable classes: finite weights (the penalty bounds them), converged, optimal', () => {
    const rows = [[1], [2], [3], [4], [5], [6]];
    const labels = [0, 0, 0, 1, 1, 1];
    const model = fitRows(rows, labels);
    assertOptimal({ rows, labels, C: 1 }, model);
    // With a much weaker penalty the weights grow but stay finite.
    const loose = fitRows(rows, labels, 1e4);
    assertOptimal({ rows, labels, C: 1e4 }, loose);
    assert.ok(loose.coefficients[0]! > model.coefficients[0]!);
  });

  it('a constant column: optimal, and it shares the intercept’s role in the ratio of its value', () => {
    const rows = [
      [5, 1],
      [5, 3],
      [5, 2],
      [5, 7],
      [5, 4],
      [5, 9],
    ];
    const labels = [0, 0, 1, 1, 0, 1];
    const model = fitRows(rows, labels);
    assertOptimal({ rows, labels, C: 1 }, model);
    // Only 5·w₀ + b enters the loss, so minimising ½(w₀² + b²) at a fixed 5·w₀ + b gives w₀ = 5·b.
    const [w0] = model.coefficients;
    assert.ok(Math.abs(w0! - 5 * model.intercept) <= 1e-12 * Math.abs(w0!), `${w0} = 5 × ${model.intercept}`);
  });

  it('columns of very different scale (1e0 and 1e6): optimal', () => {
    const rows = [
      [1.5, 2.1e6],
      [0.2, 0.4e6],
      [3.1, 1.2e6],
      [2.2, 3.3e6],
      [0.7, 2.9e6],
      [1.9, 0.8e6],
      [2.6, 1.7e6],
      [0.4, 2.5e6],
    ];
    const labels = [1, 0, 1, 1, 0, 0, 1, 0];
    assertOptimal({ rows, labels, C: 1 }, fitRows(rows, labels));
  });

  it('one row per class: optimal', () => {
    const rows = [[0], [1]];
    const labels = [0, 1];
    assertOptimal({ rows, labels, C: 1 }, fitRows(rows, labels));
  });

  it('reports iterations, and converged false when maxIter stops it first', () => {
    const target = Float64Array.from([0, 0, 1, 1, 0, 1]);
    const data = { names: ['x'], columns: [Float64Array.from([1, 3, 2, 7, 4, 9])], target };
    const full = fitLogisticRegression(data);
    assert.ok(full.iterations >= 2 && full.converged);
    const cut = fitLogisticRegression(data, { maxIter: 1 });
    assert.deepEqual([cut.iterations, cut.converged], [1, false]);
    assert.deepEqual([full.C, full.tol, full.maxIter, full.trainingRows], [1, 1e-10, 100, 6]);
  });
});

describe('fitLogisticRegression errors', () => {
  const good = () => ({
    names: ['a', 'b'],
    columns: [Float64Array.from([1, 2, 3]), Float64Array.from([4, 5, 6])],
    target: Float64Array.from([0, 1, 0]),
    targetName: 'exited',
  });
  const refuses = (data: ReturnType<typeof good>, pattern: RegExp) =>
    assert.throws(
      () => fitLogisticRegression(data),
      (error: unknown) => error instanceof DataError && error.status === 422 && pattern.test(error.message),
    );

  it('no rows', () => {
    refuses({ ...good(), columns: [new Float64Array(0), new Float64Array(0)], target: new Float64Array(0) }, /no rows/);
  });

  it('only one class in the target', () => {
    refuses({ ...good(), target: Float64Array.from([1, 1, 1]) }, /column exited holds only class 1 \(3 rows\)/);
    refuses({ ...good(), target: Float64Array.from([0, 0, 0]) }, /only class 0/);
  });

  it('NaN or infinite values, naming the column and the row index', () => {
    const data = good();
    data.columns[1]![2] = NaN;
    refuses(data, /column b, row index 2: value NaN is not a finite number/);
    data.columns[1]![2] = 6;
    data.columns[0]![1] = -Infinity;
    refuses(data, /column a, row index 1: value -Infinity/);
    refuses({ ...good(), target: Float64Array.from([0, NaN, 1]) }, /column exited, row index 1: value NaN/);
  });

  it('labels other than 0 and 1', () => {
    refuses({ ...good(), target: Float64Array.from([0, 1, 2]) }, /column exited, row index 2: label 2 is not 0 or 1/);
    refuses({ ...good(), target: Float64Array.from([0, 1, -1]) }, /label -1 is not 0 or 1/);
  });

  it('column length mismatch', () => {
    refuses(
      { ...good(), columns: [Float64Array.from([1, 2, 3]), Float64Array.from([4, 5])] },
      /column length mismatch: column b has 2 values, target exited has 3/,
    );
    refuses({ ...good(), names: ['a'] }, /1 feature names but 2 feature columns/);
  });

  it('invalid options', () => {
    for (const options of [{ C: 0 }, { C: -1 }, { C: NaN }, { tol: 0 }, { maxIter: 1.5 }]) {
      assert.throws(
        () => fitLogisticRegression(good(), options),
        (error: unknown) => error instanceof AppError && error.status === 400 && /option/.test(error.message),
      );
    }
  });
});

describe('predict: classes and probabilities', () => {
  const model = { features: ['a', 'b'], coefficients: [2, -1], intercept: 0.5 };

  it('are the sigmoid of the decision value and its 0.5 threshold', () => {
    const columns = [Float64Array.from([0, 1, -1]), Float64Array.from([0, 0, 3])];
    const proba = predict(model, columns).probabilities;
    [0.5, 2.5, -4.5].forEach((z, i) => {
      assert.ok(Math.abs(proba[i]! - 1 / (1 + Math.exp(-z))) < 1e-15);
    });
    assert.deepEqual(Array.from(predict(model, columns).classes), [1, 1, 0]);
  });

  it('stay finite at extreme decision values, and 0.5 exactly predicts class 0 (as scikit-learn)', () => {
    const columns = [Float64Array.from([1e6, -1e6, -0.25]), Float64Array.from([0, 0, 0])];
    const proba = predict(model, columns).probabilities;
    assert.deepEqual(Array.from(proba), [1, 0, 0.5]);
    assert.deepEqual(Array.from(predict(model, columns).classes), [1, 0, 0]);
    assert.ok(
      predict(model, [Float64Array.from([-300]), Float64Array.from([0])]).probabilities[0]! > 0,
      'exp(-599.5) is tiny but not 0',
    );
  });

  it('decides the class on the decision value: z = 1e-17 is class 1 though σ(z) rounds to exactly 0.5', () => {
    const { classes, probabilities } = predict({ features: ['a'], coefficients: [0], intercept: 1e-17 }, [
      Float64Array.from([1]),
    ]);
    assert.equal(probabilities[0], 0.5);
    assert.equal(classes[0], 1);
    assert.deepEqual(
      predictClasses({ features: ['a'], coefficients: [0], intercept: 1e-17 }, [Float64Array.from([1])]),
      classes,
      'the classes-only path follows the same rule',
    );
  });

  it('refuse mismatched or non-finite columns', () => {
    assert.throws(() => predict(model, [Float64Array.from([1])]), /1 feature columns/);
    assert.throws(
      () => predict(model, [Float64Array.from([1, 2]), Float64Array.from([1])]),
      /column b has 1 values, column a has 2/,
    );
    assert.throws(
      () => predict(model, [Float64Array.from([1, NaN]), Float64Array.from([1, 1])]),
      /column a, row index 1/,
    );
  });
});

describe('Dataset convenience', () => {
  const dataset: Dataset = {
    rows: 4,
    columns: {
      lastmonth_activity: Float64Array.from([10, 200, 30, 400]),
      lastyear_activity: Float64Array.from([1000, 200, 900, 100]),
      number_of_employees: Float64Array.from([5, 50, 7, 40]),
      [TARGET]: Float64Array.from([1, 0, 1, 0]),
    },
  };

  it('fitDataset uses the schema features and target; predictions follow the model’s feature names', () => {
    const model = fitDataset(dataset);
    assert.deepEqual(model.features, [...FEATURES]);
    const direct = fitLogisticRegression({
      names: FEATURES,
      columns: FEATURES.map((f) => dataset.columns[f]),
      target: dataset.columns[TARGET],
    });
    assert.deepEqual(model.coefficients, direct.coefficients);
    assert.deepEqual(Array.from(predictDataset(model, dataset).classes), [1, 0, 1, 0]);
    const reordered = {
      ...model,
      features: [...model.features].reverse(),
      coefficients: [...model.coefficients].reverse(),
    };
    assert.deepEqual(predictDataset(reordered, dataset).probabilities, predictDataset(model, dataset).probabilities);
  });

  it('refuses a model feature the data set does not have', () => {
    const model = { features: ['revenue'], coefficients: [1], intercept: 0 };
    assert.throws(
      () => predictDataset(model, dataset),
      (error: unknown) => error instanceof DataError && /model feature revenue/.test(error.message),
    );
  });
});
