/**
 * Shared by the kernel tests: a seeded generator for test data, and a deliberately naive
 * implementation of the course's forward/backward/update (init_utils.py) on nested arrays, written
 * independently of src/kernels so that it can serve as the expected values.
 */
import type { Parameters } from '../../src/kernels/types.js';

/** mulberry32: a tiny seeded uniform generator on [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals by Box–Muller from `uniform`. */
export function normals(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A training set: x feature-major (nInputs × m) uniform in [-1.2, 1.2], labels 0/1 (a disc). */
export function makeData(nInputs: number, m: number, seed: number): { x: Float64Array; y: Float64Array } {
  const u = seeded(seed);
  const x = Float64Array.from({ length: nInputs * m }, () => (u() * 2 - 1) * 1.2);
  const y = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    let r2 = 0;
    for (let f = 0; f < nInputs; f++) r2 += x[f * m + s] ** 2;
    y[s] = r2 < 0.7 * nInputs / 2 ? 1 : 0;
  }
  return { x, y };
}

/** He-like parameters randn·sqrt(2/fanIn)·scale, biases randn·biasScale. */
export function makeParams(layerSizes: readonly number[], seed: number, scale = 1, biasScale = 0.1): Parameters {
  const randn = normals(seeded(seed));
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    const f = Math.sqrt(2 / layerSizes[l - 1]) * scale;
    weights.push(Float64Array.from({ length: layerSizes[l] * layerSizes[l - 1] }, () => randn() * f));
    biases.push(Float64Array.from({ length: layerSizes[l] }, () => randn() * biasScale));
  }
  return { weights, biases };
}

/** Deep copy of parameters. */
export function cloneParams(p: Parameters): Parameters {
  return { weights: p.weights.map((w) => w.slice()), biases: p.biases.map((b) => b.slice()) };
}

/** The course's forward pass: activations a_0 = X, a_1 … a_L, each an array of rows. */
export function referenceForward(layerSizes: readonly number[], p: Parameters, x: Float64Array, m: number): number[][][] {
  const acts: number[][][] = [];
  acts.push(Array.from({ length: layerSizes[0] }, (_, f) => Array.from(x.subarray(f * m, (f + 1) * m))));
  const L = layerSizes.length - 1;
  for (let l = 1; l <= L; l++) {
    const prev = acts[l - 1];
    const rows: number[][] = [];
    for (let j = 0; j < layerSizes[l]; j++) {
      const row: number[] = [];
      for (let s = 0; s < m; s++) {
        let z = 0;
        for (let k = 0; k < layerSizes[l - 1]; k++) z += p.weights[l - 1][j * layerSizes[l - 1] + k] * prev[k][s];
        z += p.biases[l - 1][j];
        row.push(l === L ? 1 / (1 + Math.exp(-z)) : Math.max(0, z));
      }
      rows.push(row);
    }
    acts.push(rows);
  }
  return acts;
}

/** The course's backward pass: gradients of the cost at `p`. */
export function referenceGradients(layerSizes: readonly number[], p: Parameters, x: Float64Array, y: Float64Array, m: number): Parameters {
  const acts = referenceForward(layerSizes, p, x, m);
  const L = layerSizes.length - 1;
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  let dz = [acts[L][0].map((a, s) => (1 / m) * (a - y[s]))];
  for (let l = L; l >= 1; l--) {
    const fanIn = layerSizes[l - 1];
    const fanOut = layerSizes[l];
    const dW = new Float64Array(fanOut * fanIn);
    const db = new Float64Array(fanOut);
    for (let j = 0; j < fanOut; j++) {
      for (let k = 0; k < fanIn; k++) {
        let g = 0;
        for (let s = 0; s < m; s++) g += dz[j][s] * acts[l - 1][k][s];
        dW[j * fanIn + k] = g;
      }
      db[j] = dz[j].reduce((t, v) => t + v, 0);
    }
    weights[l - 1] = dW;
    biases[l - 1] = db;
    if (l > 1) {
      dz = Array.from({ length: fanIn }, (_, k) =>
        Array.from({ length: m }, (_, s) => {
          let da = 0;
          for (let j = 0; j < fanOut; j++) da += p.weights[l - 1][j * fanIn + k] * dz[j][s];
          return acts[l - 1][k][s] > 0 ? da : 0;
        }),
      );
    }
  }
  return { weights, biases };
}

/** `iterations` steps of the course's gradient descent from `start`. */
export function referenceTrain(
  layerSizes: readonly number[], start: Parameters, x: Float64Array, y: Float64Array, m: number, iterations: number, lr: number,
): Parameters {
  const p = cloneParams(start);
  for (let i = 0; i < iterations; i++) {
    const g = referenceGradients(layerSizes, p, x, y, m);
    for (let l = 0; l < p.weights.length; l++) {
      p.weights[l] = p.weights[l].map((w, i2) => w - lr * g.weights[l][i2]);
      p.biases[l] = p.biases[l].map((b, i2) => b - lr * g.biases[l][i2]);
    }
  }
  return p;
}

/** Largest |a − b| over all entries divided by the largest |b| (a scale-aware relative error). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Flattens all weights then all biases of `p` into one array. */
export function flatten(p: Parameters): Float64Array {
  const parts = [...p.weights, ...p.biases];
  const out = new Float64Array(parts.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of parts) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** True when a and b hold the same doubles entry by entry (=== , so +0 equals -0; NaN equals NaN). */
export function bitIdentical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/** The backends under test (Node 20 validates WebAssembly SIMD, so both always run). */
export const BACKENDS = ['wasm', 'js'] as const;
