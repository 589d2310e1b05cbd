/**
 * initlab's own two-dimensional toy problems, after the TensorFlow Playground
 * (https://github.com/tensorflow/playground, src/dataset.ts) and CS231n's spiral
 * (https://cs231n.github.io/neural-networks-case-study/). They are not copies of either: each
 * function documents its exact formula and the order of its random draws, so a run can be
 * reproduced from its seed on any platform (cos/sin are the correctly rounded crCos/crSin).
 *
 * Class counts, where classes are laid out in turn, follow make_blobs: ⌊n/k⌋ per class, the first
 * n mod k classes one more.
 */
import { crCos, crSin } from '../math/correctlyRounded.js';
import type { RandomGenerator } from '../random/generator.js';
import { samplesPerClass } from './blobs.js';
import { linspace } from './moons.js';
import type { Dataset } from './types.js';

/** What these generators draw from. */
export type SyntheticRandom = Pick<RandomGenerator, 'uniform' | 'normal' | 'shuffle'>;

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${String(v)}`);
}

function checkNonNegative(name: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name} must be a finite number >= 0, got ${String(v)}`);
}

/** Sample-major 2-D rows → the course's layout, rows reordered by rng.shuffle(arange(n)) when asked. */
function toDataset(rows0: Float64Array, rows1: Float64Array, rowY: Float64Array, rng: SyntheticRandom, shuffle: boolean): Dataset {
  const n = rowY.length;
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  if (shuffle) rng.shuffle(indices);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const r = indices[s]!;
    x[s] = rows0[r]!;
    x[n + s] = rows1[r]!;
    y[s] = rowY[r]!;
  }
  return { nFeatures: 2, nSamples: n, x, y };
}

/** Adds rng.normal(0, noise) to every coordinate, sample by sample (x0 then x1), as sklearn does. */
function addNoise(rows0: Float64Array, rows1: Float64Array, rng: SyntheticRandom, noise: number): void {
  if (noise === 0) return;
  for (let s = 0; s < rows0.length; s++) {
    rows0[s] = rows0[s]! + rng.normal(0.0, noise);
    rows1[s] = rows1[s]! + rng.normal(0.0, noise);
  }
}

/** Options of makeSpiral: points, arms, turns and noise of the interleaved spirals, shuffling. */
export interface MakeSpiralOptions {
  /** Total number of points, an integer ≥ arms. */
  nSamples: number;
  /** Number of arms = classes, an integer ≥ 2 (default 2). */
  arms?: number;
  /** Full turns each arm makes from the centre to radius 1 (finite, ≥ 0; default 1). */
  turns?: number;
  /** Standard deviation of the Gaussian noise on each point's angle, in radians (finite, ≥ 0; default 0.2). */
  noise?: number;
  /** Shuffle the samples (default true). */
  shuffle?: boolean;
}

/**
 * k interleaved spiral arms (CS231n's spiral with evenly spaced arms and a `turns` parameter).
 * Arm j = 0 … k−1 holds n_j points (make_blobs counts), i = 0 … n_j − 1, label j:
 *
 *   r = linspace(0, 1, n_j)[i]   (= i/(n_j − 1); a single point has r = 0)
 *   θ = 2π·j/k + 2π·turns·r + noise·N(0, 1)
 *   (x0, x1) = (r·cos θ, r·sin θ)
 *
 * Draws: one `rng.normal(0, noise)` per point, arm 0 first, in order of i (none when noise = 0);
 * then, if shuffle, rng.shuffle(arange(n)) reorders the samples. All points lie in the unit disc;
 * on noise-free data, a point with r > 0 satisfies atan2(x1, x0) − 2π·turns·r ≡ 2π·j/k (mod 2π).
 * (CS231n: r = linspace(0, 1), t = linspace(4j, 4(j+1)) + 0.2·N(0,1), (r·sin t, r·cos t).)
 */
export function makeSpiral(rng: SyntheticRandom, options: MakeSpiralOptions): Dataset {
  const n = options.nSamples;
  const k = options.arms ?? 2;
  const turns = options.turns ?? 1;
  const noise = options.noise ?? 0.2;
  checkCount('arms', k, 2);
  checkCount('nSamples', n, k);
  checkNonNegative('turns', turns);
  checkNonNegative('noise', noise);
  const rows0 = new Float64Array(n);
  const rows1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  const counts = samplesPerClass(n, k);
  let s = 0;
  for (let j = 0; j < k; j++) {
    const r = linspace(0, 1, counts[j]!);
    const base = (2 * Math.PI * j) / k;
    for (let i = 0; i < r.length; i++, s++) {
      const theta = base + 2 * Math.PI * turns * r[i]! + (noise === 0 ? 0 : rng.normal(0.0, noise));
      rows0[s] = r[i]! * crCos(theta);
      rows1[s] = r[i]! * crSin(theta);
      rowY[s] = j;
    }
  }
  return toDataset(rows0, rows1, rowY, rng, options.shuffle ?? true);
}

/** Options of makeXor: points, padding around the axes and noise of the four XOR quadrants. */
export interface MakeXorOptions {
  /** Total number of points, an integer ≥ 1. */
  nSamples: number;
  /** Gap pushed between the points and the axes (finite, ≥ 0; default 0.06 = the Playground's 0.3 of 5). */
  padding?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate after labelling (finite, ≥ 0; default 0). */
  noise?: number;
}

/**
 * The Playground's XOR, scaled to the unit square. For each point in turn:
 *
 *   x0 = rng.uniform(−1, 1); x0 += (x0 > 0 ? padding : −padding)
 *   x1 = rng.uniform(−1, 1); x1 += (x1 > 0 ? padding : −padding)
 *   label = 1 if x0·x1 ≥ 0 (first and third quadrants) else 0
 *
 * so |x0|, |x1| ∈ [padding, 1 + padding]. Then, when noise > 0, every coordinate gets
 * rng.normal(0, noise) (2n draws, point by point). Unlike the Playground, the label is that of the
 * noise-free point (noise blurs the classes, as in make_moons) and the noise is Gaussian. The points
 * are drawn in random order already, so there is no shuffle; the classes are balanced only on average.
 */
export function makeXor(rng: SyntheticRandom, options: MakeXorOptions): Dataset {
  const n = options.nSamples;
  const padding = options.padding ?? 0.06;
  const noise = options.noise ?? 0;
  checkCount('nSamples', n, 1);
  checkNonNegative('padding', padding);
  checkNonNegative('noise', noise);
  const rows0 = new Float64Array(n);
  const rows1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let a = rng.uniform(-1, 1);
    a += a > 0 ? padding : -padding;
    let b = rng.uniform(-1, 1);
    b += b > 0 ? padding : -padding;
    rows0[s] = a;
    rows1[s] = b;
    rowY[s] = a * b >= 0 ? 1 : 0;
  }
  addNoise(rows0, rows1, rng, noise);
  return toDataset(rows0, rows1, rowY, rng, false);
}

/** Options of makeGauss: points, the std of the two Gaussian classes, shuffling. */
export interface MakeGaussOptions {
  /** Total number of points, an integer ≥ 2. */
  nSamples: number;
  /** Standard deviation of both Gaussians in each coordinate (finite, ≥ 0; default 1). */
  std?: number;
  /** Shuffle the samples (default true). */
  shuffle?: boolean;
}

/**
 * The Playground's two Gaussians: class 0 around (−2, −2), ⌈n/2⌉ points, then class 1 around
 * (2, 2), ⌊n/2⌋ points; each point draws x0 = rng.normal(c, std) then x1 = rng.normal(c, std).
 * Then, if shuffle, rng.shuffle(arange(n)). (The Playground's noise slider sets the variance
 * between 0.5 and 4, i.e. std between 0.71 and 2.)
 */
export function makeGauss(rng: SyntheticRandom, options: MakeGaussOptions): Dataset {
  const n = options.nSamples;
  const std = options.std ?? 1;
  checkCount('nSamples', n, 2);
  checkNonNegative('std', std);
  const rows0 = new Float64Array(n);
  const rows1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  const counts = samplesPerClass(n, 2);
  let s = 0;
  for (let c = 0; c < 2; c++) {
    const centre = c === 0 ? -2 : 2;
    for (let i = 0; i < counts[c]!; i++, s++) {
      rows0[s] = rng.normal(centre, std);
      rows1[s] = rng.normal(centre, std);
      rowY[s] = c;
    }
  }
  return toDataset(rows0, rows1, rowY, rng, options.shuffle ?? true);
}

/** Options of makeCheckerboard: points, cells per side, noise. */
export interface MakeCheckerboardOptions {
  /** Total number of points, an integer ≥ 1. */
  nSamples: number;
  /** Cells per side, an integer ≥ 2 (default 4). */
  cells?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate after labelling (finite, ≥ 0; default 0). */
  noise?: number;
}

/** The checkerboard cell of a coordinate in [−1, 1): ⌊(v + 1)/2 · cells⌋, clamped to 0 … cells − 1. */
export function checkerboardCell(v: number, cells: number): number {
  return Math.min(cells - 1, Math.max(0, Math.floor(((v + 1) / 2) * cells)));
}

/**
 * A cells × cells checkerboard on [−1, 1)²: for each point x0 = rng.uniform(−1, 1), then
 * x1 = rng.uniform(−1, 1); label = (checkerboardCell(x0) + checkerboardCell(x1)) mod 2 (the
 * bottom-left cell is class 0). Then, when noise > 0, rng.normal(0, noise) on every coordinate
 * (2n draws, point by point). No shuffle (the order is random already). The classes are balanced
 * on average for an even number of cells; with an odd one, class 0 owns one cell more.
 */
export function makeCheckerboard(rng: SyntheticRandom, options: MakeCheckerboardOptions): Dataset {
  const n = options.nSamples;
  const cells = options.cells ?? 4;
  const noise = options.noise ?? 0;
  checkCount('nSamples', n, 1);
  checkCount('cells', cells, 2);
  checkNonNegative('noise', noise);
  const rows0 = new Float64Array(n);
  const rows1 = new Float64Array(n);
  const rowY = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    rows0[s] = a;
    rows1[s] = b;
    rowY[s] = (checkerboardCell(a, cells) + checkerboardCell(b, cells)) % 2;
  }
  addNoise(rows0, rows1, rng, noise);
  return toDataset(rows0, rows1, rowY, rng, false);
}
