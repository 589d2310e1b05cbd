/**
 * scikit-learn 1.2.1 `make_moons` (`sklearn/datasets/_samples_generator.py`), bit for bit when
 * driven by `NumpyRandomState` (the cos/sin are glibcCos/glibcSin, glibc's own, i.e. numpy with its
 * AVX512 loops off — see circles.ts).
 */
import { glibcCos, glibcSin } from '../math/glibcSinCos.js';
import type { CirclesRandom } from './circles.js';
import { shuffleAndAddNoise } from './shuffleAndNoise.js';
import type { Dataset } from './types.js';

/** What make_moons needs from a generator: numpy-style `shuffle` and `normal` (the same as make_circles). */
export type MoonsRandom = CirclesRandom;

/** Options of makeMoons (sklearn.datasets.make_moons): points and Gaussian noise std. */
export interface MakeMoonsOptions {
  /** Total number of points, an integer ≥ 1: ⌊n/2⌋ on the outer moon (label 0), the rest on the inner one (label 1). */
  nSamples: number;
  /**
   * Standard deviation of the Gaussian noise added to every coordinate (finite, ≥ 0). Omitted or
   * null = sklearn's `noise=None`: no noise and no draws. 0 still draws the 2n normals, as sklearn does.
   */
  noise?: number | null;
  /** Shuffle the samples (sklearn's default true). */
  shuffle?: boolean;
  /** cos and sin of the angles (default glibcCos/glibcSin; see MakeCirclesOptions). */
  cos?: (x: number) => number;
  sin?: (x: number) => number;
}

/**
 * numpy 1.24 `linspace(start, stop, num)` (endpoint=True) for float64: div = num − 1,
 * step = (stop − start)/div, y[i] = i·step + start, then y[num−1] = stop exactly; num = 1 gives
 * [start] (numpy: arange(1)·delta + start), num = 0 an empty array. (numpy's special path for a
 * step that underflows to 0 is not needed by initlab's callers and not implemented.)
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  if (!Number.isSafeInteger(num) || num < 0) throw new RangeError(`num must be a non-negative integer, got ${String(num)}`);
  const out = new Float64Array(num);
  const delta = stop - start;
  if (num === 1) {
    out[0] = 0 * delta + start;
    return out;
  }
  const step = delta / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * sklearn 1.2.1 `make_moons(n_samples, shuffle, noise, random_state=<the generator>)`:
 *
 * 1. n_out = ⌊n/2⌋ points on the outer moon (label 0), n_in = n − n_out on the inner moon (label 1);
 * 2. outer: t = linspace(0, π, n_out), rows [cos t, sin t];
 *    inner: t = linspace(0, π, n_in), rows [1 − cos t, (1 − sin t) − 0.5];
 * 3. if shuffle: indices = arange(n); rng.shuffle(indices); rows and labels reordered;
 * 4. then, if noise is given: X += rng.normal(0.0, noise, (n, 2)) — 2n normals, row-major.
 *
 * Returns the course's layout (`X.T`): x[f·n + s], y[s] ∈ {0, 1}.
 * @throws RangeError for invalid options.
 */
export function makeMoons(rng: MoonsRandom, options: MakeMoonsOptions): Dataset {
  const n = options.nSamples;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`nSamples must be an integer >= 1, got ${String(n)}`);
  const noise = options.noise;
  if (noise !== undefined && noise !== null && !(Number.isFinite(noise) && noise >= 0)) {
    throw new RangeError(`noise must be a finite number >= 0 (or null for none), got ${String(noise)}`);
  }
  const cos = options.cos ?? glibcCos;
  const sin = options.sin ?? glibcSin;
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;

  const rowX0 = new Float64Array(n);
  const rowX1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  const tOut = linspace(0, Math.PI, nOut);
  for (let i = 0; i < nOut; i++) {
    rowX0[i] = cos(tOut[i]!);
    rowX1[i] = sin(tOut[i]!);
  }
  const tIn = linspace(0, Math.PI, nIn);
  for (let i = 0; i < nIn; i++) {
    rowX0[nOut + i] = 1 - cos(tIn[i]!);
    rowX1[nOut + i] = 1 - sin(tIn[i]!) - 0.5;
    rowY[nOut + i] = 1;
  }

  return shuffleAndAddNoise(rng, rowX0, rowX1, rowY, options.shuffle ?? true, options.noise);
}
