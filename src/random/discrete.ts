/**
 * Integer draws shared by both generators, on raw 32-bit words exactly as numpy's legacy
 * `RandomState` does them (numpy `random/src/distributions/distributions.c` `random_interval`,
 * `random/mtrand.pyx` `shuffle` / `_shuffle_raw` / `permutation`).
 */
import type { MutableArrayLike } from './generator.js';
import type { RandomStream } from './types.js';
import { isSeed } from '../util/seed.js';

/** The largest 32-bit word: the bound of numpy's 32-bit `random_interval` branch and of a permutation's length (a Uint32Array index), not a seed bound (that is util/seed.ts's MAX_SEED, the same number because numpy seeds with one word too). */
const MAX_UINT32 = 4294967295;

/**
 * Uniform integer in 0..max (inclusive) by masked rejection (numpy `random_interval`, 32-bit
 * branch): mask = smallest 2^k − 1 ≥ max; draw `next32() & mask` until it is ≤ max.
 * max = 0 returns 0 without drawing.
 * @throws RangeError unless max is an integer in 0..2^32 − 1 (the 64-bit branch is not implemented).
 */
export function randomIntervalOf(rng: RandomStream, max: number): number {
  if (!Number.isInteger(max) || max < 0 || max > MAX_UINT32) {
    throw new RangeError(`max must be an integer between 0 and 2**32 - 1, got ${String(max)}`);
  }
  return randomIntervalUnchecked(rng, max);
}

/** randomIntervalOf without the argument check (max already known to be an integer in 0..2^32 − 1). */
function randomIntervalUnchecked(rng: RandomStream, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do {
    value = (rng.nextUint32() & mask) >>> 0;
  } while (value > max);
  return value;
}

/**
 * In-place Fisher–Yates from the end, as numpy's legacy `RandomState.shuffle` on a 1-D array:
 * for i = n−1 down to 1: j = random_interval(i); swap a[i], a[j]. Arrays of length < 2 draw nothing.
 */
export function shuffleWith<T>(rng: RandomStream, array: MutableArrayLike<T>): void {
  // numpy's shuffle only ever needs the 32-bit branch of random_interval below 2^32 elements.
  if (array.length - 1 > MAX_UINT32) throw new RangeError('cannot shuffle more than 2**32 elements');
  for (let i = array.length - 1; i >= 1; i--) {
    const j = randomIntervalUnchecked(rng, i);
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
}

/**
 * numpy's `RandomState.permutation(n)`: p = shuffle(arange(n)), i.e. p = [0, 1, …, n − 1] put through shuffleWith's
 * Fisher–Yates (for i = n−1 down to 1: swap p[i], p[random_interval(i)]), drawn from `rng`.
 * @throws RangeError unless n is a non-negative integer below 2^32.
 */
export function permutationWith(rng: RandomStream, n: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || n > MAX_UINT32) {
    throw new RangeError(`n must be a non-negative integer below 2**32, got ${String(n)}`);
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleWith(rng, out);
  return out;
}

/**
 * Checks an integer seed the way numpy's `_legacy_seeding` does.
 * @throws RangeError unless 0 ≤ seed ≤ 2^32 − 1 is an integer.
 */
export function checkIntegerSeed(seed: number): void {
  if (!isSeed(seed)) {
    throw new RangeError(`seed must be an integer between 0 and 2**32 - 1, got ${String(seed)}`);
  }
}
