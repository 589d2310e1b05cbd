/** A rectangle of the input plane. */
export interface PlaneBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * A classifier's output sampled on a regular grid of cells over `bounds`: `x0[i]`, `x1[j]` are
 * the cell centres, `probabilities[j * nx + i]` is P(class 1) at (x0[i], x1[j]), i.e. ny rows
 * of nx values, row j at height x1[j].
 */
export interface DecisionGrid extends PlaneBounds {
  nx: number;
  ny: number;
  x0: ArrayLike<number>;
  x1: ArrayLike<number>;
  probabilities: ArrayLike<number>;
}

/** What decisionGrid builds: a DecisionGrid whose arrays are Float64Arrays. */
export interface SampledDecisionGrid extends DecisionGrid {
  x0: Float64Array;
  x1: Float64Array;
  probabilities: Float64Array;
}

/**
 * A classifier as the course's `predict_dec` sees it: `x` holds m points feature-major (a 2×m
 * row-major matrix: x[k] is point k's first coordinate, x[m + k] its second), the result is
 * P(class 1) for each point.
 */
export type PlanePredictor = (x: Float64Array, m: number) => Float64Array;

/** The window the course notebook plots its decision boundaries in (axes set to [-1.5, 1.5]). */
export const COURSE_BOUNDS: Readonly<PlaneBounds> = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };

/** The bounding box of the points, widened by `margin` on every side. */
export function boundsAround(points: ReadonlyArray<{ x0: number; x1: number }>, margin = 0.25): PlaneBounds {
  if (points.length === 0) throw new RangeError('boundsAround needs at least one point');
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const p of points) {
    xMin = Math.min(xMin, p.x0); xMax = Math.max(xMax, p.x0);
    yMin = Math.min(yMin, p.x1); yMax = Math.max(yMax, p.x1);
  }
  return { xMin: xMin - margin, xMax: xMax + margin, yMin: yMin - margin, yMax: yMax + margin };
}

function checkBounds(b: PlaneBounds): void {
  const ok = [b.xMin, b.xMax, b.yMin, b.yMax].every(Number.isFinite) && b.xMin < b.xMax && b.yMin < b.yMax;
  if (!ok) throw new RangeError(`bounds must be finite with min < max, got ${JSON.stringify(b)}`);
}

/**
 * Samples `predict` at the centres of an nx × ny grid of cells over `bounds`, in one call (the
 * network evaluates all nx·ny points as one batch, as the course does with its meshgrid).
 */
export function decisionGrid(predict: PlanePredictor, bounds: PlaneBounds, nx: number, ny: number): SampledDecisionGrid {
  checkBounds(bounds);
  for (const [name, n] of [['nx', nx], ['ny', ny]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
  }
  const dx = (bounds.xMax - bounds.xMin) / nx;
  const dy = (bounds.yMax - bounds.yMin) / ny;
  const x0 = Float64Array.from({ length: nx }, (_, i) => bounds.xMin + (i + 0.5) * dx);
  const x1 = Float64Array.from({ length: ny }, (_, j) => bounds.yMin + (j + 0.5) * dy);
  const m = nx * ny;
  const x = new Float64Array(2 * m);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      x[j * nx + i] = x0[i]!;
      x[m + j * nx + i] = x1[j]!;
    }
  }
  const probabilities = predict(x, m);
  if (probabilities.length !== m) {
    throw new RangeError(`predict returned ${probabilities.length} values for ${m} points`);
  }
  // Only the bounds' four numbers: the caller's object may carry other fields.
  const { xMin, xMax, yMin, yMax } = bounds;
  return { xMin, xMax, yMin, yMax, nx, ny, x0, x1, probabilities };
}
