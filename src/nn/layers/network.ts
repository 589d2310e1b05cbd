import type { Dtype, FloatArray } from '../../core/dtype.js';
import type { Activation, OutputHead } from '../../core/runConfig.js';
import { createGemm, defaultBackend, type GemmKernels } from '../../kernels/index.js';
import type { Backend, Parameters } from '../../kernels/types.js';
import { DEFAULT_LEAKY_SLOPE } from '../activations.js';
import { headLoss } from '../losses.js';
import { l2PenaltyOf } from '../penalties.js';
import { unitsIdentical } from '../symmetry.js';
import { BatchNormLayer } from './batchnorm.js';
import { Buf, LayerContext, ParamStore, type SharedBuffers } from './buffers.js';
import { Conv2dLayer } from './conv2d.js';
import { DenseLayer } from './dense.js';
import { FlattenLayer } from './flatten.js';
import type { Layer, LayerState } from './layer.js';
import { planLayers, shapeSize, shapeText, type PlannedLayer, type Shape } from './plan.js';
import { PoolLayer } from './pool.js';
import { ResidualLayer } from './residual.js';

/*
 * A network of `network.layers` (issue 14, item 2): conv2d, max/avg pooling, flatten, dense,
 * residual blocks and batchnorm, then a linear output layer of the head's size, in float64 or
 * float32 on the engine's kernels — every parameter, gradient and activation in the memory of the
 * GEMM kernels, as in DenseNetwork (src/nn/network.ts), whose interface it shares for training:
 * `params`/`grads` (weights = conv kernels and dense/projection matrices; biases = every other
 * tensor: biases, batchnorm's γ and β, SkipInit's α), `createWorkspace`, `forward`, `loss`,
 * `lossAndGradients`. Input batches are feature-major, (C·H·W) × m, feature (c·H + y)·W + x.
 */

export interface LayerNetworkOptions {
  /** network.layers as the user wrote it (checked here: UsageError on a mistake). */
  layers: unknown;
  /** One sample's shape: (C, H, W). */
  input: Shape;
  /** Units of the output layer (added after `layers`, linear; the head's loss follows). */
  nOutputs: number;
  output: OutputHead;
  /** Default activation of conv, dense and residual layers that do not name one. */
  activation: Activation;
  slope?: number;
  dtype?: Dtype;
  backend?: Backend;
  /** Give every residual block SkipInit's trainable scalar α (De & Smith 2020); it starts at 0. */
  skipInit?: boolean;
}

/** The buffers of one batch size. */
export interface LayerWorkspace {
  readonly m: number;
  /** The batch's inputs in the network's memory and format: write here to skip a copy. */
  readonly input: FloatArray;
  /** Loss scratch (2m), float64. */
  readonly scratch: Float64Array;
}

class Workspace implements LayerWorkspace {
  readonly scratch: Float64Array;
  constructor(
    readonly owner: LayerNetwork, readonly inputBuf: Buf, readonly states: LayerState[], readonly shared: SharedBuffers,
  ) {
    this.scratch = new Float64Array(2 * shared.m);
  }
  get m(): number {
    return this.shared.m;
  }
  get input(): FloatArray {
    return this.inputBuf.view();
  }
}

/** Bytes one evaluation workspace may take (an evaluator makes up to two, and a session two evaluators). */
const EVAL_BYTES = 128 * 1024 * 1024;

/** Bytes a training batch may take: the kernels address 2 GiB, and evaluation takes up to 4 × EVAL_BYTES. */
const TRAIN_BYTES = 1024 * 1024 * 1024;

/** Elements per sample of a forward-only workspace: outputs (and pre-activations) of every layer, im2col columns, the input. */
function forwardElementsPerSample(layers: readonly PlannedLayer[]): number {
  let n = layers.length > 0 ? shapeSize(layers[0]!.in) : 0;
  const visit = (l: PlannedLayer): void => {
    const out = shapeSize(l.out);
    switch (l.kind) {
      case 'conv2d':
        n += 2 * out + l.in.c * l.kernel * l.kernel * l.out.h * l.out.w;
        break;
      case 'residual':
        l.branch.forEach(visit);
        if (l.projection) visit(l.projection);
        n += 2 * out;
        break;
      case 'flatten':
        break;
      case 'maxpool':
      case 'avgpool':
        n += out;
        break;
      default:
        n += 2 * out;
    }
  };
  layers.forEach(visit);
  return n;
}

export class LayerNetwork {
  readonly input: Shape;
  /** The planned layers, the output layer last. */
  readonly plan: readonly PlannedLayer[];
  readonly layers: readonly Layer[];
  readonly activation: Activation;
  readonly slope: number;
  readonly output: OutputHead;
  readonly dtype: Dtype;
  readonly kernels: GemmKernels;
  readonly nOutputs: number;
  readonly skipInit: boolean;
  private readonly ctx: LayerContext;
  private readonly store: ParamStore;
  private cache: { buffer: ArrayBuffer | undefined; params: Parameters<FloatArray>; grads: Parameters<FloatArray> } = {
    buffer: undefined, params: { weights: [], biases: [] }, grads: { weights: [], biases: [] },
  };

  constructor(options: LayerNetworkOptions, params?: Parameters<FloatArray>) {
    this.input = options.input;
    this.activation = options.activation;
    this.slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
    this.output = options.output;
    this.dtype = options.dtype ?? 'float64';
    if (this.dtype !== 'float64' && this.dtype !== 'float32') throw new RangeError(`dtype must be 'float64' or 'float32', got '${String(this.dtype)}'`);
    this.nOutputs = options.nOutputs;
    this.skipInit = options.skipInit === true;
    const planned = planLayers(options.layers, options.input, options.activation);
    const last = planned[planned.length - 1]!.out;
    this.plan = [...planned, { kind: 'dense', path: 'output layer', in: last, out: { c: this.nOutputs, h: 1, w: 1 }, units: this.nOutputs, activation: 'linear' }];
    this.kernels = createGemm(options.backend ?? defaultBackend());
    this.ctx = new LayerContext(this.kernels, this.dtype);
    this.store = new ParamStore(this.ctx);
    this.layers = this.plan.map((p) => this.build(p));
    // Batchnorm's γ starts at 1 (PyTorch's); everything else at 0 until parameters are set.
    for (const l of this.batchNorms()) l.gamma.value.view().fill(1);
    if (params) this.setParameters(params);
  }

  private build(p: PlannedLayer): Layer {
    const s = this.slope;
    switch (p.kind) {
      case 'conv2d': return new Conv2dLayer(p, this.store, s);
      case 'dense': return new DenseLayer(p, this.store, s);
      case 'maxpool':
      case 'avgpool': return new PoolLayer(p);
      case 'flatten': return new FlattenLayer(p);
      case 'batchnorm': return new BatchNormLayer(p, this.store, s);
      case 'residual': return new ResidualLayer(p, this.store, s, this.skipInit);
    }
  }

  /** Every batchnorm layer, those inside residual branches included. */
  batchNorms(): BatchNormLayer[] {
    const out: BatchNormLayer[] = [];
    for (const l of this.layers) {
      if (l instanceof BatchNormLayer) out.push(l);
      if (l instanceof ResidualLayer) for (const b of l.branch) if (b instanceof BatchNormLayer) out.push(b);
    }
    return out;
  }

  /** Residual blocks, in order. */
  residualBlocks(): ResidualLayer[] {
    return this.layers.filter((l): l is ResidualLayer => l instanceof ResidualLayer);
  }

  /**
   * The most samples one forward-only workspace holds within EVAL_BYTES: the evaluator (src/train/
   * evaluate.ts) cuts data sets into chunks of this size. At its default 4096 a float64 MNIST convnet's
   * evaluation buffers alone would pass the kernels' 2 GiB memory.
   */
  get evalChunk(): number {
    const bytes = forwardElementsPerSample(this.plan) * this.ctx.e;
    return Math.max(1, Math.min(4096, Math.floor(EVAL_BYTES / bytes)));
  }

  /**
   * The largest training batch whose buffers (outputs, pre-activations, their gradients, columns:
   * at most 3× a forward pass's) fit TRAIN_BYTES of the kernels' memory.
   */
  get maxTrainingBatch(): number {
    return Math.max(1, Math.floor(TRAIN_BYTES / (3 * forwardElementsPerSample(this.plan) * this.ctx.e)));
  }

  /** Number of input features C·H·W. */
  get nInputs(): number {
    return shapeSize(this.input);
  }

  get params(): Parameters<FloatArray> {
    return this.cached().params;
  }

  get grads(): Parameters<FloatArray> {
    return this.cached().grads;
  }

  private cached() {
    const buffer = this.kernels.arena.buffer;
    if (this.cache.buffer !== buffer) {
      const { weights, others } = this.store;
      this.cache = {
        buffer,
        params: { weights: weights.map((p) => p.value.view()), biases: others.map((p) => p.value.view()) },
        grads: { weights: weights.map((p) => p.grad.view()), biases: others.map((p) => p.grad.view()) },
      };
    }
    return this.cache;
  }

  /** Copies parameters in (same tensors and lengths as `params`). */
  setParameters(p: Parameters<FloatArray>): void {
    const own = this.params;
    if (p.weights.length !== own.weights.length || p.biases.length !== own.biases.length) {
      throw new RangeError(`expected ${own.weights.length} weight and ${own.biases.length} other tensors, got ${p.weights.length} and ${p.biases.length}`);
    }
    own.weights.forEach((w, i) => {
      if (p.weights[i]!.length !== w.length) throw new RangeError(`weight tensor ${i}: expected ${w.length} values, got ${p.weights[i]!.length}`);
      w.set(p.weights[i]!);
    });
    own.biases.forEach((b, i) => {
      if (p.biases[i]!.length !== b.length) throw new RangeError(`tensor ${i} of the biases: expected ${b.length} values, got ${p.biases[i]!.length}`);
      b.set(p.biases[i]!);
    });
  }

  /** Copies of the parameters in float64. */
  getParameters(): Parameters {
    const own = this.params;
    return { weights: own.weights.map((w) => Float64Array.from(w)), biases: own.biases.map((b) => Float64Array.from(b)) };
  }

  /** Buffers for batches of m samples; `training` = false: no gradients, and batchnorm uses its running statistics. */
  createWorkspace(m: number, training = true): LayerWorkspace {
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`batch size must be a positive integer, got ${m}`);
    let gemm = 16;
    let dcol = 1;
    for (const l of this.layers) {
      const n = l.needs(m);
      gemm = Math.max(gemm, n.gemmScratchBytes);
      dcol = Math.max(dcol, n.dcol);
    }
    const ctx = this.ctx;
    const gemmScratch = ctx.arena.alloc(Math.ceil(gemm / 16) * 16);
    const shared: SharedBuffers = { gemmScratch, m, training, dcol: training ? ctx.alloc(dcol) : ctx.alloc(1) };
    const inputBuf = ctx.alloc(this.nInputs * m);
    const states: LayerState[] = [];
    let x = inputBuf;
    for (const l of this.layers) {
      const s = l.createState(ctx, x, m, training);
      states.push(s);
      x = s.y;
    }
    return new Workspace(this, inputBuf, states, shared);
  }

  private own(ws: LayerWorkspace): Workspace {
    if (!(ws instanceof Workspace) || ws.owner !== this) throw new RangeError('the workspace was not made by this network');
    return ws;
  }

  /** Forward pass of x (C·H·W × m); returns the logits (a view, nOutputs × m). */
  forward(x: FloatArray, ws: LayerWorkspace): FloatArray {
    const w = this.own(ws);
    const input = w.input;
    if (x.length !== input.length) throw new RangeError(`x must hold ${this.nInputs}×${w.m} values (${shapeText(this.input)} per sample), got ${x.length}`);
    if (x !== input) input.set(x);
    const ctx = this.ctx;
    for (let i = 0; i < this.layers.length; i++) this.layers[i]!.forward(ctx, w.shared, w.states[i]!);
    return w.states[w.states.length - 1]!.y.view();
  }

  loss(x: FloatArray, y: Float64Array, ws: LayerWorkspace): number {
    const z = this.forward(x, ws);
    return headLoss(this.output, z, y, this.nOutputs, ws.m, ws.scratch);
  }

  l2Penalty(l2: number): number {
    return l2PenaltyOf(this.params.weights, l2);
  }

  objective(x: FloatArray, y: Float64Array, ws: LayerWorkspace, l2 = 0): number {
    return this.loss(x, y, ws) + this.l2Penalty(l2);
  }

  /** Forward and backward: fills `grads` (weights + λ·W) and returns the mean data loss. */
  lossAndGradients(x: FloatArray, y: Float64Array, ws: LayerWorkspace, l2 = 0): number {
    const w = this.own(ws);
    if (!w.shared.training) throw new Error('lossAndGradients needs a training workspace (createWorkspace(m, true))');
    const z = this.forward(x, w);
    const states = w.states;
    const top = states[states.length - 1]!;
    const loss = headLoss(this.output, z, y, this.nOutputs, w.m, w.scratch, top.dy!.view());
    this.backward(w);
    if (l2 !== 0) {
      const ws2 = this.params.weights;
      const gs = this.grads.weights;
      for (let t = 0; t < ws2.length; t++) {
        const p = ws2[t]!;
        const g = gs[t]!;
        for (let i = 0; i < g.length; i++) g[i] = g[i]! + l2 * p[i]!;
      }
    }
    return loss;
  }

  /** Backward from layer `top`'s dL/dy (already in its state) down: parameter gradients and every lower layer's dL/dy. */
  private backward(w: Workspace, top = this.layers.length - 1): void {
    const states = w.states;
    for (let i = top; i >= 0; i--) {
      this.layers[i]!.backward(this.ctx, w.shared, states[i]!, i > 0 ? states[i - 1]!.dy : null);
    }
  }

  /**
   * For diagnostics (`diagnose --config` on a layer network), after `forward(x, ws)`: backward from a
   * given dL/dy of the last layer below the output layer (e.g. an injected random error) down to the
   * input. The output layer is left out so that an init that zeroes it (Fixup) still shows the
   * backward signal of the blocks, as the dense diagnose injects its error at the last hidden layer.
   */
  backwardFromLastHidden(dy: FloatArray, ws: LayerWorkspace): void {
    const w = this.own(ws);
    if (!w.shared.training) throw new Error('backwardFromLastHidden needs a training workspace (createWorkspace(m, true))');
    const top = this.layers.length - 2;
    if (top < 0) throw new RangeError('the network has no layer below the output layer');
    const target = w.states[top]!.dy!.view();
    if (dy.length !== target.length) throw new RangeError(`dy must hold ${target.length} values, got ${dy.length}`);
    target.set(dy);
    this.backward(w, top);
  }

  /** Each top-level layer's output y and dL/dy of the last pass (views into the workspace), the output layer last. */
  layerValues(ws: LayerWorkspace): { y: FloatArray; dy: FloatArray | null }[] {
    return this.own(ws).states.map((s) => ({ y: s.y.view(), dy: s.dy ? s.dy.view() : null }));
  }
}

/**
 * Every conv and dense layer below the output layer (residual branches and projections included)
 * with more than one unit has identical units (filters): the zeros init never breaks that symmetry.
 * False when there is no such layer, as for a dense network without hidden layers.
 */
export function layerUnitsSymmetric(net: LayerNetwork): boolean {
  const weighted: (Conv2dLayer | DenseLayer)[] = [];
  const visit = (l: Layer): void => {
    if (l instanceof Conv2dLayer || l instanceof DenseLayer) weighted.push(l);
    if (l instanceof ResidualLayer) {
      l.branch.forEach(visit);
      if (l.projection) visit(l.projection);
    }
  };
  net.layers.slice(0, -1).forEach(visit);
  const wide = weighted.filter((l) => (l instanceof Conv2dLayer ? l.plan.filters : l.plan.units) > 1);
  if (wide.length === 0) return false;
  return wide.every((l) => {
    const units = l instanceof Conv2dLayer ? l.plan.filters : l.plan.units;
    const w = l.w.value.view();
    return unitsIdentical(w, l.b.value.view(), units, w.length / units);
  });
}
