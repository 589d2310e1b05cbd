/**
 * Plain-TypeScript twins of assembly/gemm.ts over whole-memory typed arrays, offsets in ELEMENTS.
 * They follow the same rounding contract: each entry starts from its bias (forward) or +0 and adds
 * the rounded products one at a time in inner-index order, so float64 results equal the wasm
 * kernels' and src/nn/matmul.ts's bit for bit. The float32 versions round every product and every
 * sum to float32 (Math.fround, or the store into a Float32Array): IEEE float32 arithmetic, since a
 * float64 sum or product of two float32 values rounded once more to float32 equals the correctly
 * rounded float32 result (53 ≥ 2·24 + 2), which is what wasm's f32x4/f32 instructions compute.
 * Loop orders stream contiguous rows (i-k-j for the products that keep the batch dimension).
 */

/** Z = W·A + b (b < 0: no bias), then relu when asked; float64. */
export function forwardF64(h: Float64Array, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean): void {
  for (let i = 0; i < out; i++) {
    const zi = z + i * m;
    const bi = b >= 0 ? h[b + i]! : 0;
    for (let s = 0; s < m; s++) h[zi + s] = bi;
    for (let k = 0; k < inn; k++) {
      const c = h[w + i * inn + k]!;
      const ak = a + k * m;
      for (let s = 0; s < m; s++) h[zi + s] = h[zi + s]! + c * h[ak + s]!;
    }
    if (relu) for (let s = 0; s < m; s++) h[zi + s] = h[zi + s]! > 0 ? h[zi + s]! : 0;
  }
}

/** Z = W·A + b (b < 0: no bias), then relu when asked; float32. */
export function forwardF32(h: Float32Array, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean): void {
  for (let i = 0; i < out; i++) {
    const zi = z + i * m;
    const bi = b >= 0 ? h[b + i]! : 0;
    for (let s = 0; s < m; s++) h[zi + s] = bi;
    for (let k = 0; k < inn; k++) {
      const c = h[w + i * inn + k]!;
      const ak = a + k * m;
      // The store rounds the sum to float32; the product is rounded before the add.
      for (let s = 0; s < m; s++) h[zi + s] = h[zi + s]! + Math.fround(c * h[ak + s]!);
    }
    if (relu) for (let s = 0; s < m; s++) h[zi + s] = h[zi + s]! > 0 ? h[zi + s]! : 0;
  }
}

/** dA = Wᵀ·dZ, then mask[k, s] > 0 ? dA[k, s] : 0 when mask ≥ 0; float64. */
export function inputGradsF64(h: Float64Array, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number): void {
  for (let k = 0; k < inn; k++) {
    const dk = da + k * m;
    for (let s = 0; s < m; s++) h[dk + s] = 0;
    for (let i = 0; i < out; i++) {
      const c = h[w + i * inn + k]!;
      const di = dz + i * m;
      for (let s = 0; s < m; s++) h[dk + s] = h[dk + s]! + c * h[di + s]!;
    }
    if (mask >= 0) {
      const mk = mask + k * m;
      for (let s = 0; s < m; s++) h[dk + s] = h[mk + s]! > 0 ? h[dk + s]! : 0;
    }
  }
}

/** dA = Wᵀ·dZ, then mask[k, s] > 0 ? dA[k, s] : 0 when mask ≥ 0; float32. */
export function inputGradsF32(h: Float32Array, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number): void {
  for (let k = 0; k < inn; k++) {
    const dk = da + k * m;
    for (let s = 0; s < m; s++) h[dk + s] = 0;
    for (let i = 0; i < out; i++) {
      const c = h[w + i * inn + k]!;
      const di = dz + i * m;
      for (let s = 0; s < m; s++) h[dk + s] = h[dk + s]! + Math.fround(c * h[di + s]!);
    }
    if (mask >= 0) {
      const mk = mask + k * m;
      for (let s = 0; s < m; s++) h[dk + s] = h[mk + s]! > 0 ? h[dk + s]! : 0;
    }
  }
}

/** dW = dZ·Aᵀ and db = row sums of dZ; float64. */
export function weightGradsF64(h: Float64Array, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number): void {
  for (let i = 0; i < out; i++) {
    const di = dz + i * m;
    let sum = 0;
    for (let s = 0; s < m; s++) sum += h[di + s]!;
    h[db + i] = sum;
    for (let k = 0; k < inn; k++) {
      const ak = a + k * m;
      let acc = 0;
      for (let s = 0; s < m; s++) acc = acc + h[di + s]! * h[ak + s]!;
      h[dw + i * inn + k] = acc;
    }
  }
}

/** dW = dZ·Aᵀ and db = row sums of dZ; float32. */
export function weightGradsF32(h: Float32Array, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number): void {
  const f = Math.fround;
  for (let i = 0; i < out; i++) {
    const di = dz + i * m;
    let sum = 0;
    for (let s = 0; s < m; s++) sum = f(sum + h[di + s]!);
    h[db + i] = sum;
    for (let k = 0; k < inn; k++) {
      const ak = a + k * m;
      let acc = 0;
      for (let s = 0; s < m; s++) acc = f(acc + f(h[di + s]! * h[ak + s]!));
      h[dw + i * inn + k] = acc;
    }
  }
}
