import type { OutputHead, RunConfig } from '../core/runConfig.js';
import type { Dataset } from '../data/types.js';
import { createEngine, defaultBackend, LAYER_MOMENTS } from '../kernels/index.js';
import type { Backend, FullBatchEngine, Parameters } from '../kernels/types.js';
import { accuracy, courseCost } from './courseCost.js';
import { resolveOptimizer } from './optimizers.js';
import type { TrainingData } from './trainer.js';
import { UsageError } from '../util/errors.js';

/*
 * The course preset (RunConfig.exact = 'course'): the notebook's experiment as a run config, trained
 * with the notebook's arithmetic bit for bit. The updates run on the course's full-batch kernel
 * (src/kernels' FullBatchEngine: numpy's summation order, ReLU hidden layers, a sigmoid output,
 * W −= lr·dW); the logged loss is the notebook's `compute_loss` (−y·log a − (1−y)·log(1−a) summed
 * by nansum, +∞ for a saturated wrong output, see courseCost.ts), not the general engine's
 * cross-entropy from logits; accuracy is the notebook's `predict` (a > 0.5). TrainingSession drives it
 * like any other run, so there is one training API; this file holds what differs.
 *
 * Divergence follows the notebook's loop with a check added: the weights are checked after every
 * chunk of updates (chunks end at every log point, every 1000 updates, before and at every
 * statistics point, and at the end of each `advance`), and a non-finite weight stops the run there.
 * A +∞ cost alone is not divergence: it is what the notebook prints for a saturated output.
 */

/** The longest stretch of updates between two weight checks. */
export const COURSE_CHUNK = 1000;

/** Refuses a config the course kernel cannot train exactly, naming the setting and the fix. */
export function checkCoursePreset(config: RunConfig, data: TrainingData, head: OutputHead): void {
  const refuse = (what: string) => {
    throw new UsageError(`exact: course trains the notebook's network bit for bit, so it needs ${what}; remove 'exact' to train this config on the general engine.`);
  };
  const t = config.training;
  if (config.network.layers !== undefined) refuse('the dense layers of network.hidden, not network.layers');
  if (config.dtype !== undefined && config.dtype !== 'float64') refuse(`dtype float64 (got ${config.dtype})`);
  if (config.network.activation !== 'relu') refuse(`ReLU hidden layers (got ${config.network.activation})`);
  if (head !== 'sigmoid' || data.task === 'regression' || data.nClasses !== 2) refuse('a binary data set and the sigmoid output');
  const optimizer = resolveOptimizer(t.optimizer);
  if (optimizer.name !== 'sgd') refuse(`plain gradient descent, optimizer sgd (got ${optimizer.name})`);
  if (t.schedule !== undefined && t.schedule.name !== 'constant') refuse(`a constant learning rate (got schedule ${t.schedule.name})`);
  if ((t.l2 ?? 0) !== 0 || (t.l1 ?? 0) !== 0) refuse('no L1 or L2 penalty');
  const batch = t.batchSize ?? 0;
  if (batch !== 0 && batch < data.train.nSamples) refuse(`full-batch training, batchSize 0 (got ${batch} of ${data.train.nSamples} samples)`);
}

/** One logged evaluation under the course's formulas. */
export interface CourseEvaluation {
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
}

/** The course kernel bound to a run's training set, with the course's cost and accuracy. */
export class CourseSteps {
  private readonly engine: FullBatchEngine;
  private readonly train: Dataset;
  private readonly test: Dataset;
  private readonly scratch: Float64Array;
  /** layerMoments' output, made once. */
  private readonly moments: Float64Array;
  /**
   * True while the kernel's gradients are those of the current parameters (a layerMoments pass
   * since the last change): the next update then only applies them (FullBatchEngine.applyGradients),
   * the same bits as a full update, so a statistics record costs no extra pass.
   */
  private gradientsCurrent = false;

  constructor(layerSizes: readonly number[], data: TrainingData, params: Parameters, backend: Backend = defaultBackend()) {
    this.train = data.train;
    this.test = data.test;
    this.engine = createEngine(backend, layerSizes, data.train.x, data.train.y, data.train.nSamples);
    this.engine.setParameters(params);
    this.scratch = new Float64Array(Math.max(data.train.nSamples, data.test.nSamples));
    this.moments = new Float64Array((layerSizes.length - 2) * LAYER_MOMENTS);
  }

  /**
   * The hidden layers' statistics at the current parameters from the kernel's own pass
   * (FullBatchEngine.layerMoments; the same buffer every call, overwritten by the next).
   * `withPrevious`: the update ratio against the weights of the last keepWeights().
   */
  layerMoments(withPrevious: boolean): Float64Array {
    this.engine.layerMoments(this.moments, withPrevious);
    this.gradientsCurrent = true;
    return this.moments;
  }

  /** Keeps the current weights for the next layerMoments' update ratio. */
  keepWeights(): void {
    this.engine.keepWeights();
  }

  /** `n` updates of W −= lr·dW, b −= lr·db on the whole training set. */
  step(n: number, learningRate: number): void {
    if (n > 0 && this.gradientsCurrent) {
      this.engine.applyGradients(learningRate);
      n--;
    }
    this.gradientsCurrent = false;
    this.engine.train(n, learningRate);
  }

  /** Copies parameters in (a restored checkpoint's). */
  setParameters(params: Parameters): void {
    this.gradientsCurrent = false;
    this.engine.setParameters(params);
  }

  /** Copies of the current parameters. */
  parameters(): Parameters {
    return this.engine.getParameters();
  }

  /** The sigmoid outputs on the training set (length m), as the kernel computes them. */
  outputs(): Float64Array {
    return this.engine.forward().slice();
  }

  parametersFinite(): boolean {
    return this.engine.parametersFinite();
  }

  /** The notebook's cost and accuracy on the training and the test set. */
  evaluate(): CourseEvaluation {
    const { train, test, scratch } = this;
    const a = this.engine.forward();
    const trainLoss = courseCost(a, train.y, train.nSamples, scratch);
    const trainAccuracy = accuracy(a, train.y, train.nSamples);
    if (test.nSamples === 0) return { trainLoss, trainAccuracy, testLoss: Number.NaN, testAccuracy: Number.NaN };
    const at = this.engine.predict(test.x, test.nSamples);
    return { trainLoss, trainAccuracy, testLoss: courseCost(at, test.y, test.nSamples, scratch), testAccuracy: accuracy(at, test.y, test.nSamples) };
  }
}
