/**
 * Test helper: exact-enough values of e^x − 1, ln(1 + x) and tanh x in BigInt fixed point (the
 * 320-fraction-bit format of bigReference.ts), and the error of a double against such a value in
 * ulps. Shares no code or constants with src/math: e^r is its Taylor series after an exact-enough
 * reduction by k·ln 2 (ln 2 from bigReference's Σ 1/(k·2^k)), ln(v) is e·ln 2 + 2·atanh((m−1)/(m+1)),
 * tanh x = E/(E + 2) with E = e^{2x} − 1.
 */
import { BITS, decompose, lnFixed } from './bigReference.js';

const B = BigInt(BITS);
const ONE = 1n << B;
const LN2 = lnFixed(2); // ln 2 · 2^BITS (for x = 2 the atanh term is zero: it is exactly the Σ 1/(k·2^k) constant)

function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(2).length;
}

function mulFixed(a: bigint, b: bigint): bigint {
  const p = a * b;
  return p < 0n ? -(-p >> B) : p >> B;
}

/** The exact fixed-point value of a finite double (throws when it has bits below 2^-BITS). */
export function fixedOf(x: number): bigint {
  if (x === 0) return 0n;
  const { mant, exp } = decompose(Math.abs(x));
  const shift = exp + BITS;
  if (shift < 0) throw new RangeError(`fixedOf: ${x} has bits below 2^-${BITS}`);
  const v = mant << BigInt(shift);
  return x < 0 ? -v : v;
}

/** e^X for a fixed-point X (|X| below ~745): Taylor series of e^r, r = X − k·ln 2, |r| <= ln2/2. */
function expFixed(X: bigint): bigint {
  const k = (2n * X + (X >= 0n ? LN2 : -LN2)) / (2n * LN2); // nearest integer to X/ln 2
  const r = X - k * LN2;
  let sum = 0n;
  let term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    sum += term;
    term = mulFixed(term, r) / n;
  }
  return k >= 0n ? sum << k : sum >> -k;
}

/** ln(V) for a fixed-point V > 0: V = m·2^e, m in [1, 2), ln V = e·ln 2 + 2·atanh((m − 1)/(m + 1)). */
function lnOfFixed(V: bigint): bigint {
  const e = bitLength(V) - 1 - BITS;
  const m = e >= 0 ? V >> BigInt(e) : V << BigInt(-e);
  const s = ((m - ONE) << B) / (m + ONE); // in [0, 1/3)
  const s2 = mulFixed(s, s);
  let term = s;
  let sum = 0n;
  for (let j = 0n; term !== 0n; j++) {
    sum += term / (2n * j + 1n);
    term = mulFixed(term, s2);
  }
  return BigInt(e) * LN2 + 2n * sum;
}

/** (e^x − 1)·2^BITS for a double x with bits at or above 2^-BITS. */
export function expm1Fixed(x: number): bigint {
  return expFixed(fixedOf(x)) - ONE;
}

/** ln(1 + x)·2^BITS for a double x > −1 with bits at or above 2^-BITS (1 + x is formed exactly). */
export function log1pFixed(x: number): bigint {
  return lnOfFixed(ONE + fixedOf(x));
}

/** ln(x)·2^BITS for a double x > 0 with bits at or above 2^-BITS. */
export function logFixed(x: number): bigint {
  return lnOfFixed(fixedOf(x));
}

/** tanh(x)·2^BITS = E/(E + 2), E = e^{2|x|} − 1, with the sign of x. */
export function tanhFixed(x: number): bigint {
  const E = expFixed(2n * fixedOf(Math.abs(x))) - ONE;
  const t = (E << B) / (E + 2n * ONE);
  return x < 0 ? -t : t;
}

/**
 * |got − exact| in units of the last place of the exact value (ulp = 2^(⌊log2|exact|⌋ − 52)), as a
 * double; `exact` must be a fixed-point value ≥ 2^-260 or so in magnitude (the ulp must be a whole
 * number of fixed-point units, and `got` must be representable).
 */
export function ulpError(got: number, exact: bigint): number {
  const magnitude = exact < 0n ? -exact : exact;
  const ulpBits = bitLength(magnitude) - 1 - 52;
  if (ulpBits < 8) throw new RangeError('ulpError: exact value too small for the fixed-point format');
  const diff = fixedOf(got) - exact;
  const d = diff < 0n ? -diff : diff;
  // d / 2^ulpBits, to 2^-24 of an ulp.
  return Number((d << 24n) >> BigInt(ulpBits)) / 2 ** 24;
}
