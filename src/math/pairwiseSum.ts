/**
 * numpy's pairwise summation (`pairwise_sum_DOUBLE` in numpy `core/src/umath/loops_utils.h.src`),
 * which `np.sum` / `np.add.reduce` / `np.nansum` use on a contiguous float64 run (1-D arrays and
 * `axis=1` rows of C-contiguous arrays, n ≤ 8192; see numpy-legacy-rng.md §7):
 *
 * - n < 8: add sequentially, starting from 0.0;
 * - 8 ≤ n ≤ 128: eight strided accumulators r[j] seeded with a[0..7] and advanced 8 at a time over
 *   the first n − n%8 values, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remaining
 *   n%8 values added sequentially;
 * - n > 128: n2 = n/2 − (n/2 % 8) (integer division) and the sum is pw(a[:n2]) + pw(a[n2:]).
 *
 * The reduction then adds that to its initial value 0.0 (the add identity), so an all −0.0 input
 * sums to +0.0 as in numpy. It matters for bit-exactness: the course's cost is
 * `1./m * np.nansum(logprobs)`, and a plain loop over 300 copies of ln 2 gives 0.6931471805599467
 * after the 1/300 scaling where numpy gives 0.6931471805599453.
 *
 * Beyond 8192 elements numpy's reduction may process the array in buffered chunks; these functions
 * always apply the recursion to the whole range.
 */

const BLOCK = 128;

function pairwise(a: Float64Array, offset: number, n: number): number {
  if (n < 8) {
    let res = 0.0;
    for (let i = 0; i < n; i++) res += a[offset + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[offset]!;
    let r1 = a[offset + 1]!;
    let r2 = a[offset + 2]!;
    let r3 = a[offset + 3]!;
    let r4 = a[offset + 4]!;
    let r5 = a[offset + 5]!;
    let r6 = a[offset + 6]!;
    let r7 = a[offset + 7]!;
    const full = n - (n % 8);
    let i = 8;
    for (; i < full; i += 8) {
      const p = offset + i;
      r0 += a[p]!;
      r1 += a[p + 1]!;
      r2 += a[p + 2]!;
      r3 += a[p + 3]!;
      r4 += a[p + 4]!;
      r5 += a[p + 5]!;
      r6 += a[p + 6]!;
      r7 += a[p + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[offset + i]!;
    return res;
  }
  const half = Math.floor(n / 2);
  const n2 = half - (half % 8);
  return pairwise(a, offset, n2) + pairwise(a, offset + n2, n - n2);
}

/** NaN reads as 0 (numpy's `nansum` replaces NaN by 0 and then sums). */
function nz(v: number): number {
  return v !== v ? 0 : v;
}

function pairwiseNan(a: Float64Array, offset: number, n: number): number {
  if (n < 8) {
    let res = 0.0;
    for (let i = 0; i < n; i++) res += nz(a[offset + i]!);
    return res;
  }
  if (n <= BLOCK) {
    let r0 = nz(a[offset]!);
    let r1 = nz(a[offset + 1]!);
    let r2 = nz(a[offset + 2]!);
    let r3 = nz(a[offset + 3]!);
    let r4 = nz(a[offset + 4]!);
    let r5 = nz(a[offset + 5]!);
    let r6 = nz(a[offset + 6]!);
    let r7 = nz(a[offset + 7]!);
    const full = n - (n % 8);
    let i = 8;
    for (; i < full; i += 8) {
      const p = offset + i;
      r0 += nz(a[p]!);
      r1 += nz(a[p + 1]!);
      r2 += nz(a[p + 2]!);
      r3 += nz(a[p + 3]!);
      r4 += nz(a[p + 4]!);
      r5 += nz(a[p + 5]!);
      r6 += nz(a[p + 6]!);
      r7 += nz(a[p + 7]!);
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += nz(a[offset + i]!);
    return res;
  }
  const half = Math.floor(n / 2);
  const n2 = half - (half % 8);
  return pairwiseNan(a, offset, n2) + pairwiseNan(a, offset + n2, n - n2);
}

function checkRange(a: Float64Array, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > a.length || start > end) {
    throw new RangeError(`need integers 0 <= start <= end <= ${a.length}, got start=${String(start)} end=${String(end)}`);
  }
}

/**
 * `np.sum(a[start:end])` bit for bit: Σ_{i=start}^{end−1} a[i] by numpy's pairwise summation (`pairwise_sum_DOUBLE`,
 * see the module comment): pw(a) = pw(a[:n2]) + pw(a[n2:]) with n2 = ⌊n/2⌋ − ⌊n/2⌋ mod 8 for n > 128, eight
 * strided accumulators for 8 ≤ n ≤ 128, a plain loop below 8; then 0.0 + pw. Its rounding error grows like
 * O(ε log n)·Σ|a[i]| instead of the loop's O(ε n)·Σ|a[i]| (Higham 1993). Allocation-free.
 * @throws RangeError unless 0 ≤ start ≤ end ≤ a.length are integers.
 */
export function pairwiseSum(a: Float64Array, start = 0, end: number = a.length): number {
  checkRange(a, start, end);
  return 0.0 + pairwise(a, start, end - start);
}

/**
 * `np.nansum(a[start:end])` bit for bit: NaN counts as 0, then the same pairwise summation
 * (numpy `lib/nanfunctions.py` `nansum` = `_replace_nan(a, 0)` + `np.sum`). An all-NaN or empty
 * range gives 0. ±Infinity are kept (Infinity + −Infinity is NaN, as in numpy). Allocation-free.
 * @throws RangeError unless 0 ≤ start ≤ end ≤ a.length are integers.
 */
export function pairwiseNanSum(a: Float64Array, start = 0, end: number = a.length): number {
  checkRange(a, start, end);
  return 0.0 + pairwiseNan(a, start, end - start);
}
