/**
 * initlab's fast default generator: xoshiro128** 1.1 (Blackman & Vigna 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c) on four 32-bit words.
 *
 * It is NOT numpy-compatible: use `NumpyRandomState` to reproduce the course's numbers. It exists
 * for speed (a few integer ops per word, no 624-word twist, Math.log in the normals) when a study
 * only needs good, seeded, reproducible randomness — e.g. many seeds of a large sweep.
 *
 * Seeding: the integer seed s (0..2^32 − 1) drives SplitMix32 — state += 0x9e3779b9, then the
 * "lowbias32"-style finalizer z ^= z >>> 16; z *= 0x21f0aaad; z ^= z >>> 15; z *= 0x735a2d97;
 * z ^= z >>> 15 (Chris Wellons' hash-prospector constants) — and its first four outputs are the
 * xoshiro state. An all-zero state (which xoshiro must avoid) is replaced by a fixed non-zero one.
 *
 * Doubles: (a >>> 5)·2^26 + (b >>> 6), divided by 2^53 (53 random bits from two words, the same
 * construction as numpy's). Normals: Marsaglia's polar method with Math.log, caching the second value.
 */
import { checkIntegerSeed } from './discrete.js';
import { PolarGenerator } from './polarGenerator.js';

/** The four state words of xoshiro128**, as unsigned 32-bit integers. */
export type XoshiroState = readonly [number, number, number, number];

/** initlab's fast default stream (xoshiro128**, SplitMix32 seeding); not numpy-compatible. */
export class DefaultRandom extends PolarGenerator {
  readonly kind = 'default' as const;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Seeds with `seed(seed)`; defaults to 0. */
  constructor(seed = 0) {
    super();
    this.seed(seed);
  }

  /**
   * A generator started from explicit state words (for checkpoints and for testing against the
   * reference C code). At least one word must be non-zero.
   * @throws RangeError for words outside 0..2^32 − 1 or an all-zero state.
   */
  static fromState(state: XoshiroState): DefaultRandom {
    const g = new DefaultRandom(0);
    g.setState(state);
    return g;
  }

  /**
   * Re-seeds through SplitMix32 (see the module comment) and clears the cached normal.
   * @throws RangeError unless 0 ≤ seed ≤ 2^32 − 1 is an integer.
   */
  override seed(seed: number): void {
    checkIntegerSeed(seed);
    let sm = seed | 0;
    const words = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      sm = (sm + 0x9e3779b9) | 0;
      let z = sm;
      z ^= z >>> 16;
      z = Math.imul(z, 0x21f0aaad);
      z ^= z >>> 15;
      z = Math.imul(z, 0x735a2d97);
      z ^= z >>> 15;
      words[i] = z | 0;
    }
    this.s0 = words[0]!;
    this.s1 = words[1]!;
    this.s2 = words[2]!;
    this.s3 = words[3]!;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9 | 0;
    this.clearGauss();
  }

  /** The state words (unsigned). */
  getState(): XoshiroState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Sets the state words and clears the cached normal. @throws RangeError as `fromState`. */
  setState(state: XoshiroState): void {
    for (const w of state) {
      if (!Number.isInteger(w) || w < 0 || w > 4294967295) {
        throw new RangeError(`state words must be integers between 0 and 2**32 - 1, got ${String(w)}`);
      }
    }
    if (state.every((w) => w === 0)) throw new RangeError('xoshiro128** state must not be all zero');
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    this.clearGauss();
  }

  /** Next xoshiro128** output: rotl(s1·5, 7)·9, then the linear state update. */
  override nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = this.s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** The polar method here uses V8's Math.log: fast, not bit-compatible with any libm. */
  protected log(x: number): number {
    return Math.log(x);
  }
}
