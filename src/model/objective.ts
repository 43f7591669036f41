/**
 * The interface between an objective function and the Newton solver: the value at a point (for the line
 * search) and value, gradient and Hessian at a point (for the step). Parameters are a flat Float64Array.
 */

/** Value, gradient and Hessian (row-major, dimension × dimension) of an objective at one point. */
export interface SecondOrder {
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
}

/** A smooth, strictly convex objective of `dimension` parameters. */
export interface SmoothConvexObjective {
  readonly dimension: number;
  /** The value at `theta`. */
  value(theta: Float64Array): number;
  /** Value, gradient and Hessian at `theta`, computed with the same arithmetic as `value`. */
  secondOrder(theta: Float64Array): SecondOrder;
}
