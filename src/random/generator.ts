import type { RandomStream } from './types.js';

/** A mutable indexable sequence: plain arrays and every typed array qualify. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/**
 * The distributions both of initlab's generators provide on top of `RandomStream`, with numpy's
 * legacy `RandomState` semantics (the numpy generator reproduces them bit for bit; the default one
 * follows the same definitions on its own stream).
 */
export interface RandomGenerator extends RandomStream {
  /** loc + scale·N(0, 1) (numpy `legacy_normal`). */
  normal(loc: number, scale: number): number;
  /** low + (high − low)·U[0, 1) (numpy `random_uniform` as called by `RandomState.uniform`). */
  uniform(low: number, high: number): number;
  /** Uniform integer in 0..max inclusive by masked rejection on raw 32-bit words (numpy `random_interval`). */
  randomInterval(max: number): number;
  /** In-place Fisher–Yates from the end, j = randomInterval(i) (numpy `RandomState.shuffle`). */
  shuffle<T>(array: MutableArrayLike<T>): void;
  /** A shuffled 0..n−1 (numpy `RandomState.permutation(n)`). */
  permutation(n: number): Uint32Array;
  /** out[i] = standardNormal()·scale in order: the course's `randn(a, b) * scale`, row-major. */
  fillStandardNormal(out: Float64Array, scale?: number): Float64Array;
}
