import type { FloatArray } from '../core/dtype.js';
import type { Activation, OutputHead } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { createGemm, defaultBackend, gemmScratchBytes, type GemmKernels } from '../kernels/index.js';
import type { Backend } from '../kernels/types.js';
import { activateBackward, activateForward, DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { addL1Subgradient } from '../nn/network.js';
import { headGradient } from '../nn/losses.js';

/*
 * The one forward and backward pass behind a training-stats record: Z_l, A_l and ∂L/∂Z_l of every
 * layer and ∂L/∂W_l of the HIDDEN layers, for given parameters over the whole training set, bit for
 * bit what src/nn's DenseNetwork.lossAndGradients computes in float64 (test/diagnostics/
 * trainingStatistics.test.ts compares every buffer): the same GEMM kernels (src/kernels/gemm.ts,
 * WebAssembly SIMD, whose float64 sums are matmul.ts's), activations and head gradient, in the
 * probe's own kernel memory so that the training run's buffers are never touched. It is that pass
 * without the work a record does not use (issue 10: recording at statsEvery 100 must cost ≤ 3%; the
 * course preset does not come here, it takes the course kernel's own pass, src/kernels/layerMoments.ts):
 *   - the loss value (the sigmoid head's log1p and exp of every sample): only ∂L/∂Z is needed
 *     (losses.ts headGradient, the formula headLoss uses);
 *   - the output layer's ∂L/∂W (no statistic reads it);
 *   - the training inputs' copy into kernel memory: done once, not per record.
 */

export interface StatsProbeShape {
  layerSizes: readonly number[];
  activation: Activation;
  output: OutputHead;
  slope?: number;
}

/** The buffers of one network shape and sample count, made once in the probe's own kernel memory; `run` allocates nothing. */
export class StatsProbe {
  readonly layerSizes: readonly number[];
  readonly activation: Activation;
  readonly output: OutputHead;
  readonly slope: number;
  /** Number of weight layers L. */
  readonly depth: number;
  readonly m: number;
  /** z[l−1] = Z_l (n_l × m), l = 1…L. */
  readonly z: Float64Array[];
  /** a[l−1] = A_l (n_l × m), hidden layers. */
  readonly a: Float64Array[];
  /** g[l−1] = ∂L/∂Z_l (n_l × m), l = 1…L. */
  readonly g: Float64Array[];
  /** dw[l−1] = ∂L/∂W_l (+ λ·W_l), hidden layers. */
  readonly dw: Float64Array[];
  private readonly k: GemmKernels;
  private readonly y: Float64Array;
  private readonly l2: number;
  private readonly l1: number;
  private readonly w: Float64Array[];
  private readonly b: Float64Array[];
  /** Byte offsets of the buffers above in the kernels' memory (x: the training inputs, copied in once). */
  private readonly at: { x: number; w: number[]; b: number[]; z: number[]; a: number[]; g: number[]; dw: number[]; db: number; gemm: number };
  private readonly scratch: Float64Array;

  /**
   * x: the training inputs (n_0 × m, feature-major), y: the labels as the head takes them, l2 and
   * l1: λ and λ₁ of the objective. `backend` defaults to WebAssembly where available; both give the same bits.
   */
  constructor(shape: StatsProbeShape, x: Float64Array, y: Float64Array, m: number, l2 = 0, backend: Backend = defaultBackend(), l1 = 0) {
    const sizes = [...shape.layerSizes];
    if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`a network needs at least an input and an output layer of whole sizes, got [${sizes.join(', ')}]`);
    }
    if (x.length !== sizes[0]! * m) throw new RangeError(`x must hold ${sizes[0]}×${m} values, got ${x.length}`);
    this.layerSizes = sizes;
    this.activation = shape.activation;
    this.output = shape.output;
    this.slope = shape.slope ?? DEFAULT_LEAKY_SLOPE;
    this.depth = sizes.length - 1;
    this.m = m;
    this.y = y;
    this.l2 = l2;
    this.l1 = l1;
    const k = (this.k = createGemm(backend));
    const arena = k.arena;
    const alloc = (n: number) => arena.alloc(n * 8);
    const outs = sizes.slice(1);
    const hidden = outs.slice(0, -1);
    this.at = {
      x: alloc(sizes[0]! * m),
      w: outs.map((n, l) => alloc(n * sizes[l]!)),
      b: outs.map((n) => alloc(n)),
      z: outs.map((n) => alloc(n * m)),
      a: hidden.map((n) => alloc(n * m)),
      g: outs.map((n) => alloc(n * m)),
      dw: hidden.map((n, l) => alloc(n * sizes[l]!)),
      // ∂L/∂b comes with every ∂L/∂W product; no statistic reads it, so the hidden layers share one buffer.
      db: alloc(Math.max(...outs)),
      gemm: arena.alloc(Math.max(...outs.map((n, l) => gemmScratchBytes('float64', n, sizes[l]!, m)))),
    };
    // Nothing is allocated after this point, so these views stay valid.
    const at = this.at;
    arena.f64(at.x, x.length).set(x);
    this.w = at.w.map((o, l) => arena.f64(o, outs[l]! * sizes[l]!));
    this.b = at.b.map((o, l) => arena.f64(o, outs[l]!));
    this.z = at.z.map((o, l) => arena.f64(o, outs[l]! * m));
    this.a = at.a.map((o, l) => arena.f64(o, hidden[l]! * m));
    this.g = at.g.map((o, l) => arena.f64(o, outs[l]! * m));
    this.dw = at.dw.map((o, l) => arena.f64(o, hidden[l]! * sizes[l]!));
    this.scratch = new Float64Array(2 * m);
  }

  /**
   * Forward and backward over the training set at `params` (copied in, never written) for the
   * objective mean head loss + λ/2·Σ‖W_l‖²: fills z, a, g and dw.
   * @throws RangeError when the parameters' shapes do not match the network's.
   */
  run(params: Parameters<FloatArray>): void {
    const { layerSizes: sizes, depth: L, m, k, at } = this;
    const { weights, biases } = params;
    if (weights.length !== L || biases.length !== L) throw new RangeError(`expected ${L} weight and bias tensors, got ${weights.length} and ${biases.length}`);
    for (let l = 0; l < L; l++) {
      if (weights[l]!.length !== sizes[l + 1]! * sizes[l]! || biases[l]!.length !== sizes[l + 1]!) {
        throw new RangeError(`layer ${l + 1}: expected W ${sizes[l + 1]}×${sizes[l]} and b ${sizes[l + 1]}`);
      }
      this.w[l]!.set(weights[l]!);
      this.b[l]!.set(biases[l]!);
    }
    let inAt = at.x;
    for (let l = 0; l < L; l++) {
      const out = sizes[l + 1]!;
      k.forward('float64', at.w[l]!, at.b[l]!, inAt, at.z[l]!, out, sizes[l]!, m, false, at.gemm);
      if (l < L - 1) {
        activateForward(this.activation, this.z[l]!, this.a[l]!, 0, out * m, this.slope);
        inAt = at.a[l]!;
      }
    }
    headGradient(this.output, this.z[L - 1]!, this.y, sizes[L]!, m, this.scratch, this.g[L - 1]!);
    // ReLU's derivative fused into the ∂A product as a mask on Z, as DenseNetwork does (same bits as activateBackward).
    const relu = this.activation === 'relu';
    for (let l = L - 1; l >= 0; l--) {
      const out = sizes[l + 1]!;
      const inn = sizes[l]!;
      if (l < L - 1) {
        k.weightGrads('float64', at.g[l]!, l === 0 ? at.x : at.a[l - 1]!, at.dw[l]!, at.db, out, inn, m, at.gemm);
        if (this.l2 !== 0) {
          const dw = this.dw[l]!;
          const w = this.w[l]!;
          for (let i = 0; i < dw.length; i++) dw[i] = dw[i]! + this.l2 * w[i]!;
        }
        if (this.l1 !== 0) addL1Subgradient(this.dw[l]!, this.w[l]!, this.l1);
      }
      if (l > 0) {
        k.inputGrads('float64', at.w[l]!, at.g[l]!, at.g[l - 1]!, out, inn, m, relu ? at.z[l - 1]! : 0, at.gemm);
        if (!relu) {
          const gPrev = this.g[l - 1]!;
          activateBackward(this.activation, this.z[l - 1]!, this.a[l - 1]!, gPrev, gPrev, 0, inn * m, this.slope);
        }
      }
    }
  }
}
