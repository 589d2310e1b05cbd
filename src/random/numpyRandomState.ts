/**
 * numpy's legacy `RandomState` (the `np.random.*` functions of numpy 1.x, still frozen in 2.x),
 * reproduced bit for bit: the stream behind the course's `np.random.seed(3); np.random.randn(...)`
 * and behind sklearn's `make_circles` after `np.random.seed(1)`.
 *
 * Sources matched (numpy-legacy-rng.md): `random/_mt19937.pyx` `_legacy_seeding` (seeding),
 * `random/src/mt19937/mt19937.c` (words), `mt19937_next_double` (53-bit doubles),
 * `random/src/legacy/legacy-distributions.c` `legacy_gauss` / `legacy_normal` (normals),
 * `random/src/distributions/distributions.c` `random_interval` and `random/mtrand.pyx`
 * `shuffle` / `permutation` (integers).
 */
import { crLog } from '../math/correctlyRounded.js';
import { checkIntegerSeed, permutationWith, randomIntervalOf, shuffleWith } from './discrete.js';
import type { MutableArrayLike, RandomGenerator } from './generator.js';
import { MT19937, type MT19937State } from './mt19937.js';

export interface NumpyRandomStateOptions {
  /**
   * The natural log used by the polar method. numpy calls C `log` (glibc), which is correctly
   * rounded on all of the course's inputs, so the default is `crLog`. Pass `Math.log` to see how a
   * naive port drifts (6 of the 76 seed-3 course normals come out 1 ulp off), or another libm.
   */
  log?: (x: number) => number;
}

/** Everything numpy's `get_state()` returns for the legacy generator (less the name tag). */
export interface NumpyRandomStateSnapshot extends MT19937State {
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/** 2^26 and 2^53, the constants of `mt19937_next_double`. */
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * numpy's legacy `RandomState` (what `np.random.seed` / `np.random.randn` drive), bit for bit.
 * Unlike numpy there is no global instance: create one per stream and seed it explicitly.
 */
export class NumpyRandomState implements RandomGenerator {
  readonly kind = 'numpy' as const;
  private readonly mt: MT19937;
  private readonly log: (x: number) => number;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed as for `seed()`; defaults to 0. (numpy's `RandomState()` without a seed draws one
   *   from the OS; initlab never does, so that every run is reproducible.)
   */
  constructor(seed: number | ArrayLike<number> = 0, options: NumpyRandomStateOptions = {}) {
    this.mt = new MT19937(seed);
    this.log = options.log ?? crLog;
  }

  /**
   * `np.random.seed(seed)`: an integer 0..2^32 − 1 seeds with `init_genrand`, an array of such
   * integers with `init_by_array` (so `seed(5)` and `seed([5])` differ, as in numpy). Clears the
   * cached normal.
   * @throws RangeError for a non-integer, negative or ≥ 2^32 seed, or an empty array.
   */
  seed(seed: number | ArrayLike<number>): void {
    if (typeof seed === 'number') {
      checkIntegerSeed(seed);
      this.mt.initGenrand(seed);
    } else {
      this.mt.initByArray(seed);
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Next raw MT19937 word (numpy `mt19937_next32`), 0..2^32 − 1. */
  nextUint32(): number {
    return this.mt.nextUint32();
  }

  /**
   * `random_sample()` / `rand()`: (a·2^26 + b) / 2^53 with a = next32 >>> 5, b = next32 >>> 6
   * (numpy `mt19937_next_double`; the first word gives the high bits). In [0, 1), exact.
   */
  uniform01(): number {
    const a = this.mt.nextUint32() >>> 5;
    const b = this.mt.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * `standard_normal()` / `randn()` (numpy `legacy_gauss`): Marsaglia's polar method with a one-value
   * cache. Draws x1, x2 = 2u − 1 until 0 < r2 = x1² + x2² < 1, f = sqrt(−2·log(r2)/r2), returns
   * f·x2 and caches f·x1 for the next call. Only `seed()` clears the cache.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.uniform01() - 1.0;
      x2 = 2.0 * this.uniform01() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * this.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * `normal(loc, scale)` (numpy `legacy_normal`): loc + scale·gauss. make_circles' noise is
   * `normal(0.0, noise)`, i.e. 0.0 + noise·g.
   * @throws RangeError for a negative or NaN scale (numpy: "scale < 0").
   */
  normal(loc: number, scale: number): number {
    if (!(scale >= 0)) throw new RangeError(`scale must be >= 0, got ${String(scale)}`);
    return loc + scale * this.standardNormal();
  }

  /**
   * `uniform(low, high)` (numpy `random_uniform`): low + (high − low)·random_sample().
   * @throws RangeError when high − low is not finite (numpy raises OverflowError).
   */
  uniform(low: number, high: number): number {
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`high - low must be finite, got ${String(range)}`);
    return low + range * this.uniform01();
  }

  /** See `randomIntervalOf` (numpy `random_interval`, masked rejection on raw words). */
  randomInterval(max: number): number {
    return randomIntervalOf(this, max);
  }

  /** numpy `RandomState.shuffle` on a 1-D array: Fisher–Yates from the end, j = random_interval(i). */
  shuffle<T>(array: MutableArrayLike<T>): void {
    shuffleWith(this, array);
  }

  /** numpy `RandomState.permutation(n)`: a shuffled arange(n). */
  permutation(n: number): Uint32Array {
    return permutationWith(this, n);
  }

  /**
   * Fills `out` in order with standardNormal()·scale: the course's `np.random.randn(a, b) * scale`
   * for a row-major (a, b) array (each normal drawn first, then multiplied). Returns `out`.
   */
  fillStandardNormal(out: Float64Array, scale = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal() * scale;
    return out;
  }

  /** A copy of the full state (numpy `get_state()`: key, pos, has_gauss, cached_gaussian). */
  getState(): NumpyRandomStateSnapshot {
    return { ...this.mt.getState(), hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /** Restores a state from `getState()` (or from numpy's `get_state()` tuple fields). */
  setState(state: NumpyRandomStateSnapshot): void {
    this.mt.setState(state);
    this.hasGauss = state.hasGauss;
    this.gauss = state.hasGauss ? state.gauss : 0;
  }
}
