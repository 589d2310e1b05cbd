/*
 * The optimizers' updates (src/train/optimizers.ts) as plain TypeScript loops: one tensor of n
 * elements updated in place, parameters w at w[wo…], gradients g at g[go…], state at s[so…] (the
 * arrays may be one whole-memory view, then the offsets are element indices into it). These are
 * the reference semantics that assembly/optim.ts reproduces bit for bit:
 * - float32 arrays are read as doubles, the arithmetic runs in float64 and each stored value is
 *   rounded once by the Float32Array store; the unrounded double state feeds the parameter update;
 * - `check += g·0 + w·0` becomes NaN as soon as a gradient or an updated parameter (as a double)
 *   is ±Infinity or NaN; each function returns that sum (±0 when all passed).
 *
 * Why one function per optimizer AND per format, each with a single straight loop: V8 optimizes a
 * loop for the element kinds it has seen, so one loop fed both Float64Array and Float32Array turns
 * polymorphic, and a per-element choice (nesterov or not, weights or biases) that V8 cannot hoist
 * out of the loop costs about as much as the arithmetic (measured: the former momentum step, with
 * `nesterov ? … : …` inside its loop, ran at 2× the time of the same loop without it).
 */

export function sgdF64(w: Float64Array, wo: number, g: Float64Array, go: number, n: number, lr: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const wi = w[wo + i]! - lr * gi;
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function sgdF32(w: Float32Array, wo: number, g: Float32Array, go: number, n: number, lr: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const wi = w[wo + i]! - lr * gi;
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function momentumF64(w: Float64Array, wo: number, g: Float64Array, go: number, v: Float64Array, vo: number, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const vi = beta * v[vo + i]! + gi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - lr * vi;
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function momentumF32(w: Float32Array, wo: number, g: Float32Array, go: number, v: Float32Array, vo: number, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const vi = beta * v[vo + i]! + gi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - lr * vi;
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function nesterovF64(w: Float64Array, wo: number, g: Float64Array, go: number, v: Float64Array, vo: number, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const vi = beta * v[vo + i]! + gi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - lr * (gi + beta * vi);
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function nesterovF32(w: Float32Array, wo: number, g: Float32Array, go: number, v: Float32Array, vo: number, n: number, lr: number, beta: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const vi = beta * v[vo + i]! + gi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - lr * (gi + beta * vi);
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

/** `c` = 1 − ρ, computed once by the caller. */
export function rmspropF64(w: Float64Array, wo: number, g: Float64Array, go: number, s: Float64Array, so: number, n: number, lr: number, rho: number, c: number, eps: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const si = rho * s[so + i]! + c * gi * gi;
    s[so + i] = si;
    const wi = w[wo + i]! - (lr * gi) / (Math.sqrt(si) + eps);
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function rmspropF32(w: Float32Array, wo: number, g: Float32Array, go: number, s: Float32Array, so: number, n: number, lr: number, rho: number, c: number, eps: number): number {
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const si = rho * s[so + i]! + c * gi * gi;
    s[so + i] = si;
    const wi = w[wo + i]! - (lr * gi) / (Math.sqrt(si) + eps);
    w[wo + i] = wi;
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

export function adamF64(w: Float64Array, wo: number, g: Float64Array, go: number, m: Float64Array, mo: number, v: Float64Array, vo: number, n: number, k: AdamConstants): number {
  const { stepSize, beta1, c1, beta2, c2, bc2Sqrt, eps } = k;
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const mi = beta1 * m[mo + i]! + c1 * gi;
    const vi = beta2 * v[vo + i]! + c2 * gi * gi;
    m[mo + i] = mi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}

export function adamF32(w: Float32Array, wo: number, g: Float32Array, go: number, m: Float32Array, mo: number, v: Float32Array, vo: number, n: number, k: AdamConstants): number {
  const { stepSize, beta1, c1, beta2, c2, bc2Sqrt, eps } = k;
  let check = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const mi = beta1 * m[mo + i]! + c1 * gi;
    const vi = beta2 * v[vo + i]! + c2 * gi * gi;
    m[mo + i] = mi;
    v[vo + i] = vi;
    const wi = w[wo + i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    w[wo + i] = wi;
    check += gi * 0 + wi * 0;
  }
  return check;
}
