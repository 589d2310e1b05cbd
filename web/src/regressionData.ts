import type { DataSetInfo } from '../../src/data/registry.js';
import type { ParamSpec } from '../../src/data/params.js';
import type { Dataset } from '../../src/data/types.js';
import { NumpyRandomState } from '../../src/random/index.js';
import type { TrainingData } from '../../src/train/trainer.js';

/*
 * TensorFlow Playground's two regression data sets (its src/dataset.ts, regressPlane and
 * regressGaussian), drawn from the data seed's numpy stream: each point (x, y) uniform on
 * [−6, 6]², its label computed at the point moved by noise·U(−6, 6) in each coordinate (the draws
 * x, y, noise x, noise y, in that order per point, as TF Playground makes them with Math.random).
 *   plane:    label = (x + y) / 10, a linear scale of [−10, 10] onto [−1, 1].
 *   gaussian: six bumps at (±4 or 0, ±2.5) with signs ±1; the label is the signed bump value of
 *             largest magnitude, a bump's value falling linearly from 1 at its centre to 0 at
 *             distance 2 (clamped).
 * The split is makeDataset's (src/data/makeDataset.ts): permutation(n) from the same stream after
 * the points, the first ⌈testFraction·n⌉ are the test set. Trained with the linear head (MSE);
 * the "accuracy" the engine reports for regression is R².
 */

const RADIUS = 6;

const PARAMS: readonly ParamSpec[] = [
  { name: 'samples', type: 'integer', default: 400, min: 4, max: 20_000, doc: 'Number of points (training + test).' },
  { name: 'noise', type: 'number', default: 0, min: 0, max: 0.5, doc: 'How far the label is read from the point: noise × U(−6, 6) in each coordinate (TF Playground\'s noise / 100).' },
  { name: 'testFraction', type: 'number', default: 0.25, min: 0, max: 1, minOpen: true, maxOpen: true, doc: 'Fraction of the points held out as the test set.' },
];

export const REGRESSION_SETS: readonly DataSetInfo[] = [
  { name: 'plane', kind: 'generator', summary: 'A tilted plane: label (x + y) / 10.', labels: 'regression, values in [−1.2, 1.2]', source: 'TensorFlow Playground regressPlane', params: PARAMS },
  { name: 'gaussian', kind: 'generator', summary: 'Six signed Gaussian-like bumps.', labels: 'regression, values in [−1, 1]', source: 'TensorFlow Playground regressGaussian', params: PARAMS },
];

export const REGRESSION_NAMES: readonly string[] = REGRESSION_SETS.map((d) => d.name);

const BUMPS: readonly [number, number, number][] = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];

export function planeLabel(x: number, y: number): number {
  return (x + y) / 10;
}

export function gaussianLabel(x: number, y: number): number {
  let label = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const d = Math.hypot(x - cx, y - cy);
    const v = sign * Math.min(1, Math.max(0, 1 - d / 2));
    if (Math.abs(v) > Math.abs(label)) label = v;
  }
  return label;
}

function subset(x: Float64Array, y: Float64Array, n: number, idx: ArrayLike<number>, from: number, to: number): Dataset {
  const m = to - from;
  const sx = new Float64Array(2 * m);
  const sy = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const s = idx[from + k]!;
    sx[k] = x[s]!;
    sx[m + k] = x[n + s]!;
    sy[k] = y[s]!;
  }
  return { nFeatures: 2, nSamples: m, x: sx, y: sy };
}

export function generateRegression(name: string, seed: number, params: Readonly<Record<string, unknown>>): TrainingData {
  const n = Number(params.samples);
  const noise = Number(params.noise);
  const testFraction = Number(params.testFraction);
  const label = name === 'plane' ? planeLabel : gaussianLabel;
  const rs = new NumpyRandomState(seed);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const a = rs.uniform(-RADIUS, RADIUS);
    const b = rs.uniform(-RADIUS, RADIUS);
    const na = rs.uniform(-RADIUS, RADIUS) * noise;
    const nb = rs.uniform(-RADIUS, RADIUS) * noise;
    x[s] = a;
    x[n + s] = b;
    y[s] = label(a + na, b + nb);
  }
  const nTest = Math.ceil(testFraction * n);
  if (nTest < 1 || nTest >= n) throw new Error(`data set '${name}': testFraction ${testFraction} of ${n} samples leaves no ${nTest < 1 ? 'test' : 'training'} points.`);
  const perm = rs.permutation(n);
  return { train: subset(x, y, n, perm, nTest, n), test: subset(x, y, n, perm, 0, nTest), nClasses: 1, task: 'regression' };
}
