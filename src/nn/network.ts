import type { Dtype, FloatArray } from '../core/dtype.js';
import type { Activation, OutputHead } from '../core/runConfig.js';
import { createGemm, defaultBackend, elementBytes, gemmScratchBytes, type GemmKernels } from '../kernels/index.js';
import type { KernelArena } from '../kernels/arena.js';
import type { Backend, Parameters } from '../kernels/types.js';
import { activateBackward, activateForward, DEFAULT_LEAKY_SLOPE } from './activations.js';
import { l1PenaltyOf, l2PenaltyOf } from './penalties.js';
import { headLoss } from './losses.js';

/*
 * A dense network of any depth and width, in float64 or float32, on feature-major batches (units ×
 * batch, row-major, x[f·m + s]) like the course's. Layer l (1-based) computes Z_l = W_l·A_{l−1} + b_l
 * with W_l (n_l × n_{l−1}) row-major, then A_l = f(Z_l) for hidden layers; the last layer's Z_L are
 * the logits of the output head (see losses.ts).
 *
 * The engine: every parameter, gradient and activation lives in ONE memory, that of the network's
 * GEMM kernels (src/kernels/gemm.ts) — a WebAssembly instance's linear memory, or an ArrayBuffer for
 * the plain-TypeScript fallback — so the three products of each layer run on SIMD kernels with no
 * copying between JavaScript and WebAssembly; activations, losses and optimizer updates work on
 * typed-array views of the same bytes. In float64 both backends give the bits of src/nn/matmul.ts:
 * each entry is its bias (or 0) plus the products added one at a time in inner-index order.
 *
 * Every buffer a batch needs lives in a `Workspace` made once per batch size, so forward and
 * backward allocate nothing. Growing the memory (a new workspace) replaces its ArrayBuffer; the
 * network and its workspaces re-take their views then, so a view obtained from `params`, `grads` or
 * a workspace is valid until the next `createWorkspace` of the same network.
 */

/** The shape and arithmetic of a DenseNetwork: layer sizes, hidden activation (and leaky slope), output head, float format and backend. */
export interface DenseNetworkOptions {
  /** [nInputs, hidden…, nOutputs]. */
  layerSizes: readonly number[];
  /** Activation of every hidden layer. */
  activation: Activation;
  /** Negative slope of leaky_relu (default 0.01). */
  slope?: number;
  output: OutputHead;
  /** float64 (default) or float32: the format of every parameter, activation and gradient. */
  dtype?: Dtype;
  /** 'wasm' (default when WebAssembly SIMD is available) or 'js': the same numbers either way. */
  backend?: Backend;
}

/** The buffers of one batch size m: pre-activations, activations and their gradients per layer. */
export interface Workspace {
  readonly m: number;
  /** z[l−1]: Z_l (n_l × m), l = 1…L. */
  readonly z: readonly FloatArray[];
  /** a[l−1]: A_l = f(Z_l) (n_l × m), hidden layers only (l = 1…L−1). */
  readonly a: readonly FloatArray[];
  /** g[l−1]: dL/dZ_l (n_l × m); empty when the workspace is forward-only. */
  readonly g: readonly FloatArray[];
  /** The batch's inputs (n_0 × m) in the network's memory and format: write here to skip a copy. */
  readonly input: FloatArray;
  /** Loss scratch (2m), in float64. */
  readonly scratch: Float64Array;
}

function checkSizes(sizes: readonly number[]): void {
  if (sizes.length < 2) throw new RangeError(`a network needs at least an input and an output layer, got layer sizes [${sizes.join(', ')}]`);
  for (const n of sizes) if (!Number.isInteger(n) || n < 1) throw new RangeError(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
}

/** Typed-array views of buffers named by byte offsets, re-taken whenever the memory has grown. */
class Views {
  private buffer: ArrayBuffer | undefined;
  private arrays: FloatArray[] = [];
  constructor(private readonly arena: KernelArena, private readonly dtype: Dtype, private readonly slots: readonly { at: number; n: number }[]) {}

  get(): FloatArray[] {
    if (this.buffer !== this.arena.buffer) {
      this.buffer = this.arena.buffer;
      this.arrays = this.slots.map(({ at, n }) => (this.dtype === 'float64' ? this.arena.f64(at, n) : this.arena.f32(at, n)));
      this.parts.clear();
    }
    return this.arrays;
  }

  /** views[from, to), cached with the views themselves (callers read ws.z[l] in loops). */
  slice(from: number, to: number): FloatArray[] {
    const all = this.get();
    const key = from * 65536 + to;
    let part = this.parts.get(key);
    if (part === undefined) {
      part = all.slice(from, to);
      this.parts.set(key, part);
    }
    return part;
  }

  private readonly parts = new Map<number, FloatArray[]>();
}

class NetworkWorkspace implements Workspace {
  readonly scratch: Float64Array;
  /** Byte offsets: z, a, g per layer; the input; the GEMM scratch. */
  readonly zAt: number[];
  readonly aAt: number[];
  readonly gAt: number[];
  readonly inputAt: number;
  readonly gemmScratchAt: number;
  private readonly views: Views;
  private readonly counts: { z: number; a: number; g: number };

  constructor(net: DenseNetwork, arena: KernelArena, readonly m: number, training: boolean) {
    const sizes = net.layerSizes;
    const e = elementBytes(net.dtype);
    const L = net.depth;
    const alloc = (n: number) => ({ at: arena.alloc(n * e), n });
    const z = sizes.slice(1).map((n) => alloc(n * m));
    const a = sizes.slice(1, -1).map((n) => alloc(n * m));
    const g = training ? sizes.slice(1).map((n) => alloc(n * m)) : [];
    const input = alloc(sizes[0]! * m);
    let scratchBytes = 16;
    for (let l = 0; l < L; l++) scratchBytes = Math.max(scratchBytes, gemmScratchBytes(net.dtype, sizes[l + 1]!, sizes[l]!, m));
    this.gemmScratchAt = arena.alloc(scratchBytes);
    this.zAt = z.map((s) => s.at);
    this.aAt = a.map((s) => s.at);
    this.gAt = g.map((s) => s.at);
    this.inputAt = input.at;
    this.counts = { z: z.length, a: a.length, g: g.length };
    this.views = new Views(arena, net.dtype, [...z, ...a, ...g, input]);
    this.scratch = new Float64Array(2 * m);
  }

  get z(): FloatArray[] {
    return this.views.slice(0, this.counts.z);
  }
  get a(): FloatArray[] {
    const { z, a } = this.counts;
    return this.views.slice(z, z + a);
  }
  get g(): FloatArray[] {
    const { z, a, g } = this.counts;
    return this.views.slice(z + a, z + a + g);
  }
  get input(): FloatArray {
    const all = this.views.get();
    return all[all.length - 1]!;
  }
  /** The views of z, a, g and input in one array (no slicing): [z…, a…, g…, input]. */
  all(): FloatArray[] {
    return this.views.get();
  }
}

/**
 * A fully connected network with one weight matrix W_l (out × in, row-major) and bias b_l per layer:
 * Z_l = W_l·A_{l−1} + b_l, A_l = φ(Z_l) in the hidden layers and the output head's activation last.
 * Forward and backward passes run on the WebAssembly or TypeScript GEMM kernels in float64 or float32.
 */
export class DenseNetwork {
  readonly layerSizes: readonly number[];
  readonly activation: Activation;
  readonly slope: number;
  readonly output: OutputHead;
  readonly dtype: Dtype;
  /** Number of weight layers L. */
  readonly depth: number;
  /** The kernels the network runs on, and their memory. */
  readonly kernels: GemmKernels;

  private readonly wAt: number[];
  private readonly bAt: number[];
  private readonly dwAt: number[];
  private readonly dbAt: number[];
  private readonly paramViews: Views;
  private readonly gradViews: Views;
  private paramsCache: { buffer: ArrayBuffer | undefined; params: Parameters<FloatArray>; grads: Parameters<FloatArray> } = {
    buffer: undefined,
    params: { weights: [], biases: [] },
    grads: { weights: [], biases: [] },
  };

  /** `params` are copied in (rounded once to float32 for a float32 network); without them every weight and bias starts at 0. */
  constructor(options: DenseNetworkOptions, params?: Parameters<FloatArray>) {
    checkSizes(options.layerSizes);
    this.layerSizes = [...options.layerSizes];
    this.activation = options.activation;
    this.slope = options.slope ?? DEFAULT_LEAKY_SLOPE;
    this.output = options.output;
    this.dtype = options.dtype ?? 'float64';
    if (this.dtype !== 'float64' && this.dtype !== 'float32') throw new RangeError(`dtype must be 'float64' or 'float32', got '${String(this.dtype)}'`);
    this.depth = this.layerSizes.length - 1;
    this.kernels = createGemm(options.backend ?? defaultBackend());
    const arena = this.kernels.arena;
    const e = elementBytes(this.dtype);
    const layers = this.layerSizes.slice(1).map((n, l) => ({ w: n * this.layerSizes[l]!, b: n }));
    const slot = (n: number) => ({ at: arena.alloc(n * e), n });
    const w = layers.map((s) => slot(s.w));
    const b = layers.map((s) => slot(s.b));
    const dw = layers.map((s) => slot(s.w));
    const db = layers.map((s) => slot(s.b));
    this.wAt = w.map((s) => s.at);
    this.bAt = b.map((s) => s.at);
    this.dwAt = dw.map((s) => s.at);
    this.dbAt = db.map((s) => s.at);
    this.paramViews = new Views(arena, this.dtype, [...w, ...b]);
    this.gradViews = new Views(arena, this.dtype, [...dw, ...db]);
    if (params) this.setParameters(params);
  }

  /** The live parameters (views into the network's memory, updated in place by optimizers). */
  get params(): Parameters<FloatArray> {
    return this.cached().params;
  }

  /** dL/dW_l and dL/db_l of the last `lossAndGradients` call (with the L2 term λ·W_l when λ > 0). */
  get grads(): Parameters<FloatArray> {
    return this.cached().grads;
  }

  private cached() {
    const c = this.paramsCache;
    const buffer = this.kernels.arena.buffer;
    if (c.buffer !== buffer) {
      const L = this.depth;
      const p = this.paramViews.get();
      const g = this.gradViews.get();
      this.paramsCache = { buffer, params: { weights: p.slice(0, L), biases: p.slice(L) }, grads: { weights: g.slice(0, L), biases: g.slice(L) } };
    }
    return this.paramsCache;
  }

  /** Copies parameters in (shapes must match: W_l n_l × n_{l−1}, b_l n_l). */
  setParameters(p: Parameters<FloatArray>): void {
    if (p.weights.length !== this.depth || p.biases.length !== this.depth) {
      throw new RangeError(`expected ${this.depth} weight and bias tensors, got ${p.weights.length} and ${p.biases.length}`);
    }
    const own = this.params;
    for (let l = 0; l < this.depth; l++) {
      if (p.weights[l]!.length !== own.weights[l]!.length || p.biases[l]!.length !== own.biases[l]!.length) {
        throw new RangeError(`layer ${l + 1}: expected W ${this.layerSizes[l + 1]}×${this.layerSizes[l]} and b ${this.layerSizes[l + 1]}`);
      }
      own.weights[l]!.set(p.weights[l]!);
      own.biases[l]!.set(p.biases[l]!);
    }
  }

  /** Copies of the current parameters, in float64 (exact for a float32 network). */
  getParameters(): Parameters {
    const own = this.params;
    return { weights: own.weights.map((w) => Float64Array.from(w)), biases: own.biases.map((b) => Float64Array.from(b)) };
  }

  /** Number of output units (the logits' rows). */
  get nOutputs(): number {
    return this.layerSizes[this.depth]!;
  }

  /** Buffers for batches of exactly m samples; `training` = false skips the gradient buffers. */
  createWorkspace(m: number, training = true): Workspace {
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`batch size must be a positive integer, got ${m}`);
    return new NetworkWorkspace(this, this.kernels.arena, m, training);
  }

  private own(ws: Workspace): NetworkWorkspace {
    if (!(ws instanceof NetworkWorkspace) || ws.zAt.length !== this.depth) throw new RangeError('the workspace was not made by this network');
    return ws;
  }

  /**
   * Forward pass of x (n_0 × ws.m, feature-major); returns the logits Z_L (a view into ws, n_L × m).
   * x is copied into the workspace's input buffer unless it IS that buffer (`ws.input`).
   */
  forward(x: FloatArray, ws: Workspace): FloatArray {
    const w = this.own(ws);
    const m = w.m;
    const sizes = this.layerSizes;
    const input = w.input;
    if (x.length !== sizes[0]! * m) throw new RangeError(`x must hold ${sizes[0]}×${m} values, got ${x.length}`);
    if (x !== input) input.set(x);
    const k = this.kernels;
    const dt = this.dtype;
    let inAt = w.inputAt;
    const L = this.depth;
    const relu = this.activation === 'relu';
    for (let l = 0; l < L; l++) {
      const out = sizes[l + 1]!;
      k.forward(dt, this.wAt[l]!, this.bAt[l]!, inAt, w.zAt[l]!, out, sizes[l]!, m, false, w.gemmScratchAt);
      if (l < L - 1) {
        // ReLU in the kernels' memory (the same bits as activateForward); a JavaScript loop over
        // the wasm memory's views cost ~20% of a 30×64 run.
        if (relu) k.relu(dt, w.zAt[l]!, w.aAt[l]!, out * m);
        else {
          const views = w.all();
          activateForward(this.activation, views[l]!, views[L + l]!, 0, out * m, this.slope);
        }
        inAt = w.aAt[l]!;
      }
    }
    return w.all()[L - 1]!;
  }

  /** Mean data loss of the batch (no L2 term). y: labels as the head takes them (see losses.ts). */
  loss(x: FloatArray, y: Float64Array, ws: Workspace): number {
    const z = this.forward(x, ws);
    return headLoss(this.output, z, y, this.nOutputs, ws.m, ws.scratch);
  }

  /** λ/2 · Σ_l ‖W_l‖² (biases excluded). */
  l2Penalty(l2: number): number {
    return l2PenaltyOf(this.params.weights, l2);
  }

  /** λ₁ · Σ_l Σ|W_l| (biases excluded). */
  l1Penalty(l1: number): number {
    return l1PenaltyOf(this.params.weights, l1);
  }

  /** The objective whose gradient `lossAndGradients` computes: data loss + λ/2·Σ‖W_l‖² + λ₁·Σ|W_l|. */
  objective(x: FloatArray, y: Float64Array, ws: Workspace, l2 = 0, l1 = 0): number {
    return this.loss(x, y, ws) + this.l2Penalty(l2) + this.l1Penalty(l1);
  }

  /**
   * Forward and backward over one batch: fills `grads` with the gradient of
   * data loss + λ/2·Σ‖W_l‖² + λ₁·Σ|W_l| (so dW_l gets + λ·W_l, then + λ₁·sign(W_l) with
   * sign(0) = 0: the subgradient PyTorch's autograd of `abs` gives; biases none) and returns the
   * mean DATA loss (without the penalties). Allocates nothing.
   */
  lossAndGradients(x: FloatArray, y: Float64Array, ws: Workspace, l2 = 0, l1 = 0): number {
    const w = this.own(ws);
    if (w.gAt.length === 0) throw new Error('lossAndGradients needs a training workspace (createWorkspace(m, true))');
    const m = w.m;
    const sizes = this.layerSizes;
    const L = this.depth;
    const zL = this.forward(x, w);
    const views = w.all();
    // views = [z_1…z_L, a_1…a_{L−1}, g_1…g_L, input]: g_{l+1} is views[gBase + l].
    const gBase = 2 * L - 1;
    const loss = headLoss(this.output, zL, y, this.nOutputs, m, w.scratch, views[gBase + L - 1]!);
    const k = this.kernels;
    const dt = this.dtype;
    // ReLU's derivative is fused into the ∂X product as a mask on Z (the same bits as activateBackward).
    const relu = this.activation === 'relu';
    const weights = this.params.weights;
    const dws = this.grads.weights;
    for (let l = L - 1; l >= 0; l--) {
      const out = sizes[l + 1]!;
      const inn = sizes[l]!;
      const prevAt = l === 0 ? w.inputAt : w.aAt[l - 1]!;
      k.weightGrads(dt, w.gAt[l]!, prevAt, this.dwAt[l]!, this.dbAt[l]!, out, inn, m, w.gemmScratchAt);
      if (l2 !== 0) {
        const dw = dws[l]!;
        const wl = weights[l]!;
        for (let i = 0; i < dw.length; i++) dw[i] = dw[i]! + l2 * wl[i]!;
      }
      if (l1 !== 0) addL1Subgradient(dws[l]!, weights[l]!, l1);
      if (l > 0) {
        k.inputGrads(dt, this.wAt[l]!, w.gAt[l]!, w.gAt[l - 1]!, out, inn, m, relu ? w.zAt[l - 1]! : 0, w.gemmScratchAt);
        if (!relu) {
          const gPrev = views[gBase + l - 1]!;
          activateBackward(this.activation, views[l - 1]!, views[L + l - 1]!, gPrev, gPrev, 0, inn * m, this.slope);
        }
      }
    }
    return loss;
  }
}

/** dw += λ₁·sign(w), sign(0) = 0 (and NaN stays NaN, so divergence is still seen). */
export function addL1Subgradient(dw: FloatArray, w: FloatArray, l1: number): void {
  for (let i = 0; i < dw.length; i++) {
    const v = w[i]!;
    if (v > 0) dw[i] = dw[i]! + l1;
    else if (v < 0) dw[i] = dw[i]! - l1;
    else if (v !== v) dw[i] = v;
  }
}
