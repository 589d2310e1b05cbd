import { permutationWith, randomIntervalOf, shuffleWith } from './discrete.js';
import type { MutableArrayLike, RandomGenerator } from './generator.js';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * Everything numpy's legacy `RandomState` builds on a stream of 32-bit words, shared by initlab's two
 * generators: 53-bit doubles, Marsaglia's polar normal with its one-value cache (`legacy_gauss`),
 * `normal`, `uniform`, `random_interval`, `shuffle`, `permutation`. A subclass supplies the words,
 * seeding, and the `log` the polar method uses.
 */
export abstract class PolarGenerator implements RandomGenerator {
  abstract readonly kind: 'numpy' | 'default';
  protected hasGauss = false;
  protected gauss = 0;

  abstract seed(seed: number): void;
  abstract nextUint32(): number;
  /** The natural log of the polar method (numpy calls C `log`). */
  protected abstract log(x: number): number;

  /** Forgets the cached second normal (every seeding and state restore does). */
  protected clearGauss(): void {
    this.hasGauss = false;
    this.gauss = 0;
  }

  /**
   * `random_sample()`: (a·2^26 + b) / 2^53 with a = next32 >>> 5, b = next32 >>> 6 (numpy
   * `mt19937_next_double`; the first word gives the high bits). In [0, 1), exact.
   */
  uniform01(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * `standard_normal()` (numpy `legacy_gauss`): draws x1, x2 = 2u − 1 until 0 < r2 = x1² + x2² < 1,
   * f = sqrt(−2·log(r2)/r2), returns f·x2 and caches f·x1 for the next call.
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

  /** `normal(loc, scale)` (numpy `legacy_normal`): loc + scale·gauss. @throws RangeError for a negative or NaN scale. */
  normal(loc: number, scale: number): number {
    if (!(scale >= 0)) throw new RangeError(`scale must be >= 0, got ${String(scale)}`);
    return loc + scale * this.standardNormal();
  }

  /** `uniform(low, high)`: low + (high − low)·random_sample(). @throws RangeError when high − low is not finite. */
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

  /** out[i] = standardNormal()·scale in order: the course's `np.random.randn(a, b) * scale`, row-major. */
  fillStandardNormal(out: Float64Array, scale = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal() * scale;
    return out;
  }
}
