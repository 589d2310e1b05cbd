import { fdlibmLog } from '../math/fdlibm.js';
import { pairwiseNanSum } from '../math/pairwiseSum.js';

/** One point of the course's cost curve. */
export interface CostPoint {
  iteration: number;
  /** May be +Infinity (saturated sigmoid under the course's formula) — serialized as "Infinity". */
  cost: number;
}

/**
 * The course's cost, `compute_loss` in init_utils.py:
 *   logprobs = (-log a)·y + (-log(1 - a))·(1 - y);  cost = (1/m) · nansum(logprobs)
 * It is kept exactly as written — not the stable from-logits form — because the experiment's
 * story depends on it: when the sigmoid saturates (a == 1 for a label 0) the cost is +Infinity,
 * and the 0·∞ = NaN terms of correctly classified saturated points are skipped by nansum.
 * numpy sums pairwise, so we do too (a plain loop gives ln 2 = 0.6931471805599467 for zeros, not …453).
 * `scratch` (length ≥ m) avoids allocating on every call.
 */
export function courseCost(a: Float64Array, y: Float64Array, m: number, scratch: Float64Array = new Float64Array(m)): number {
  for (let s = 0; s < m; s++) {
    const as = a[s]!;
    const ys = y[s]!;
    scratch[s] = -fdlibmLog(as) * ys + -fdlibmLog(1 - as) * (1 - ys);
  }
  return (1 / m) * pairwiseNanSum(scratch, 0, m);
}

/**
 * Fraction of samples whose prediction (a > 0.5 → 1, else 0: the course's `predict`) equals the label.
 * numpy's mean of the boolean matches: accuracy = (1/m) Σ_s [(a_s > 0.5) = y_s].
 */
export function accuracy(a: Float64Array, y: Float64Array, m: number = y.length): number {
  let correct = 0;
  for (let s = 0; s < m; s++) if ((a[s]! > 0.5 ? 1 : 0) === y[s]) correct++;
  return correct / m;
}
