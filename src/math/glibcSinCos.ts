/**
 * glibc 2.36's `sin` and `cos`, bit for bit, as x86-64 runs them on a CPU with FMA and AVX2.
 *
 * Why: scikit-learn's make_circles / make_moons call `np.cos` / `np.sin`, which (with numpy's
 * AVX512 loops switched off, or on a CPU without AVX512F) call glibc's `cos` / `sin` per element.
 * glibc's are not correctly rounded (~1 input in 700 on [0, 2π) differs by 1 ulp), so a correctly
 * rounded port moves ~0.1% of the coordinates. This port returns glibc's own bits.
 *
 * Source ported: glibc `sysdeps/ieee754/dbl-64/s_sin.c` (IBM Accurate Mathematical Library
 * `__sin` / `__cos`, in its 2.28+ form without the slow multi-precision paths), compiled for x86-64
 * as `sysdeps/x86_64/fpu/multiarch/s_sin-fma.c` with `-mfma -mavx2`; glibc's ifunc
 * (`ifunc-avx-fma4.h`) runs these `__sin_fma` / `__cos_fma` on every CPU with FMA and AVX2. GCC
 * contracts many of the source's `a * b + c` into fused multiply-adds; which ones was read from the
 * disassembly of Debian 12's libm.so.6 (glibc 2.36-9+deb12u14) — every inlined copy of do_sin,
 * do_cos, TAYLOR_SIN and reduce_sincos is contracted the same way. Each `fma(...)` below is one
 * `vfmadd`/`vfnmadd`/`vfmsub` there. Huge arguments use `__branred` (glibcBranred.ts), which glibc
 * compiles without FMA. Constants: usncs.h and s_sin.c; table: sincostab.c (glibcTables.ts).
 *
 * Checked against glibc itself on the inputs of test/fixtures/math/glibc-math.json (every branch).
 */
import { branred } from './glibcBranred.js';
import { fma } from './fma.js';
import { SINCOS_TAB } from './glibcTables.js';

// usncs.h (hex constants in glibc; the same doubles here).
const S1 = -0.16666666666666666; // -0x1.5555555555555p-3
const S2 = 0.008333333333332329; // 0x1.1111111110ECEp-7
const S3 = -0.00019841269834414642; // -0x1.A01A019DB08B8p-13
const S4 = 0.000002755729806860771; // 0x1.71DE27B9A7ED9p-19
const S5 = -2.5022014848318398e-8; // -0x1.ADDFFC2FCDF59p-26
const BIG = 52776558133248; // 0x1.8p45: big + |x| rounds |x| to a multiple of 1/128
const HP0 = 1.5707963267948966; // 0x1.921FB54442D18p0
const HP1 = 6.123233995736766e-17; // 0x1.1A62633145C07p-54
const MP1 = 1.5707963407039642; // 0x1.921FB58p0
const MP2 = -1.3909067564377153e-8; // -0x1.DDE973Cp-27
const PP3 = -4.97899623147991e-17; // -0x1.CB3B398p-55
const PP4 = -1.9034889620193266e-25; // -0x1.d747f23e32ed7p-83
const HPINV = 0.6366197723675814; // 0x1.45F306DC9C883p-1
const TOINT = 6755399441055744; // 0x1.8p52

// s_sin.c (decimal in glibc; these are the doubles they round to).
const SN3 = -1.66666666666664880952546298448555e-1;
const SN5 = 8.33333214285722277379541354343671e-3;
const CS2 = 4.99999999999999999999950396842453e-1; // rounds to 0.5
const CS4 = -4.16666666666664434524222570944589e-2;
const CS6 = 1.38888874007937613028114285595617e-3;

// Branch limits: s_sin.c compares the high word k = |x|'s top 32 bits with these constants; each has
// a zero low word, so `k < K` is `|x| < K·2^32 as a double`.
const TINY_SIN = 2 ** -26; // 0x3e500000
const TINY_COS = 2 ** -27; // 0x3e400000
const SMALL = 0.85546875; // 0x3feb6000 = 0x1.b6p-1
const MID = 2 * (1 + 0x368fd / 2 ** 20); // 0x400368fd ≈ 2.426265
const LARGE = 2 ** 26 * (1 + 0x921fb / 2 ** 20); // 0x419921FB ≈ 105414350

/** Reduced argument (a, da) from reduce_sincos / branred. */
const RED = new Float64Array(2);

/** TAYLOR_SIN(x·x, x, dx): x + ((POLYNOMIAL(xx)·x − dx/2)·xx + dx), as contracted by GCC. */
function taylorSin(x: number, dx: number): number {
  const xx = x * x;
  const poly = fma(fma(fma(fma(xx, S5, S4), xx, S3), xx, S2), xx, S1);
  return x + fma(xx, fma(poly, x, -(0.5 * dx)), dx);
}

/** do_sin(x, dx): sin(x + dx) for |x| < 0.855469 (after reduction). */
function doSin(x: number, dx: number): number {
  const ax = Math.abs(x);
  if (ax < 0.126) return taylorSin(x, dx);
  const d = x <= 0 ? -dx : dx;
  const u = BIG + ax;
  const xr = ax - (u - BIG);
  const k = 4 * ((u - BIG) * 128);
  const sn = SINCOS_TAB[k]!;
  const ssn = SINCOS_TAB[k + 1]!;
  const cs = SINCOS_TAB[k + 2]!;
  const ccs = SINCOS_TAB[k + 3]!;
  const xx = xr * xr;
  // s = x + (dx + x·xx·(sn3 + xx·sn5)); c = x·dx + xx·(cs2 + xx·(cs4 + xx·cs6))
  const s = xr + fma(xr * xx, fma(xx, SN5, SN3), d);
  const c = fma(xr, d, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  // cor = (ssn + s·ccs − sn·c) + cs·s
  const cor = fma(s, cs, fma(-c, sn, fma(s, ccs, ssn)));
  const r = sn + cor;
  return x < 0 ? -Math.abs(r) : Math.abs(r); // copysign(sn + cor, xold); |x| ≥ 0.126 here
}

/** do_cos(x, dx): cos(x + dx) for |x| < 0.855469 (after reduction). */
function doCos(x: number, dx: number): number {
  const d = x < 0 ? -dx : dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const xr = (ax - (u - BIG)) + d;
  const k = 4 * ((u - BIG) * 128);
  const sn = SINCOS_TAB[k]!;
  const ssn = SINCOS_TAB[k + 1]!;
  const cs = SINCOS_TAB[k + 2]!;
  const ccs = SINCOS_TAB[k + 3]!;
  const xx = xr * xr;
  // s = x + x·xx·(sn3 + xx·sn5); c = xx·(cs2 + xx·(cs4 + xx·cs6))
  const s = fma(xr * xx, fma(xx, SN5, SN3), xr);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  // cor = (ccs − s·ssn − cs·c) − sn·s
  const cor = fma(-s, sn, fma(-c, cs, fma(-s, ssn, ccs)));
  return cs + cor;
}

/** reduce_sincos: x = n·π/2 + (a + da) for |x| < 105414350; a, da into RED; returns n & 3. */
function reduceSinCos(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const n = xn & 3; // the low word of t (t = 1.5·2^52 + xn), masked
  const y = fma(-xn, MP2, fma(-xn, MP1, x));
  const t2 = fma(-xn, PP3, y);
  let db = fma(-PP3, xn, y - t2);
  const b = fma(-xn, PP4, t2);
  db += fma(-xn, PP4, t2 - b);
  RED[0] = b;
  RED[1] = db;
  return n;
}

/** do_sincos(a, da, n): sin of the reduced argument in quadrant n. */
function doSinCos(a: number, da: number, n: number): number {
  const r = (n & 1) !== 0 ? doCos(a, da) : doSin(a, da);
  return (n & 2) !== 0 ? -r : r;
}

/**
 * glibc's `sin(x)` bit for bit (glibc 2.36 `s_sin.c`, x86-64 FMA variant; not always correctly rounded).
 * sin x = x for |x| < 2^-26; the Taylor/table evaluation of do_sin for |x| < 0.855; copysign(cos(π/2 − |x|), x) below
 * 2.426; otherwise x = n·π/2 + r (reduce_sincos, or branred above ≈ 1.05e8) and sin x = ±sin r or ±cos r by quadrant n mod 4.
 * NaN for ±∞ and NaN.
 */
export function glibcSin(x: number): number {
  const ax = Math.abs(x);
  if (ax < TINY_SIN) return x;
  if (ax < SMALL) return doSin(x, 0);
  if (ax < MID) {
    const r = doCos(HP0 - ax, HP1);
    return x < 0 ? -Math.abs(r) : Math.abs(r); // copysign(…, x)
  }
  if (ax < LARGE) {
    const n = reduceSinCos(x);
    return doSinCos(RED[0]!, RED[1]!, n);
  }
  if (ax < Infinity) {
    const n = branred(x, RED);
    return doSinCos(RED[0]!, RED[1]!, n);
  }
  return NaN; // x / x for ±∞ and NaN
}

/**
 * glibc's `cos(x)` bit for bit (glibc 2.36 `s_sin.c`, x86-64 FMA variant; not always correctly rounded).
 * cos x = 1 for |x| < 2^-27; do_cos for |x| < 0.855; sin(π/2 − |x|) below 2.426; otherwise x = n·π/2 + r and
 * cos x = sin of r in quadrant n + 1. NaN for ±∞ and NaN.
 */
export function glibcCos(x: number): number {
  const ax = Math.abs(x);
  if (ax < TINY_COS) return 1.0;
  if (ax < SMALL) return doCos(x, 0);
  if (ax < MID) {
    const y = HP0 - ax;
    const a = y + HP1;
    const da = (y - a) + HP1;
    return doSin(a, da);
  }
  if (ax < LARGE) {
    const n = reduceSinCos(x);
    return doSinCos(RED[0]!, RED[1]!, n + 1);
  }
  if (ax < Infinity) {
    const n = branred(x, RED);
    return doSinCos(RED[0]!, RED[1]!, n + 1);
  }
  return NaN;
}
