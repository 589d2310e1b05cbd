import type { Dtype, FloatArray } from '../core/dtype.js';
/*
 * The two matrix products of a dense layer that the diagnostics run on their own (they need every
 * layer's Z, A and ∂L/∂Z of a batch, which the trainer's workspaces do not keep). Batches are
 * unit-major: v[i·m + j] is unit i of sample j. Plain loops, skipping zero weights — a zeros init
 * or a sparse one then costs nothing. Both layerStatistics and signalSample use them, so their
 * values are the same numbers entry for entry.
 */

/**
 * Z = W·input + b for W n × k (row-major), input k × m; returns Z, n × m. In float32 (`dtype`),
 * every product and every sum is rounded to float32, in the same order: the arithmetic of the
 * engine's float32 kernels (operands are float32 values, so double products are exact and one
 * Math.fround gives the IEEE float32 result).
 */
export function denseForward(w: FloatArray, b: FloatArray, input: FloatArray, n: number, k: number, m: number, dtype: Dtype = 'float64'): FloatArray {
  if (dtype === 'float32') return denseForward32(w, b, input, n, k, m);
  const z = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    z.fill(b[i]!, row, row + m);
    for (let p = 0; p < k; p++) {
      const wip = w[i * k + p]!;
      if (wip === 0) continue;
      const col = p * m;
      for (let j = 0; j < m; j++) z[row + j]! += wip * input[col + j]!;
    }
  }
  return z;
}

/** ∂L/∂A_{l−1} = Wᵀ·∂L/∂Z_l for W n × k (row-major), dz n × m; returns k × m (float32 as denseForward). */
export function denseBackwardInput(w: FloatArray, dz: FloatArray, n: number, k: number, m: number, dtype: Dtype = 'float64'): FloatArray {
  if (dtype === 'float32') return denseBackwardInput32(w, dz, n, k, m);
  const next = new Float64Array(k * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < k; p++) {
      const wip = w[i * k + p]!;
      if (wip === 0) continue;
      const col = p * m;
      for (let j = 0; j < m; j++) next[col + j]! += wip * dz[row + j]!;
    }
  }
  return next;
}

const f32 = Math.fround;

function denseForward32(w: FloatArray, b: FloatArray, input: FloatArray, n: number, k: number, m: number): Float32Array {
  const z = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    z.fill(b[i]!, row, row + m);
    for (let p = 0; p < k; p++) {
      const wip = w[i * k + p]!;
      if (wip === 0) continue;
      const col = p * m;
      for (let j = 0; j < m; j++) z[row + j] = f32(z[row + j]! + f32(wip * input[col + j]!));
    }
  }
  return z;
}

function denseBackwardInput32(w: FloatArray, dz: FloatArray, n: number, k: number, m: number): Float32Array {
  const next = new Float32Array(k * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < k; p++) {
      const wip = w[i * k + p]!;
      if (wip === 0) continue;
      const col = p * m;
      for (let j = 0; j < m; j++) next[col + j] = f32(next[col + j]! + f32(wip * dz[row + j]!));
    }
  }
  return next;
}

/** A zeroed array of n elements in `dtype`. */
export function floatArray(n: number, dtype: Dtype): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}
