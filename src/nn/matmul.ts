/*
 * The three dense products of a feature-major layer (units × batch, row-major, row stride m):
 *   forward   Z  = W·A + b          (out × m)  = (out × in)·(in × m)
 *   weights   dW = dZ·Aᵀ, db = Σ dZ (out × in) = (out × m)·(m × in)
 *   input     dA = Wᵀ·dZ            (in × m)   = (in × out)·(out × m)
 * All three run on one kernel, `gemmRows`: plain loops in i-k-j order (the innermost loop streams
 * contiguous rows), blocked 4 output rows × 4 inner indices so that each loaded row is used four
 * times. The transposed operand (Aᵀ or Wᵀ) is first copied into a caller's scratch buffer: a copy
 * costs in·m (or out·in) moves against out·in·m multiply-adds. No allocation; the summation order
 * of every entry is fixed by the code, so results are reproducible bit for bit.
 */

/** t (cols × rows) = aᵀ for a (rows × cols), row-major. */
export function transposeInto(a: Float64Array, t: Float64Array, rows: number, cols: number): void {
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(rows, i0 + B);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(cols, j0 + B);
      for (let i = i0; i < i1; i++) {
        const r = i * cols;
        for (let j = j0; j < j1; j++) t[j * rows + i] = a[r + j]!;
      }
    }
  }
}

/**
 * The core kernel: Z[i,s] = b[i] + Σ_k W[i,k]·A[k,s] for i < out, s < m, with b = 0 when absent.
 * W is out × inn, A is inn × m, Z is out × m, all row-major.
 */
export function gemmRows(
  w: Float64Array, a: Float64Array, z: Float64Array, out: number, inn: number, m: number, b?: Float64Array,
): void {
  let i = 0;
  for (; i + 4 <= out; i += 4) {
    const z0 = i * m;
    const z1 = z0 + m;
    const z2 = z1 + m;
    const z3 = z2 + m;
    const b0 = b ? b[i]! : 0;
    const b1 = b ? b[i + 1]! : 0;
    const b2 = b ? b[i + 2]! : 0;
    const b3 = b ? b[i + 3]! : 0;
    for (let s = 0; s < m; s++) {
      z[z0 + s] = b0;
      z[z1 + s] = b1;
      z[z2 + s] = b2;
      z[z3 + s] = b3;
    }
    const w0 = i * inn;
    const w1 = w0 + inn;
    const w2 = w1 + inn;
    const w3 = w2 + inn;
    let k = 0;
    for (; k + 4 <= inn; k += 4) {
      const a0 = k * m;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      const c00 = w[w0 + k]!, c01 = w[w0 + k + 1]!, c02 = w[w0 + k + 2]!, c03 = w[w0 + k + 3]!;
      const c10 = w[w1 + k]!, c11 = w[w1 + k + 1]!, c12 = w[w1 + k + 2]!, c13 = w[w1 + k + 3]!;
      const c20 = w[w2 + k]!, c21 = w[w2 + k + 1]!, c22 = w[w2 + k + 2]!, c23 = w[w2 + k + 3]!;
      const c30 = w[w3 + k]!, c31 = w[w3 + k + 1]!, c32 = w[w3 + k + 2]!, c33 = w[w3 + k + 3]!;
      for (let s = 0; s < m; s++) {
        const x0 = a[a0 + s]!;
        const x1 = a[a1 + s]!;
        const x2 = a[a2 + s]!;
        const x3 = a[a3 + s]!;
        z[z0 + s] = z[z0 + s]! + c00 * x0 + c01 * x1 + c02 * x2 + c03 * x3;
        z[z1 + s] = z[z1 + s]! + c10 * x0 + c11 * x1 + c12 * x2 + c13 * x3;
        z[z2 + s] = z[z2 + s]! + c20 * x0 + c21 * x1 + c22 * x2 + c23 * x3;
        z[z3 + s] = z[z3 + s]! + c30 * x0 + c31 * x1 + c32 * x2 + c33 * x3;
      }
    }
    for (; k < inn; k++) {
      const a0 = k * m;
      const c0 = w[w0 + k]!, c1 = w[w1 + k]!, c2 = w[w2 + k]!, c3 = w[w3 + k]!;
      for (let s = 0; s < m; s++) {
        const x = a[a0 + s]!;
        z[z0 + s] = z[z0 + s]! + c0 * x;
        z[z1 + s] = z[z1 + s]! + c1 * x;
        z[z2 + s] = z[z2 + s]! + c2 * x;
        z[z3 + s] = z[z3 + s]! + c3 * x;
      }
    }
  }
  for (; i < out; i++) {
    const z0 = i * m;
    const w0 = i * inn;
    const b0 = b ? b[i]! : 0;
    for (let s = 0; s < m; s++) z[z0 + s] = b0;
    let k = 0;
    for (; k + 4 <= inn; k += 4) {
      const a0 = k * m;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      const c0 = w[w0 + k]!, c1 = w[w0 + k + 1]!, c2 = w[w0 + k + 2]!, c3 = w[w0 + k + 3]!;
      for (let s = 0; s < m; s++) z[z0 + s] = z[z0 + s]! + c0 * a[a0 + s]! + c1 * a[a1 + s]! + c2 * a[a2 + s]! + c3 * a[a3 + s]!;
    }
    for (; k < inn; k++) {
      const a0 = k * m;
      const c0 = w[w0 + k]!;
      for (let s = 0; s < m; s++) z[z0 + s] = z[z0 + s]! + c0 * a[a0 + s]!;
    }
  }
}

/** Z[i,s] = b[i] + Σ_k W[i,k]·A[k,s] for i < out, s < m: Z = W·A + b, PyTorch `nn.Linear`'s y = x·Wᵀ + b with W (out × in), feature-major. */
export function affineForward(
  w: Float64Array, b: Float64Array, a: Float64Array, z: Float64Array, out: number, inn: number, m: number,
): void {
  gemmRows(w, a, z, out, inn, m, b);
}

/**
 * dW[i,k] = Σ_s dZ[i,s]·A[k,s] and db[i] = Σ_s dZ[i,s] (dZ already carries the loss's 1/m), i.e. dW = dZ·Aᵀ
 * (back-propagation, Rumelhart, Hinton & Williams 1986).
 * `aT` is scratch of length ≥ inn·m (receives Aᵀ).
 */
export function weightGradients(
  dz: Float64Array, a: Float64Array, dw: Float64Array, db: Float64Array, out: number, inn: number, m: number, aT: Float64Array,
): void {
  for (let i = 0; i < out; i++) {
    const r = i * m;
    let sum = 0;
    for (let s = 0; s < m; s++) sum += dz[r + s]!;
    db[i] = sum;
  }
  transposeInto(a, aT, inn, m);
  gemmRows(dz, aT, dw, out, m, inn);
}

/** dA[k,s] = Σ_i W[i,k]·dZ[i,s] for k < in, s < m, i.e. dA = Wᵀ·dZ (back-propagation, Rumelhart, Hinton & Williams 1986). `wT` is scratch of length ≥ out·inn (receives Wᵀ). */
export function inputGradients(
  w: Float64Array, dz: Float64Array, da: Float64Array, out: number, inn: number, m: number, wT: Float64Array,
): void {
  transposeInto(w, wT, out, inn);
  gemmRows(wT, dz, da, inn, out, m);
}
