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
import { glibcLog } from '../math/glibcLog.js';
import { checkIntegerSeed } from './discrete.js';
import { PolarGenerator } from './polarGenerator.js';
import { MT19937, type MT19937State } from './mt19937.js';

/** Options of NumpyRandomState: the natural log its polar method uses (glibc's, as numpy's C code calls, by default). */
export interface NumpyRandomStateOptions {
  /**
   * The natural log used by the polar method. numpy calls C `log`, i.e. glibc's, so the default is
   * `glibcLog` (glibc 2.36's x86-64 FMA variant, bit for bit): normals then equal numpy's for every
   * seed. `crLog` (correctly rounded) differs from glibc on ~1 input in 900, moving ~1 normal in
   * 1,000 by 1–2 ulp; `Math.log` moves 6 of the 76 seed-3 course normals. Swappable to study either.
   */
  log?: (x: number) => number;
}

/** Everything numpy's `get_state()` returns for the legacy generator (less the name tag). */
export interface NumpyRandomStateSnapshot extends MT19937State {
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/** 2^26 and 2^53, the constants of `mt19937_next_double`. */
/**
 * numpy's legacy `RandomState` (what `np.random.seed` / `np.random.randn` drive), bit for bit.
 * Unlike numpy there is no global instance: create one per stream and seed it explicitly.
 */
export class NumpyRandomState extends PolarGenerator {
  readonly kind = 'numpy' as const;
  private readonly mt: MT19937;
  private readonly logFn: (x: number) => number;

  /**
   * @param seed as for `seed()`; defaults to 0. (numpy's `RandomState()` without a seed draws one
   *   from the OS; initlab never does, so that every run is reproducible.)
   */
  constructor(seed: number | ArrayLike<number> = 0, options: NumpyRandomStateOptions = {}) {
    super();
    this.mt = new MT19937(seed);
    this.logFn = options.log ?? glibcLog;
  }

  protected log(x: number): number {
    return this.logFn(x);
  }

  /**
   * `np.random.seed(seed)`: an integer 0..2^32 − 1 seeds with `init_genrand`, an array of such
   * integers with `init_by_array` (so `seed(5)` and `seed([5])` differ, as in numpy). Clears the
   * cached normal.
   * @throws RangeError for a non-integer, negative or ≥ 2^32 seed, or an empty array.
   */
  override seed(seed: number | ArrayLike<number>): void {
    if (typeof seed === 'number') {
      checkIntegerSeed(seed);
      this.mt.initGenrand(seed);
    } else {
      this.mt.initByArray(seed);
    }
    this.clearGauss();
  }

  /** Next raw MT19937 word (numpy `mt19937_next32`), 0..2^32 − 1. */
  override nextUint32(): number {
    return this.mt.nextUint32();
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
