/**
 * Seeded random streams. `NumpyRandomState` reproduces numpy's legacy `np.random` bit for bit (the
 * course's numbers); `DefaultRandom` (xoshiro128**) is initlab's fast, non-numpy default.
 */
import { NumpyRandomState } from './numpyRandomState.js';
import type { RandomGenerator } from './generator.js';
import { DefaultRandom } from './xoshiro.js';

export type { RandomStream } from './types.js';
export type { MutableArrayLike, RandomGenerator } from './generator.js';
export { MT19937, MT_N } from './mt19937.js';
export type { MT19937State } from './mt19937.js';
export { NumpyRandomState } from './numpyRandomState.js';
export type { NumpyRandomStateOptions, NumpyRandomStateSnapshot } from './numpyRandomState.js';
export { DefaultRandom } from './xoshiro.js';
export { PolarGenerator } from './polarGenerator.js';
export type { XoshiroState } from './xoshiro.js';
export { randomIntervalOf, shuffleWith, permutationWith } from './discrete.js';

/** The generator kinds `createRandom` knows. */
export type RandomKind = 'numpy' | 'default';

/**
 * A seeded generator of the given kind: 'numpy' → `NumpyRandomState` (numpy legacy MT19937,
 * `np.random.seed(seed)`), 'default' → `DefaultRandom` (xoshiro128** seeded by SplitMix32).
 * @throws RangeError for an unknown kind or a seed outside 0..2^32 − 1.
 */
export function createRandom(kind: RandomKind, seed: number): RandomGenerator {
  switch (kind) {
    case 'numpy':
      return new NumpyRandomState(seed);
    case 'default':
      return new DefaultRandom(seed);
    default: {
      const unknown: never = kind;
      throw new RangeError(`kind must be 'numpy' or 'default', got ${String(unknown)}`);
    }
  }
}
