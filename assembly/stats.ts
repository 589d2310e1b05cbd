// Per-hidden-layer statistics of the course engine at its current parameters, for the training-stats
// recorder on the course preset (src/kernels/layerMoments.ts finishes them; issue 10, item 1: stats
// at statsEvery 100 must cost ≤ 3% of the course run). index.ts runs the engine's own forward and
// backward pass first (the pass the next update makes, without its update), so the output panels
// hold A_l, the dz panels ∂L/∂Z_l and G′ = [dW | db]; this file adds Z_l of every hidden layer
// (the same panel product as the forward pass, without the relu epilogue) into `z` and reduces
// everything in one call, so no JavaScript loop runs cold in a short run.
//
// Each mean is Σv/n and each spread Σ(v − c)², two passes as diagnostics' `moments`. The three
// panels of a layer (Z, A, ∂L/∂Z: every unit × sample) are reduced together with four interleaved
// running sums per array (panelSums), the two small matrices (dW, W) with one running sum each in
// row-major order, exactly `moments`' order. src/kernels/statsJs.ts is the plain-TypeScript twin
// (same order, same bits).
//
// Raw output per hidden layer (RAW_FIELDS doubles, see src/kernels/layerMoments.ts):
//   0 mean Z, 1 Σ(Z − c)², 2 mean A, 3 Σ(A − c)², 4 mean ∂L/∂Z, 5 Σ(∂L/∂Z − c)², 6 dead units,
//   7 mean dW, 8 Σ(dW − c)², 9 mean W, 10 Σ(W − c)², 11 ‖W_prev‖_F, 12 ‖W − W_prev‖_F
// where c is the mean when finite, else 0 (the std is then NaN anyway), and the two norms are NaN
// without previous weights.
import {
  D_LAYERS, D_PADDED, D_SAMPLES, L_DZ, L_FAN_IN, L_FAN_OUT, L_GRADS, L_INPUT, L_OUTPUT, L_WEIGHTS,
  header, layerField,
} from './descriptor';
import { forwardLinear } from './panel';

/** Doubles per hidden layer in the raw output. */
export const RAW_FIELDS: i32 = 13;

/**
 * The statistics of every hidden layer l = 1…L−1 after a forward and backward pass (see the top).
 * z: room for the Z panels of all hidden layers, one after another (fanOut × padded each);
 * prev: copies of the hidden layers' W′ one update back, one after another (read when `withPrevious`);
 * out: RAW_FIELDS doubles per hidden layer.
 */
export function layerSums(desc: usize, z: usize, prev: usize, withPrevious: bool, out: usize): void {
  const layers = header(desc, D_LAYERS);
  const m = header(desc, D_SAMPLES);
  const rowBytes = <usize>header(desc, D_PADDED) << 3;
  for (let l = 1; l < layers; l++) {
    const fanIn = layerField(desc, l, L_FAN_IN);
    const fanOut = layerField(desc, l, L_FAN_OUT);
    const depth = fanIn + 1;
    const w = <usize>layerField(desc, l, L_WEIGHTS);
    forwardLinear(w, <usize>depth << 3, depth, <usize>layerField(desc, l, L_INPUT), z, fanOut, rowBytes);
    const o = out + (<usize>((l - 1) * RAW_FIELDS) << 3);
    panelSums(z, <usize>layerField(desc, l, L_OUTPUT), <usize>layerField(desc, l, L_DZ), fanOut, m, rowBytes, o);
    matrixSums(<usize>layerField(desc, l, L_GRADS), w, fanOut, fanIn, o + 56);
    if (withPrevious) {
      frobeniusPair(w, prev, fanOut, fanIn, o + 88);
    } else {
      store<f64>(o + 88, NaN);
      store<f64>(o + 96, NaN);
    }
    z += <usize>fanOut * rowBytes;
    prev += <usize>(fanOut * depth) << 3;
  }
}

/** c = mean when finite, else 0 (moments3's centre). */
// @ts-ignore: decorator
@inline function centre(mean: f64): f64 {
  return isFinite<f64>(mean) ? mean : 0.0;
}

/** Lane masks of the last, partial 4-sample block of a row with t = m mod 4 valid samples (t = 1, 2, 3). */
// @ts-ignore: decorator
@inline function tailMask0(t: i32): v128 {
  return t >= 2 ? i64x2.splat(-1) : i64x2(-1, 0);
}
// @ts-ignore: decorator
@inline function tailMask1(t: i32): v128 {
  return t >= 3 ? i64x2(-1, 0) : i64x2.splat(0);
}

/** (p0 + p2) + (p1 + p3) of the partial sums [p0, p1] in a and [p2, p3] in b. */
// @ts-ignore: decorator
@inline function total(a: v128, b: v128): f64 {
  const t = f64x2.add(a, b);
  return f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
}

/**
 * Means and Σ(v − c)² of three panels (rows × first m samples, row stride rowBytes) and the number
 * of rows of the first (Z) with no entry > 0 (relu′(z) = 0 on every sample: a dead unit; relu′(0) = 0).
 * Writes out[0..6]. These are the big reductions (every unit × sample of a layer, three times), so
 * each sum is four interleaved running sums from +0, sample s of every row going to sum s mod 4
 * (two f64x2 accumulators), combined as (p0 + p2) + (p1 + p3): four times shorter dependency
 * chains than one running sum. Samples past m in a row's last block are masked to +0, which leaves
 * a running sum from +0 unchanged.
 */
function panelSums(p: usize, q: usize, r: usize, rows: i32, m: i32, rowBytes: usize, out: usize): void {
  const blocks = <usize>(m & ~3) << 3;
  const t = m & 3;
  const k0 = tailMask0(t), k1 = tailMask1(t);
  const zero = f64x2.splat(0.0);
  let pa = zero, pb = zero, qa = zero, qb = zero, ra = zero, rb = zero;
  let dead = 0;
  for (let i = 0; i < rows; i++) {
    const pr = p + <usize>i * rowBytes, qr = q + <usize>i * rowBytes, rr = r + <usize>i * rowBytes;
    let alive = zero;
    for (let at: usize = 0; at < blocks; at += 32) {
      const z0 = v128.load(pr + at), z1 = v128.load(pr + at, 16);
      pa = f64x2.add(pa, z0);
      pb = f64x2.add(pb, z1);
      qa = f64x2.add(qa, v128.load(qr + at));
      qb = f64x2.add(qb, v128.load(qr + at, 16));
      ra = f64x2.add(ra, v128.load(rr + at));
      rb = f64x2.add(rb, v128.load(rr + at, 16));
      alive = v128.or(alive, v128.or(f64x2.gt(z0, zero), f64x2.gt(z1, zero)));
    }
    if (t != 0) {
      // The padded row is a multiple of 16 samples long, so the whole last block can be loaded.
      const z0 = v128.and(v128.load(pr + blocks), k0), z1 = v128.and(v128.load(pr + blocks, 16), k1);
      pa = f64x2.add(pa, z0);
      pb = f64x2.add(pb, z1);
      qa = f64x2.add(qa, v128.and(v128.load(qr + blocks), k0));
      qb = f64x2.add(qb, v128.and(v128.load(qr + blocks, 16), k1));
      ra = f64x2.add(ra, v128.and(v128.load(rr + blocks), k0));
      rb = f64x2.add(rb, v128.and(v128.load(rr + blocks, 16), k1));
      alive = v128.or(alive, v128.or(f64x2.gt(z0, zero), f64x2.gt(z1, zero)));
    }
    if (!v128.any_true(alive)) dead++;
  }
  const n = <f64>rows * <f64>m;
  const m0 = total(pa, pb) / n, m1 = total(qa, qb) / n, m2 = total(ra, rb) / n;
  const c0 = f64x2.splat(centre(m0)), c1 = f64x2.splat(centre(m1)), c2 = f64x2.splat(centre(m2));
  pa = zero; pb = zero; qa = zero; qb = zero; ra = zero; rb = zero;
  for (let i = 0; i < rows; i++) {
    const pr = p + <usize>i * rowBytes, qr = q + <usize>i * rowBytes, rr = r + <usize>i * rowBytes;
    for (let at: usize = 0; at < blocks; at += 32) {
      const d0 = f64x2.sub(v128.load(pr + at), c0), d1 = f64x2.sub(v128.load(pr + at, 16), c0);
      const e0 = f64x2.sub(v128.load(qr + at), c1), e1 = f64x2.sub(v128.load(qr + at, 16), c1);
      const g0 = f64x2.sub(v128.load(rr + at), c2), g1 = f64x2.sub(v128.load(rr + at, 16), c2);
      pa = f64x2.add(pa, f64x2.mul(d0, d0));
      pb = f64x2.add(pb, f64x2.mul(d1, d1));
      qa = f64x2.add(qa, f64x2.mul(e0, e0));
      qb = f64x2.add(qb, f64x2.mul(e1, e1));
      ra = f64x2.add(ra, f64x2.mul(g0, g0));
      rb = f64x2.add(rb, f64x2.mul(g1, g1));
    }
    if (t != 0) {
      const d0 = f64x2.sub(v128.load(pr + blocks), c0), d1 = f64x2.sub(v128.load(pr + blocks, 16), c0);
      const e0 = f64x2.sub(v128.load(qr + blocks), c1), e1 = f64x2.sub(v128.load(qr + blocks, 16), c1);
      const g0 = f64x2.sub(v128.load(rr + blocks), c2), g1 = f64x2.sub(v128.load(rr + blocks, 16), c2);
      pa = f64x2.add(pa, v128.and(f64x2.mul(d0, d0), k0));
      pb = f64x2.add(pb, v128.and(f64x2.mul(d1, d1), k1));
      qa = f64x2.add(qa, v128.and(f64x2.mul(e0, e0), k0));
      qb = f64x2.add(qb, v128.and(f64x2.mul(e1, e1), k1));
      ra = f64x2.add(ra, v128.and(f64x2.mul(g0, g0), k0));
      rb = f64x2.add(rb, v128.and(f64x2.mul(g1, g1), k1));
    }
  }
  store<f64>(out, m0);
  store<f64>(out, total(pa, pb), 8);
  store<f64>(out, m1, 16);
  store<f64>(out, total(qa, qb), 24);
  store<f64>(out, m2, 32);
  store<f64>(out, total(ra, rb), 40);
  store<f64>(out, <f64>dead, 48);
}

/** Means and Σ(v − c)² of dW and W: the first `cols` columns of G′ and W′ (rows of cols + 1). Writes out[0..3]. */
function matrixSums(g: usize, w: usize, rows: i32, cols: i32, out: usize): void {
  const rowBytes = <usize>(cols + 1) << 3;
  const colBytes = <usize>cols << 3;
  let s0: f64 = 0, s1: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = <usize>i * rowBytes;
    for (let at: usize = 0; at < colBytes; at += 8) {
      s0 += load<f64>(g + row + at);
      s1 += load<f64>(w + row + at);
    }
  }
  const n = <f64>rows * <f64>cols;
  const m0 = s0 / n, m1 = s1 / n;
  const c0 = centre(m0), c1 = centre(m1);
  let ss0: f64 = 0, ss1: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = <usize>i * rowBytes;
    for (let at: usize = 0; at < colBytes; at += 8) {
      const d0 = load<f64>(g + row + at) - c0;
      const d1 = load<f64>(w + row + at) - c1;
      ss0 += d0 * d0;
      ss1 += d1 * d1;
    }
  }
  store<f64>(out, m0);
  store<f64>(out, ss0, 8);
  store<f64>(out, m1, 16);
  store<f64>(out, ss1, 24);
}

/**
 * ‖W_prev‖_F and ‖W − W_prev‖_F over the first `cols` columns of W′ and its copy (rows of cols + 1),
 * diagnostics' `frobenius` (trainingStatistics.ts): each sum of squares scaled by its largest
 * magnitude so that it cannot overflow; a NaN, an infinite or a zero largest magnitude is returned
 * as the norm. Writes out[0..1].
 */
function frobeniusPair(w: usize, prev: usize, rows: i32, cols: i32, out: usize): void {
  const rowBytes = <usize>(cols + 1) << 3;
  const colBytes = <usize>cols << 3;
  let maxP: f64 = 0, maxD: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = <usize>i * rowBytes;
    for (let at: usize = 0; at < colBytes; at += 8) {
      const v = load<f64>(prev + row + at);
      const a = Math.abs(v);
      const d = Math.abs(load<f64>(w + row + at) - v);
      if (a > maxP || a != a) maxP = a;
      if (d > maxD || d != d) maxD = d;
    }
  }
  const scaleP = maxP > 0 && isFinite<f64>(maxP);
  const scaleD = maxD > 0 && isFinite<f64>(maxD);
  let ssP: f64 = 0, ssD: f64 = 0;
  if (scaleP || scaleD) {
    for (let i = 0; i < rows; i++) {
      const row = <usize>i * rowBytes;
      for (let at: usize = 0; at < colBytes; at += 8) {
        const v = load<f64>(prev + row + at);
        const a = v / maxP;
        const d = (load<f64>(w + row + at) - v) / maxD;
        ssP += a * a;
        ssD += d * d;
      }
    }
  }
  store<f64>(out, scaleP ? maxP * Math.sqrt(ssP) : maxP);
  store<f64>(out, scaleD ? maxD * Math.sqrt(ssD) : maxD, 8);
}
