/**
 * expm1, tanh, log1p and log as fdlibm computes them (Sun's fdlibm 5.3 s_expm1.c, s_tanh.c,
 * s_log1p.c, e_log.c, as carried by FreeBSD msun and by V8's src/base/ieee754.cc behind Node 20's
 * Math.expm1/tanh/log1p/log). Why our own: the training path must give the same doubles in Node and in
 * a browser, and engines differ (Chromium 156's Math.log is 1 ulp off Node 20's on ~4–7% of inputs,
 * tanh on ~0.7% of [−6, 6], expm1/log1p on ~0.05%: scripts/check-math-chromium.mjs). These are plain
 * IEEE double arithmetic in a fixed order, so every conforming engine gives the same bits, and those
 * bits are Node 20's (test/math/fdlibm.test.ts).
 *
 * The algorithms, thresholds and coefficients are fdlibm's published ones; fdlibm's tests of the high
 * word of |x| are written, where x is finite, as comparisons of |x| with the double whose high word is
 * the threshold (as src/kernels/exp.ts does): hx >= H ⟺ |x| >= D(H), hx > H ⟺ |x| >= D(H + 1).
 * log and log1p rebuild doubles from words (fdlibm's SET_HIGH_WORD), done here through a shared
 * Float64Array/Uint32Array pair. Accuracy: < 1 ulp for all four (fdlibm's error analysis; sampled
 * against a 320-bit reference in the tests).
 */

// One 8-byte scratch double viewed as two 32-bit words; HI/LO index the high/low word on this platform.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const I32 = new Int32Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** The high word of x as a signed 32-bit integer (fdlibm's GET_HIGH_WORD into an int32_t). */
function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

/** x with its high word replaced by `hi` (fdlibm's SET_HIGH_WORD). */
function withHighWord(x: number, hi: number): number {
  F64[0] = x;
  U32[HI] = hi;
  return F64[0]!;
}

/** The double with words (hi, lo). */
function fromWords(hi: number, lo: number): number {
  U32[HI] = hi;
  U32[LO] = lo;
  return F64[0]!;
}

const LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
const O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
const TWO54 = 1.80143985094819840000e+16; // 0x43500000 00000000
const TWO_1023 = 8.988465674311579539e307; // 2^1023

// expm1's rational approximation R1(r²) of r·(e^r + 1)/(e^r − 1), scaled Q_n·2^n (s_expm1.c).
const Q1 = -3.33333333333331316428e-02; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-03; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-05; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-06; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-07; // 0xBE8AFDB7 6E09C32D

// log/log1p's polynomial in s² for (log(1+f) − 2s)/s, s = f/(2+f) (e_log.c Lg1..Lg7 = s_log1p.c Lp1..Lp7).
const LG1 = 6.666666666666735130e-01; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-01; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-01; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-01; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-01; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-01; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-01; // 0x3FC2F112 DF3E5244

// |x| thresholds of expm1 and tanh, as doubles (see the header).
const EXPM1_HUGE = fromWords(0x4043687a, 0); // hx >= 0x4043687A: |x| >= ~56·ln2
const ABS_709 = fromWords(0x40862e42, 0); // hx >= 0x40862E42
const HALF_LN2 = fromWords(0x3fd62e43, 0); // hx > 0x3FD62E42
const THREE_HALF_LN2 = fromWords(0x3ff0a2b2, 0); // hx < 0x3FF0A2B2
const TWO_M54 = fromWords(0x3c900000, 0); // hx < 0x3C900000
const TWO_M28 = fromWords(0x3e300000, 0); // hx < 0x3E300000

// The exact powers 2^k, k in [-1022, 1023] (fdlibm's INSERT_WORDS(twopk, 0x3ff00000 + (k << 20), 0)).
const POW2_MIN = -1022;
const POW2 = new Float64Array(1023 - POW2_MIN + 1);
POW2[-POW2_MIN] = 1;
for (let k = 1; k <= 1023; k++) POW2[k - POW2_MIN] = POW2[k - 1 - POW2_MIN]! * 2;
for (let k = -1; k >= POW2_MIN; k--) POW2[k - POW2_MIN] = POW2[k + 1 - POW2_MIN]! / 2;

/**
 * fdlibm expm1 (s_expm1.c), the bits of Node 20's Math.expm1: expm1(x) = e^x − 1 with < 1 ulp error, exact sign
 * and ±0 for tiny x. x = k·ln2 + r, |r| ≤ ln2/2, expm1(r) from fdlibm's rational approximation, then
 * e^x − 1 = 2^k·(1 + expm1(r)) − 1 arranged to avoid cancellation; −1 for x < −56·ln2, +∞ past ln(DBL_MAX).
 */
export function fdlibmExpm1(x: number): number {
  const ax = Math.abs(x);
  // Filter out huge and non-finite arguments.
  if (!(ax < EXPM1_HUGE)) {
    if (x !== x) return x + x; // NaN
    if (ax >= ABS_709) {
      if (ax === Infinity) return x > 0 ? x : -1.0; // expm1(±inf) = {inf, −1}
      if (x > O_THRESHOLD) return Infinity;
    }
    if (x < 0) return -1.0; // x < −56·ln2: e^x < 2^-56, below half an ulp of 1
  }
  return expm1Finite(x, ax);
}

/** fdlibmExpm1 past its filter: finite x, −56·ln2 < x <= O_THRESHOLD, ax = |x|. */
function expm1Finite(x: number, ax: number): number {
  // Argument reduction: x = k·ln2 + r, |r| <= 0.5·ln2, r = hi − lo carried as x with correction c.
  if (ax >= HALF_LN2) {
    let hi: number;
    let lo: number;
    let k: number;
    if (ax < THREE_HALF_LN2) {
      if (x > 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
      else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI; // k·LN2_HI is exact here
      lo = k * LN2_LO;
    }
    const r = hi - lo;
    return expm1Reduced(r, k, (hi - r) - lo);
  }
  if (ax < TWO_M54) return x; // expm1(x) rounds to x (±0 included)
  return expm1Reduced(x, 0, 0);
}

/**
 * s_expm1.c after its argument reduction: expm1(k·ln2 + r + c) for |r| <= 0.5·ln2, c the reduction's
 * rounding error (0 when k = 0). A function of its own so that tanh can do its reduction inline (it
 * knows which branches its arguments reach): per call 1.85× → 1.3× Math.tanh's time (bench/math-bench.mjs).
 */
function expm1Reduced(x: number, k: number, c: number): number {
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) { // 2^k·(1 + expm1(r)) − 1 is accurate enough
    const y = 1.0 - (e - x);
    if (k === 1024) return y * 2.0 * TWO_1023 - 1.0;
    return y * POW2[k - POW2_MIN]! - 1.0;
  }
  if (k < 20) {
    const t1 = 1.0 - POW2[-k - POW2_MIN]!; // 1 − 2^-k, exact
    return (t1 - (e - x)) * POW2[k - POW2_MIN]!;
  }
  const y = (x - (e + POW2[-k - POW2_MIN]!)) + 1.0; // 2^-k
  return y * POW2[k - POW2_MIN]!;
}

/**
 * fdlibm tanh (s_tanh.c), through expm1: tanh(x) = −t/(t + 2), t = expm1(−2|x|), for |x| < 1;
 * 1 − 2/(t + 2), t = expm1(2|x|), for 1 <= |x| < 22; ±1 beyond; x itself for |x| < 2^-28.
 * expm1's reduction is written out for the arguments tanh gives it: 2|x| in [2, 44) always takes
 * the general k = ⌊x/ln2 + 1/2⌋ branch; −2|x| in (−2, −2^-27] takes k = 0, k = −1 or the general one.
 */
export function fdlibmTanh(x: number): number {
  const ax = Math.abs(x);
  let z: number;
  if (ax < 22) {
    if (ax < TWO_M28) return x; // tanh(tiny) = tiny (±0 included)
    const a2 = 2.0 * ax;
    if (ax >= 1) {
      const k = Math.trunc(INV_LN2 * a2 + 0.5);
      const hi = a2 - k * LN2_HI;
      const lo = k * LN2_LO;
      const r = hi - lo;
      const t = expm1Reduced(r, k, (hi - r) - lo);
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const w = -a2;
      let t: number;
      if (a2 < HALF_LN2) {
        t = expm1Reduced(w, 0, 0);
      } else {
        let hi: number;
        let lo: number;
        let k: number;
        if (a2 < THREE_HALF_LN2) { hi = w + LN2_HI; lo = -LN2_LO; k = -1; }
        else { k = Math.trunc(INV_LN2 * w - 0.5); hi = w - k * LN2_HI; lo = k * LN2_LO; }
        const r = hi - lo;
        t = expm1Reduced(r, k, (hi - r) - lo);
      }
      z = -t / (t + 2.0);
    }
  } else {
    if (x !== x) return x + x; // NaN
    z = 1.0; // |x| >= 22 and ±inf: fdlibm's one − tiny rounds to 1
  }
  return x > 0 ? z : -z;
}

/** fdlibm log1p (s_log1p.c): log(1 + x) with < 1 ulp error; −inf at −1, NaN below. */
export function fdlibmLog1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) { // 1 + x < √2 (approximately)
    if (ax >= 0x3ff00000) { // x <= −1, or NaN with the sign bit
      if (x === -1.0) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) { // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) { // √2/2 <= 1 + x < √2: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +inf, NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) { // x < 2^53: u = 1 + x rounded, c its rounding error relative to u
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) { // u's fraction < √2: normalize u to [1, √2)
      u = withHighWord(u, hu | 0x3ff00000);
    } else { // normalize u/2 to [√2/2, 1)
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) { // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const r = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}

/**
 * fdlibm log (e_log.c), the bits of Node 20's Math.log: natural log with < 1 ulp error. x = 2^k·(1 + f),
 * 1 + f ∈ [√2/2, √2), s = f/(2 + f), log(1 + f) = f − s·(f − R(s²)) with fdlibm's polynomial R (hfsq form:
 * f − (f²/2 − s·(f²/2 + R))), and log x = k·ln2 + log(1 + f), ln2 split hi + lo. −inf at ±0, NaN for x < 0.
 */
export function fdlibmLog(x: number): number {
  F64[0] = x;
  let hx = I32[HI]!;
  const lx = U32[LO]!;
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(x < 0)
    k -= 54;
    x *= TWO54; // scale a subnormal up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +inf, NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalize x or x/2 into [√2/2, √2)
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // −2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) { // f in the middle of the range: the hfsq form
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}
