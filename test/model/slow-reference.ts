/**
 * Test helpers: an independent, slow and simple evaluation of liblinear's logistic objective and its
 * gradient over plain number arrays, and a reference minimiser by cyclic coordinate descent (exact
 * one-dimensional minimisation per coordinate), to check the Newton solver against.
 */

/** Rows as plain arrays of features; labels 0/1; parameters [w..., b]. */
export interface Problem {
  rows: number[][];
  labels: number[];
  C: number;
}

function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function margins(problem: Problem, theta: number[]): number[] {
  const p = theta.length - 1;
  return problem.rows.map((x, i) => {
    let z = theta[p]!;
    for (let j = 0; j < p; j++) z += theta[j]! * x[j]!;
    return (problem.labels[i] === 1 ? 1 : -1) * z;
  });
}

/** f(θ) = ½‖θ‖² + C·Σ log(1 + exp(−yᵢ zᵢ)). */
export function objective(problem: Problem, theta: number[]): number {
  const penalty = 0.5 * theta.reduce((s, v) => s + v * v, 0);
  return penalty + problem.C * margins(problem, theta).reduce((s, m) => s + log1pExp(-m), 0);
}

/** ∇f(θ) and, per coordinate, the scale its terms have (|θ_j| + C·Σ|x_ij|), to judge "≈ 0". */
export function gradient(problem: Problem, theta: number[]): { gradient: number[]; scale: number[] } {
  const p = theta.length - 1;
  const g = theta.slice();
  const scale = theta.map((v) => Math.abs(v));
  margins(problem, theta).forEach((m, i) => {
    const y = problem.labels[i] === 1 ? 1 : -1;
    const weight = (-problem.C * y) / (1 + Math.exp(m)); // −C·y·σ(−m)
    const x = [...problem.rows[i]!, 1];
    for (let j = 0; j <= p; j++) {
      g[j]! += weight * x[j]!;
      scale[j]! += problem.C * Math.abs(x[j]!);
    }
  });
  return { gradient: g, scale };
}

/** Minimises f by cyclic coordinate descent until every gradient component is below 1e-12 of its scale. */
export function coordinateDescent(problem: Problem, maxSweeps = 200_000): number[] {
  const p = problem.rows[0]!.length;
  const theta = new Array<number>(p + 1).fill(0);
  const column = (j: number): number[] => problem.rows.map((x) => (j === p ? 1 : x[j]!));
  const columns = Array.from({ length: p + 1 }, (_, j) => column(j));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let j = 0; j <= p; j++) {
      // 1-D Newton on the convex t ↦ f(θ with θ_j = t), halving a step until it shrinks |∂f/∂θ_j|
      // (derivatives stay exact near the optimum, where values of f stop resolving the progress).
      for (let inner = 0; inner < 100; inner++) {
        const old = theta[j]!;
        const [d1, d2] = partials(problem, theta, columns[j]!, j);
        if (d1 === 0) break;
        let step = -d1 / d2;
        for (let h = 0; h < 60; h++) {
          theta[j] = old + step;
          if (Math.abs(partials(problem, theta, columns[j]!, j)[0]) < Math.abs(d1)) break;
          theta[j] = old;
          step /= 2;
        }
        if (theta[j] === old) break;
      }
    }
    const { gradient: g, scale } = gradient(problem, theta);
    if (g.every((v, j) => Math.abs(v) <= 1e-12 * scale[j]!)) return theta;
  }
  throw new Error('coordinate descent did not converge');
}

/** ∂f/∂θ_j and ∂²f/∂θ_j² at θ, where `column` holds x_ij for every row (1 for the intercept). */
function partials(problem: Problem, theta: number[], column: number[], j: number): [number, number] {
  let d1 = theta[j]!;
  let d2 = 1;
  margins(problem, theta).forEach((m, i) => {
    const y = problem.labels[i] === 1 ? 1 : -1;
    const x = column[i]!;
    const e = Math.exp(-Math.abs(m));
    d1 -= problem.C * y * (m >= 0 ? e / (1 + e) : 1 / (1 + e)) * x;
    d2 += ((problem.C * e) / (1 + e) ** 2) * x * x;
  });
  return [d1, d2];
}
