/*
 * Where an optimizer keeps its state (momentum v, rmsprop s, adam m and v) and which kernels update
 * one tensor: either
 * - in the memory of a network's kernels (`engineUpdates`): the state is allocated in the same
 *   arena as the parameters and gradients (src/kernels/arena.ts), and every tensor is updated in
 *   place by byte offsets, by WebAssembly SIMD (assembly/optim.ts) or its TypeScript twin — no
 *   copying between JavaScript and WebAssembly; or
 * - in plain typed arrays (`arrayUpdates`), for parameters that live anywhere: the TypeScript
 *   loops of src/kernels/updateJs.ts on the arrays themselves.
 * Both give the same bits (test/train/optimizerKernels.test.ts). State is kept in the parameters'
 * own format, float32 for a float32 network, as PyTorch keeps it.
 */
import type { Dtype, FloatArray } from '../core/dtype.js';
import type { GemmKernels } from '../kernels/gemm.js';
import { elementBytes } from '../kernels/gemm.js';
import type { Parameters } from '../kernels/types.js';
import { createUpdateKernels, type AdamConstants, type UpdateKernels } from '../kernels/updates.js';
import type { KernelArena } from '../kernels/arena.js';
import * as js from '../kernels/updateJs.js';

/**
 * The memory and format of the parameters an optimizer will update: a DenseNetwork is one (its
 * `kernels` and `dtype`), whose `params` and `grads` are views into `kernels.arena`.
 */
export interface OptimizerEngine {
  readonly kernels: GemmKernels;
  readonly dtype: Dtype;
}

/**
 * Updates of tensor number t (weights 0…L−1, then biases L…2L−1) in place, with that tensor's
 * state; each returns false when a gradient or an updated parameter is non-finite.
 */
export interface TensorUpdates {
  /** Number of tensors the state was made for. */
  readonly tensors: number;
  sgd(t: number, w: FloatArray, g: FloatArray, lr: number): boolean;
  momentum(t: number, w: FloatArray, g: FloatArray, lr: number, beta: number, nesterov: boolean): boolean;
  /** `c` = 1 − ρ. */
  rmsprop(t: number, w: FloatArray, g: FloatArray, lr: number, rho: number, c: number, eps: number): boolean;
  adam(t: number, w: FloatArray, g: FloatArray, k: AdamConstants): boolean;
}

function tensorsOf(p: Parameters<FloatArray>): FloatArray[] {
  return [...p.weights, ...p.biases];
}

/** State as typed arrays shaped like `shapes`, `buffers` of them per tensor (0, 1 or 2). */
export function arrayUpdates(shapes: Parameters<FloatArray>, buffers: number): TensorUpdates {
  return new ArrayUpdates(shapes, buffers);
}

/** State in `engine`'s memory; `params` and `grads` passed later must be views into it, in its dtype. */
export function engineUpdates(engine: OptimizerEngine, shapes: Parameters<FloatArray>, buffers: number): TensorUpdates {
  return new EngineUpdates(engine, shapes, buffers);
}

function mixed(t: number): RangeError {
  return new RangeError(`tensor ${t}: parameters, gradients and optimizer state must all be Float64Array or all Float32Array of one length`);
}

class ArrayUpdates implements TensorUpdates {
  readonly tensors: number;
  private readonly s0: FloatArray[];
  private readonly s1: FloatArray[];

  constructor(shapes: Parameters<FloatArray>, buffers: number) {
    const ts = tensorsOf(shapes);
    this.tensors = ts.length;
    const zeros = () => ts.map((t) => (t instanceof Float32Array ? new Float32Array(t.length) : new Float64Array(t.length)));
    this.s0 = buffers >= 1 ? zeros() : [];
    this.s1 = buffers >= 2 ? zeros() : [];
  }

  sgd(t: number, w: FloatArray, g: FloatArray, lr: number): boolean {
    const n = w.length;
    if (g.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array) return js.sgdF64(w, 0, g, 0, n, lr) === 0;
    if (w instanceof Float32Array && g instanceof Float32Array) return js.sgdF32(w, 0, g, 0, n, lr) === 0;
    throw mixed(t);
  }

  momentum(t: number, w: FloatArray, g: FloatArray, lr: number, beta: number, nesterov: boolean): boolean {
    const v = this.s0[t];
    const n = w.length;
    if (v === undefined || g.length !== n || v.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && v instanceof Float64Array) {
      return (nesterov ? js.nesterovF64(w, 0, g, 0, v, 0, n, lr, beta) : js.momentumF64(w, 0, g, 0, v, 0, n, lr, beta)) === 0;
    }
    if (w instanceof Float32Array && g instanceof Float32Array && v instanceof Float32Array) {
      return (nesterov ? js.nesterovF32(w, 0, g, 0, v, 0, n, lr, beta) : js.momentumF32(w, 0, g, 0, v, 0, n, lr, beta)) === 0;
    }
    throw mixed(t);
  }

  rmsprop(t: number, w: FloatArray, g: FloatArray, lr: number, rho: number, c: number, eps: number): boolean {
    const s = this.s0[t];
    const n = w.length;
    if (s === undefined || g.length !== n || s.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && s instanceof Float64Array) return js.rmspropF64(w, 0, g, 0, s, 0, n, lr, rho, c, eps) === 0;
    if (w instanceof Float32Array && g instanceof Float32Array && s instanceof Float32Array) return js.rmspropF32(w, 0, g, 0, s, 0, n, lr, rho, c, eps) === 0;
    throw mixed(t);
  }

  adam(t: number, w: FloatArray, g: FloatArray, k: AdamConstants): boolean {
    const m = this.s0[t];
    const v = this.s1[t];
    const n = w.length;
    if (m === undefined || v === undefined || g.length !== n || m.length !== n || v.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && m instanceof Float64Array && v instanceof Float64Array) {
      return js.adamF64(w, 0, g, 0, m, 0, v, 0, n, k) === 0;
    }
    if (w instanceof Float32Array && g instanceof Float32Array && m instanceof Float32Array && v instanceof Float32Array) {
      return js.adamF32(w, 0, g, 0, m, 0, v, 0, n, k) === 0;
    }
    throw mixed(t);
  }
}

class EngineUpdates implements TensorUpdates {
  readonly tensors: number;
  private readonly arena: KernelArena;
  private readonly k: UpdateKernels;
  private readonly dtype: Dtype;
  private readonly lengths: number[];
  /** Byte offsets of each tensor's state buffers. */
  private readonly s0: number[];
  private readonly s1: number[];

  constructor(engine: OptimizerEngine, shapes: Parameters<FloatArray>, buffers: number) {
    this.dtype = engine.dtype;
    this.arena = engine.kernels.arena;
    this.k = createUpdateKernels(engine.kernels);
    const ts = tensorsOf(shapes);
    this.tensors = ts.length;
    this.lengths = ts.map((x) => x.length);
    const e = elementBytes(this.dtype);
    // Allocated once, zeroed by the arena; offsets stay valid when the memory grows later.
    this.s0 = buffers >= 1 ? this.lengths.map((n) => this.arena.alloc(n * e)) : [];
    this.s1 = buffers >= 2 ? this.lengths.map((n) => this.arena.alloc(n * e)) : [];
  }

  /** Byte offset of a parameter or gradient view; refuses one outside the engine's memory or of another shape or format. */
  private at(t: number, x: FloatArray): number {
    const ok = x.buffer === this.arena.buffer && x.length === this.lengths[t] && (this.dtype === 'float64' ? x instanceof Float64Array : x instanceof Float32Array);
    if (!ok) throw new RangeError(`tensor ${t}: the optimizer was made for ${this.dtype} parameters of ${this.lengths[t]} elements in its network's memory; pass that network's params and grads`);
    return x.byteOffset;
  }

  sgd(t: number, w: FloatArray, g: FloatArray, lr: number): boolean {
    return this.k.sgd(this.dtype, this.at(t, w), this.at(t, g), w.length, lr);
  }

  momentum(t: number, w: FloatArray, g: FloatArray, lr: number, beta: number, nesterov: boolean): boolean {
    return this.k.momentum(this.dtype, this.at(t, w), this.at(t, g), this.s0[t]!, w.length, lr, beta, nesterov);
  }

  rmsprop(t: number, w: FloatArray, g: FloatArray, lr: number, rho: number, c: number, eps: number): boolean {
    return this.k.rmsprop(this.dtype, this.at(t, w), this.at(t, g), this.s0[t]!, w.length, lr, rho, c, eps);
  }

  adam(t: number, w: FloatArray, g: FloatArray, k: AdamConstants): boolean {
    return this.k.adam(this.dtype, this.at(t, w), this.at(t, g), this.s0[t]!, this.s1[t]!, w.length, k);
  }
}
