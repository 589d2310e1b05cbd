/**
 * The seeded train/test split and training-set standardization used by `makeDataset`.
 */
import type { RandomGenerator } from '../random/generator.js';
import type { Dataset } from './types.js';

/** Test-set size for n samples: ⌈testFraction·n⌉ in float64, as sklearn's `_validate_shuffle_split`. */
export function testSize(n: number, testFraction: number): number {
  return Math.ceil(testFraction * n);
}

/** The samples of `d` at `indices`, in that order. */
export function takeSamples(d: Dataset, indices: ArrayLike<number>): Dataset {
  const m = indices.length;
  const n = d.nSamples;
  const x = new Float64Array(d.nFeatures * m);
  const y = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const r = indices[s]!;
    for (let f = 0; f < d.nFeatures; f++) x[f * m + s] = d.x[f * n + r]!;
    y[s] = d.y[r]!;
  }
  return { nFeatures: d.nFeatures, nSamples: m, x, y };
}

/**
 * sklearn 1.2.1 `train_test_split(X, y, test_size=testFraction, random_state=rng)` with the same
 * `RandomState` object (ShuffleSplit, one split): n_test = ⌈testFraction·n⌉, perm = rng.permutation(n)
 * (numpy's shuffle of arange(n)), test = samples perm[0 … n_test−1], train = samples perm[n_test …],
 * both in permutation order.
 * @throws RangeError unless 0 < testFraction < 1 and both parts get at least one sample.
 */
export function trainTestSplit(d: Dataset, rng: Pick<RandomGenerator, 'permutation'>, testFraction: number): { train: Dataset; test: Dataset } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${String(testFraction)}`);
  const n = d.nSamples;
  const nTest = testSize(n, testFraction);
  if (nTest < 1 || nTest >= n) throw new RangeError(`testFraction ${testFraction} of ${n} samples leaves an empty train or test set`);
  const perm = rng.permutation(n);
  return { test: takeSamples(d, perm.subarray(0, nTest)), train: takeSamples(d, perm.subarray(nTest)) };
}

/** Per-feature mean and (population, ddof = 0) standard deviation. */
export interface Standardization {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Mean and standard deviation of every feature of `d` (sklearn `StandardScaler`: population std,
 * two-pass; a feature with std 0 gets scale 1, so it becomes all zeros).
 */
export function fitStandardization(d: Dataset): Standardization {
  const n = d.nSamples;
  const mean = new Float64Array(d.nFeatures);
  const std = new Float64Array(d.nFeatures);
  for (let f = 0; f < d.nFeatures; f++) {
    let sum = 0;
    for (let s = 0; s < n; s++) sum += d.x[f * n + s]!;
    const mu = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let s = 0; s < n; s++) {
      const dv = d.x[f * n + s]! - mu;
      ss += dv * dv;
    }
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    mean[f] = mu;
    std[f] = sd > 0 && Number.isFinite(sd) ? sd : 1;
  }
  return { mean, std };
}

/** (x − mean)/std feature by feature (labels unchanged). */
export function applyStandardization(d: Dataset, t: Standardization): Dataset {
  const n = d.nSamples;
  const x = new Float64Array(d.x.length);
  for (let f = 0; f < d.nFeatures; f++) {
    for (let s = 0; s < n; s++) x[f * n + s] = (d.x[f * n + s]! - t.mean[f]!) / t.std[f]!;
  }
  return { nFeatures: d.nFeatures, nSamples: n, x, y: d.y };
}
