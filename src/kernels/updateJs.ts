/*
 * The optimizers' updates (src/train/optimizers.ts) as plain TypeScript loops: one tensor of n
 * elements updated in place, parameters w, gradients g and state (v, s, m) each an array of at
 * least n elements (on the js backend, views into the network's memory). These are the reference
 * semantics that assembly/optim.ts reproduces bit for bit:
 * - float32 arrays are read as doubles, the arithmetic runs in float64 and each stored value is
 *   rounded once by the Float32Array store; the unrounded double state feeds the parameter update;
 * - `check += g·0 + w·0` becomes NaN as soon as a gradient or an updated parameter (as a double)
 *   is ±Infinity or NaN; each function returns that sum (±0 when all passed).
 *
 * Why one function per optimizer AND per format, each a single straight loop over arrays indexed
 * from 0: V8 optimizes a loop for the element kinds it has seen, so one loop fed both Float64Array
 * and Float32Array turns polymorphic (1.3–1.8× slower in float32, bench/optimizer-bench.mjs); a
 * per-element `nesterov ? … : …` that V8 does not hoist costs 1.5× on momentum; and indexing one
 * whole-memory view at offset + i costs ~1.2× against per-tensor views (micro-benchmarks on
 * 120,897 doubles, best of 15).
 */

export function sgdF64(w: Float64Array, g: Float64Array, n: number, lr: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const wi = w[i]! - lr * gi;
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function sgdF32(w: Float32Array, g: Float32Array, n: number, lr: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const wi = w[i]! - lr * gi;
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function momentumF64(w: Float64Array, g: Float64Array, v: Float64Array, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const vi = beta * v[i]! + gi;
    v[i] = vi;
    const wi = w[i]! - lr * vi;
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function momentumF32(w: Float32Array, g: Float32Array, v: Float32Array, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const vi = beta * v[i]! + gi;
    v[i] = vi;
    const wi = w[i]! - lr * vi;
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function nesterovF64(w: Float64Array, g: Float64Array, v: Float64Array, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const vi = beta * v[i]! + gi;
    v[i] = vi;
    const wi = w[i]! - lr * (gi + beta * vi);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function nesterovF32(w: Float32Array, g: Float32Array, v: Float32Array, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const vi = beta * v[i]! + gi;
    v[i] = vi;
    const wi = w[i]! - lr * (gi + beta * vi);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

/** `c` = 1 − ρ, computed once by the caller. */
export function rmspropF64(w: Float64Array, g: Float64Array, s: Float64Array, n: number, lr: number, rho: number, c: number, eps: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const si = rho * s[i]! + c * gi * gi;
    s[i] = si;
    const wi = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function rmspropF32(w: Float32Array, g: Float32Array, s: Float32Array, n: number, lr: number, rho: number, c: number, eps: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const si = rho * s[i]! + c * gi * gi;
    s[i] = si;
    const wi = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

/** Adam's per-step constants, computed once per step by the optimizer. */
export interface AdamConstants {
  /** lr/(1 − β1ᵗ). */
  stepSize: number;
  beta1: number;
  /** 1 − β1. */
  c1: number;
  beta2: number;
  /** 1 − β2. */
  c2: number;
  /** √(1 − β2ᵗ). */
  bc2Sqrt: number;
  eps: number;
}

export function adamF64(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, n: number, k: AdamConstants): number {
  const { stepSize, beta1, c1, beta2, c2, bc2Sqrt, eps } = k;
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + c1 * gi;
    const vi = beta2 * v[i]! + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    const wi = w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function adamF32(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, k: AdamConstants): number {
  const { stepSize, beta1, c1, beta2, c2, bc2Sqrt, eps } = k;
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + c1 * gi;
    const vi = beta2 * v[i]! + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    const wi = w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    w[i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}
