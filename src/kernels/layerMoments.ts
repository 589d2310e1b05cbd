/**
 * The course engine's layer statistics (FullBatchEngine.layerMoments): per hidden layer the
 * numbers behind diagnostics' training-stats record, from the engine's own forward and backward
 * pass at its current parameters, the pass its next update makes (issue 10, item 1: recording at
 * statsEvery 100 must cost ≤ 3% of the course run, and a second float64 pass on src/nn's network
 * per record cost ~25%). The kernels (assembly/stats.ts, statsJs.ts) leave means and sums of squared
 * deviations; this file finishes them as diagnostics' `moments` does (math/populationStd.ts,
 * including its exact scaled route where a plain sum over- or underflows), so each std is `moments`'
 * std of the engine's own Z, A, ∂L/∂Z, dW and W, and the update ratio is diagnostics' updateRatio.
 */
import { plainSumOk, scaledPopulationStd } from '../math/populationStd.js';
import type { Layout } from './layout.js';
import { RAW_FIELDS, type StatsLayout } from './statsLayout.js';

/** Numbers per hidden layer in FullBatchEngine.layerMoments' output, at the offsets of LAYER_MOMENT. */
export const LAYER_MOMENTS = 9;

/**
 * Offsets within one hidden layer's LAYER_MOMENTS numbers. Stds are population stds over all
 * (unit, sample) entries, or all entries of the matrix; NaN where diagnostics' `moments` gives NaN
 * (a NaN, an infinite mean, an overflowing deviation).
 */
export const LAYER_MOMENT = {
  /** Mean and std of Z_l = W_l·A_{l−1} + b_l on the training set. */
  preMean: 0,
  preStd: 1,
  /** Mean and std of A_l = relu(Z_l). */
  postMean: 2,
  postStd: 3,
  /** Std of ∂L/∂Z_l, L the course cost (mean cross-entropy). */
  gradZStd: 4,
  /** Units with Z ≤ 0 (relu′ = 0) on every training sample. */
  deadUnits: 5,
  /** Std of ∂L/∂W_l and of W_l. */
  gradWStd: 6,
  weightStd: 7,
  /** ‖W_l − W_l(kept)‖_F / ‖W_l(kept)‖_F against the weights of keepWeights(); NaN without them or when ‖W_l(kept)‖ is 0 or not finite. */
  updateRatio: 8,
} as const;

/**
 * `moments`' std from a mean and Σ(v − mean)² of the n = rows·cols values stored as `rows` rows of
 * `stride` doubles from index `at` of `mem` (read again only on the rare scaled route).
 */
function std(mean: number, ss: number, mem: Float64Array, at: number, rows: number, cols: number, stride: number): number {
  if (!Number.isFinite(mean)) return Number.NaN;
  const n = rows * cols;
  return plainSumOk(ss) ? Math.sqrt(ss / n) : scaledPopulationStd(gather(mem, at, rows, cols, stride), n, mean);
}

/** The first `cols` entries of `rows` rows of `stride` doubles from index `at`, compact (only the scaled route copies). */
function gather(mem: Float64Array, at: number, rows: number, cols: number, stride: number): Float64Array {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) v.set(mem.subarray(at + i * stride, at + i * stride + cols), i * cols);
  return v;
}

/** Turns the kernels' raw sums (in `mem` at `stats.raw`) into LAYER_MOMENTS numbers per hidden layer in `out`. */
export function finishLayerMoments(mem: Float64Array, layout: Layout, stats: StatsLayout, out: Float64Array): void {
  const { samples: m, padded } = layout;
  for (let l = 0; l < layout.layers.length - 1; l++) {
    const { fanIn, fanOut, output, dz, grads, weights } = layout.layers[l];
    const r = stats.raw / 8 + l * RAW_FIELDS;
    const o = l * LAYER_MOMENTS;
    out[o + LAYER_MOMENT.preMean] = mem[r];
    out[o + LAYER_MOMENT.preStd] = std(mem[r], mem[r + 1], mem, stats.z[l] / 8, fanOut, m, padded);
    out[o + LAYER_MOMENT.postMean] = mem[r + 2];
    out[o + LAYER_MOMENT.postStd] = std(mem[r + 2], mem[r + 3], mem, output / 8, fanOut, m, padded);
    out[o + LAYER_MOMENT.gradZStd] = std(mem[r + 4], mem[r + 5], mem, dz / 8, fanOut, m, padded);
    out[o + LAYER_MOMENT.deadUnits] = mem[r + 6];
    out[o + LAYER_MOMENT.gradWStd] = std(mem[r + 7], mem[r + 8], mem, grads / 8, fanOut, fanIn, fanIn + 1);
    out[o + LAYER_MOMENT.weightStd] = std(mem[r + 9], mem[r + 10], mem, weights / 8, fanOut, fanIn, fanIn + 1);
    // diagnostics' updateRatio: null (here NaN) when the earlier norm is 0 or not finite.
    const base = mem[r + 11];
    out[o + LAYER_MOMENT.updateRatio] = base > 0 && Number.isFinite(base) ? mem[r + 12] / base : Number.NaN;
  }
}
