/**
 * Fused multiply-add for JavaScript: `fma(a, b, c)` = a·b + c rounded once (IEEE 754 fusedMultiplyAdd,
 * round to nearest even), which JavaScript lacks.
 *
 * Why: glibc's x86-64 `log`, `sin` and `cos` run their FMA variants (`__log_fma`, `__sin_fma`,
 * `__cos_fma`, built with `-mfma -mavx2` and picked by ifunc on every CPU with FMA and AVX2), and GCC
 * contracts many `a * b + c` of the C source into one `vfmadd`. Reproducing glibc bit for bit
 * (`glibcLog.ts`, `glibcSinCos.ts`) needs every one of those roundings exactly.
 *
 * How (fast path, no allocation): Dekker's TwoProduct gives a·b = uh + ul exactly; Knuth's TwoSum
 * gives c + uh = th + tl exactly; then fma = RN(th + RO(tl + ul)), where RO rounds to odd — the
 * emulation of Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms
 * using rounding to odd", IEEE Trans. Computers 57(4), 2008, Algorithm 5.4 (proved for precision
 * ≥ 5 and no underflow or overflow in the intermediate steps). RO is RN followed, when the sum was
 * inexact and RN landed on an even significand, by one step towards the exact value.
 *
 * The fast path is taken only where its preconditions hold with margin (|a|, |b| < 1e150,
 * |a·b| > 1e-250, c zero or 1e-250 < |c| < 1e300); everything else — subnormal results, near-overflow,
 * zeros, infinities, NaN — goes through `fmaExact`, an exact BigInt evaluation rounded once.
 * Both are checked against the C library's hardware `fma` in test/math/fma.test.ts.
 */

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitter for 53-bit significands

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
/** Word holding sign and exponent (1 on little-endian hosts). */
const HI = U32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/*
 * Fast-path bounds. With |a|, |b| < 1e150 nothing in the split or the products overflows; with
 * |a·b| > 1e-250 (≈ 2^-830) every partial product and error term is a multiple of ≥ 2^-935, so none
 * underflows; with |c| in (1e-250, 1e300) or 0 the TwoSum and the round-to-odd sum stay exact/normal.
 */
const FACTOR_MAX = 1e150;
const PRODUCT_MIN = 1e-250;
const ADDEND_MIN = 1e-250;
const ADDEND_MAX = 1e300;

/**
 * fma(a, b, c) = RN(a·b + c): a·b + c with a single rounding to nearest (ties to even), exactly as the x86 `vfmadd` /
 * C99 `fma` / IEEE 754-2008 fusedMultiplyAdd. Fast path: Dekker's TwoProduct and Knuth's TwoSum, then a round-to-odd
 * sum (Boldo & Melquiond 2008, Algorithm 5.4); otherwise an exact BigInt evaluation rounded once.
 * Allocation-free on the fast path (moderate magnitudes, which is every call the glibc ports make).
 */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  const ac = Math.abs(c);
  if (
    !(Math.abs(uh) > PRODUCT_MIN && Math.abs(a) < FACTOR_MAX && Math.abs(b) < FACTOR_MAX) ||
    !(ac === 0 || (ac > ADDEND_MIN && ac < ADDEND_MAX))
  ) {
    return fmaExact(a, b, c);
  }
  // TwoProduct (Dekker): uh + ul == a·b exactly.
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  const ul = ((ahi * bhi - uh) + ahi * blo + alo * bhi) + alo * blo;
  // TwoSum (Knuth): th + tl == c + uh exactly.
  const th = c + uh;
  const bv = th - uh;
  const tl = (uh - (th - bv)) + (c - bv);
  // v = RO(tl + ul): RN, then to the odd neighbour when inexact and even.
  let v = tl + ul;
  const vv = v - ul;
  const err = (ul - (v - vv)) + (tl - vv);
  if (err !== 0) {
    F64[0] = v;
    const lo = U32[LO]!;
    if ((lo & 1) === 0) {
      if (err > 0 === v > 0) {
        U32[LO] = lo | 1; // one step away from zero: lo is even, so no carry
      } else if (lo !== 0) {
        U32[LO] = lo - 1; // one step towards zero
      } else {
        U32[LO] = 0xffffffff;
        U32[HI] = U32[HI]! - 1;
      }
      v = F64[0]!;
    }
  }
  return th + v;
}

/* ----------------------------------------------------------------------------------------------
 * Exact reference: a·b + c in BigInt, rounded once. Slow (allocates); used for the rare operands
 * outside the fast path's range and as the tests' second opinion.
 * -------------------------------------------------------------------------------------------- */

const VIEW = new DataView(new ArrayBuffer(8));

/** A finite nonzero double as ±m·2^e with integer m (< 2^53). */
interface Decomposed {
  m: bigint;
  e: number;
}

function decompose(x: number): Decomposed {
  VIEW.setFloat64(0, x);
  const hi = VIEW.getUint32(0);
  const lo = VIEW.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) {
    e = -1074;
  } else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: x < 0 ? -m : m, e };
}

/** 2^k as a double for −1074 ≤ k ≤ 1023 (exact). */
function pow2(k: number): number {
  if (k < -1022) return pow2(k + 52) / 4503599627370496; // exact: the result is a power of two ≥ 2^-1074
  VIEW.setUint32(0, (k + 1023) << 20);
  VIEW.setUint32(4, 0);
  return VIEW.getFloat64(0);
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/**
 * a·b + c rounded once to nearest-even, computed exactly with BigInt (IEEE 754 semantics for
 * zeros, infinities, NaN, subnormals and overflow). Allocates; `fma` uses it only off its fast path.
 */
export function fmaExact(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c; // the product is ±∞ or NaN
  if (!Number.isFinite(c)) return c; // finite product + ±∞ (or NaN); a·b must not overflow first
  if (a === 0 || b === 0) return a * b + c; // an exact ±0 product: JS's signed-zero rules are IEEE's
  const da = decompose(a);
  const db = decompose(b);
  const ep = da.e + db.e;
  const mp = da.m * db.m;
  let e: number;
  let n: bigint;
  if (c === 0) {
    e = ep;
    n = mp;
  } else {
    const dc = decompose(c);
    e = Math.min(ep, dc.e);
    n = (mp << BigInt(ep - e)) + (dc.m << BigInt(dc.e - e));
  }
  if (n === 0n) return 0; // exact cancellation: +0 in round-to-nearest
  const negative = n < 0n;
  const mag = negative ? -n : n;
  const top = e + bitLength(mag) - 1; // exponent of the leading bit
  const q = Math.max(top - 52, -1074); // exponent of the result's last significand bit
  let keep: bigint;
  if (q > e) {
    const shift = BigInt(q - e);
    keep = mag >> shift;
    const rem = mag - (keep << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (keep & 1n) === 1n)) keep += 1n;
  } else {
    keep = mag << BigInt(e - q);
  }
  // keep ≤ 2^53; keep·2^q is exact unless it reaches 2^1024, where the product is ∞ (the correct rounding).
  const magnitude = q > 1023 ? Infinity : Number(keep) * pow2(q);
  return negative ? -magnitude : magnitude;
}
