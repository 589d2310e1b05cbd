/*
 * The two matrix products of a dense layer that the diagnostics run on their own (they need every
 * layer's Z, A and ∂L/∂Z of a batch, which the trainer's workspaces do not keep). Batches are
 * unit-major: v[i·m + j] is unit i of sample j. Plain loops, skipping zero weights — a zeros init
 * or a sparse one then costs nothing. Both layerStatistics and signalSample use them, so their
 * values are the same numbers entry for entry.
 */

/** Z = W·input + b for W n × k (row-major), input k × m; returns Z, n × m. */
export function denseForward(w: Float64Array, b: Float64Array, input: Float64Array, n: number, k: number, m: number): Float64Array {
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

/** ∂L/∂A_{l−1} = Wᵀ·∂L/∂Z_l for W n × k (row-major), dz n × m; returns k × m. */
export function denseBackwardInput(w: Float64Array, dz: Float64Array, n: number, k: number, m: number): Float64Array {
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
