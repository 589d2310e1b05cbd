/**
 * scikit-learn 1.2.1 `make_blobs` (`sklearn/datasets/_samples_generator.py`) for an integer
 * `n_samples`, bit for bit when driven by `NumpyRandomState`: isotropic Gaussian clusters.
 */
import type { RandomGenerator } from '../random/generator.js';
import type { Dataset } from './types.js';

/** What make_blobs needs from a generator. */
export type BlobsRandom = Pick<RandomGenerator, 'uniform' | 'normal' | 'shuffle'>;

/** Options of makeBlobs (sklearn.datasets.make_blobs): points, features, centres, cluster std, centre box, shuffling. */
export interface MakeBlobsOptions {
  /** Total number of points, an integer ≥ 1, divided as evenly as possible among the clusters. */
  nSamples: number;
  /** Number of features (sklearn `n_features`, default 2); ignored when `centers` is given as a list. */
  nFeatures?: number;
  /**
   * The number of clusters (default 3), drawn uniformly in `centerBox` per coordinate; or their
   * positions, a list of k rows of nFeatures values (then nFeatures = the rows' length).
   */
  centers?: number | readonly (readonly number[])[];
  /** Standard deviation of every cluster (default 1.0), or one per cluster; each finite and ≥ 0. */
  clusterStd?: number | readonly number[];
  /** Bounds [min, max) for random centers (default [-10, 10]). */
  centerBox?: readonly [number, number];
  /** Shuffle the samples (default true). */
  shuffle?: boolean;
}

/** The per-class counts sklearn uses: ⌊n/k⌋ each, the first n mod k classes one more. */
export function samplesPerClass(n: number, k: number): number[] {
  const counts = new Array<number>(k).fill(Math.floor(n / k));
  for (let i = 0; i < n % k; i++) counts[i] = counts[i]! + 1;
  return counts;
}

/** A blobs data set and the cluster centers used (row-major k × nFeatures). */
export interface Blobs extends Dataset {
  readonly centers: Float64Array;
  readonly nCenters: number;
}

/**
 * sklearn 1.2.1 `make_blobs(n_samples, n_features, centers=, cluster_std=, center_box=, shuffle=,
 * random_state=<the generator>)` with an integer n_samples:
 *
 * 1. centers given as a count k: C = rng.uniform(box[0], box[1], (k, d)) — k·d draws, row-major;
 * 2. counts: ⌊n/k⌋ per cluster, the first n mod k clusters one more;
 * 3. cluster i in turn: its rows are rng.normal(C[i], std_i, (n_i, d)) — C[i][f] + std_i·N(0,1),
 *    row-major — labelled i;
 * 4. if shuffle: indices = arange(n); rng.shuffle(indices); rows and labels reordered.
 *
 * Returns the course's layout: x[f·n + s], y[s] ∈ {0, …, k−1}.
 * @throws RangeError for invalid options.
 */
export function makeBlobs(rng: BlobsRandom, options: MakeBlobsOptions): Blobs {
  const n = options.nSamples;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`nSamples must be an integer >= 1, got ${String(n)}`);
  const box = options.centerBox ?? [-10, 10];
  let d = options.nFeatures ?? 2;
  let k: number;
  let centers: Float64Array;
  const given = options.centers ?? 3;
  if (typeof given === 'number') {
    k = given;
    if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`centers must be an integer >= 1, got ${String(k)}`);
    if (!Number.isSafeInteger(d) || d < 1) throw new RangeError(`nFeatures must be an integer >= 1, got ${String(d)}`);
    if (!Number.isFinite(box[1] - box[0])) throw new RangeError('centerBox must be two finite numbers');
    centers = new Float64Array(k * d);
    for (let i = 0; i < k * d; i++) centers[i] = rng.uniform(box[0], box[1]);
  } else {
    k = given.length;
    if (k < 1) throw new RangeError('centers must not be empty');
    d = given[0]!.length;
    if (d < 1 || given.some((row) => row.length !== d || row.some((v) => !Number.isFinite(v)))) {
      throw new RangeError('centers must be rows of equal, non-zero length holding finite numbers');
    }
    centers = Float64Array.from(given.flat());
  }
  const stds = typeof options.clusterStd === 'object' ? Array.from(options.clusterStd) : new Array<number>(k).fill(options.clusterStd ?? 1.0);
  if (stds.length !== k) throw new RangeError(`clusterStd must hold one value per cluster (${k}), got ${stds.length}`);
  if (stds.some((s) => !(Number.isFinite(s) && s >= 0))) throw new RangeError('clusterStd values must be finite and >= 0');

  const counts = samplesPerClass(n, k);
  const rows = new Float64Array(n * d);
  const rowY = new Float64Array(n);
  let r = 0;
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < counts[c]!; i++, r++) {
      for (let f = 0; f < d; f++) rows[r * d + f] = rng.normal(centers[c * d + f]!, stds[c]!);
      rowY[r] = c;
    }
  }
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  if (options.shuffle ?? true) rng.shuffle(indices);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const src = indices[s]!;
    for (let f = 0; f < d; f++) x[f * n + s] = rows[src * d + f]!;
    y[s] = rowY[src]!;
  }
  return { nFeatures: d, nSamples: n, x, y, centers, nCenters: k };
}
