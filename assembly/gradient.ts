// Weight gradients and the fused update, the course's
//   dW_l = np.dot(dz, a_prev.T);  db_l = np.sum(dz, axis=1, keepdims=True)
//   W_l = W_l - learning_rate * dW_l;  b_l = b_l - learning_rate * db_l
// computed as one product G′ = dz · inputᵀ over the augmented input panel (a_{l-1} then a row of
// ones), so db is just the last column of G′ = [dW | db] and the update W′ -= lr·G′ covers b too.
//
// These are dot products along the sample dimension (the contiguous one). Blocking: a tile of
// R = 2 rows of dz × C = 4 rows of the input keeps R·C = 8 f64x2 accumulators; each step over two
// samples loads R + C = 6 vectors for 8 independent multiply-adds. Column tails use C = 3, 2, 1
// and an odd last dz row uses R = 1, from the same inlined template (R and C are compile-time
// constants at every call site, so the unused accumulators vanish).
//
// The last input row is the ones row, so the db column adds dz·1 = dz (exact for every double):
// the tile that holds it (ONES) adds the dz vector itself, without loading the row or multiplying.
//
// Rounding contract (shared with src/kernels/jsKernels.ts, bit for bit): every accumulator lane
// holds a running sum from +0 over the samples of one parity in increasing order — lane 0 the
// even samples, lane 1 the odd ones — and the result is lane0 + lane1. Padded samples have
// dz = 0 and add exact zeros.

// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Stores g at `gAt`; with `apply`, also updates the parameter at `wAt`: w = w - lr·g. */
// @ts-ignore: decorator
@inline function emit(g: f64, gAt: usize, wAt: usize, lr: f64, apply: bool): void {
  store<f64>(gAt, g);
  if (apply) store<f64>(wAt, load<f64>(wAt) - lr * g);
}

/*
 * One R × C tile: G′[j + r, k + c] = Σ_s dz[j + r, s] · input[k + c, s] for r < R, c < C; with
 * ONES, column C − 1 is the ones row and sums dz itself.
 * dz0/dz1: dz rows j, j+1; in0: input row k (rows k+1.. follow at rowBytes); g0, w0: address
 * of G′[j, k] and W′[j, k]; gRow: row length of G′ and W′ in bytes.
 */
// @ts-ignore: decorator
@inline function tile(
  R: i32, C: i32, ONES: bool, dz0: usize, dz1: usize, in0: usize, rowBytes: usize,
  g0: usize, w0: usize, gRow: usize, lr: f64, apply: bool,
): void {
  const zero = f64x2.splat(0.0);
  let a00 = zero, a01 = zero, a02 = zero, a03 = zero;
  let a10 = zero, a11 = zero, a12 = zero, a13 = zero;
  const in1 = in0 + rowBytes, in2 = in1 + rowBytes, in3 = in2 + rowBytes;
  for (let s: usize = 0; s < rowBytes; s += 16) {
    const d0 = v128.load(dz0 + s);
    const d1 = R == 2 ? v128.load(dz1 + s) : zero;
    if (ONES && C == 1) {
      a00 = f64x2.add(a00, d0);
      if (R == 2) a10 = f64x2.add(a10, d1);
    } else {
      const x0 = v128.load(in0 + s);
      a00 = f64x2.add(a00, f64x2.mul(d0, x0));
      if (R == 2) a10 = f64x2.add(a10, f64x2.mul(d1, x0));
    }
    if (ONES && C == 2) {
      a01 = f64x2.add(a01, d0);
      if (R == 2) a11 = f64x2.add(a11, d1);
    } else if (C >= 2) {
      const x1 = v128.load(in1 + s);
      a01 = f64x2.add(a01, f64x2.mul(d0, x1));
      if (R == 2) a11 = f64x2.add(a11, f64x2.mul(d1, x1));
    }
    if (ONES && C == 3) {
      a02 = f64x2.add(a02, d0);
      if (R == 2) a12 = f64x2.add(a12, d1);
    } else if (C >= 3) {
      const x2 = v128.load(in2 + s);
      a02 = f64x2.add(a02, f64x2.mul(d0, x2));
      if (R == 2) a12 = f64x2.add(a12, f64x2.mul(d1, x2));
    }
    if (ONES && C == 4) {
      a03 = f64x2.add(a03, d0);
      if (R == 2) a13 = f64x2.add(a13, d1);
    } else if (C >= 4) {
      const x3 = v128.load(in3 + s);
      a03 = f64x2.add(a03, f64x2.mul(d0, x3));
      if (R == 2) a13 = f64x2.add(a13, f64x2.mul(d1, x3));
    }
  }
  emit(hsum(a00), g0, w0, lr, apply);
  if (C >= 2) emit(hsum(a01), g0 + 8, w0 + 8, lr, apply);
  if (C >= 3) emit(hsum(a02), g0 + 16, w0 + 16, lr, apply);
  if (C >= 4) emit(hsum(a03), g0 + 24, w0 + 24, lr, apply);
  if (R == 2) {
    emit(hsum(a10), g0 + gRow, w0 + gRow, lr, apply);
    if (C >= 2) emit(hsum(a11), g0 + gRow + 8, w0 + gRow + 8, lr, apply);
    if (C >= 3) emit(hsum(a12), g0 + gRow + 16, w0 + gRow + 16, lr, apply);
    if (C >= 4) emit(hsum(a13), g0 + gRow + 24, w0 + gRow + 24, lr, apply);
  }
}

/** All tiles of R dz rows (R = 1 or 2) against the `depth` input rows: C = 4 tiles, then the tail. */
// @ts-ignore: decorator
@inline function rowBand(
  R: i32, dz0: usize, dz1: usize, input: usize, depth: i32, rowBytes: usize,
  g0: usize, w0: usize, gRow: usize, lr: f64, apply: bool,
): void {
  // Full C = 4 tiles while more than 4 columns remain; the last 1–4 columns, which end with the
  // ones row, form the ONES tile.
  let k = 0;
  for (; k + 4 < depth; k += 4) {
    const off = <usize>k << 3;
    tile(R, 4, false, dz0, dz1, input + <usize>k * rowBytes, rowBytes, g0 + off, w0 + off, gRow, lr, apply);
  }
  const rest = depth - k;
  const off = <usize>k << 3;
  const inK = input + <usize>k * rowBytes;
  if (rest == 4) tile(R, 4, true, dz0, dz1, inK, rowBytes, g0 + off, w0 + off, gRow, lr, apply);
  else if (rest == 3) tile(R, 3, true, dz0, dz1, inK, rowBytes, g0 + off, w0 + off, gRow, lr, apply);
  else if (rest == 2) tile(R, 2, true, dz0, dz1, inK, rowBytes, g0 + off, w0 + off, gRow, lr, apply);
  else tile(R, 1, true, dz0, dz1, inK, rowBytes, g0 + off, w0 + off, gRow, lr, apply);
}

/**
 * G′ = dz · inputᵀ (fanOut × depth, row-major, at `grads`), where dz is fanOut rows and input is
 * `depth` = fanIn + 1 rows (the last one all ones), both with row stride `rowBytes`. With `apply`,
 * also W′ -= lr·G′ at `weights` (same shape), element by element as each gradient is finished;
 * the caller must have used W′ for the backward step to the layer below before calling this.
 */
export function gradientStep(
  dz: usize, fanOut: i32, input: usize, depth: i32, rowBytes: usize,
  grads: usize, weights: usize, lr: f64, apply: bool,
): void {
  const gRow = <usize>depth << 3;
  let j = 0;
  for (; j + 1 < fanOut; j += 2) {
    const dz0 = dz + <usize>j * rowBytes;
    const off = <usize>j * gRow;
    rowBand(2, dz0, dz0 + rowBytes, input, depth, rowBytes, grads + off, weights + off, gRow, lr, apply);
  }
  if (j < fanOut) {
    const dz0 = dz + <usize>j * rowBytes;
    const off = <usize>j * gRow;
    rowBand(1, dz0, dz0, input, depth, rowBytes, grads + off, weights + off, gRow, lr, apply);
  }
}
