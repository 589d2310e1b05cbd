// The optimizers' updates (src/train/optimizers.ts) as WebAssembly SIMD kernels: each call updates
// one tensor of n elements in place, named by byte offsets of its parameters w, gradients g and
// optimizer state (v, s, m) in this instance's memory, where the network already keeps them.
//
// Rounding contract (bit-identity with the TypeScript loops of src/kernels/updateJs.ts):
// - every element runs the same IEEE operations in the same order as the TypeScript code (wasm has
//   no fused multiply-add and no reassociation; sqrt and div are correctly rounded in both);
// - float32 tensors are computed as TypeScript computes them: each f32 is promoted to f64, the
//   arithmetic runs in f64, and a value is rounded to f32 once, when stored; the f64 (unrounded)
//   state feeds the parameter update, as in TypeScript where the local `vi` is a double;
// - the finiteness check is TypeScript's `check += g·0 + w·0` on the f64 values (NaN as soon as
//   one g or updated w is ±Infinity or NaN): returns 1 when every element passed, else 0.
// Two elements per vector in both formats, since the arithmetic is f64 either way.

// (A function, not an inlined v128 constant: asc 0.28 asserts on the latter.)
// @ts-ignore: decorator
@inline function zero(): v128 {
  return f64x2.splat(0.0);
}

/** Two consecutive elements at p as f64x2 (float32: promoted exactly). */
// @ts-ignore: decorator
@inline function ld2<T>(p: usize): v128 {
  if (sizeof<T>() == 8) return v128.load(p);
  return f64x2.promote_low_f32x4(v128.load_zero<u64>(p));
}

/** Stores both lanes at p (float32: each rounded to nearest once). */
// @ts-ignore: decorator
@inline function st2<T>(p: usize, x: v128): void {
  if (sizeof<T>() == 8) v128.store(p, x);
  else v128.store_lane<u64>(p, f32x4.demote_f64x2_zero(x), 0);
}

/** One element at p in both lanes (the odd tail: both lanes compute the same value). */
// @ts-ignore: decorator
@inline function ld1<T>(p: usize): v128 {
  if (sizeof<T>() == 8) return v128.load_splat<u64>(p);
  return f64x2.promote_low_f32x4(v128.load_splat<u32>(p));
}

/** Stores lane 0 at p. */
// @ts-ignore: decorator
@inline function st1<T>(p: usize, x: v128): void {
  if (sizeof<T>() == 8) v128.store_lane<u64>(p, x, 0);
  else v128.store_lane<u32>(p, f32x4.demote_f64x2_zero(x), 0);
}

// @ts-ignore: decorator
@inline function ld<T>(p: usize, one: bool): v128 {
  return one ? ld1<T>(p) : ld2<T>(p);
}

// @ts-ignore: decorator
@inline function st<T>(p: usize, x: v128, one: bool): void {
  if (one) st1<T>(p, x);
  else st2<T>(p, x);
}

/** TypeScript's g·0 + w·0: ±0 for finite g and w, NaN otherwise. */
// @ts-ignore: decorator
@inline function nonFinite(g: v128, w: v128): v128 {
  return f64x2.add(f64x2.mul(g, zero()), f64x2.mul(w, zero()));
}

// @ts-ignore: decorator
@inline function passed(check: v128): i32 {
  return <i32>i64x2.all_true(f64x2.eq(check, zero()));
}

// --- sgd: w ← w − lr·g ---------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function sgdAt<T>(w: usize, g: usize, lr: v128, one: bool): v128 {
  const gi = ld<T>(g, one);
  const wi = f64x2.sub(ld<T>(w, one), f64x2.mul(lr, gi));
  st<T>(w, wi, one);
  return nonFinite(gi, wi);
}

// @ts-ignore: decorator
@inline function sgd<T>(w: usize, g: usize, n: i32, lrS: f64): i32 {
  const lr = f64x2.splat(lrS);
  let check = zero();
  const pairEnd = <usize>(n & ~1) * sizeof<T>();
  for (let o: usize = 0; o < pairEnd; o += 2 * sizeof<T>()) check = f64x2.add(check, sgdAt<T>(w + o, g + o, lr, false));
  if (n & 1) check = f64x2.add(check, sgdAt<T>(w + pairEnd, g + pairEnd, lr, true));
  return passed(check);
}

export function optSgdF64(w: usize, g: usize, n: i32, lr: f64): i32 {
  return sgd<f64>(w, g, n, lr);
}
export function optSgdF32(w: usize, g: usize, n: i32, lr: f64): i32 {
  return sgd<f32>(w, g, n, lr);
}

// --- momentum / nesterov: v ← β·v + g;  w ← w − lr·v  or  w ← w − lr·(g + β·v) -----------------

// @ts-ignore: decorator
@inline function momentumAt<T>(w: usize, g: usize, v: usize, lr: v128, beta: v128, nesterov: bool, one: bool): v128 {
  const gi = ld<T>(g, one);
  const vi = f64x2.add(f64x2.mul(beta, ld<T>(v, one)), gi);
  st<T>(v, vi, one);
  const dir = nesterov ? f64x2.add(gi, f64x2.mul(beta, vi)) : vi;
  const wi = f64x2.sub(ld<T>(w, one), f64x2.mul(lr, dir));
  st<T>(w, wi, one);
  return nonFinite(gi, wi);
}

// @ts-ignore: decorator
@inline function momentum<T>(w: usize, g: usize, v: usize, n: i32, lrS: f64, betaS: f64, nesterov: bool): i32 {
  const lr = f64x2.splat(lrS);
  const beta = f64x2.splat(betaS);
  let check = zero();
  const pairEnd = <usize>(n & ~1) * sizeof<T>();
  for (let o: usize = 0; o < pairEnd; o += 2 * sizeof<T>()) {
    check = f64x2.add(check, momentumAt<T>(w + o, g + o, v + o, lr, beta, nesterov, false));
  }
  if (n & 1) check = f64x2.add(check, momentumAt<T>(w + pairEnd, g + pairEnd, v + pairEnd, lr, beta, nesterov, true));
  return passed(check);
}

export function optMomentumF64(w: usize, g: usize, v: usize, n: i32, lr: f64, beta: f64): i32 {
  return momentum<f64>(w, g, v, n, lr, beta, false);
}
export function optMomentumF32(w: usize, g: usize, v: usize, n: i32, lr: f64, beta: f64): i32 {
  return momentum<f32>(w, g, v, n, lr, beta, false);
}
export function optNesterovF64(w: usize, g: usize, v: usize, n: i32, lr: f64, beta: f64): i32 {
  return momentum<f64>(w, g, v, n, lr, beta, true);
}
export function optNesterovF32(w: usize, g: usize, v: usize, n: i32, lr: f64, beta: f64): i32 {
  return momentum<f32>(w, g, v, n, lr, beta, true);
}

// --- rmsprop: s ← ρ·s + ((1 − ρ)·g)·g;  w ← w − (lr·g)/(√s + ε) --------------------------------

// @ts-ignore: decorator
@inline function rmspropAt<T>(w: usize, g: usize, s: usize, lr: v128, rho: v128, c: v128, eps: v128, one: bool): v128 {
  const gi = ld<T>(g, one);
  const si = f64x2.add(f64x2.mul(rho, ld<T>(s, one)), f64x2.mul(f64x2.mul(c, gi), gi));
  st<T>(s, si, one);
  const wi = f64x2.sub(ld<T>(w, one), f64x2.div(f64x2.mul(lr, gi), f64x2.add(f64x2.sqrt(si), eps)));
  st<T>(w, wi, one);
  return nonFinite(gi, wi);
}

// @ts-ignore: decorator
@inline function rmsprop<T>(w: usize, g: usize, s: usize, n: i32, lrS: f64, rhoS: f64, cS: f64, epsS: f64): i32 {
  const lr = f64x2.splat(lrS);
  const rho = f64x2.splat(rhoS);
  const c = f64x2.splat(cS);
  const eps = f64x2.splat(epsS);
  let check = zero();
  const pairEnd = <usize>(n & ~1) * sizeof<T>();
  for (let o: usize = 0; o < pairEnd; o += 2 * sizeof<T>()) {
    check = f64x2.add(check, rmspropAt<T>(w + o, g + o, s + o, lr, rho, c, eps, false));
  }
  if (n & 1) check = f64x2.add(check, rmspropAt<T>(w + pairEnd, g + pairEnd, s + pairEnd, lr, rho, c, eps, true));
  return passed(check);
}

/** `oneMinusRho` is 1 − ρ computed by the caller (TypeScript's `1 - rho`). */
export function optRmspropF64(w: usize, g: usize, s: usize, n: i32, lr: f64, rho: f64, oneMinusRho: f64, eps: f64): i32 {
  return rmsprop<f64>(w, g, s, n, lr, rho, oneMinusRho, eps);
}
export function optRmspropF32(w: usize, g: usize, s: usize, n: i32, lr: f64, rho: f64, oneMinusRho: f64, eps: f64): i32 {
  return rmsprop<f32>(w, g, s, n, lr, rho, oneMinusRho, eps);
}

// --- adam: m ← β1·m + (1 − β1)·g;  v ← β2·v + ((1 − β2)·g)·g;  w ← w − (α·m)/(√v/√bc2 + ε) -------

// @ts-ignore: decorator
@inline function adamAt<T>(
  w: usize, g: usize, m: usize, v: usize, step: v128, b1: v128, c1: v128, b2: v128, c2: v128, bc2: v128, eps: v128, one: bool,
): v128 {
  const gi = ld<T>(g, one);
  const mi = f64x2.add(f64x2.mul(b1, ld<T>(m, one)), f64x2.mul(c1, gi));
  const vi = f64x2.add(f64x2.mul(b2, ld<T>(v, one)), f64x2.mul(f64x2.mul(c2, gi), gi));
  st<T>(m, mi, one);
  st<T>(v, vi, one);
  const den = f64x2.add(f64x2.div(f64x2.sqrt(vi), bc2), eps);
  const wi = f64x2.sub(ld<T>(w, one), f64x2.div(f64x2.mul(step, mi), den));
  st<T>(w, wi, one);
  return nonFinite(gi, wi);
}

// @ts-ignore: decorator
@inline function adam<T>(
  w: usize, g: usize, m: usize, v: usize, n: i32, stepS: f64, b1S: f64, c1S: f64, b2S: f64, c2S: f64, bc2S: f64, epsS: f64,
): i32 {
  const step = f64x2.splat(stepS);
  const b1 = f64x2.splat(b1S);
  const c1 = f64x2.splat(c1S);
  const b2 = f64x2.splat(b2S);
  const c2 = f64x2.splat(c2S);
  const bc2 = f64x2.splat(bc2S);
  const eps = f64x2.splat(epsS);
  let check = zero();
  const pairEnd = <usize>(n & ~1) * sizeof<T>();
  for (let o: usize = 0; o < pairEnd; o += 2 * sizeof<T>()) {
    check = f64x2.add(check, adamAt<T>(w + o, g + o, m + o, v + o, step, b1, c1, b2, c2, bc2, eps, false));
  }
  if (n & 1) {
    const o = pairEnd;
    check = f64x2.add(check, adamAt<T>(w + o, g + o, m + o, v + o, step, b1, c1, b2, c2, bc2, eps, true));
  }
  return passed(check);
}

/**
 * `stepSize` = lr/(1 − β1ᵗ) and `bc2Sqrt` = √(1 − β2ᵗ) are computed once per step by the caller,
 * as are `oneMinusBeta1` = 1 − β1 and `oneMinusBeta2` = 1 − β2.
 */
export function optAdamF64(
  w: usize, g: usize, m: usize, v: usize, n: i32, stepSize: f64, beta1: f64, oneMinusBeta1: f64, beta2: f64, oneMinusBeta2: f64, bc2Sqrt: f64, eps: f64,
): i32 {
  return adam<f64>(w, g, m, v, n, stepSize, beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps);
}
export function optAdamF32(
  w: usize, g: usize, m: usize, v: usize, n: i32, stepSize: f64, beta1: f64, oneMinusBeta1: f64, beta2: f64, oneMinusBeta2: f64, bc2Sqrt: f64, eps: f64,
): i32 {
  return adam<f32>(w, g, m, v, n, stepSize, beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps);
}
