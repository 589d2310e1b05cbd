/**
 * scikit-learn 1.2.1 `make_circles` (`sklearn/datasets/_samples_generator.py`, line 641), bit for
 * bit when driven by `NumpyRandomState`, and the course's train/test sets built with it.
 */
import { glibcCos, glibcSin } from '../math/glibcSinCos.js';
import type { MutableArrayLike } from '../random/generator.js';
import { NumpyRandomState } from '../random/numpyRandomState.js';
import { shuffleAndAddNoise } from './shuffleAndNoise.js';
import type { Dataset } from './types.js';

/** What make_circles needs from a generator: numpy-style `shuffle` and `normal`. */
export interface CirclesRandom {
  shuffle<T>(array: MutableArrayLike<T>): void;
  normal(loc: number, scale: number): number;
}

/** Options of makeCircles (sklearn.datasets.make_circles): points, Gaussian noise std, inner radius factor. */
export interface MakeCirclesOptions {
  /** Total number of points, an integer ≥ 2: ⌊n/2⌋ on the outer circle, the rest on the inner. */
  nSamples: number;
  /**
   * Standard deviation of the Gaussian noise added to every coordinate (finite, ≥ 0). Omitted or
   * null = sklearn's `noise=None`: no noise and no draws. 0 still draws the 2n normals, as sklearn does.
   */
  noise?: number | null;
  /** Inner/outer radius ratio, 0 ≤ factor < 1 (sklearn's default 0.8). */
  factor?: number;
  /** Shuffle the samples (sklearn's default true). */
  shuffle?: boolean;
  /**
   * cos and sin of the angles. Default: glibcCos/glibcSin, glibc 2.36's own (x86-64 FMA variant), which
   * numpy's `np.cos`/`np.sin` call when its AVX512 loops are off (NPY_DISABLE_CPU_FEATURES, or a CPU
   * without AVX512F). numpy's default AVX512 build uses its own vectorised sin/cos instead (up to
   * ~2 ulp away). Swappable to study libm differences (crCos/crSin, Math.cos/Math.sin).
   */
  cos?: (x: number) => number;
  sin?: (x: number) => number;
}

function checkOptions(o: MakeCirclesOptions): void {
  if (!Number.isSafeInteger(o.nSamples) || o.nSamples < 2) {
    throw new RangeError(`nSamples must be an integer >= 2 (at least one point per circle), got ${String(o.nSamples)}`);
  }
  if (o.noise !== undefined && o.noise !== null && !(Number.isFinite(o.noise) && o.noise >= 0)) {
    throw new RangeError(`noise must be a finite number >= 0 (or null for none), got ${String(o.noise)}`);
  }
  const factor = o.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1)) {
    throw new RangeError(`factor must satisfy 0 <= factor < 1, got ${String(factor)}`);
  }
}

/**
 * sklearn 1.2.1 `make_circles(n_samples, shuffle, noise, random_state=<the generator>, factor)`:
 *
 * 1. n_out = ⌊n/2⌋ points on the outer circle (label 0), n_in = n − n_out on the inner one (label 1);
 * 2. angles t_i = i·(2π/n_count) + 0.0 (numpy `linspace(0, 2π, n_count, endpoint=False)`);
 * 3. rows outer [cos t, sin t], then inner [cos t·factor, sin t·factor];
 * 4. if shuffle: indices = arange(n); rng.shuffle(indices); rows and labels reordered
 *    (sklearn `utils.shuffle` → `resample(replace=False)`);
 * 5. then, if noise is given: X += rng.normal(0.0, noise, (n, 2)) — 2n normals in row-major order,
 *    row r's x0 gets the (2r)-th and x1 the (2r+1)-th.
 *
 * Returns the course's layout (`X.T`): x[f·n + s] for feature f ∈ {0, 1}, y[s] ∈ {0, 1}.
 * @throws RangeError for invalid options (see MakeCirclesOptions).
 */
export function makeCircles(rng: CirclesRandom, options: MakeCirclesOptions): Dataset {
  checkOptions(options);
  const n = options.nSamples;
  const factor = options.factor ?? 0.8;
  const cos = options.cos ?? glibcCos;
  const sin = options.sin ?? glibcSin;
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;

  // Sample-major (n, 2) table as sklearn builds it, then transposed at the end.
  const rowX0 = new Float64Array(n);
  const rowX1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  const stepOut = (2 * Math.PI) / nOut;
  for (let i = 0; i < nOut; i++) {
    const t = i * stepOut + 0.0;
    rowX0[i] = cos(t);
    rowX1[i] = sin(t);
  }
  const stepIn = (2 * Math.PI) / nIn;
  for (let i = 0; i < nIn; i++) {
    const t = i * stepIn + 0.0;
    rowX0[nOut + i] = cos(t) * factor;
    rowX1[nOut + i] = sin(t) * factor;
    rowY[nOut + i] = 1;
  }

  return shuffleAndAddNoise(rng, rowX0, rowX1, rowY, options.shuffle ?? true, options.noise);
}

/** The course's two data sets (`load_dataset` in init_utils.py). */
export interface CourseCircles {
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * The course's `load_dataset()`: `np.random.seed(1); make_circles(300, noise=.05)` for training and
 * `np.random.seed(2); make_circles(100, noise=.05)` for testing, each on a freshly seeded
 * `NumpyRandomState` (sklearn's `random_state=None` means the global numpy stream, which the
 * notebook seeds). With the defaults the result equals numpy-legacy-vectors.json
 * `make_circles.train_X_libm` / `test_X_libm` (transposed) and `train_y` / `test_y` exactly.
 */
export function courseCircles(
  trainSeed = 1,
  testSeed = 2,
  trainSamples = 300,
  testSamples = 100,
  noise = 0.05,
): CourseCircles {
  const rng = new NumpyRandomState();
  rng.seed(trainSeed);
  const train = makeCircles(rng, { nSamples: trainSamples, noise });
  const testRng = new NumpyRandomState();
  testRng.seed(testSeed);
  const test = makeCircles(testRng, { nSamples: testSamples, noise });
  return { train, test };
}
