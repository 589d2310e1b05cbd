// Small-matrix × sample-panel products, vectorized across samples (m is the contiguous
// dimension of every activation panel). Serves both products of the course's code that keep
// the sample dimension:
//   forward   z_l = W_l·a_{l-1} + b_l            (np.dot(W, a) + b, then relu or sigmoid)
//   backward  dz_{l-1} = (W_lᵀ·dz_l) ⊙ (a_{l-1} > 0)   (np.dot(W.T, dz) * np.int64(a_prev > 0))
//
// Blocking: 2 output rows × 8 samples = 8 f64x2 accumulators, kept in registers for the whole
// depth loop; each depth step loads 4 sample vectors (shared by both rows) and 2 splatted
// weights, then issues 8 independent multiply-adds — enough independent chains to hide the add
// latency. A leftover odd row uses 1 row × 16 samples, again 8 accumulators. Panels are padded
// to a multiple of 16 samples (SAMPLE_BLOCK), so there are no sample tails here.
//
// The bias: the forward product runs over W′ = [W | b] and an input panel whose last row is all
// ones, so b·1 = b is added last, after the dot product, as in np.dot(W, a) + b. Since b·1 = b
// exactly (every double, −0, ±Infinity and NaN included), the kernel adds the splatted b instead
// of loading the ones row and multiplying by it: the same sum, one load and one multiply less.
//
// Rounding contract (shared with src/kernels/jsKernels.ts, which must match bit for bit): each
// output adds the products in depth order t = 0, 1, … (the bias last); no fused multiply-add
// (wasm has none outside relaxed-simd, whose rounding is implementation-defined). The JS side
// starts each sum from +0; here the sum starts from the first product p0 (one add less). The two
// differ only when p0 = −0 and every later term is ±0 too, where the sum is −0 here and +0 there;
// every result of this file then goes through an epilogue that maps ±0 alike: relu (pmax(0, ±0) =
// +0), the output layer's sigmoid (1/(1 + exp(∓0)) = 0.5), or, for the backward step, the
// weight-gradient sums of gradient.ts, which start from +0 (a running sum from +0 never becomes −0
// in round-to-nearest, so ±0 terms leave it unchanged) and the next backward step (again such a
// sum, masked). So no value that leaves the kernels (outputs, activations, gradients, parameters)
// can tell the two apart.

/** Epilogue: hidden layers, relu(z) = z > 0 ? z : 0 (f64x2.pmax(0, z) is exactly that). */
export const EPILOGUE_RELU: i32 = 0;
/** Epilogue: store z as is (the output layer; its sigmoid is applied by output.ts). */
export const EPILOGUE_LINEAR: i32 = 1;
/** Epilogue: keep the sum where mask > 0, else +0 (the relu derivative of the backward pass). */
export const EPILOGUE_MASK: i32 = 2;

/** Samples per panel block: padded sample counts are multiples of this. */
export const SAMPLE_BLOCK: i32 = 16;

// @ts-ignore: decorator
@inline function finish(acc: v128, mode: i32, maskAt: usize): v128 {
  if (mode == EPILOGUE_RELU) return f64x2.pmax(f64x2.splat(0.0), acc);
  if (mode == EPILOGUE_MASK) return v128.and(acc, f64x2.gt(v128.load(maskAt), f64x2.splat(0.0)));
  return acc;
}

/*
 * dst[r, s] = epilogue(Σ_{t < depth} M[r, t] · src[t, s]) for r < rows and every padded sample s.
 * M[r, t] is the f64 at `w + r·rowStride + t·depthStride` (bytes), so one kernel does W′·A
 * (rowStride = row length of W′, depthStride = 8) and Wᵀ·dZ (rowStride = 8, depthStride = row
 * length of W′). `src`, `dst` and `mask` are panels with row stride `rowBytes` (= padded·8, a
 * multiple of SAMPLE_BLOCK·8); `mask` is read only in EPILOGUE_MASK mode. With `bias` (forward),
 * the last depth row of src is the ones row: M[r, depth − 1] is added as is, without reading src.
 * depth − (bias ? 1 : 0) must be at least 1 (every layer has an input and an output unit).
 */
// @ts-ignore: decorator
@inline function panelProduct(
  w: usize, rowStride: usize, depthStride: usize, depth: i32,
  src: usize, dst: usize, mask: usize, rows: i32, rowBytes: usize, mode: i32, bias: bool,
): void {
  const products = bias ? depth - 1 : depth;
  const biasAt = <usize>products * depthStride;
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const w0 = w + <usize>r * rowStride;
    const w1 = w0 + rowStride;
    const d0 = dst + <usize>r * rowBytes;
    const d1 = d0 + rowBytes;
    const m0 = mask + <usize>r * rowBytes;
    const m1 = m0 + rowBytes;
    for (let s: usize = 0; s < rowBytes; s += 64) {
      let sp = src + s;
      // t = 0: the sums start from the first product (see the rounding contract above).
      let c0 = v128.load64_splat(w0);
      let c1 = v128.load64_splat(w1);
      let x0 = v128.load(sp), x1 = v128.load(sp, 16), x2 = v128.load(sp, 32), x3 = v128.load(sp, 48);
      let a0 = f64x2.mul(c0, x0), a1 = f64x2.mul(c0, x1), a2 = f64x2.mul(c0, x2), a3 = f64x2.mul(c0, x3);
      let b0 = f64x2.mul(c1, x0), b1 = f64x2.mul(c1, x1), b2 = f64x2.mul(c1, x2), b3 = f64x2.mul(c1, x3);
      let wp = w0 + depthStride;
      sp += rowBytes;
      for (let t = 1; t < products; t++) {
        c0 = v128.load64_splat(wp);
        c1 = v128.load64_splat(wp + rowStride);
        x0 = v128.load(sp); x1 = v128.load(sp, 16); x2 = v128.load(sp, 32); x3 = v128.load(sp, 48);
        a0 = f64x2.add(a0, f64x2.mul(c0, x0));
        a1 = f64x2.add(a1, f64x2.mul(c0, x1));
        a2 = f64x2.add(a2, f64x2.mul(c0, x2));
        a3 = f64x2.add(a3, f64x2.mul(c0, x3));
        b0 = f64x2.add(b0, f64x2.mul(c1, x0));
        b1 = f64x2.add(b1, f64x2.mul(c1, x1));
        b2 = f64x2.add(b2, f64x2.mul(c1, x2));
        b3 = f64x2.add(b3, f64x2.mul(c1, x3));
        sp += rowBytes;
        wp += depthStride;
      }
      if (bias) {
        c0 = v128.load64_splat(w0 + biasAt);
        c1 = v128.load64_splat(w1 + biasAt);
        a0 = f64x2.add(a0, c0); a1 = f64x2.add(a1, c0); a2 = f64x2.add(a2, c0); a3 = f64x2.add(a3, c0);
        b0 = f64x2.add(b0, c1); b1 = f64x2.add(b1, c1); b2 = f64x2.add(b2, c1); b3 = f64x2.add(b3, c1);
      }
      v128.store(d0 + s, finish(a0, mode, m0 + s));
      v128.store(d0 + s, finish(a1, mode, m0 + s + 16), 16);
      v128.store(d0 + s, finish(a2, mode, m0 + s + 32), 32);
      v128.store(d0 + s, finish(a3, mode, m0 + s + 48), 48);
      v128.store(d1 + s, finish(b0, mode, m1 + s));
      v128.store(d1 + s, finish(b1, mode, m1 + s + 16), 16);
      v128.store(d1 + s, finish(b2, mode, m1 + s + 32), 32);
      v128.store(d1 + s, finish(b3, mode, m1 + s + 48), 48);
    }
  }
  if (r < rows) {
    // Odd row count: one row, 16 samples per block, still 8 independent accumulators.
    const w0 = w + <usize>r * rowStride;
    const d0 = dst + <usize>r * rowBytes;
    const m0 = mask + <usize>r * rowBytes;
    for (let s: usize = 0; s < rowBytes; s += 128) {
      let sp = src + s;
      let c0 = v128.load64_splat(w0);
      let a0 = f64x2.mul(c0, v128.load(sp)), a1 = f64x2.mul(c0, v128.load(sp, 16));
      let a2 = f64x2.mul(c0, v128.load(sp, 32)), a3 = f64x2.mul(c0, v128.load(sp, 48));
      let a4 = f64x2.mul(c0, v128.load(sp, 64)), a5 = f64x2.mul(c0, v128.load(sp, 80));
      let a6 = f64x2.mul(c0, v128.load(sp, 96)), a7 = f64x2.mul(c0, v128.load(sp, 112));
      let wp = w0 + depthStride;
      sp += rowBytes;
      for (let t = 1; t < products; t++) {
        c0 = v128.load64_splat(wp);
        a0 = f64x2.add(a0, f64x2.mul(c0, v128.load(sp)));
        a1 = f64x2.add(a1, f64x2.mul(c0, v128.load(sp, 16)));
        a2 = f64x2.add(a2, f64x2.mul(c0, v128.load(sp, 32)));
        a3 = f64x2.add(a3, f64x2.mul(c0, v128.load(sp, 48)));
        a4 = f64x2.add(a4, f64x2.mul(c0, v128.load(sp, 64)));
        a5 = f64x2.add(a5, f64x2.mul(c0, v128.load(sp, 80)));
        a6 = f64x2.add(a6, f64x2.mul(c0, v128.load(sp, 96)));
        a7 = f64x2.add(a7, f64x2.mul(c0, v128.load(sp, 112)));
        sp += rowBytes;
        wp += depthStride;
      }
      if (bias) {
        c0 = v128.load64_splat(w0 + biasAt);
        a0 = f64x2.add(a0, c0); a1 = f64x2.add(a1, c0); a2 = f64x2.add(a2, c0); a3 = f64x2.add(a3, c0);
        a4 = f64x2.add(a4, c0); a5 = f64x2.add(a5, c0); a6 = f64x2.add(a6, c0); a7 = f64x2.add(a7, c0);
      }
      v128.store(d0 + s, finish(a0, mode, m0 + s));
      v128.store(d0 + s, finish(a1, mode, m0 + s + 16), 16);
      v128.store(d0 + s, finish(a2, mode, m0 + s + 32), 32);
      v128.store(d0 + s, finish(a3, mode, m0 + s + 48), 48);
      v128.store(d0 + s, finish(a4, mode, m0 + s + 64), 64);
      v128.store(d0 + s, finish(a5, mode, m0 + s + 80), 80);
      v128.store(d0 + s, finish(a6, mode, m0 + s + 96), 96);
      v128.store(d0 + s, finish(a7, mode, m0 + s + 112), 112);
    }
  }
}

// The epilogue mode is a compile-time constant in each of the three entry points below, so the
// inlined body carries no per-store branch.

/** Forward pass of a hidden layer: dst = relu(W′·src) (W′ = [W | b], src ends with a ones row). */
export function forwardRelu(w: usize, rowStride: usize, depth: i32, src: usize, dst: usize, rows: i32, rowBytes: usize): void {
  panelProduct(w, rowStride, 8, depth, src, dst, 0, rows, rowBytes, EPILOGUE_RELU, true);
}

/** Forward pass of the output layer before its sigmoid: dst = W′·src. */
export function forwardLinear(w: usize, rowStride: usize, depth: i32, src: usize, dst: usize, rows: i32, rowBytes: usize): void {
  panelProduct(w, rowStride, 8, depth, src, dst, 0, rows, rowBytes, EPILOGUE_LINEAR, true);
}

/**
 * Backward step through a hidden layer: dst = (Wᵀ·dz) ⊙ (mask > 0), where W is the first `rows`
 * columns of W′ (row length `weightRowBytes`), dz has `depth` rows and mask = a_{l-1}.
 */
export function backwardMasked(w: usize, weightRowBytes: usize, depth: i32, dz: usize, dst: usize, mask: usize, rows: i32, rowBytes: usize): void {
  panelProduct(w, 8, weightRowBytes, depth, dz, dst, mask, rows, rowBytes, EPILOGUE_MASK, false);
}
