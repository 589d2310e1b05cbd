/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), exactly as numpy's
 * `random/src/mt19937/mt19937.{c,h}` implements it: N = 624, M = 397, MATRIX_A = 0x9908b0df,
 * the whole state regenerated when pos reaches 624, standard tempering.
 *
 * Seeding follows numpy's `MT19937._legacy_seeding` (`random/_mt19937.pyx`):
 * an integer seed 0 ≤ s ≤ 2^32 − 1 uses `init_genrand(s)` (`mt19937_seed`), an array seed uses
 * `init_by_array` (`mt19937_init_by_array`). They give different streams for the same number:
 * `np.random.seed(5)` ≠ `np.random.seed([5])` (and Python's `random.seed(3)` equals the latter).
 *
 * All arithmetic is on 32-bit words (Uint32Array, Math.imul, >>>); no BigInt, no allocation per draw.
 */

import { isSeed } from '../util/seed.js';

/** Degree of recurrence (state words). */
export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A snapshot of the generator, like the `key`/`pos` of numpy's `get_state()`. */
export interface MT19937State {
  /** The 624 state words. */
  readonly key: Uint32Array;
  /** Index of the next word to temper (624 means "twist before the next draw"). */
  readonly pos: number;
}

function checkSeedWord(v: number, name: string): void {
  // A seed, or one word of an array seed: both are 32-bit words (init_genrand / init_by_array).
  if (!isSeed(v)) {
    throw new RangeError(`${name} must be an integer between 0 and 2**32 - 1, got ${String(v)}`);
  }
}

/** One MT19937 stream: 624 words of state plus the read position, drawn one tempered word at a time. */
export class MT19937 {
  private readonly key = new Uint32Array(MT_N);
  private pos = MT_N;

  /** Seeds with `init_genrand(seed)` (default 0) or, for an array, `init_by_array(seed)`. */
  constructor(seed: number | ArrayLike<number> = 0) {
    if (typeof seed === 'number') this.initGenrand(seed);
    else this.initByArray(seed);
  }

  /**
   * Matsumoto's `init_genrand` (numpy `mt19937_seed`):
   * key[0] = s; key[i] = 1812433253·(key[i−1] ^ (key[i−1] >>> 30)) + i (mod 2^32); pos = 624.
   * @throws RangeError unless 0 ≤ seed ≤ 2^32 − 1 is an integer (numpy: "Seed must be between 0 and 2**32 - 1").
   */
  initGenrand(seed: number): void {
    checkSeedWord(seed, 'seed');
    const key = this.key;
    key[0] = seed;
    for (let i = 1; i < MT_N; i++) {
      const prev = key[i - 1]!;
      key[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.pos = MT_N;
  }

  /**
   * Matsumoto's `init_by_array` (numpy `mt19937_init_by_array`): `init_genrand(19650218)`, then two
   * mixing passes over max(624, length) and 623 words, then key[0] = 0x80000000.
   * @throws RangeError for an empty key or a word outside 0..2^32 − 1.
   */
  initByArray(initKey: ArrayLike<number>): void {
    const length = initKey.length;
    if (length === 0) throw new RangeError('seed array must be non-empty');
    for (let j = 0; j < length; j++) checkSeedWord(initKey[j]!, `seed[${j}]`);
    this.initGenrand(19650218);
    const mt = this.key;
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT_N, length); k > 0; k--) {
      const prev = mt[i - 1]!;
      // Uint32Array stores reduce the (< 2^53) sum mod 2^32, like the C code's `&= 0xffffffff`.
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + initKey[j]! + j;
      i++;
      j++;
      if (i >= MT_N) {
        mt[0] = mt[MT_N - 1]!;
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = MT_N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i;
      i++;
      if (i >= MT_N) {
        mt[0] = mt[MT_N - 1]!;
        i = 1;
      }
    }
    mt[0] = UPPER_MASK;
    this.pos = MT_N;
  }

  /** Regenerates all 624 words (numpy `mt19937_gen`) and resets pos to 0. */
  private twist(): void {
    const key = this.key;
    let i = 0;
    let y: number;
    for (; i < MT_N - MT_M; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + MT_M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < MT_N - 1; i++) {
      y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + MT_M - MT_N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[MT_N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[MT_N - 1] = key[MT_M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** Next tempered 32-bit word as an unsigned integer (numpy `mt19937_next32`). */
  nextUint32(): number {
    if (this.pos >= MT_N) this.twist();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A copy of the state (the `key` and `pos` of numpy's `RandomState.get_state()`). */
  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  /**
   * Restores a state from `getState()` (or numpy's `get_state()[1]` and `[2]`).
   * @throws RangeError for a key not of 624 words or pos outside 0..624.
   */
  setState(state: MT19937State): void {
    if (state.key.length !== MT_N) throw new RangeError(`state.key must have ${MT_N} words, got ${state.key.length}`);
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > MT_N) {
      throw new RangeError(`state.pos must be an integer between 0 and ${MT_N}, got ${String(state.pos)}`);
    }
    this.key.set(state.key);
    this.pos = state.pos;
  }
}
