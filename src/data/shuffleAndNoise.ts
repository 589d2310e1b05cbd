import type { Dataset } from './types.js';

/** The stream scikit-learn's 2-D generators use after building their rows: shuffle, then Gaussian noise. */
export interface ShuffleNoiseRandom {
  shuffle<T>(array: { length: number; [index: number]: T }): void;
  normal(loc: number, scale: number): number;
}

/**
 * The common tail of sklearn 1.2.1 `make_circles` and `make_moons`: `X, y = shuffle(X, y)` (indices
 * = arange(n), `generator.shuffle(indices)`) and then `X += generator.normal(scale=noise, size=(n, 2))`,
 * row-major — x0 then x1 of each row. `noise` null/undefined draws nothing (sklearn's None).
 */
export function shuffleAndAddNoise(
  rng: ShuffleNoiseRandom,
  rowX0: Float64Array,
  rowX1: Float64Array,
  rowY: Float64Array,
  shuffle: boolean,
  noise: number | null | undefined,
): Dataset {
  const n = rowY.length;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const indices = new Uint32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  if (shuffle) rng.shuffle(indices);
  for (let s = 0; s < n; s++) {
    const r = indices[s]!;
    x[s] = rowX0[r]!;
    x[n + s] = rowX1[r]!;
    y[s] = rowY[r]!;
  }
  if (noise !== undefined && noise !== null) {
    for (let s = 0; s < n; s++) {
      x[s] = x[s]! + rng.normal(0.0, noise);
      x[n + s] = x[n + s]! + rng.normal(0.0, noise);
    }
  }
  return { nFeatures: 2, nSamples: n, x, y };
}
