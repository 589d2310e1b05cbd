/**
 * exp(x) as fdlibm computes it (FreeBSD msun e_exp.c, the version V8 carries in
 * src/base/ieee754.cc behind Math.exp), from the same source as assembly/exp.ts: the same
 * floating-point operations in the same order, with fdlibm's high-word tests written as the
 * equivalent comparisons of |x| (no bit access in the hot path). The JS backend uses this rather than Math.exp so that its sigmoid is
 * bit-identical to the wasm backend's on every engine, whatever that engine's Math.exp does.
 * Accuracy < 1 ulp; exp(x > 709.78) = Infinity, exp(x < -745.13) = 0, NaN stays NaN.
 */

const O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -7.45133219101941108420e+02; // 0xC0874910 D52D3051
const LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const E = 2.718281828459045; // V8 special-cases exp(1) to return the correctly rounded e
const TWO_M1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO_1023 = 8.988465674311579539e307; // 2^1023

/** The double whose high word is `hi` and low word 0 (fdlibm compares such high words). */
function fromHighWord(hi: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi);
  return view.getFloat64(0);
}

// fdlibm tests the high word hx of |x| against constants; for a finite |x| those tests are exactly
// comparisons of |x| with the double having that high word and a zero low word:
// hx >= H ⟺ |x| >= D(H), hx > H ⟺ |x| >= D(H + 1), hx < H ⟺ |x| < D(H).
const ABS_709 = fromHighWord(0x40862e42); // hx >= 0x40862E42
const HALF_LN2 = fromHighWord(0x3fd62e43); // hx > 0x3FD62E42
const THREE_HALF_LN2 = fromHighWord(0x3ff0a2b2); // hx < 0x3FF0A2B2
const TWO_M28 = fromHighWord(0x3e300000); // hx < 0x3E300000

// fdlibm's INSERT_WORDS(twopk, 0x3ff00000 + (k << 20), 0): the exact powers 2^k, k in [-1022, 1023].
const POW2_MIN = -1022;
const POW2 = new Float64Array(1023 - POW2_MIN + 1);
POW2[-POW2_MIN] = 1;
for (let k = 1; k <= 1023; k++) POW2[k - POW2_MIN] = POW2[k - 1 - POW2_MIN] * 2;
for (let k = -1; k >= POW2_MIN; k--) POW2[k - POW2_MIN] = POW2[k + 1 - POW2_MIN] / 2;

/** fdlibm exp: exp(x) with < 1 ulp error, bit-identical to assembly/exp.ts. */
export function fdlibmExp(x: number): number {
  const ax = Math.abs(x);
  // Filter out non-finite and out-of-range arguments.
  if (!(ax < ABS_709)) {
    if (x !== x) return x + x; // NaN
    if (ax === Infinity) return x < 0 ? 0.0 : x; // exp(+-inf) = {inf, 0}
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0.0;
  }
  return expInRange(x, ax);
}

/**
 * fdlibmExp past its filter, for finite U_THRESHOLD <= x <= O_THRESHOLD (ax = |x|). A function of
 * its own so that the sigmoid can apply its own filter instead; it is also small enough for V8 to
 * inline into the output layer's loop, which fdlibmExp as a whole is not (that alone made the JS
 * backend's sigmoid about 40% faster).
 */
function expInRange(x: number, ax: number): number {
  const negative = x < 0;
  let hi = 0;
  let lo = 0;
  let k = 0;

  // Argument reduction: x = k·ln2 + r, |r| <= 0.5·ln2, with ln2 split in hi/lo parts.
  if (ax >= HALF_LN2) { // |x| > 0.5 ln2
    if (ax < THREE_HALF_LN2) { // and |x| < 1.5 ln2
      if (x === 1.0) return E;
      if (!negative) { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
      else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      const t = k;
      hi = x - t * LN2_HI; // t·LN2_HI is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TWO_M28) { // |x| < 2^-28
    return 1.0 + x;
  } else {
    k = 0;
  }

  // x is now in the primary range: rational approximation of exp(r).
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO_1023;
    return y * POW2[k - POW2_MIN];
  }
  return y * POW2[k + 1000 - POW2_MIN] * TWO_M1000;
}

/**
 * The sigmoid's saturation bound on x = −z: for x <= SIGMOID_ONE_X, e^x <= e^-40 < 2^-57 and
 * fdlibmExp (< 1 ulp, or 0 below U_THRESHOLD) stays below 2^-53, half an ulp of 1, so 1 + e^x
 * rounds to exactly 1. The same bound as assembly/exp.ts.
 */
export const SIGMOID_ONE_X = -40.0;
const SIGMOID_FILTER = -SIGMOID_ONE_X; // |x| below this: neither saturation can apply

/**
 * sigmoid(z) = 1 / (1 + fdlibmExp(−z)), that exact double for every z (NaN stays NaN), with the
 * saturated ranges answered without an exp: x = −z > O_THRESHOLD overflows exp to +Infinity, so
 * the sigmoid is +0; x <= SIGMOID_ONE_X makes 1 + exp(x) round to 1, so it is 1. Bit-identical to
 * assembly/exp.ts `sigmoid` and, lane for lane, its two-lane `sigmoid2`. The common path
 * (|x| < 40) costs one comparison, as fdlibm's own filter does, and every x that reaches
 * expInRange (|x| < 40, or 40 <= x <= O_THRESHOLD) is one that fdlibm's filter lets through.
 */
export function sigmoid(z: number): number {
  const x = -z;
  const ax = Math.abs(x);
  if (!(ax < SIGMOID_FILTER)) {
    if (x <= SIGMOID_ONE_X) return 1.0;
    if (x > O_THRESHOLD) return 0.0;
    if (x !== x) return 1.0 / (1.0 + fdlibmExp(x)); // NaN stays NaN
  }
  return 1.0 / (1.0 + expInRange(x, ax));
}
