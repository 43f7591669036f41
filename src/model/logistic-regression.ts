/**
 * L2-regularised binary logistic regression that reproduces scikit-learn's
 * LogisticRegression(C, solver='liblinear') at convergence (liblinear penalises the intercept too):
 * fit by damped Newton's method (see newton-solver.ts for the stopping rule; large data sets start
 * from a subsample's optimum, see coarse-start.ts); its decision values feed predict.ts.
 */
import { AppError, DataError } from '../errors.ts';
import { FEATURES, TARGET, type Dataset } from '../data/schema.ts';
import { coarseStart } from './coarse-start.ts';
import { logisticObjective } from './logistic-objective.ts';
import { minimizeNewton } from './newton-solver.ts';
import { checkFeatureColumns, checkTrainingData, type TrainingColumns } from './training-data.ts';

/** Fit options; every one has a default (see DEFAULT_FIT_OPTIONS). */
export interface FitOptions {
  /** Inverse penalty strength, as scikit-learn's C (default 1). */
  C?: number;
  /** Tolerance of the stopping rule, a relative Newton step size (default 1e-10; see newton-solver.ts). */
  tol?: number;
  /** Maximum number of Newton steps (default 100). */
  maxIter?: number;
}

/** The defaults of FitOptions. */
export const DEFAULT_FIT_OPTIONS: Readonly<Required<FitOptions>> = { C: 1, tol: 1e-10, maxIter: 100 };

/** The parameters a prediction needs. */
export interface LinearModel {
  features: readonly string[];
  /** One weight per feature, in the order of `features`. */
  coefficients: readonly number[];
  intercept: number;
}

/** A fitted model with the settings and the outcome of its fit. */
export interface LogisticModel extends LinearModel {
  features: string[];
  coefficients: number[];
  C: number;
  tol: number;
  maxIter: number;
  /** Newton steps taken. */
  iterations: number;
  converged: boolean;
  trainingRows: number;
}

/**
 * Fits the model on named feature columns and a 0/1 target. Throws DataError when the data cannot be
 * fitted (no rows, one class only, non-finite values, labels other than 0/1, column length mismatch).
 */
export function fitLogisticRegression(data: TrainingColumns, options: FitOptions = {}): LogisticModel {
  const { C, tol, maxIter } = resolveOptions(options);
  const signed = checkTrainingData(data);
  const objective = logisticObjective(data.columns, signed, C);
  const result = minimizeNewton(objective, coarseStart(data.columns, signed, C, { tol, maxIter }), { tol, maxIter });
  const p = data.columns.length;
  return {
    features: [...data.names],
    coefficients: Array.from(result.theta.subarray(0, p)),
    intercept: result.theta[p]!,
    C,
    tol,
    maxIter,
    iterations: result.iterations,
    converged: result.converged,
    trainingRows: signed.length,
  };
}

/** Fits on a Dataset's schema FEATURES and TARGET. */
export function fitDataset(dataset: Dataset, options: FitOptions = {}): LogisticModel {
  const columns = FEATURES.map((f) => dataset.columns[f]);
  return fitLogisticRegression(
    { names: FEATURES, columns, target: dataset.columns[TARGET], targetName: TARGET },
    options,
  );
}

/**
 * w·x + b for each row of `columns` (one Float64Array per model feature, in the model's order); see
 * predict.ts for classes and probabilities. Throws DataError when the columns do not match the model's
 * features or hold non-finite values.
 */
export function decisionValues(model: LinearModel, columns: readonly Float64Array[]): Float64Array {
  if (model.coefficients.length !== model.features.length) {
    throw new DataError(`model has ${model.coefficients.length} coefficients for ${model.features.length} features`);
  }
  const rows = columns[0]?.length ?? 0;
  checkFeatureColumns({ names: model.features, columns }, rows, `column ${model.features[0]}`);
  const z = new Float64Array(rows).fill(model.intercept);
  for (let j = 0; j < columns.length; j++) {
    const w = model.coefficients[j]!;
    const column = columns[j]!;
    for (let i = 0; i < rows; i++) z[i]! += w * column[i]!;
  }
  return z;
}

function resolveOptions(options: FitOptions): Required<FitOptions> {
  const C = options.C ?? DEFAULT_FIT_OPTIONS.C;
  const tol = options.tol ?? DEFAULT_FIT_OPTIONS.tol;
  const maxIter = options.maxIter ?? DEFAULT_FIT_OPTIONS.maxIter;
  if (!(Number.isFinite(C) && C > 0))
    throw new AppError(400, `logistic regression option C must be a positive finite number, got ${C}`);
  if (!(Number.isFinite(tol) && tol > 0))
    throw new AppError(400, `logistic regression option tol must be a positive finite number, got ${tol}`);
  if (!(Number.isInteger(maxIter) && maxIter >= 0))
    throw new AppError(400, `logistic regression option maxIter must be a non-negative integer, got ${maxIter}`);
  return { C, tol, maxIter };
}
