import type { FloatArray } from '../core/dtype.js';
import type { TrainingLayerStats, TrainingStatsPoint } from '../core/trainingStats.js';
import { LAYER_MOMENT, LAYER_MOMENTS } from '../kernels/index.js';
import type { Parameters } from '../kernels/types.js';
import { ACTIVATION_TABLE } from '../nn/activations.js';
import type { LayerStatsRecorder, LayerStatsSetup } from '../train/trainer.js';
import { checkStatsEvery, copyWeights, statsDue } from '../train/statsSchedule.js';
import { UsageError } from '../util/errors.js';
import { moments3 } from './fusedMoments.js';
import { moments, saturatedFraction } from './statistics.js';
import { StatsProbe } from './statsProbe.js';

/*
 * Layer statistics DURING training (issue 5, part 1: "every k iterations of a training run, cheap
 * enough to leave on"; Glorot & Bengio 2010 watched the same per-layer activation and gradient
 * spreads evolve over training).
 *
 * Unlike layerStatistics (statistics.ts), which injects a random error signal because an untrained
 * stack has no labels, this recorder uses the REAL gradients of the training objective: one forward
 * and backward pass of src/nn's DenseNetwork (the same lossAndGradients the trainer calls) over the
 * WHOLE training set, on a private copy of the parameters, so the training run's own buffers,
 * gradients and optimizer state are never touched. L is the head's mean loss over the m training
 * samples plus λ/2·Σ‖W‖² + λ₁·Σ|W| (λ = `l2`, λ₁ = `l1`), i.e. the full-batch objective; for mini-batch training it is
 * the expectation of the batch gradients, not the particular batch of the last step.
 *
 * Per hidden layer l (Z_l = W_l·A_{l−1} + b_l, A_l = f(Z_l)), every std a population std over all
 * (unit, sample) entries (or all entries of W_l / ∂L/∂W_l), as in statistics.ts:
 *   preMean/preStd, postMean/postStd   of Z_l and A_l on the training set;
 *   deadFraction                       units with f′(z) = 0 on every training sample;
 *   saturatedFraction                  entries with |tanh| > 0.99, or sigmoid < 0.01 or > 0.99 (null otherwise);
 *   gradZStd, gradWStd                 std of ∂L/∂Z_l and of ∂L/∂W_l (∂L/∂W_l includes λ·W_l);
 *   weightStd                          std of W_l's entries;
 *   updateRatio                        ‖W_l(k) − W_l(k−1)‖_F / ‖W_l(k−1)‖_F, the relative size of the ONE
 *                                      update that produced the parameters at iteration k (Karpathy's
 *                                      "update/weight ratio", ~1e-3 in healthy training). For plain SGD
 *                                      it is lr·‖g‖_F/‖W‖_F with g the step's gradient. null at
 *                                      iteration 0 (no update yet) and when ‖W_l(k−1)‖ = 0 (zeros init).
 * Any statistic that came out NaN or ±∞ (an overflowing network) is recorded as null, so a record is
 * always valid JSON and a reader cannot mistake garbage for a number.
 *
 * Cost: one forward + backward over the training set and two copies of the weights per record.
 *
 * On the course preset (exact: course) the training session asks `recordMoments` instead: the same
 * statistics, computed by the course kernel (src/kernels/layerMoments.ts) from its own forward and
 * backward pass at the recorded parameters, the pass its next update makes, with the weights one
 * update back kept inside the kernel; no second pass and no JavaScript loop over the training set
 * (issue 10, item 1: ≤ 3% at statsEvery 100; the pass above cost the course run ~27%). The objective
 * is the same (the course cost is the sigmoid head's mean cross-entropy, no penalty), and each
 * statistic is the same formula on the kernel's Z, A, ∂L/∂Z and ∂L/∂W, which agree with this pass's
 * to rounding: the kernel sums in the course's (numpy's) order, so a value may differ in its last
 * bits from what `record` would give at the same parameters (test/diagnostics/trainingStatistics.test.ts
 * compares the two; test/kernels/layerMoments.test.ts checks the kernel against a naive pass).
 */

// The records' shape is part of the run vocabulary (a RunRecord carries them): src/core/trainingStats.ts.
export type { TrainingLayerStats, TrainingStatsPoint };

/** The trained network's shape and full training objective (the same setup the `layerStats` hook gets). */
export type TrainingStatsRecorderOptions = LayerStatsSetup;

// When a run records is training's schedule (train/statsSchedule.ts); re-exported for existing imports.
export { checkStatsEvery, copyWeights, statsDue };

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * ‖u − v‖_F (v absent: ‖u‖_F), scaled by the largest entry so that the sum of squares cannot
 * overflow. The differences are formed on the fly in both passes (the same values each time), so
 * a record allocates no difference array.
 */
function frobenius(u: FloatArray, v?: FloatArray): number {
  let max = 0;
  for (let i = 0; i < u.length; i++) {
    const a = Math.abs(v ? u[i]! - v[i]! : u[i]!);
    if (a > max || a !== a) max = a;
  }
  if (!(max > 0) || !Number.isFinite(max)) return max;
  let ss = 0;
  for (let i = 0; i < u.length; i++) {
    const d = (v ? u[i]! - v[i]! : u[i]!) / max;
    ss += d * d;
  }
  return max * Math.sqrt(ss);
}

/**
 * ‖W − W_prev‖_F / ‖W_prev‖_F, ‖M‖_F = √(Σ_ij M_ij²) (each norm scaled by its largest entry, so no overflow): the
 * relative size of one update, Karpathy's update/weight ratio, ~1e-3 in healthy training (Karpathy 2015, CS231n
 * notes "Neural Networks Part 3"). null when ‖W_prev‖ = 0 or either norm is not finite.
 */
export function updateRatio(current: FloatArray, previous: FloatArray): number | null {
  const base = frobenius(previous);
  if (!(base > 0) || !Number.isFinite(base)) return null;
  return finiteOrNull(frobenius(current, previous) / base);
}

/**
 * Records training-time layer statistics of one network on one training set (see the top of this
 * file). A training run uses it through TrainingHooks.layerStats (src/train sits below diagnostics);
 * experiments/training.ts and experiments/compareRun.ts plug it in.
 */
export class TrainingStatsRecorder implements LayerStatsRecorder {
  private readonly options: TrainingStatsRecorderOptions;
  /**
   * record()'s pass: made up front (before the run's timer starts) unless the course kernel hands
   * its own statistics (options.momentsFromKernel), then only if record() is called after all.
   */
  private probeMade: StatsProbe | undefined;
  /** moments3's output: mean and std of Z, A and ∂L/∂Z of one layer. */
  private readonly zag = new Float64Array(6);

  constructor(options: TrainingStatsRecorderOptions) {
    const { layerSizes, x, m } = options;
    if (!Number.isInteger(m) || m < 1) throw new UsageError(`layer statistics need a non-empty training set, got ${m} samples.`);
    if (x.length !== layerSizes[0]! * m) throw new UsageError(`x must hold ${layerSizes[0]}×${m} values (feature-major), got ${x.length}.`);
    this.options = options;
    if (!options.momentsFromKernel) void this.probe;
  }

  private get probe(): StatsProbe {
    const o = this.options;
    this.probeMade ??= new StatsProbe(
      { layerSizes: o.layerSizes, activation: o.activation, output: o.output, ...(o.slope !== undefined ? { slope: o.slope } : {}) },
      o.x,
      o.y,
      o.m,
      o.l2 ?? 0,
      undefined,
      o.l1 ?? 0,
    );
    return this.probeMade;
  }

  /**
   * The statistics at `iteration` for parameters `params` (read, never modified);
   * `previousWeights` are the weights one update earlier (none at iteration 0).
   */
  record(iteration: number, params: Parameters<FloatArray>, previousWeights?: readonly FloatArray[]): TrainingStatsPoint {
    const probe = this.probe;
    probe.run(params);
    const { m, activation, slope } = probe;
    const sizes = probe.layerSizes;
    const derivative = ACTIVATION_TABLE[activation].derivative;
    const zag = this.zag;
    const layers: TrainingLayerStats[] = [];
    for (let l = 0; l < probe.depth - 1; l++) {
      const n = sizes[l + 1]!;
      const z = probe.z[l]!;
      const a = probe.a[l]!;
      moments3(z, a, probe.g[l]!, n * m, zag);
      let deadUnits = 0;
      for (let i = 0; i < n; i++) {
        let dead = true;
        for (let j = 0; j < m && dead; j++) if (derivative(z[i * m + j]!, slope) !== 0) dead = false;
        if (dead) deadUnits++;
      }
      const w = params.weights[l]!;
      const prev = previousWeights?.[l];
      layers.push({
        layer: l + 1,
        preMean: finiteOrNull(zag[0]!),
        preStd: finiteOrNull(zag[1]!),
        postMean: finiteOrNull(zag[2]!),
        postStd: finiteOrNull(zag[3]!),
        deadFraction: deadUnits / n,
        saturatedFraction: saturatedFraction(activation, a),
        gradZStd: finiteOrNull(zag[5]!),
        gradWStd: finiteOrNull(moments(probe.dw[l]!).std),
        weightStd: finiteOrNull(moments(w).std),
        updateRatio: prev === undefined ? null : updateRatio(w, prev),
      });
    }
    return { iteration, layers };
  }

  /**
   * The record at `iteration` from the course kernel's statistics (FullBatchEngine.layerMoments,
   * LAYER_MOMENTS numbers per hidden layer); see the top of this file.
   * @throws Error unless the network is the course kernel's (ReLU hidden layers).
   */
  recordMoments(iteration: number, moments: Float64Array): TrainingStatsPoint {
    const { layerSizes: sizes, activation } = this.options;
    // The course kernel trains ReLU networks only (train/courseSteps.ts); ReLU has no saturation level, hence null.
    if (activation !== 'relu') throw new Error(`the course kernel's statistics are of a ReLU network, this recorder's is ${activation}`);
    const layers: TrainingLayerStats[] = [];
    for (let l = 0; l < sizes.length - 2; l++) {
      const o = l * LAYER_MOMENTS;
      layers.push({
        layer: l + 1,
        preMean: finiteOrNull(moments[o + LAYER_MOMENT.preMean]!),
        preStd: finiteOrNull(moments[o + LAYER_MOMENT.preStd]!),
        postMean: finiteOrNull(moments[o + LAYER_MOMENT.postMean]!),
        postStd: finiteOrNull(moments[o + LAYER_MOMENT.postStd]!),
        deadFraction: moments[o + LAYER_MOMENT.deadUnits]! / sizes[l + 1]!,
        saturatedFraction: null,
        gradZStd: finiteOrNull(moments[o + LAYER_MOMENT.gradZStd]!),
        gradWStd: finiteOrNull(moments[o + LAYER_MOMENT.gradWStd]!),
        weightStd: finiteOrNull(moments[o + LAYER_MOMENT.weightStd]!),
        updateRatio: finiteOrNull(moments[o + LAYER_MOMENT.updateRatio]!),
      });
    }
    return { iteration, layers };
  }
}
