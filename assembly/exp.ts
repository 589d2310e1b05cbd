// exp(x) for the sigmoid output layer: a line-for-line port of fdlibm's __ieee754_exp
// (FreeBSD msun e_exp.c, as carried by V8's src/base/ieee754.cc, which is what JavaScript's
// Math.exp runs in Node). Why not AssemblyScript's NativeMath.exp: the JS fallback
// (src/kernels/exp.ts) ports the very same algorithm, so both backends compute bit-identical
// sigmoids and therefore bit-identical training runs. The algorithm is < 1 ulp accurate.
//
// Overflow behaves as the course needs: exp(x > 709.78) = +Infinity, so 1/(1+exp(-z)) = 0
// exactly for z < -709.78 — a saturated unit, never NaN. The sigmoid itself is at the end.

// @ts-ignore: decorator
@inline const O_THRESHOLD: f64 = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
// @ts-ignore: decorator
@inline const U_THRESHOLD: f64 = -7.45133219101941108420e+02; // 0xC0874910 D52D3051
// @ts-ignore: decorator
@inline const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
// @ts-ignore: decorator
@inline const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
// @ts-ignore: decorator
@inline const INV_LN2: f64 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
// @ts-ignore: decorator
@inline const P1: f64 = 1.66666666666666019037e-01;
// @ts-ignore: decorator
@inline const P2: f64 = -2.77777777770155933842e-03;
// @ts-ignore: decorator
@inline const P3: f64 = 6.61375632143793436117e-05;
// @ts-ignore: decorator
@inline const P4: f64 = -1.65339022054652515390e-06;
// @ts-ignore: decorator
@inline const P5: f64 = 4.13813679705723846039e-08;
// @ts-ignore: decorator
@inline const E: f64 = 2.718281828459045; // V8 special-cases exp(1) to return the correctly rounded e
// @ts-ignore: decorator
@inline const TWO_M1000: f64 = 9.33263618503218878990e-302; // 2^-1000
// @ts-ignore: decorator
@inline const TWO_1023: f64 = 8.988465674311579539e307; // 2^1023

/** 2^k as a double for k in [-1022, 1023], built from its exponent bits (exact). */
// @ts-ignore: decorator
@inline function twoPow(k: i32): f64 {
  return reinterpret<f64>(<i64>(0x3ff + k) << 52);
}

/** fdlibm exp: exp(x) with < 1 ulp error; ±Infinity and NaN handled as IEEE says. */
export function fdlibmExp(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  let hx = <u32>(bits >>> 32);
  const xsb = <i32>(hx >>> 31);
  hx &= 0x7fffffff;
  let hi: f64 = 0.0;
  let lo: f64 = 0.0;
  let k: i32 = 0;

  // Filter out non-finite and out-of-range arguments.
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if ((bits & 0x000fffffffffffff) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // exp(+-inf) = {inf, 0}
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0.0;
  }

  // Argument reduction: x = k·ln2 + r, |r| <= 0.5·ln2, with ln2 split in hi/lo parts.
  if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      if (x == 1.0) return E;
      if (xsb == 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
      else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = <i32>(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI; // t·LN2_HI is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) { // |x| < 2^-28
    return 1.0 + x;
  } else {
    k = 0;
  }

  // x is now in the primary range: rational approximation of exp(r).
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * twoPow(k);
  }
  return y * twoPow(k + 1000) * TWO_M1000;
}

// ---- Two lanes at a time ---------------------------------------------------------------------
// The same algorithm on f64x2, lane for lane bit-identical to fdlibmExp. The sigmoid needs
// e^(−z), so the vector code takes z = −x and computes e^(−z) with every operation that involves
// x written as the exact negation of fdlibm's (round-to-nearest is symmetric: fl(−a) = −fl(a)),
// which spares a negation per pair: fdlibm's hi, lo, r and c are carried as −hi, −lo, −r, −c.
//
// Every lane with 2^-28 <= |x|, x != 1 and GENERAL_MIN <= x <= O_THRESHOLD takes fdlibm's general
// path, written branch-free (the other lanes belong to fdlibm's special branches: |x| < 2^-28,
// x = 1, NaN, ±Infinity, overflow, and the two-step scaling below −708 that rounds into the
// subnormals). Why that path is exact for all of them: for |x| < 0.5·ln2 fdlibm skips the
// reduction (k = 0); taking k = 0 through the general path gives hi = x − 0·LN2_HI = x, lo = 0,
// r = x, and 1 − ((0 − xc/(2−c)) − x) equals fdlibm's 1 − (xc/(c−2) − x) exactly (negation is
// exact). For 0.5·ln2 <= |x| < 1.5·ln2 fdlibm sets k = ±1 directly, which trunc(x/ln2 ± 0.5) also
// yields there, and x − (±1)·LN2_HI and (±1)·LN2_LO are exact. Finally the scaling: over this
// range k runs from −1021 to 1024, where fdlibm computes y·2^k (one rounding of the exact y·2^k),
// or (y·2)·2^1023 for k = 1024 (y·2 is exact, so again one rounding of y·2^k). Here it is
// (y + y)·2^(k−1) for every lane: y + y is exact and 2^(k−1), with k − 1 in [−1022, 1023], is a
// normal double built from its exponent bits, so the product is that same single rounding of
// y·2^k — even where it overflows to Infinity or, for the sigmoid's 1/(1 + e^x), where the
// result is subnormal.

// @ts-ignore: decorator
@inline const HALF_LN2_BOUND: f64 = 0.3465735912322998; // high word 0x3FD62E43: |x| >= this ⟺ hx > 0x3FD62E42
// @ts-ignore: decorator
@inline const TWO_M28: f64 = 3.725290298461914e-9; // 2^-28: |x| < this ⟺ hx < 0x3E300000
// 1.5·2^52 + 1022: for an integer k in [−1022, 1023], k + this is exact and its bits end in those
// of k + 1022, the biased exponent of 2^(k−1), which a shift left by 52 moves into place (the
// shift drops every higher bit).
// @ts-ignore: decorator
@inline const ROUND_MAGIC_1022: f64 = 6755399441056766.0;
// @ts-ignore: decorator
@inline const GENERAL_MIN: f64 = -708.0; // below this, k < -1021: fdlibm scales in two steps
/**
 * The sigmoid's saturation bound on x = −z: for x <= SIGMOID_ONE_X, e^x <= e^-40 < 2^-57, and
 * fdlibmExp (< 1 ulp, or 0 below U_THRESHOLD) stays below 2^-53, half an ulp of 1, so 1 + e^x
 * rounds to exactly 1 and 1/(1 + e^x) = 1. Shared with src/kernels/exp.ts.
 */
// @ts-ignore: decorator
@inline export const SIGMOID_ONE_X: f64 = -40.0;
/**
 * The two-lane sigmoid clamps x = −z to at most this (see sigmoid2): every x in
 * (O_THRESHOLD, SIGMOID_ZERO_X] gives +Infinity on the general path.
 */
// @ts-ignore: decorator
@inline const SIGMOID_ZERO_X: f64 = 710.0;

// The vector constants live in memory, each duplicated in both lanes: V8 materializes an inline
// v128.const with several instructions at every use inside the loop, a load is one.
const LANES = memory.data<f64>([
  0.5, 0.5, -0.0, -0.0, HALF_LN2_BOUND, HALF_LN2_BOUND, -INV_LN2, -INV_LN2,
  LN2_HI, LN2_HI, -LN2_LO, -LN2_LO, P1, P1, P2, P2,
  P3, P3, P4, P4, P5, P5, 2.0, 2.0,
  1.0, 1.0, TWO_M28, TWO_M28, GENERAL_MIN, GENERAL_MIN, ROUND_MAGIC_1022, ROUND_MAGIC_1022,
  -1.0, -1.0, O_THRESHOLD, O_THRESHOLD, -SIGMOID_ONE_X, -SIGMOID_ONE_X, -SIGMOID_ZERO_X, -SIGMOID_ZERO_X,
], 16);

// Indices into LANES.
// @ts-ignore: decorator
@inline const C_HALF: i32 = 0;
// @ts-ignore: decorator
@inline const C_SIGN: i32 = 1;
// @ts-ignore: decorator
@inline const C_HALF_LN2: i32 = 2;
// @ts-ignore: decorator
@inline const C_NEG_INV_LN2: i32 = 3;
// @ts-ignore: decorator
@inline const C_LN2_HI: i32 = 4;
// @ts-ignore: decorator
@inline const C_NEG_LN2_LO: i32 = 5;
// @ts-ignore: decorator
@inline const C_P1: i32 = 6;
// @ts-ignore: decorator
@inline const C_TWO: i32 = 11;
// @ts-ignore: decorator
@inline const C_ONE: i32 = 12;
// @ts-ignore: decorator
@inline const C_TWO_M28: i32 = 13;
// @ts-ignore: decorator
@inline const C_GENERAL_MIN: i32 = 14;
// @ts-ignore: decorator
@inline const C_MAGIC_1022: i32 = 15;
// @ts-ignore: decorator
@inline const C_NEG_ONE: i32 = 16;
// @ts-ignore: decorator
@inline const C_O_THRESHOLD: i32 = 17;
// @ts-ignore: decorator
@inline const C_SIGMOID_ONE_Z: i32 = 18; // −SIGMOID_ONE_X, the bound as a value of z
// @ts-ignore: decorator
@inline const C_SIGMOID_ZERO_Z: i32 = 19; // −SIGMOID_ZERO_X

/** The lane-duplicated constant number `i` of LANES. */
// @ts-ignore: decorator
@inline function lanes(i: i32): v128 {
  return v128.load(LANES + (<usize>i << 4));
}

/**
 * e^(−z) by fdlibm's general path on both lanes: bit-identical to fdlibmExp(x), x = −z, for
 * every lane with 2^-28 <= |x|, x != 1 and GENERAL_MIN <= x <= O_THRESHOLD (see above). `az`
 * serves only to pick the lanes with |z| >= 0.5·ln2: |z| itself, or anything on the same side.
 */
// @ts-ignore: decorator
@inline function expNeg(z: v128, az: v128): v128 {
  // k: 0 below 0.5·ln2, else trunc(x/ln2 ± 0.5) (as a double; exact small integer), the ±0.5
  // having the sign of x: −0.5 where z's sign bit is clear. (−INV_LN2)·z = INV_LN2·x exactly.
  const half = v128.or(lanes(C_HALF), v128.andnot(lanes(C_SIGN), z));
  const reduce = f64x2.ge(az, lanes(C_HALF_LN2));
  const k = v128.and(f64x2.trunc(f64x2.add(f64x2.mul(lanes(C_NEG_INV_LN2), z), half)), reduce);
  // fdlibm: hi = x − k·LN2_HI, lo = k·LN2_LO, r = hi − lo. Here their negations.
  const hiN = f64x2.add(z, f64x2.mul(k, lanes(C_LN2_HI)));
  const loN = f64x2.mul(k, lanes(C_NEG_LN2_LO));
  const rN = f64x2.sub(hiN, loN);

  // fdlibm: c = r − t·(P1 + t·(P2 + …)), t = r·r; here −c = (−r) + t·(…).
  const t = f64x2.mul(rN, rN);
  let p = f64x2.mul(t, lanes(C_P1 + 4));
  p = f64x2.mul(t, f64x2.add(lanes(C_P1 + 3), p));
  p = f64x2.mul(t, f64x2.add(lanes(C_P1 + 2), p));
  p = f64x2.mul(t, f64x2.add(lanes(C_P1 + 1), p));
  p = f64x2.mul(t, f64x2.add(lanes(C_P1), p));
  const cN = f64x2.add(rN, p);
  // fdlibm: y = 1 − ((lo − r·c/(2 − c)) − hi); (−r)(−c) = r·c, 2 + (−c) = 2 − c, and
  // (lo − q) − hi = (−hi) − ((−lo) + q).
  const q = f64x2.div(f64x2.mul(rN, cN), f64x2.add(lanes(C_TWO), cN));
  const y = f64x2.sub(lanes(C_ONE), f64x2.sub(hiN, f64x2.add(loN, q)));

  // (y + y)·2^(k−1), 2^(k−1) from its exponent bits.
  return f64x2.mul(f64x2.add(y, y), i64x2.shl(f64x2.add(k, lanes(C_MAGIC_1022)), 52));
}

/** e^x for both lanes of `x`, each lane bit-identical to fdlibmExp. */
// @ts-ignore: decorator
@inline export function fdlibmExp2(x: v128): v128 {
  const ax = f64x2.abs(x);
  // Lanes outside the general path (see above; NaN fails every comparison) are rare: such a pair
  // simply goes through the scalar code.
  const general = v128.and(
    v128.and(f64x2.ge(ax, lanes(C_TWO_M28)), f64x2.ne(x, lanes(C_ONE))),
    v128.and(f64x2.ge(x, lanes(C_GENERAL_MIN)), f64x2.le(x, lanes(C_O_THRESHOLD))),
  );
  if (!i64x2.all_true(general)) {
    return f64x2(fdlibmExp(f64x2.extract_lane(x, 0)), fdlibmExp(f64x2.extract_lane(x, 1)));
  }
  return expNeg(f64x2.neg(x), ax);
}

// ---- The sigmoid -----------------------------------------------------------------------------
// sigmoid(z) = 1 / (1 + exp(-z)), bit-identical to computing exactly that with fdlibmExp, for
// every z (src/kernels/exp.ts `sigmoid` is the same function). With x = −z:
//   x > O_THRESHOLD:          exp(x) = +Infinity, so sigmoid = 1/(1 + Infinity) = +0;
//   x <= SIGMOID_ONE_X (−40): exp(x) < 2^-53, so 1 + exp(x) = 1 and sigmoid = 1;
//   otherwise fdlibm's exp, whose general path (above) covers every such x but |x| < 2^-28
//   (exp = 1 + x), x = 1 (exp = E) and NaN.
// That includes 708 <= x <= O_THRESHOLD, where exp(x) is finite but 1/(1 + exp(x)) is below
// 2^-1022 (subnormal from x = 1022·ln2 ≈ 708.4 on): the general path gives exactly fdlibm's exp.
//
// The two-lane version saturates by clamping x to [SIGMOID_ONE_X, SIGMOID_ZERO_X] = [−40, 710]
// (z to [−710, 40]) and computing the general path there, with no select:
//  - a lane clamped up to −40 gets exp(−40) < 2^-53, hence exactly 1, like every x <= −40;
//  - every x in (O_THRESHOLD, 710] gets exp = +Infinity from the general path, hence exactly +0.
//    There k = trunc(x/ln2 + 0.5) = 1024 (x/ln2 lies in (1024, 1024.32]); hi = x − 1024·LN2_HI is
//    exact (Sterbenz) and hi − lo = x − 1024·(LN2_HI + LN2_LO) > 0, because the double after
//    O_THRESHOLD exceeds 1024·ln2 = 709.78271289338400 by 9e-14 (O_THRESHOLD itself lies below
//    it by 2e-14). So r > 0, c ≈ r > 0, q = r·c/(2 − c) >= 0, (lo − q) − hi <= lo − hi < 0
//    (rounding is monotone and keeps the sign), y = 1 − that >= 1, y + y >= 2 and
//    (y + y)·2^1023 >= 2^1024 rounds to +Infinity. (Beyond 1024.5·ln2 ≈ 710.13 k would reach 1025
//    and the exponent bits would wrap; the clamp stays below.)
// The clamps keep every intermediate a normal number, so saturated lanes cost what others do.
// A pair with a lane at |x| < 2^-28, x = 1 or NaN (none of which the course's trained networks
// produce in practice, but zero weights give z = 0 everywhere) takes the scalar code.

/** sigmoid(z) = 1/(1 + exp(−z)) on one double, with the two saturated ranges answered directly. */
export function sigmoid(z: f64): f64 {
  const x = -z;
  if (x > O_THRESHOLD) return 0.0;
  if (x <= SIGMOID_ONE_X) return 1.0;
  return 1.0 / (1.0 + fdlibmExp(x));
}

/** sigmoid on both lanes of `z`, each lane bit-identical to `sigmoid` (and to 1/(1 + fdlibmExp(−z))). */
// @ts-ignore: decorator
@inline export function sigmoid2(z: v128): v128 {
  const az = f64x2.abs(z);
  // |x| >= 2^-28 and x != 1 (z != −1); NaN fails both comparisons.
  if (!i64x2.all_true(v128.and(f64x2.ge(az, lanes(C_TWO_M28)), f64x2.ne(z, lanes(C_NEG_ONE))))) {
    return f64x2(sigmoid(f64x2.extract_lane(z, 0)), sigmoid(f64x2.extract_lane(z, 1)));
  }
  // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a. Clamping moves no lane across
  // 0.5·ln2, so |z| still picks the lanes to reduce.
  const zs = f64x2.pmax(f64x2.pmin(z, lanes(C_SIGMOID_ONE_Z)), lanes(C_SIGMOID_ZERO_Z));
  const one = lanes(C_ONE);
  return f64x2.div(one, f64x2.add(one, expNeg(zs, az)));
}

/** Test hook: replaces the n doubles at `ptr` by their exp, two lanes at a time (n even). */
export function expInPlace(ptr: usize, n: i32): void {
  for (let i = 0; i < n; i += 2) {
    const at = ptr + (<usize>i << 3);
    v128.store(at, fdlibmExp2(v128.load(at)));
  }
}

/** Test hook: replaces the n doubles at `ptr` by their sigmoid, two lanes at a time (n even). */
export function sigmoidInPlace(ptr: usize, n: i32): void {
  for (let i = 0; i < n; i += 2) {
    const at = ptr + (<usize>i << 3);
    v128.store(at, sigmoid2(v128.load(at)));
  }
}
