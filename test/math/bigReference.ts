/**
 * Test helper: an independent high-precision evaluation of ln, sin and cos with BigInt fixed-point
 * arithmetic (values scaled by 2^BITS), rounded to the nearest double (ties to even). It shares no
 * code or constants with src/math: ln 2 comes from Σ 1/(k·2^k), π from Machin's formula, ln(y) from
 * the atanh series, sin/cos from their Taylor series after an exact BigInt reduction by π/2.
 */

/** Fraction bits of the fixed-point values (errors are a few units of 2^-BITS). */
export const BITS = 320;
const B = BigInt(BITS);
const ONE = 1n << B;

const view = new DataView(new ArrayBuffer(8));

/** x = mant · 2^exp exactly, for a finite x > 0. */
export function decompose(x: number): { mant: bigint; exp: number } {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/** a·b / 2^BITS truncated toward zero (a plain >> would floor negatives to −1 forever). */
function mulFixed(a: bigint, b: bigint): bigint {
  const p = a * b;
  return p < 0n ? -(-p >> B) : p >> B;
}

function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(2).length;
}

/** 2^n as a double, exactly, for −1022 ≤ n ≤ 1023. */
function pow2(n: number): number {
  if (n < -1022 || n > 1023) throw new RangeError(`pow2 out of range: ${n}`);
  view.setBigUint64(0, BigInt(n + 1023) << 52n);
  return view.getFloat64(0);
}

/** The double nearest to v / 2^BITS (ties to even). Needs ≥ 80 significant bits and a normal result. */
export function fixedToDouble(v: bigint): number {
  if (v === 0n) return 0;
  const negative = v < 0n;
  const a = negative ? -v : v;
  const len = bitLength(a);
  if (len < 80) throw new RangeError('fixedToDouble: too few significant bits for a reliable rounding');
  const shift = len - 53;
  const s = BigInt(shift);
  let q = a >> s;
  const rem = a - (q << s);
  const half = 1n << (s - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  // q ≤ 2^53 converts exactly; scaling by a power of two is exact for normal results.
  const magnitude = Number(q) * pow2(shift - BITS);
  return negative ? -magnitude : magnitude;
}

/** atanh(s) for a fixed-point s with |s| < 1 (series Σ s^(2k+1)/(2k+1)). */
function atanhFixed(s: bigint): bigint {
  const s2 = mulFixed(s, s);
  let term = s;
  let sum = 0n;
  for (let k = 0n; term !== 0n; k++) {
    sum += term / (2n * k + 1n);
    term = mulFixed(term, s2);
  }
  return sum;
}

/** ln 2 = Σ_{k≥1} 1/(k·2^k), fixed point. */
const LN2: bigint = (() => {
  let sum = 0n;
  for (let k = 1n; ; k++) {
    const term = ONE / (k << k);
    if (term === 0n) break;
    sum += term;
  }
  return sum;
})();

/** ln(x)·2^BITS for a finite x > 0 (subnormals included). */
export function lnFixed(x: number): bigint {
  const { mant, exp } = decompose(x);
  const len = bitLength(mant);
  // x = (mant / 2^(len−1)) · 2^(exp + len − 1), the first factor y in [1, 2); take y/2 when y > √2.
  let denomPow = BigInt(len - 1);
  let e2 = exp + len - 1;
  if (2n * mant * mant > 1n << (2n * BigInt(len))) {
    // y² > 2 ⇔ mant² > 2^(2len−1)
    denomPow += 1n;
    e2 += 1;
  }
  const d = 1n << denomPow;
  const s = ((mant - d) << B) / (mant + d);
  return BigInt(e2) * LN2 + 2n * atanhFixed(s);
}

/** atan(1/n)·2^BITS (n integer ≥ 2). */
function atanInverse(n: bigint): bigint {
  const n2 = n * n;
  let power = ONE / n; // 1/n^(2k+1)
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    const term = power / (2n * k + 1n);
    sum += k % 2n === 0n ? term : -term;
    power /= n2;
  }
  return sum;
}

/** π by Machin: 16·atan(1/5) − 4·atan(1/239). */
const PI = 16n * atanInverse(5n) - 4n * atanInverse(239n);
const HALF_PI = PI / 2n;

/** Exact fixed-point value of a double (throws if it has bits below 2^-BITS). */
function exactFixed(x: number): bigint {
  const { mant, exp } = decompose(Math.abs(x));
  const shift = exp + BITS;
  if (shift < 0) throw new RangeError('exactFixed: value too small for the fixed-point format');
  const v = mant << BigInt(shift);
  return x < 0 ? -v : v;
}

/** sin and cos of a fixed-point r (|r| ≤ 1) by Taylor series. */
function sinCosSmall(r: bigint): { sin: bigint; cos: bigint } {
  const r2 = mulFixed(r, r);
  let s = 0n;
  let term = r; // r^(2j+1)/(2j+1)!
  for (let j = 1n; term !== 0n; j++) {
    s += term;
    term = -mulFixed(term, r2) / ((2n * j) * (2n * j + 1n));
  }
  let c = 0n;
  term = ONE; // r^(2j)/(2j)!
  for (let j = 1n; term !== 0n; j++) {
    c += term;
    term = -mulFixed(term, r2) / ((2n * j - 1n) * (2n * j));
  }
  return { sin: s, cos: c };
}

/** sin(x) and cos(x) in fixed point, for a double x (exact reduction by π/2 in BigInt). */
export function sinCosFixed(x: number): { sin: bigint; cos: bigint } {
  const negative = x < 0;
  const X = exactFixed(Math.abs(x));
  // k = nearest integer to X / (π/2)
  const k = (2n * X + HALF_PI) / (2n * HALF_PI);
  const r = X - k * HALF_PI;
  const { sin: sr, cos: cr } = sinCosSmall(r);
  let sin: bigint;
  let cos: bigint;
  switch (Number(k % 4n)) {
    case 0:
      [sin, cos] = [sr, cr];
      break;
    case 1:
      [sin, cos] = [cr, -sr];
      break;
    case 2:
      [sin, cos] = [-sr, -cr];
      break;
    default:
      [sin, cos] = [-cr, sr];
  }
  return { sin: negative ? -sin : sin, cos };
}

/** Correctly rounded ln(x) (finite x > 0) by the BigInt reference. */
export function referenceLog(x: number): number {
  return fixedToDouble(lnFixed(x));
}

/** Correctly rounded sin(x) by the BigInt reference (|x| ≥ 2^-60, result normal). */
export function referenceSin(x: number): number {
  return fixedToDouble(sinCosFixed(x).sin);
}

/** Correctly rounded cos(x) by the BigInt reference. */
export function referenceCos(x: number): number {
  return fixedToDouble(sinCosFixed(x).cos);
}
