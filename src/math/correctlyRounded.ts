/**
 * Correctly rounded natural logarithm, sine and cosine for doubles.
 *
 * Why: numpy (built against glibc) computes the polar method's `log(r2)` (numpy
 * `random/src/legacy/legacy-distributions.c`, `legacy_gauss`) and make_circles' `np.cos`/`np.sin`
 * with the C library. V8's Math.log/sin/cos differ from glibc on ~7% of log inputs (6 of the course's
 * 76 initial normals). glibc is correctly rounded on every input of the course's experiment
 * (numpy-legacy-rng.md §7) but not everywhere (~1 input in 1,000), so these functions reproduce
 * the course bit for bit yet miss ~1 normal in 3,000 of other seeds. initlab's defaults are
 * therefore the ports of glibc itself (`glibcLog.ts`, `glibcSinCos.ts`); these remain as the
 * libm-independent alternative (`new NumpyRandomState(seed, { log: crLog })`).
 *
 * How: each function is evaluated in double-double arithmetic (`doubleDouble.ts`, ~104 bits) and
 * rounded once to a double at the end. The result is the correctly rounded value unless the exact
 * value lies within ~2^-100 (relative) of a rounding boundary — about one chance in 2^47 per input;
 * the tests compare against an independent 320-bit BigInt evaluation on thousands of inputs.
 *
 * Cost on Node 20 (x86-64): crLog ≈ 0.1 µs (≈ 7× Math.log), crSin/crCos ≈ 0.8 µs. None allocates
 * objects (V8 may still box a double passed to or returned from a call it does not inline). Use
 * them where bit-exactness with a correctly rounded libm matters, and Math.* elsewhere.
 */
import { ddAdd, ddDiv, ddHi, ddLo, ddMul, twoProd, twoSum } from './doubleDouble.js';

/* ----------------------------------------------------------------------------------------------
 * Bit access (exponent extraction for log).
 * -------------------------------------------------------------------------------------------- */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
/** Index of the word holding sign/exponent (1 on little-endian hosts). */
const HI_WORD = U32[1] === 0x3ff00000 ? 1 : 0;

/* ----------------------------------------------------------------------------------------------
 * Constants, computed once in double-double at module load.
 * -------------------------------------------------------------------------------------------- */

/** ln 2 split in three doubles (hi + lo + lo2 carries ~160 bits): 0x3FE62E42FEFA39EF, … */
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const LN2_LO2 = 5.707708438416212e-34;
/** Veltkamp halves of LN2_HI (26 + 27 bits) for the exact TwoProduct e·LN2_HI in crLog. */
const LN2_HI_H = 134217729 * LN2_HI - (134217729 * LN2_HI - LN2_HI);
const LN2_HI_L = LN2_HI - LN2_HI_H;

/** 1/(2j+1) in dd, j = 0..INV_ODD_TERMS: the atanh series coefficients. */
const INV_ODD_TERMS = 30;
const INV_ODD_HI = new Float64Array(INV_ODD_TERMS + 1);
const INV_ODD_LO = new Float64Array(INV_ODD_TERMS + 1);
for (let j = 0; j <= INV_ODD_TERMS; j++) {
  ddDiv(1, 0, 2 * j + 1, 0);
  INV_ODD_HI[j] = ddHi();
  INV_ODD_LO[j] = ddLo();
}

/**
 * Results of the internal helpers, in a typed array because V8 boxes doubles held in module-scope
 * `let`s (every write would allocate): [atanh hi, atanh lo, reduced hi, reduced lo].
 */
const OUT = new Float64Array(4);

/**
 * 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …) in dd with `terms` odd powers after s (Horner in s²).
 * Result in OUT[0], OUT[1]. ln(m/c) = 2·atanh((m − c)/(m + c)).
 */
function twoAtanh(sh: number, sl: number, terms: number): void {
  ddMul(sh, sl, sh, sl);
  const s2h = ddHi();
  const s2l = ddLo();
  let ph = INV_ODD_HI[terms]!;
  let pl = INV_ODD_LO[terms]!;
  for (let j = terms - 1; j >= 1; j--) {
    ddMul(ph, pl, s2h, s2l);
    ddAdd(ddHi(), ddLo(), INV_ODD_HI[j]!, INV_ODD_LO[j]!);
    ph = ddHi();
    pl = ddLo();
  }
  ddMul(ph, pl, s2h, s2l); // q = s²·(1/3 + s²/5 + …)
  ddMul(sh, sl, ddHi(), ddLo()); // s·q
  ddAdd(sh, sl, ddHi(), ddLo()); // s + s·q
  OUT[0] = 2 * ddHi();
  OUT[1] = 2 * ddLo();
}

/**
 * ln(k/128) for k = 96..192 in dd. The reduced argument m ∈ [0.75, 1.5) is paired with the nearest
 * c = k/128, so |m − c| ≤ 1/256 and |s| = |m − c|/(m + c) ≤ 2^-8.58 at run time; c = 1 (k = 128) has
 * ln c = 0 exactly, so arguments near 1 lose no relative accuracy.
 * Each entry is 2·atanh((k − 128)/(k + 128)) with |s| ≤ 0.2, summed to 30 terms (0.04^30 ≈ 2^-139).
 */
const LOG_TAB_FIRST = 96;
const LOG_TAB_HI = new Float64Array(97);
const LOG_TAB_LO = new Float64Array(97);
for (let k = LOG_TAB_FIRST; k <= 192; k++) {
  ddDiv(k - 128, 0, k + 128, 0);
  twoAtanh(ddHi(), ddLo(), INV_ODD_TERMS);
  LOG_TAB_HI[k - LOG_TAB_FIRST] = OUT[0]!;
  LOG_TAB_LO[k - LOG_TAB_FIRST] = OUT[1]!;
}

/** 2^27 + 1, the Veltkamp splitter (see doubleDouble.ts). */
const SPLITTER = 134217729;
const INV_3_HI = INV_ODD_HI[1]!;
const INV_3_LO = INV_ODD_LO[1]!;
const INV_5_HI = INV_ODD_HI[2]!;
const INV_5_LO = INV_ODD_LO[2]!;
const INV_7 = 1 / 7;
const INV_9 = 1 / 9;
const INV_11 = 1 / 11;
const INV_13 = 1 / 13;
const INV_15 = 1 / 15;

const TWO_POW_54 = 18014398509481984;
const MIN_NORMAL = 2.2250738585072014e-308;

/* ----------------------------------------------------------------------------------------------
 * crLog
 * -------------------------------------------------------------------------------------------- */

/**
 * Correctly rounded natural logarithm (what glibc's `log` returns on all of this experiment's
 * inputs; numpy's `legacy_gauss` calls C `log`).
 *
 * x = 2^e · m with m ∈ [0.75, 1.5) (subnormals are scaled by 2^54 first), c = k/128 nearest to m,
 * ln x = e·ln2 + ln c + 2·atanh(s), s = (m − c)/(m + c), |s| ≤ 2^-8.58, all in double-double and
 * rounded once. The series is evaluated in mixed precision:
 * 2·s·(1 + s²·(1/3 + s²·(1/5 + s²·t))) with t = 1/7 + s²/9 + … + s⁸/15 in plain double (an error ε
 * in t moves the result by ≤ s⁶·ε ≈ 2^-51·ε relative; the first omitted term s¹⁶/17 is < 2^-137).
 *
 * It sits on numpy's normal-sampling hot path, so the double-double steps are written out inline
 * (TwoSum, Dekker TwoProduct) instead of calling the doubleDouble.ts helpers: no objects, and no
 * doubles boxed across non-inlined calls.
 *
 * Special values follow C99/IEEE: ln(±0) = −∞, ln(x < 0) = NaN, ln(+∞) = +∞, ln(NaN) = NaN, ln(1) = +0.
 */
export function crLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  let v = x;
  if (v < MIN_NORMAL) {
    v *= TWO_POW_54;
    e = -54;
  }
  F64[0] = v;
  const hiWord = U32[HI_WORD]!;
  e += ((hiWord >>> 20) & 0x7ff) - 1023;
  U32[HI_WORD] = (hiWord & 0x000fffff) | 0x3ff00000;
  let m = F64[0]!; // [1, 2)
  if (m >= 1.5) {
    m *= 0.5;
    e += 1;
  }
  const k = Math.round(m * 128);
  const c = k / 128;
  const d = m - c; // exact (Sterbenz: c/2 ≤ m ≤ 2c)

  // s = d / (m + c) as a dd. m + c exactly by TwoSum; then one correction step of the quotient:
  // rem = d − q1·(den + denLo) with q1·den exact by TwoProduct (d − p is exact by Sterbenz).
  const den = m + c;
  let bb = den - m;
  const denLo = (m - (den - bb)) + (c - bb);
  const q1 = d / den;
  let sp = SPLITTER * q1;
  const q1h = sp - (sp - q1);
  const q1l = q1 - q1h;
  sp = SPLITTER * den;
  const denh = sp - (sp - den);
  const denl = den - denh;
  const p = q1 * den;
  const pe = ((q1h * denh - p) + q1h * denl + q1l * denh) + q1l * denl;
  const q2 = (((d - p) - pe) - q1 * denLo) / den;
  const sh = q1 + q2;
  const sl = q2 - (sh - q1);

  // s² (TwoSquare + cross term).
  sp = SPLITTER * sh;
  const shh = sp - (sp - sh);
  const shl = sh - shh;
  let hi = sh * sh;
  let lo = ((shh * shh - hi) + 2 * shh * shl) + shl * shl + 2 * sh * sl;
  const s2h = hi + lo;
  const s2l = lo - (s2h - hi);
  sp = SPLITTER * s2h;
  const s2hh = sp - (sp - s2h);
  const s2hl = s2h - s2hh;

  // u = 1/5 + s²·t (dd + double, both positive).
  const w = s2h * (INV_7 + s2h * (INV_9 + s2h * (INV_11 + s2h * (INV_13 + s2h * INV_15))));
  hi = INV_5_HI + w;
  bb = hi - INV_5_HI;
  lo = (INV_5_HI - (hi - bb)) + (w - bb) + INV_5_LO;
  let ah = hi + lo;
  let al = lo - (ah - hi);

  // u ← 1/3 + s²·u (dd × dd, then dd + dd; all terms positive).
  sp = SPLITTER * ah;
  let ahh = sp - (sp - ah);
  let ahl = ah - ahh;
  hi = ah * s2h;
  lo = ((ahh * s2hh - hi) + ahh * s2hl + ahl * s2hh) + ahl * s2hl + (ah * s2l + al * s2h);
  ah = hi + lo;
  al = lo - (ah - hi);
  hi = INV_3_HI + ah;
  bb = hi - INV_3_HI;
  lo = (INV_3_HI - (hi - bb)) + (ah - bb) + (INV_3_LO + al);
  ah = hi + lo;
  al = lo - (ah - hi);

  // q = s²·u.
  sp = SPLITTER * ah;
  ahh = sp - (sp - ah);
  ahl = ah - ahh;
  hi = ah * s2h;
  lo = ((ahh * s2hh - hi) + ahh * s2hl + ahl * s2hh) + ahl * s2hl + (ah * s2l + al * s2h);
  ah = hi + lo;
  al = lo - (ah - hi);

  // s·q, then s + s·q (same sign: q > 0), times 2: the series.
  sp = SPLITTER * ah;
  ahh = sp - (sp - ah);
  ahl = ah - ahh;
  hi = ah * sh;
  lo = ((ahh * shh - hi) + ahh * shl + ahl * shh) + ahl * shl + (ah * sl + al * sh);
  ah = hi + lo;
  al = lo - (ah - hi);
  hi = sh + ah;
  bb = hi - sh;
  lo = (sh - (hi - bb)) + (ah - bb) + (sl + al);
  const serHi = 2 * (hi + lo);
  const serLo = 2 * (lo - ((hi + lo) - hi));

  // e·ln2: e·LN2_HI exactly by TwoProduct (e is an integer below 2^11), plus the low parts.
  sp = SPLITTER * e;
  const eh = sp - (sp - e);
  const el = e - eh;
  hi = e * LN2_HI;
  lo = ((eh * LN2_HI_H - hi) + eh * LN2_HI_L + el * LN2_HI_H) + el * LN2_HI_L + (e * LN2_LO + e * LN2_LO2);
  ah = hi + lo;
  al = lo - (ah - hi);

  // + ln c, then + series: accurate dd additions (the terms may have opposite signs).
  for (let step = 0; step < 2; step++) {
    const bh = step === 0 ? LOG_TAB_HI[k - LOG_TAB_FIRST]! : serHi;
    const bl = step === 0 ? LOG_TAB_LO[k - LOG_TAB_FIRST]! : serLo;
    const s1 = ah + bh;
    bb = s1 - ah;
    let s2 = (ah - (s1 - bb)) + (bh - bb);
    const t1 = al + bl;
    bb = t1 - al;
    const t2 = (al - (t1 - bb)) + (bl - bb);
    s2 += t1;
    hi = s1 + s2;
    s2 = s2 - (hi - s1) + t2;
    ah = hi + s2;
    al = s2 - (ah - hi);
  }
  return ah + al;
}

/* ----------------------------------------------------------------------------------------------
 * sin / cos
 * -------------------------------------------------------------------------------------------- */

/**
 * Largest |x| handled with correct rounding by crSin/crCos: 2^20 = 1048576. Beyond it they fall
 * back to Math.sin/Math.cos (not correctly rounded). The bound comes from the 4-part π/2 below
 * (≈212 bits): for |k| ≤ 2^20 the reduction error k·|π/2 − P1 − … − P4| ≤ 2^-190, while no double
 * is closer than ~2^-61 to a multiple of π/2, so the reduced argument keeps > 120 correct bits.
 */
export const CR_TRIG_MAX_ARGUMENT = 1048576;

/** π/2 = P1 + P2 + P3 + P4 (+ < 2^-217): each part the double nearest to what remains. */
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;
const PIO2_4 = 5.562271104316826e-50;
/** 2/π rounded: only used to pick the quadrant k (an off-by-one k just gives |r| slightly > π/4). */
const TWO_OVER_PI = 0.6366197723675814;
const QUARTER_PI = 0.7853981633974483;

/**
 * Taylor coefficients in dd: SIN_C[j] = (−1)^j/(2j+1)!, COS_C[j] = (−1)^j/(2j)!, j = 1..15.
 * With |r| ≤ 0.8, r^30/30! < 2^-117: 15 terms are enough for both.
 */
const TRIG_TERMS = 15;
const SIN_C_HI = new Float64Array(TRIG_TERMS + 1);
const SIN_C_LO = new Float64Array(TRIG_TERMS + 1);
const COS_C_HI = new Float64Array(TRIG_TERMS + 1);
const COS_C_LO = new Float64Array(TRIG_TERMS + 1);
{
  let sh = 1;
  let sl = 0;
  let ch = 1;
  let cl = 0;
  for (let j = 1; j <= TRIG_TERMS; j++) {
    ddDiv(sh, sl, -(2 * j) * (2 * j + 1), 0);
    sh = ddHi();
    sl = ddLo();
    SIN_C_HI[j] = sh;
    SIN_C_LO[j] = sl;
    ddDiv(ch, cl, -(2 * j - 1) * (2 * j), 0);
    ch = ddHi();
    cl = ddLo();
    COS_C_HI[j] = ch;
    COS_C_LO[j] = cl;
  }
}

/** Scratch for the exact reduction: a nonoverlapping expansion (Shewchuk), smallest first. */
const EXPANSION = new Float64Array(12);
let expansionLength = 0;

/** Adds b to EXPANSION exactly (Shewchuk's GROW-EXPANSION). */
function growExpansion(b: number): void {
  let q = b;
  for (let i = 0; i < expansionLength; i++) {
    twoSum(q, EXPANSION[i]!);
    EXPANSION[i] = ddLo();
    q = ddHi();
  }
  EXPANSION[expansionLength++] = q;
}

/** Adds −k·p exactly (both parts of the TwoProduct) to the expansion. */
function growByProduct(k: number, p: number): void {
  twoProd(k, p);
  const lo = ddLo();
  growExpansion(-ddHi());
  growExpansion(-lo);
}

let redQuadrant = 0;

/**
 * Cody–Waite style reduction r = x − k·π/2, |r| ≲ π/4, without FMA: every k·Pi is split exactly
 * with TwoProduct and all nine terms are summed exactly as a floating-point expansion, then the
 * expansion is collapsed to a dd (bottom-up, so the error is ~2^-104 of |r| however much cancels).
 * Requires |x| ≤ CR_TRIG_MAX_ARGUMENT. Writes r to OUT[2], OUT[3] and redQuadrant = k mod 4.
 */
function reduce(x: number): void {
  if (Math.abs(x) <= QUARTER_PI) {
    OUT[2] = x;
    OUT[3] = 0;
    redQuadrant = 0;
    return;
  }
  const k = Math.round(x * TWO_OVER_PI);
  expansionLength = 0;
  growExpansion(x);
  growByProduct(k, PIO2_1);
  growByProduct(k, PIO2_2);
  growByProduct(k, PIO2_3);
  growByProduct(k, PIO2_4);
  let h = 0;
  let l = 0;
  for (let i = 0; i < expansionLength; i++) {
    ddAdd(h, l, EXPANSION[i]!, 0);
    h = ddHi();
    l = ddLo();
  }
  OUT[2] = h;
  OUT[3] = l;
  redQuadrant = k & 3;
}

/** sin(r) for the reduced dd r: r + r·(r²·(S1 + r²·(S2 + …))), rounded once. */
function sinReduced(rh: number, rl: number): number {
  ddMul(rh, rl, rh, rl);
  const r2h = ddHi();
  const r2l = ddLo();
  let ph = SIN_C_HI[TRIG_TERMS]!;
  let pl = SIN_C_LO[TRIG_TERMS]!;
  for (let j = TRIG_TERMS - 1; j >= 1; j--) {
    ddMul(ph, pl, r2h, r2l);
    ddAdd(ddHi(), ddLo(), SIN_C_HI[j]!, SIN_C_LO[j]!);
    ph = ddHi();
    pl = ddLo();
  }
  ddMul(ph, pl, r2h, r2l);
  ddMul(rh, rl, ddHi(), ddLo());
  ddAdd(rh, rl, ddHi(), ddLo());
  return ddHi() + ddLo();
}

/** cos(r) for the reduced dd r: 1 + r²·(C1 + r²·(C2 + …)), rounded once. */
function cosReduced(rh: number, rl: number): number {
  ddMul(rh, rl, rh, rl);
  const r2h = ddHi();
  const r2l = ddLo();
  let ph = COS_C_HI[TRIG_TERMS]!;
  let pl = COS_C_LO[TRIG_TERMS]!;
  for (let j = TRIG_TERMS - 1; j >= 1; j--) {
    ddMul(ph, pl, r2h, r2l);
    ddAdd(ddHi(), ddLo(), COS_C_HI[j]!, COS_C_LO[j]!);
    ph = ddHi();
    pl = ddLo();
  }
  ddMul(ph, pl, r2h, r2l);
  ddAdd(1, 0, ddHi(), ddLo());
  return ddHi() + ddLo();
}

/**
 * Correctly rounded sine for |x| ≤ CR_TRIG_MAX_ARGUMENT (2^20), what glibc's `sin` returns on the
 * make_circles angles (sklearn `make_circles` calls `np.sin(linspace(0, 2π, n, endpoint=False))`).
 * x = k·π/2 + r, |r| ≲ π/4 (Cody–Waite reduction with a 4-part π/2, in double-double), then sin x = ±sin r or ±cos r
 * by k mod 4, sin r = Σ_{j=0}^{15} (−1)^j r^{2j+1}/(2j+1)!, cos r = Σ_{j=0}^{15} (−1)^j r^{2j}/(2j)!, in double-double and rounded once.
 * Outside that range it returns Math.sin(x) (NaN for ±∞ and NaN). sin(±0) = ±0.
 */
export function crSin(x: number): number {
  if (x === 0 || !(Math.abs(x) <= CR_TRIG_MAX_ARGUMENT)) return Math.sin(x);
  reduce(x);
  switch (redQuadrant) {
    case 0:
      return sinReduced(OUT[2]!, OUT[3]!);
    case 1:
      return cosReduced(OUT[2]!, OUT[3]!);
    case 2:
      return -sinReduced(OUT[2]!, OUT[3]!);
    default:
      return -cosReduced(OUT[2]!, OUT[3]!);
  }
}

/**
 * Correctly rounded cosine for |x| ≤ CR_TRIG_MAX_ARGUMENT (2^20), what glibc's `cos` returns on the
 * make_circles angles (sklearn `make_circles` calls `np.cos` on them). x = k·π/2 + r as in crSin, then cos x = ±cos r
 * or ∓sin r by k mod 4, the Taylor series in double-double rounded once. Outside that range it returns Math.cos(x)
 * (NaN for ±∞ and NaN). cos(±0) = 1.
 */
export function crCos(x: number): number {
  if (!(Math.abs(x) <= CR_TRIG_MAX_ARGUMENT)) return Math.cos(x);
  reduce(x);
  switch (redQuadrant) {
    case 0:
      return cosReduced(OUT[2]!, OUT[3]!);
    case 1:
      return -sinReduced(OUT[2]!, OUT[3]!);
    case 2:
      return -cosReduced(OUT[2]!, OUT[3]!);
    default:
      return sinReduced(OUT[2]!, OUT[3]!);
  }
}
