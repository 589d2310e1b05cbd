/**
 * Double-double ("dd") arithmetic: a value is the unevaluated sum hi + lo of two doubles with
 * |lo| ≤ ulp(hi)/2, which carries about 106 significant bits. Used by `correctlyRounded.ts` to
 * evaluate log/sin/cos with ~100+ bits and then round once.
 *
 * The building blocks are the classical error-free transformations:
 * - TwoSum (Knuth): s + e == a + b exactly, for any doubles.
 * - FastTwoSum (Dekker): same when |a| ≥ |b|.
 * - TwoProduct (Dekker/Veltkamp split): p + e == a * b exactly. JavaScript has no fused
 *   multiply-add, so the product error is recovered by splitting each factor into two 26-bit halves
 *   (exact as long as nothing overflows, i.e. |a|, |b| < 2^996, and the product does not underflow).
 *
 * To stay allocation-free every operation writes its result into a module-level Float64Array
 * register read by `ddHi()` / `ddLo()` (no tuples, no objects; a typed array rather than `let`
 * variables because V8 boxes doubles stored in module-scope variables, allocating on every write).
 * Read both before calling the next operation.
 */

/** 2^27 + 1: the Veltkamp splitter for 53-bit doubles. */
const SPLITTER = 134217729;

/** [hi, lo] of the last result. */
const REG = new Float64Array(2);

/** High part of the last result. */
export function ddHi(): number {
  return REG[0]!;
}

/** Low part of the last result. */
export function ddLo(): number {
  return REG[1]!;
}

/** TwoSum: hi = fl(a + b), lo = the exact rounding error (a + b == hi + lo exactly). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  REG[1] = (a - (s - bb)) + (b - bb);
  REG[0] = s;
}

/** FastTwoSum (requires |a| ≥ |b| or a == 0): hi = fl(a + b), lo = exact error. */
export function fastTwoSum(a: number, b: number): void {
  const s = a + b;
  REG[1] = b - (s - a);
  REG[0] = s;
}

/** TwoProduct without FMA (Dekker): hi = fl(a * b), lo = exact error (a * b == hi + lo exactly). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  REG[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  REG[0] = p;
}

/** dd + dd, the accurate ("IEEE") variant with two TwoSums: relative error ≈ 2^-106. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s1 = REG[0]!;
  let s2 = REG[1]!;
  twoSum(al, bl);
  const t1 = REG[0]!;
  const t2 = REG[1]!;
  s2 += t1;
  fastTwoSum(s1, s2);
  s2 = REG[1]! + t2;
  fastTwoSum(REG[0]!, s2);
}

/** dd × dd: relative error ≈ 2^-104 (the lo×lo term is below that and dropped). */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = REG[0]!;
  const e = REG[1]! + (ah * bl + al * bh);
  fastTwoSum(p, e);
}

/** dd × double. */
export function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  const p = REG[0]!;
  const e = REG[1]! + al * b;
  fastTwoSum(p, e);
}

/**
 * dd ÷ dd by long division with three partial quotients (the "accurate" division of the QD
 * library, Hida–Li–Bailey): q1 = a/b, then the remainder a − q1·b is computed in dd and divided
 * again, twice. Relative error ≈ 2^-104.
 */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMulD(bh, bl, q1);
  ddAdd(ah, al, -REG[0]!, -REG[1]!);
  const rh = REG[0]!;
  const rl = REG[1]!;
  const q2 = rh / bh;
  ddMulD(bh, bl, q2);
  ddAdd(rh, rl, -REG[0]!, -REG[1]!);
  const q3 = REG[0]! / bh;
  fastTwoSum(q1, q2);
  ddAdd(REG[0]!, REG[1]!, q3, 0);
}
