// General dense products for layers of any shape, float64 (f64x2) and float32 (f32x4), one
// generic body per operation instantiated for T = f64 and T = f32.
//
// Every product here has the form
//   C[r, c] = init(r, c) + Σ_{t < depth} P(t, r) · B(t, c)        (sequential in t)
// with P and B read through element strides, so one driver serves the three products of a
// feature-major layer (units × batch, row-major, row stride m):
//   forward  Z = W·A + b : rows = out, cols = m,   depth = in,  P(t, r) = W[r, t], B = A
//   input    dA = Wᵀ·dZ  : rows = in,  cols = m,   depth = out, P(t, r) = W[t, r], B = dZ
//   weights  dW = dZ·Aᵀ  : rows = out, cols = in,  depth = m,   P(t, r) = dZ[r, t], B(t, c) = A[c, t]
//
// Rounding contract (shared with src/nn/matmul.ts, which the tests compare bit for bit): every
// entry starts from its bias (forward) or +0 and adds the products one at a time in the order
// t = 0, 1, …, depth−1, each product rounded before its add — no fused multiply-add (wasm has
// none outside relaxed-simd) and no reassociation. The SIMD lanes hold different OUTPUT columns,
// never different t, so vectorizing does not change a single bit. Blocking over t (KC) only
// stores the partial sum in C and reloads it, which is exact.
//
// Blocking: a register tile of 4 rows × 2 vectors (8 accumulators; V8 gives wasm 15 usable xmm
// registers, and the tile also needs 2 B vectors, a splat and a product). P is packed once into
// row panels [t][4] (then a 2-wide and a 1-wide panel for the leftover rows), so the 4 splats of a
// step sit in one 32-byte line. B is copied per column block and depth chunk into a contiguous
// [t][4 vectors] panel when there are enough rows to reuse it (or when B is a transpose, as in
// dW): a power-of-two batch makes rows of B map onto a few L1 sets, which the copy avoids.

/** Depth chunk: the B panel (KC × 64 bytes) stays in L1 while every row panel streams past it. */
const KC: i32 = 256;
/** Below this many rows, a directly addressable B is read in place (the copy would not pay). */
const PACK_B_MIN_ROWS: i32 = 32;

const INIT_ZERO: i32 = 0;
const INIT_BIAS: i32 = 1;
const INIT_LOAD: i32 = 2;

// @ts-ignore: decorator
@inline function vsplat<T>(p: usize): v128 {
  return v128.load_splat<T>(p);
}
// @ts-ignore: decorator
@inline function vfma<T>(acc: v128, w: v128, x: v128): v128 {
  // Two roundings, as in the TypeScript kernels: acc + round(w·x).
  return v128.add<T>(acc, v128.mul<T>(w, x));
}
/** Epilogues, applied as the last depth chunk is stored. */
const EP_NONE: i32 = 0;
/** relu(z) = z > 0 ? z : +0 (src/nn/activations.ts activateForward). */
const EP_RELU: i32 = 1;
/** mask[·] > 0 ? z : +0, mask laid out like C (the relu derivative of activateBackward). */
const EP_MASK: i32 = 2;

// `maskAt` is the address in the mask that matches the store (C address + md), read for EP_MASK only.
// @ts-ignore: decorator
@inline function vout<T>(acc: v128, ep: i32, maskAt: usize): v128 {
  // pmax(0, z) = 0 < z ? z : 0 is exactly relu (NaN and −0 give +0); the mask's all-zero lanes are +0.
  if (ep == EP_RELU) return v128.pmax<T>(v128.splat<T>(<T>0), acc);
  if (ep == EP_MASK) return v128.and(acc, v128.gt<T>(v128.load(maskAt), v128.splat<T>(<T>0)));
  return acc;
}
// @ts-ignore: decorator
@inline function sout<T>(acc: T, ep: i32, maskAt: usize): T {
  if (ep == EP_RELU) return acc > <T>0 ? acc : <T>0;
  if (ep == EP_MASK) return load<T>(maskAt) > <T>0 ? acc : <T>0;
  return acc;
}
// @ts-ignore: decorator
@inline function vinit<T>(mode: i32, bias: usize, c: usize, off: usize): v128 {
  if (mode == INIT_LOAD) return v128.load(c + off);
  if (mode == INIT_BIAS) return vsplat<T>(bias);
  return v128.splat<T>(<T>0);
}
// @ts-ignore: decorator
@inline function sinit<T>(mode: i32, bias: usize, c: usize): T {
  if (mode == INIT_LOAD) return load<T>(c);
  if (mode == INIT_BIAS) return load<T>(bias);
  return <T>0;
}

// ---- register tiles -------------------------------------------------------------------------
// p: packed P panel of width R at the chunk's first t (stride R·sizeof<T>); b: B at (t0, c0) with
// row stride bs bytes; c: C at (r0, c0) with row stride cs bytes; bias: &bias[r0] (INIT_BIAS only).

// @ts-ignore: decorator
@inline function tile4x2<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs, c2 = c1 + cs, c3 = c2 + cs;
  let a00 = vinit<T>(mode, bias, c, 0), a01 = vinit<T>(mode, bias, c, 16);
  let a10 = vinit<T>(mode, bias + z, c1, 0), a11 = vinit<T>(mode, bias + z, c1, 16);
  let a20 = vinit<T>(mode, bias + 2 * z, c2, 0), a21 = vinit<T>(mode, bias + 2 * z, c2, 16);
  let a30 = vinit<T>(mode, bias + 3 * z, c3, 0), a31 = vinit<T>(mode, bias + 3 * z, c3, 16);
  for (let t = 0; t < kc; t++) {
    const x0 = v128.load(b), x1 = v128.load(b, 16);
    let w = v128.load_splat<T>(p);
    a00 = vfma<T>(a00, w, x0); a01 = vfma<T>(a01, w, x1);
    w = v128.load_splat<T>(p, z);
    a10 = vfma<T>(a10, w, x0); a11 = vfma<T>(a11, w, x1);
    w = v128.load_splat<T>(p, 2 * z);
    a20 = vfma<T>(a20, w, x0); a21 = vfma<T>(a21, w, x1);
    w = v128.load_splat<T>(p, 3 * z);
    a30 = vfma<T>(a30, w, x0); a31 = vfma<T>(a31, w, x1);
    p += 4 * z;
    b += bs;
  }
  v128.store(c, vout<T>(a00, ep, c + md)); v128.store(c, vout<T>(a01, ep, c + md + 16), 16);
  v128.store(c1, vout<T>(a10, ep, c1 + md)); v128.store(c1, vout<T>(a11, ep, c1 + md + 16), 16);
  v128.store(c2, vout<T>(a20, ep, c2 + md)); v128.store(c2, vout<T>(a21, ep, c2 + md + 16), 16);
  v128.store(c3, vout<T>(a30, ep, c3 + md)); v128.store(c3, vout<T>(a31, ep, c3 + md + 16), 16);
}

// @ts-ignore: decorator
@inline function tile4x1<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs, c2 = c1 + cs, c3 = c2 + cs;
  let a0 = vinit<T>(mode, bias, c, 0), a1 = vinit<T>(mode, bias + z, c1, 0);
  let a2 = vinit<T>(mode, bias + 2 * z, c2, 0), a3 = vinit<T>(mode, bias + 3 * z, c3, 0);
  for (let t = 0; t < kc; t++) {
    const x = v128.load(b);
    a0 = vfma<T>(a0, v128.load_splat<T>(p), x);
    a1 = vfma<T>(a1, v128.load_splat<T>(p, z), x);
    a2 = vfma<T>(a2, v128.load_splat<T>(p, 2 * z), x);
    a3 = vfma<T>(a3, v128.load_splat<T>(p, 3 * z), x);
    p += 4 * z;
    b += bs;
  }
  v128.store(c, vout<T>(a0, ep, c + md)); v128.store(c1, vout<T>(a1, ep, c1 + md));
  v128.store(c2, vout<T>(a2, ep, c2 + md)); v128.store(c3, vout<T>(a3, ep, c3 + md));
}

// @ts-ignore: decorator
@inline function tile4s<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs, c2 = c1 + cs, c3 = c2 + cs;
  let a0 = sinit<T>(mode, bias, c), a1 = sinit<T>(mode, bias + z, c1);
  let a2 = sinit<T>(mode, bias + 2 * z, c2), a3 = sinit<T>(mode, bias + 3 * z, c3);
  for (let t = 0; t < kc; t++) {
    const x = load<T>(b);
    a0 = a0 + load<T>(p) * x;
    a1 = a1 + load<T>(p, z) * x;
    a2 = a2 + load<T>(p, 2 * z) * x;
    a3 = a3 + load<T>(p, 3 * z) * x;
    p += 4 * z;
    b += bs;
  }
  store<T>(c, sout<T>(a0, ep, c + md)); store<T>(c1, sout<T>(a1, ep, c1 + md));
  store<T>(c2, sout<T>(a2, ep, c2 + md)); store<T>(c3, sout<T>(a3, ep, c3 + md));
}

// Two rows: 2 × 4 vectors, again 8 accumulators.
// @ts-ignore: decorator
@inline function tile2x4<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs;
  let a00 = vinit<T>(mode, bias, c, 0), a01 = vinit<T>(mode, bias, c, 16);
  let a02 = vinit<T>(mode, bias, c, 32), a03 = vinit<T>(mode, bias, c, 48);
  let a10 = vinit<T>(mode, bias + z, c1, 0), a11 = vinit<T>(mode, bias + z, c1, 16);
  let a12 = vinit<T>(mode, bias + z, c1, 32), a13 = vinit<T>(mode, bias + z, c1, 48);
  for (let t = 0; t < kc; t++) {
    const x0 = v128.load(b), x1 = v128.load(b, 16), x2 = v128.load(b, 32), x3 = v128.load(b, 48);
    let w = v128.load_splat<T>(p);
    a00 = vfma<T>(a00, w, x0); a01 = vfma<T>(a01, w, x1); a02 = vfma<T>(a02, w, x2); a03 = vfma<T>(a03, w, x3);
    w = v128.load_splat<T>(p, z);
    a10 = vfma<T>(a10, w, x0); a11 = vfma<T>(a11, w, x1); a12 = vfma<T>(a12, w, x2); a13 = vfma<T>(a13, w, x3);
    p += 2 * z;
    b += bs;
  }
  v128.store(c, vout<T>(a00, ep, c + md)); v128.store(c, vout<T>(a01, ep, c + md + 16), 16);
  v128.store(c, vout<T>(a02, ep, c + md + 32), 32); v128.store(c, vout<T>(a03, ep, c + md + 48), 48);
  v128.store(c1, vout<T>(a10, ep, c1 + md)); v128.store(c1, vout<T>(a11, ep, c1 + md + 16), 16);
  v128.store(c1, vout<T>(a12, ep, c1 + md + 32), 32); v128.store(c1, vout<T>(a13, ep, c1 + md + 48), 48);
}

// @ts-ignore: decorator
@inline function tile2x1<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs;
  let a0 = vinit<T>(mode, bias, c, 0), a1 = vinit<T>(mode, bias + z, c1, 0);
  for (let t = 0; t < kc; t++) {
    const x = v128.load(b);
    a0 = vfma<T>(a0, v128.load_splat<T>(p), x);
    a1 = vfma<T>(a1, v128.load_splat<T>(p, z), x);
    p += 2 * z;
    b += bs;
  }
  v128.store(c, vout<T>(a0, ep, c + md)); v128.store(c1, vout<T>(a1, ep, c1 + md));
}

// @ts-ignore: decorator
@inline function tile2s<T>(p: usize, b: usize, bs: usize, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  const c1 = c + cs;
  let a0 = sinit<T>(mode, bias, c), a1 = sinit<T>(mode, bias + z, c1);
  for (let t = 0; t < kc; t++) {
    const x = load<T>(b);
    a0 = a0 + load<T>(p) * x;
    a1 = a1 + load<T>(p, z) * x;
    p += 2 * z;
    b += bs;
  }
  store<T>(c, sout<T>(a0, ep, c + md)); store<T>(c1, sout<T>(a1, ep, c1 + md));
}

// One row (out = 1 layers): 8 vectors, 8 independent accumulators.
// @ts-ignore: decorator
@inline function tile1x8<T>(p: usize, b: usize, bs: usize, c: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  let a0 = vinit<T>(mode, bias, c, 0), a1 = vinit<T>(mode, bias, c, 16);
  let a2 = vinit<T>(mode, bias, c, 32), a3 = vinit<T>(mode, bias, c, 48);
  let a4 = vinit<T>(mode, bias, c, 64), a5 = vinit<T>(mode, bias, c, 80);
  let a6 = vinit<T>(mode, bias, c, 96), a7 = vinit<T>(mode, bias, c, 112);
  for (let t = 0; t < kc; t++) {
    const w = v128.load_splat<T>(p);
    a0 = vfma<T>(a0, w, v128.load(b)); a1 = vfma<T>(a1, w, v128.load(b, 16));
    a2 = vfma<T>(a2, w, v128.load(b, 32)); a3 = vfma<T>(a3, w, v128.load(b, 48));
    a4 = vfma<T>(a4, w, v128.load(b, 64)); a5 = vfma<T>(a5, w, v128.load(b, 80));
    a6 = vfma<T>(a6, w, v128.load(b, 96)); a7 = vfma<T>(a7, w, v128.load(b, 112));
    p += z;
    b += bs;
  }
  v128.store(c, vout<T>(a0, ep, c + md)); v128.store(c, vout<T>(a1, ep, c + md + 16), 16);
  v128.store(c, vout<T>(a2, ep, c + md + 32), 32); v128.store(c, vout<T>(a3, ep, c + md + 48), 48);
  v128.store(c, vout<T>(a4, ep, c + md + 64), 64); v128.store(c, vout<T>(a5, ep, c + md + 80), 80);
  v128.store(c, vout<T>(a6, ep, c + md + 96), 96); v128.store(c, vout<T>(a7, ep, c + md + 112), 112);
}

// @ts-ignore: decorator
@inline function tile1x4<T>(p: usize, b: usize, bs: usize, c: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  let a0 = vinit<T>(mode, bias, c, 0), a1 = vinit<T>(mode, bias, c, 16);
  let a2 = vinit<T>(mode, bias, c, 32), a3 = vinit<T>(mode, bias, c, 48);
  for (let t = 0; t < kc; t++) {
    const w = v128.load_splat<T>(p);
    a0 = vfma<T>(a0, w, v128.load(b)); a1 = vfma<T>(a1, w, v128.load(b, 16));
    a2 = vfma<T>(a2, w, v128.load(b, 32)); a3 = vfma<T>(a3, w, v128.load(b, 48));
    p += z;
    b += bs;
  }
  v128.store(c, vout<T>(a0, ep, c + md)); v128.store(c, vout<T>(a1, ep, c + md + 16), 16);
  v128.store(c, vout<T>(a2, ep, c + md + 32), 32); v128.store(c, vout<T>(a3, ep, c + md + 48), 48);
}

// @ts-ignore: decorator
@inline function tile1x1<T>(p: usize, b: usize, bs: usize, c: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  let a0 = vinit<T>(mode, bias, c, 0);
  for (let t = 0; t < kc; t++) {
    a0 = vfma<T>(a0, v128.load_splat<T>(p), v128.load(b));
    p += z;
    b += bs;
  }
  v128.store(c, vout<T>(a0, ep, c + md));
}

// @ts-ignore: decorator
@inline function tile1s<T>(p: usize, b: usize, bs: usize, c: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize): void {
  const z = sizeof<T>();
  let a0 = sinit<T>(mode, bias, c);
  for (let t = 0; t < kc; t++) {
    a0 = a0 + load<T>(p) * load<T>(b);
    p += z;
    b += bs;
  }
  store<T>(c, sout<T>(a0, ep, c + md));
}

// ---- one row panel against a run of columns ---------------------------------------------------

/**
 * Row panel of width R (4, 2 or 1) times the columns [c0, c0 + w) of one depth chunk. B for
 * these columns is at b with row stride bs bytes (column j at b + j·sizeof<T>).
 */
function panelColumns<T>(
  R: i32, p: usize, b: usize, bs: usize, w: i32, c: usize, cs: usize, kc: i32, mode: i32, bias: usize, ep: i32, md: usize,
): void {
  const z = <usize>sizeof<T>();
  const lanes = 16 / <i32>z;
  let j = 0;
  if (R == 4) {
    for (; j + 2 * lanes <= w; j += 2 * lanes) tile4x2<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
    for (; j + lanes <= w; j += lanes) tile4x1<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
    for (; j < w; j++) tile4s<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
  } else if (R == 2) {
    for (; j + 4 * lanes <= w; j += 4 * lanes) tile2x4<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
    for (; j + lanes <= w; j += lanes) tile2x1<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
    for (; j < w; j++) tile2s<T>(p, b + <usize>j * z, bs, c + <usize>j * z, cs, kc, mode, bias, ep, md);
  } else {
    for (; j + 8 * lanes <= w; j += 8 * lanes) tile1x8<T>(p, b + <usize>j * z, bs, c + <usize>j * z, kc, mode, bias, ep, md);
    for (; j + 4 * lanes <= w; j += 4 * lanes) tile1x4<T>(p, b + <usize>j * z, bs, c + <usize>j * z, kc, mode, bias, ep, md);
    for (; j + lanes <= w; j += lanes) tile1x1<T>(p, b + <usize>j * z, bs, c + <usize>j * z, kc, mode, bias, ep, md);
    for (; j < w; j++) tile1s<T>(p, b + <usize>j * z, bs, c + <usize>j * z, kc, mode, bias, ep, md);
  }
}

// ---- packing -------------------------------------------------------------------------------

/** Width of the row panel that starts at row r: 4 while 4 rows remain, then 2, then 1. */
// @ts-ignore: decorator
@inline function panelWidth(rows: i32, r: i32): i32 {
  const left = rows - r;
  return left >= 4 ? 4 : left >= 2 ? 2 : 1;
}

/** dst ← row panels of P: panel at row r0 (width R) holds P(t, r0 + i) at (r0·depth + t·R + i). */
function packP<T>(dst: usize, src: usize, pr: usize, pt: usize, rows: i32, depth: i32): void {
  const z = <usize>sizeof<T>();
  if (pr == 1) {
    // P's rows run along memory (dA's W): read 64 rows of it at a time, across all panels, so
    // that neither the reads nor the writes jump a page per element.
    for (let t1 = 0; t1 < depth; t1 += 64) {
      const t2 = min(depth, t1 + 64);
      for (let r0 = 0; r0 < rows;) {
        const R = panelWidth(rows, r0);
        const d = dst + <usize>r0 * <usize>depth * z;
        for (let t = t1; t < t2; t++) {
          const s = src + (<usize>t * pt + <usize>r0) * z;
          const o = d + <usize>t * <usize>R * z;
          for (let i = 0; i < R; i++) store<T>(o + <usize>i * z, load<T>(s + <usize>i * z));
        }
        r0 += R;
      }
    }
    return;
  }
  for (let r0 = 0; r0 < rows;) {
    const R = panelWidth(rows, r0);
    let d = dst + <usize>r0 * <usize>depth * z;
    for (let i = 0; i < R; i++) {
      let s = src + <usize>(r0 + i) * pr * z;
      let o = d + <usize>i * z;
      const step = <usize>R * z;
      for (let t = 0; t < depth; t++) {
        store<T>(o, load<T>(s));
        s += pt * z;
        o += step;
      }
    }
    r0 += R;
  }
}

/** dst[t][j] ← B(t0 + t, c0 + j) for t < kc, j < w (row stride w elements). */
function packB<T>(dst: usize, src: usize, bt: usize, bc: usize, t0: i32, kc: i32, c0: i32, w: i32): void {
  const z = <usize>sizeof<T>();
  if (bc == 1) {
    let s = src + (<usize>t0 * bt + <usize>c0) * z;
    let o = dst;
    const bytes = <usize>w * z;
    for (let t = 0; t < kc; t++) {
      memory.copy(o, s, bytes);
      s += bt * z;
      o += bytes;
    }
  } else {
    // A transposed operand (dW's Aᵀ, bt = 1): transpose 2×2 (f64) or 4×4 (f32) blocks in
    // registers, reading each source row contiguously; leftovers one element at a time.
    const rowBytes = bc * z;
    const step = <usize>w * z;
    let j = 0;
    if (bt == 1 && z == 8) {
      for (; j + 2 <= w; j += 2) {
        let s = src + (<usize>t0 + <usize>(c0 + j) * bc) * z;
        let o = dst + <usize>j * z;
        let t = 0;
        for (; t + 2 <= kc; t += 2) {
          const r0 = v128.load(s), r1 = v128.load(s + rowBytes);
          v128.store(o, i64x2.shuffle(r0, r1, 0, 2));
          v128.store(o + step, i64x2.shuffle(r0, r1, 1, 3));
          s += 16;
          o += 2 * step;
        }
        if (t < kc) {
          store<f64>(o, load<f64>(s));
          store<f64>(o + 8, load<f64>(s + rowBytes));
        }
      }
    } else if (bt == 1) {
      for (; j + 4 <= w; j += 4) {
        let s = src + (<usize>t0 + <usize>(c0 + j) * bc) * z;
        let o = dst + <usize>j * z;
        let t = 0;
        for (; t + 4 <= kc; t += 4) {
          const r0 = v128.load(s), r1 = v128.load(s + rowBytes);
          const r2 = v128.load(s + 2 * rowBytes), r3 = v128.load(s + 3 * rowBytes);
          const a = i32x4.shuffle(r0, r1, 0, 4, 1, 5), b = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
          const c = i32x4.shuffle(r2, r3, 0, 4, 1, 5), d = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
          v128.store(o, i64x2.shuffle(a, c, 0, 2));
          v128.store(o + step, i64x2.shuffle(a, c, 1, 3));
          v128.store(o + 2 * step, i64x2.shuffle(b, d, 0, 2));
          v128.store(o + 3 * step, i64x2.shuffle(b, d, 1, 3));
          s += 16;
          o += 4 * step;
        }
        for (; t < kc; t++) {
          for (let i: usize = 0; i < 4; i++) store<T>(o + i * z, load<T>(s + i * rowBytes));
          s += z;
          o += step;
        }
      }
    }
    for (; j < w; j++) {
      let s = src + (<usize>t0 * bt + <usize>(c0 + j) * bc) * z;
      let o = dst + <usize>j * z;
      for (let t = 0; t < kc; t++) {
        store<T>(o, load<T>(s));
        s += bt * z;
        o += step;
      }
    }
  }
}

// ---- the driver ------------------------------------------------------------------------------

/** Bytes of P that one row block keeps in L2 across the column blocks. */
const ROW_BLOCK_BYTES: i32 = 262144;
/** Bytes of a copied B panel row: 4 vectors (two 4×2 tiles, one 2×4 tile). */
const BLOCK_BYTES: i32 = 64;

/** Bytes of scratch `product` needs: packed P, then a B panel of KC × BLOCK_BYTES. */
export function gemmScratchBytes(elemBytes: i32, rows: i32, depth: i32): i32 {
  return ((rows * depth * elemBytes + 15) & ~15) + KC * BLOCK_BYTES;
}

/**
 * C = init + P·B over the strides described at the top. `bias` = 0 means no bias (start at +0);
 * `packed` says P is already in scratch (dW packs it first to take the bias sums from it).
 */
function product<T>(
  rows: i32, cols: i32, depth: i32,
  P: usize, pr: usize, pt: usize,
  B: usize, bt: usize, bc: usize,
  C: usize, cs: usize,
  bias: usize, ep: i32, mask: usize, scratch: usize, packed: bool,
): void {
  if (rows <= 0 || cols <= 0) return;
  const z = <usize>sizeof<T>();
  const pp = scratch;
  if (!packed) packP<T>(pp, P, pr, pt, rows, depth);
  const bp = scratch + ((<usize>rows * <usize>depth * z + 15) & ~15);
  // Shallow products (depth < 16) read too few rows of B for set conflicts to matter.
  const copyB = bc != 1 || (rows >= PACK_B_MIN_ROWS && depth >= 128);
  // Read in place, B needs no column blocks: its chunk serves at most two row panels.
  const blockCols = copyB ? <i32>(<usize>BLOCK_BYTES / z) : cols;
  const csb = cs * z;
  // Row blocks whose P slices (mc × KC) stay in L2 (256 KiB) while the column blocks pass; a
  // multiple of 4, so that block edges fall on panel edges.
  const mc = copyB ? <i32>(<usize>ROW_BLOCK_BYTES / (<usize>KC * z)) : rows;
  // Equal chunks (784 = 4 × 196, not 3 × 256 + 16): a short last chunk would pay a whole pass of
  // C loads and stores for a few steps.
  const chunks = max(1, (depth + KC - 1) / KC);
  const chunk = (depth + chunks - 1) / chunks;
  let t0 = 0;
  do {
    const kc = min(chunk, depth - t0);
    const last = t0 + kc >= depth;
    const mode = t0 > 0 ? INIT_LOAD : bias != 0 ? INIT_BIAS : INIT_ZERO;
    const e = last ? ep : EP_NONE;
    const md = mask - C; // wraps: mask address = C address + md
    for (let r1 = 0; r1 < rows; r1 += mc) {
      const r2 = min(rows, r1 + mc);
      for (let c0 = 0; c0 < cols; c0 += blockCols) {
        const w = min(blockCols, cols - c0);
        let b: usize, bs: usize;
        if (copyB) {
          packB<T>(bp, B, bt, bc, t0, kc, c0, w);
          b = bp;
          bs = <usize>w * z;
        } else {
          b = B + (<usize>t0 * bt + <usize>c0) * z;
          bs = bt * z;
        }
        for (let r0 = r1; r0 < r2;) {
          const R = panelWidth(rows, r0);
          const p = pp + (<usize>r0 * <usize>depth + <usize>t0 * <usize>R) * z;
          panelColumns<T>(R, p, b, bs, w, C + <usize>r0 * csb + <usize>c0 * z, csb, kc, mode, bias + <usize>r0 * z, e, md);
          r0 += R;
        }
      }
    }
    t0 += kc;
  } while (t0 < depth);
}

/** Row sums of dZ from its packed panels, lanes across rows, each sum sequential from +0. */
function rowSums<T>(pp: usize, rows: i32, depth: i32, db: usize): void {
  const z = <usize>sizeof<T>();
  for (let r0 = 0; r0 < rows;) {
    const R = panelWidth(rows, r0);
    let p = pp + <usize>r0 * <usize>depth * z;
    if (R == 4 && z == 8) {
      let s0 = f64x2.splat(0), s1 = s0;
      for (let t = 0; t < depth; t++) {
        s0 = v128.add<T>(s0, v128.load(p));
        s1 = v128.add<T>(s1, v128.load(p, 16));
        p += 32;
      }
      v128.store(db + <usize>r0 * z, s0);
      v128.store(db + <usize>r0 * z, s1, 16);
    } else if (R == 4) {
      let s0 = f32x4.splat(0);
      for (let t = 0; t < depth; t++) {
        s0 = v128.add<T>(s0, v128.load(p));
        p += 16;
      }
      v128.store(db + <usize>r0 * z, s0);
    } else {
      for (let i = 0; i < R; i++) {
        let s: T = <T>0;
        let q = p + <usize>i * z;
        for (let t = 0; t < depth; t++) {
          s = s + load<T>(q);
          q += <usize>R * z;
        }
        store<T>(db + <usize>(r0 + i) * z, s);
      }
    }
    r0 += R;
  }
}

// @ts-ignore: decorator
@inline function forwardT<T>(w: usize, b: usize, a: usize, zOut: usize, out: i32, inn: i32, m: i32, relu: bool, scratch: usize): void {
  product<T>(out, m, inn, w, <usize>inn, 1, a, <usize>m, 1, zOut, <usize>m, b, relu ? EP_RELU : EP_NONE, 0, scratch, false);
}
// @ts-ignore: decorator
@inline function inputGradsT<T>(w: usize, dz: usize, da: usize, out: i32, inn: i32, m: i32, mask: usize, scratch: usize): void {
  product<T>(inn, m, out, w, 1, <usize>inn, dz, <usize>m, 1, da, <usize>m, 0, mask != 0 ? EP_MASK : EP_NONE, mask, scratch, false);
}
// @ts-ignore: decorator
@inline function weightGradsT<T>(dz: usize, a: usize, dw: usize, db: usize, out: i32, inn: i32, m: i32, scratch: usize): void {
  if (out <= 0) return;
  packP<T>(scratch, dz, <usize>m, 1, out, m);
  rowSums<T>(scratch, out, m, db);
  product<T>(out, inn, m, dz, <usize>m, 1, a, 1, <usize>m, dw, <usize>inn, 0, EP_NONE, 0, scratch, true);
}

// ---- exports (pointers are byte offsets into this module's memory) -----------------------------

/** Z = W·A + b (b = 0: no bias), then relu if `relu` ≠ 0. W out×in, A in×m, Z out×m, float64. */
export function gemmForwardF64(w: usize, b: usize, a: usize, z: usize, out: i32, inn: i32, m: i32, relu: i32, scratch: usize): void {
  forwardT<f64>(w, b, a, z, out, inn, m, relu != 0, scratch);
}
/** dA = Wᵀ·dZ, then where mask ≤ 0 (mask ≠ 0: an in × m buffer, e.g. the layer below's z): +0; float64. */
export function gemmInputGradsF64(w: usize, dz: usize, da: usize, out: i32, inn: i32, m: i32, mask: usize, scratch: usize): void {
  inputGradsT<f64>(w, dz, da, out, inn, m, mask, scratch);
}
/** dW = dZ·Aᵀ, db = row sums of dZ, float64. */
export function gemmWeightGradsF64(dz: usize, a: usize, dw: usize, db: usize, out: i32, inn: i32, m: i32, scratch: usize): void {
  weightGradsT<f64>(dz, a, dw, db, out, inn, m, scratch);
}
/** Z = W·A + b (b = 0: no bias), then relu if `relu` ≠ 0, float32. */
export function gemmForwardF32(w: usize, b: usize, a: usize, z: usize, out: i32, inn: i32, m: i32, relu: i32, scratch: usize): void {
  forwardT<f32>(w, b, a, z, out, inn, m, relu != 0, scratch);
}
/** dA = Wᵀ·dZ, then where mask ≤ 0 (mask ≠ 0): +0; float32. */
export function gemmInputGradsF32(w: usize, dz: usize, da: usize, out: i32, inn: i32, m: i32, mask: usize, scratch: usize): void {
  inputGradsT<f32>(w, dz, da, out, inn, m, mask, scratch);
}
/** dW = dZ·Aᵀ, db = row sums of dZ, float32. */
export function gemmWeightGradsF32(dz: usize, a: usize, dw: usize, db: usize, out: i32, inn: i32, m: i32, scratch: usize): void {
  weightGradsT<f32>(dz, a, dw, db, out, inn, m, scratch);
}

// ---- ReLU of a whole buffer (the engine's forward pass keeps Z and A = relu(Z) both) ------------

/** z > 0 lane by lane (all ones where it holds), for T's lanes. */
@inline function greaterThanZero<T>(x: v128, zero: v128): v128 {
  return sizeof<T>() == 8 ? f64x2.gt(x, zero) : f32x4.gt(x, zero);
}

/**
 * a[i] = z[i] > 0 ? z[i] : +0 for i < n: the bits of the TypeScript activation (`x > 0 ? x : 0`,
 * so NaN and −0 give +0; a SIMD max would keep NaN). Two vectors a step. z and a may be the same.
 */
function reluT<T>(z: usize, a: usize, n: i32): void {
  const zero = i64x2.splat(0); // +0 in every lane of either float type
  const step = <i32>(32 / sizeof<T>());
  let i = 0;
  for (; i + step <= n; i += step) {
    const p = <usize>i * sizeof<T>();
    const x0 = v128.load(z + p);
    const x1 = v128.load(z + p, 16);
    v128.store(a + p, v128.bitselect(x0, zero, greaterThanZero<T>(x0, zero)));
    v128.store(a + p, v128.bitselect(x1, zero, greaterThanZero<T>(x1, zero)), 16);
  }
  for (; i < n; i++) {
    const x = load<T>(z + <usize>i * sizeof<T>());
    store<T>(a + <usize>i * sizeof<T>(), x > 0 ? x : <T>0);
  }
}

/** reluT in float64. */
export function reluF64(z: usize, a: usize, n: i32): void {
  reluT<f64>(z, a, n);
}

/** reluT in float32. */
export function reluF32(z: usize, a: usize, n: i32): void {
  reluT<f32>(z, a, n);
}
