import type { RandomStream } from '../random/types.js';

/*
 * The orthonormal pre-initialisation of LSUV (Mishkin & Matas 2015, step 1, after Saxe et al. 2013):
 * a Gaussian matrix made orthonormal by a Householder QR with the sign fix of Mezzadri 2007, which
 * makes Q Haar-distributed and unique (R with a positive diagonal). This is PyTorch's `orthogonal_`
 * recipe; any QR with the sign fix gives the same Q from the same Gaussian matrix.
 *
 * Kept private to LSUV on purpose: it draws nothing but `standardNormal()` and has no dependency on
 * the general samplers.
 */

/** The thin QR factors of an (n × k) matrix with n ≥ k: Q (n × k, row-major, orthonormal columns) and diag(R). */
export interface ThinQR {
  q: Float64Array;
  rDiagonal: Float64Array;
}

/**
 * Householder QR of `a` (n × k row-major, n ≥ k; not modified). Returns the thin Q and the diagonal
 * of R, with LAPACK's convention of reflecting each column onto −sign(a_jj)·‖a_j‖ (no sign fix here).
 */
export function householderQR(a: Float64Array, n: number, k: number): ThinQR {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 1 || n < k) throw new RangeError(`householderQR needs n ≥ k ≥ 1, got ${n} × ${k}`);
  if (a.length !== n * k) throw new RangeError(`householderQR: matrix has ${a.length} entries, expected ${n} × ${k} = ${n * k}`);
  // Column-major working copy: the reflections walk down columns.
  const work = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) work[j * n + i] = a[i * k + j]!;
  const vectors: Float64Array[] = [];
  const vNorm2 = new Float64Array(k);
  const rDiagonal = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = j * n;
    let norm2 = 0;
    for (let i = j; i < n; i++) norm2 += work[col + i]! * work[col + i]!;
    const norm = Math.sqrt(norm2);
    const v = new Float64Array(n - j);
    vectors.push(v);
    if (norm === 0) {
      // A zero column (probability 0 for Gaussian input): no reflection, R_jj = 0.
      rDiagonal[j] = 0;
      continue;
    }
    const ajj = work[col + j]!;
    const alpha = ajj >= 0 ? -norm : norm;
    for (let i = j; i < n; i++) v[i - j] = work[col + i]!;
    v[0] = ajj - alpha;
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i]! * v[i]!;
    vNorm2[j] = vv;
    rDiagonal[j] = alpha;
    // Apply H_j = I − 2 v vᵀ / (vᵀv) to the remaining columns.
    for (let c = j + 1; c < k; c++) {
      const cc = c * n;
      let s = 0;
      for (let i = j; i < n; i++) s += v[i - j]! * work[cc + i]!;
      const f = (2 * s) / vv;
      for (let i = j; i < n; i++) work[cc + i] = work[cc + i]! - f * v[i - j]!;
    }
  }
  // Q = H_0 H_1 … H_{k−1} · I[:, :k], built from the right (row-major n × k).
  const q = new Float64Array(n * k);
  for (let j = 0; j < k; j++) q[j * k + j] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const vv = vNorm2[j]!;
    if (vv === 0) continue;
    const v = vectors[j]!;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = j; i < n; i++) s += v[i - j]! * q[i * k + c]!;
      if (s === 0) continue;
      const f = (2 * s) / vv;
      for (let i = j; i < n; i++) q[i * k + c] = q[i * k + c]! - f * v[i - j]!;
    }
  }
  return { q, rDiagonal };
}

/**
 * A (rows × cols) orthogonal matrix, row-major: orthonormal rows when rows ≤ cols (W·Wᵀ = I),
 * orthonormal columns otherwise (Wᵀ·W = I). Draws rows·cols standard normals from `rng` in
 * row-major order of the (rows × cols) matrix, transposes it when rows < cols, takes its QR and
 * multiplies column j of Q by sign(R_jj) — PyTorch's `torch.nn.init.orthogonal_` step by step.
 */
export function orthogonalMatrix(rows: number, cols: number, rng: RandomStream): Float64Array {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`orthogonalMatrix needs positive integer sizes, got ${rows} × ${cols}`);
  }
  const gaussian = new Float64Array(rows * cols);
  for (let i = 0; i < gaussian.length; i++) gaussian[i] = rng.standardNormal();
  const transpose = rows < cols;
  const n = transpose ? cols : rows;
  const k = transpose ? rows : cols;
  let tall = gaussian;
  if (transpose) {
    tall = new Float64Array(n * k);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) tall[c * k + r] = gaussian[r * cols + c]!;
  }
  const { q, rDiagonal } = householderQR(tall, n, k);
  // Sign fix: Q·diag(sign(diag R)) is the unique Q whose R has a positive diagonal.
  for (let j = 0; j < k; j++) {
    if (rDiagonal[j]! < 0) for (let i = 0; i < n; i++) q[i * k + j] = -q[i * k + j]!;
  }
  if (!transpose) return q;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = q[c * k + r]!;
  return out;
}
