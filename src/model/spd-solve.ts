/**
 * Solves the small symmetric positive definite systems of Newton's method (dimension = features + 1)
 * with ml-matrix, robustly: symmetric diagonal scaling first (so columns of very different scale do not
 * ruin the conditioning), then Cholesky, then LU, then Cholesky with a growing ridge as a last resort.
 */
import { AppError } from '../errors.ts';
import { lazyRequire } from '../lazy-require.ts';

const mlMatrix = lazyRequire<typeof import('ml-matrix')>('ml-matrix');

/** Solves H·x = b for a symmetric positive definite H given row-major as a flat n×n array (upper triangle read). */
export function solveSymmetricPositiveDefinite(h: Float64Array, b: Float64Array, n: number): Float64Array {
  const { CholeskyDecomposition, LuDecomposition, Matrix } = mlMatrix();
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const diagonal = h[i * n + i]!;
    scale[i] = diagonal > 0 && Number.isFinite(diagonal) ? 1 / Math.sqrt(diagonal) : 1;
  }
  const scaled = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = scale[i]! * h[i * n + j]! * scale[j]!; // upper triangle, mirrored: exactly symmetric
      scaled.set(i, j, v);
      scaled.set(j, i, v);
    }
  }
  const rhs = Matrix.columnVector(Array.from(b, (v, i) => v * scale[i]!));
  const unscale = (y: InstanceType<typeof Matrix>): Float64Array =>
    Float64Array.from(y.getColumn(0), (v, i) => v * scale[i]!);
  const finite = (x: Float64Array): boolean => x.every(Number.isFinite);

  const cholesky = new CholeskyDecomposition(scaled);
  if (cholesky.isPositiveDefinite()) {
    const x = unscale(cholesky.solve(rhs));
    if (finite(x)) return x;
  }
  const lu = new LuDecomposition(scaled);
  if (!lu.isSingular()) {
    const x = unscale(lu.solve(rhs));
    if (finite(x)) return x;
  }
  for (let ridge = 1e-12; ridge <= 1e6; ridge *= 10) {
    const regularised = new CholeskyDecomposition(scaled.clone().add(Matrix.eye(n, n).mul(ridge)));
    if (!regularised.isPositiveDefinite()) continue;
    const x = unscale(regularised.solve(rhs));
    if (finite(x)) return x;
  }
  throw new AppError(500, `Newton system of dimension ${n} could not be solved (non-finite matrix)`);
}
