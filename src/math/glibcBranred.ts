/**
 * glibc's `__branred` (sysdeps/ieee754/dbl-64/branred.c, IBM Accurate Mathematical Library): range
 * reduction of a huge argument, x = n·π/2 + (a + aa) with |a + aa| ≤ π/4, for sin/cos of
 * |x| ≥ 105414350. Ported line by line; branred.c is compiled once, without `-mfma` (the FMA
 * variants of sin/cos call the same `__branred`), so every operation is a plain IEEE double
 * operation and JavaScript's arithmetic reproduces it exactly.
 *
 * Writes a and aa into `out[0]`, `out[1]` and returns n mod 4.
 */

/** 2/π in base 2^24 digits (branred.h `toverp`). */
const TOVERP = new Float64Array([
  10680707.0, 7228996.0, 1387004.0, 2578385.0, 16069853.0,
  12639074.0, 9804092.0, 4427841.0, 16666979.0, 11263675.0,
  12935607.0, 2387514.0, 4345298.0, 14681673.0, 3074569.0,
  13734428.0, 16653803.0, 1880361.0, 10960616.0, 8533493.0,
  3062596.0, 8710556.0, 7349940.0, 6258241.0, 3772886.0,
  3769171.0, 3798172.0, 8675211.0, 12450088.0, 3874808.0,
  9961438.0, 366607.0, 15675153.0, 9132554.0, 7151469.0,
  3571407.0, 2607881.0, 12013382.0, 4155038.0, 6285869.0,
  7677882.0, 13102053.0, 15825725.0, 473591.0, 9065106.0,
  15363067.0, 6271263.0, 9264392.0, 5636912.0, 4652155.0,
  7056368.0, 13614112.0, 10155062.0, 1944035.0, 9527646.0,
  15080200.0, 6658437.0, 6231200.0, 6832269.0, 16767104.0,
  5075751.0, 3212806.0, 1398474.0, 7579849.0, 6349435.0,
  12618859.0, 4703257.0, 12806093.0, 14477321.0, 2786137.0,
  12875403.0, 9837734.0, 14528324.0, 13719321.0, 343717.0,
]);

// branred.h constants (given there as IEEE word pairs).
const SPLIT = 134217729; // CN = 2^27 + 1
const TM600 = 2 ** -600;
const TM24 = 2 ** -24;
const BIG = 6755399441055744; // 0x43380000 00000000 = 1.5·2^52
const BIG1 = 27021597764222976; // 0x43580000 00000000 = 1.5·2^54
const HP0 = 1.5707963267948966; // 0x3FF921FB 54442D18
const HP1 = 6.123233995736766e-17; // 0x3C91A626 33145C07
const MP1 = 1.5707963407039642; // 0x3FF921FB 58000000
const MP2 = -1.3909067675399456e-8; // 0xBE4DDE97 40000000

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0;

const R = new Float64Array(6);
/** Partial results of one half (x1 or x2): [b, bb, sum]. */
const HALF = new Float64Array(3);

/** The body that branred.c repeats for x1 and for x2. */
function reduceHalf(xi: number): void {
  F64[0] = xi;
  let k = (U32[HI]! >>> 20) & 2047;
  k = Math.trunc((k - 450) / 24); // C integer division truncates towards zero
  if (k < 0) k = 0;
  let gor = 2 ** (576 - 24 * k); // t576 with (k·24) taken off its exponent
  for (let i = 0; i < 6; i++) {
    R[i] = xi * TOVERP[k + i]! * gor;
    gor *= TM24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = (R[i]! + BIG) - BIG;
    sum += s;
    R[i] = R[i]! - s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += R[5 - i]!;
  let bb = (((((R[0]! - t) + R[1]!) + R[2]!) + R[3]!) + R[4]!) + R[5]!;
  let s = (t + BIG) - BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = (t - b) + bb;
  s = (sum + BIG1) - BIG1;
  sum -= s;
  HALF[0] = b;
  HALF[1] = bb;
  HALF[2] = sum;
}

/** `__branred(x, &a, &aa)`: out[0] = a, out[1] = aa; returns n & 3. For finite |x| ≥ 2^26 or so. */
export function branred(xIn: number, out: Float64Array): number {
  const x = xIn * TM600;
  let t = x * SPLIT;
  const x1 = t - (t - x);
  const x2 = x - x1;

  reduceHalf(x1);
  const b1 = HALF[0]!;
  const bb1 = HALF[1]!;
  const sum1 = HALF[2]!;
  reduceHalf(x2);
  const b2 = HALF[0]!;
  const bb2 = HALF[1]!;
  const sum2 = HALF[2]!;

  let sum = sum1 + sum2;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? (b1 - b) + b2 : (b2 - b) + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  t = ((b - s) + bb) + (bb1 + bb2);
  b = s * SPLIT;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * HP0;
  bb = (((t1 * MP1 - b) + t1 * MP2) + t2 * MP1) + (t2 * MP2 + s * HP1 + t * HP0);
  s = b + bb;
  t = (b - s) + bb;
  out[0] = s;
  out[1] = t;
  return Math.trunc(sum) & 3; // ((int) sum) & 3
}
