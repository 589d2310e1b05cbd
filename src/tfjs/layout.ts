import type { WeightLayout } from '../init/types.js';

/*
 * TF.js (like Keras and JAX) stores a dense kernel as (in, out) and a conv kernel as
 * (k…, in, out); PyTorch and initlab's own initializers work in (out, in, k…). These pure helpers
 * map a TF.js shape to an initializer's layout and the drawn values back, without touching tfjs.
 */

/**
 * The axis permutation from a TF.js shape to an 'out-in' shape: out first, then in, then the
 * spatial axes in order. Rank 0 and 1 are unchanged.
 */
function outInAxes(rank: number): number[] {
  if (rank < 2) return Array.from({ length: rank }, (_, i) => i);
  return [rank - 1, rank - 2, ...Array.from({ length: rank - 2 }, (_, i) => i)];
}

/** The shape an initializer of `layout` is asked to draw for a tensor TF.js wants in `tfShape`. */
export function frameworkShape(tfShape: readonly number[], layout: WeightLayout): number[] {
  if (layout === 'in-out') return [...tfShape];
  return outInAxes(tfShape.length).map((axis) => tfShape[axis]!);
}

/**
 * Reorders row-major values drawn in `layout` for a tensor of TF.js shape `tfShape` into TF.js's
 * row-major order. For 'in-out' this is a copy; for 'out-in' the dense case is a transpose
 * (out, in) → (in, out) and a conv kernel goes (out, in, kh, kw) → (kh, kw, in, out).
 */
export function toTfjsOrder(values: ArrayLike<number>, tfShape: readonly number[], layout: WeightLayout): Float32Array {
  const size = tfShape.reduce((a, b) => a * b, 1);
  if (values.length !== size) throw new RangeError(`expected ${size} values for shape [${tfShape.join(', ')}], got ${values.length}`);
  const out = new Float32Array(size);
  const rank = tfShape.length;
  if (layout === 'in-out' || rank < 2) {
    for (let i = 0; i < size; i++) out[i] = values[i]!;
    return out;
  }
  const axes = outInAxes(rank);
  const srcShape = axes.map((axis) => tfShape[axis]!);
  // Row-major strides of the source ('out-in') tensor, looked up per TF.js axis.
  const srcStrides = new Array<number>(rank);
  let stride = 1;
  for (let k = rank - 1; k >= 0; k--) {
    srcStrides[k] = stride;
    stride *= srcShape[k]!;
  }
  const strideForTfAxis = new Array<number>(rank);
  axes.forEach((tfAxis, k) => (strideForTfAxis[tfAxis] = srcStrides[k]!));
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let dst = 0; dst < size; dst++) {
    out[dst] = values[src]!;
    // Advance the TF.js multi-index (row-major) and keep the source offset in step.
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      src += strideForTfAxis[axis]!;
      if (index[axis]! < tfShape[axis]!) break;
      src -= strideForTfAxis[axis]! * tfShape[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
