/*
 * Where an optimizer keeps its state (momentum v, rmsprop s, adam m and v) and which kernels update
 * one tensor: either
 * - in the memory of a network's kernels (`engineUpdates`): the state is allocated in the same
 *   arena as the parameters and gradients (src/kernels/arena.ts), and every tensor is updated in
 *   place there — by WebAssembly SIMD through byte offsets (assembly/optim.ts) on the wasm
 *   backend, with no copying between JavaScript and WebAssembly, or by the TypeScript loops on
 *   views of that memory on the js backend; or
 * - in plain typed arrays (`arrayUpdates`), for parameters that live anywhere: the TypeScript
 *   loops of src/kernels/updateJs.ts on the arrays themselves.
 * Both give the same bits (test/train/optimizerKernels.test.ts). State is kept in the parameters'
 * own format, float32 for a float32 network, as PyTorch keeps it.
 */
import type { Dtype, FloatArray } from '../core/dtype.js';
import { WasmGemm, elementBytes, type GemmKernels } from '../kernels/gemm.js';
import type { Parameters } from '../kernels/types.js';
import { wasmUpdateKernels, type AdamConstants, type UpdateKernels } from '../kernels/updates.js';
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
  /**
   * State buffer j of tensor t (momentum and rmsprop: 0; adam: m = 0, v = 1) as a live view, valid
   * until the memory grows; undefined when there is none. For checkpoints (TrainingSession.checkpoint).
   */
  buffer(j: 0 | 1, t: number): FloatArray | undefined;
}

function tensorsOf(p: Parameters<FloatArray>): FloatArray[] {
  return [...p.weights, ...p.biases];
}

/** State as typed arrays shaped like `shapes`, `buffers` of them per tensor (0, 1 or 2). */
export function arrayUpdates(shapes: Parameters<FloatArray>, buffers: number): TensorUpdates {
  return new PlainArrayUpdates(shapes, buffers);
}

/** State in `engine`'s memory; `params` and `grads` passed later must be views into it, in its dtype. */
export function engineUpdates(engine: OptimizerEngine, shapes: Parameters<FloatArray>, buffers: number): TensorUpdates {
  return engine.kernels instanceof WasmGemm ? new WasmEngineUpdates(engine, engine.kernels, shapes, buffers) : new JsEngineUpdates(engine, shapes, buffers);
}

function mixed(t: number): RangeError {
  return new RangeError(`tensor ${t}: parameters, gradients and optimizer state must all be Float64Array or all Float32Array of one length`);
}

/** The TypeScript loops on typed arrays; subclasses say where the state arrays are. */
abstract class ArrayUpdates implements TensorUpdates {
  constructor(readonly tensors: number) {}

  /** State buffer j (0 or 1) of tensor t; undefined when there is none. */
  protected abstract state(j: 0 | 1, t: number): FloatArray | undefined;

  buffer(j: 0 | 1, t: number): FloatArray | undefined {
    return this.state(j, t);
  }
  /** Hook: checks a parameter or gradient tensor before it is updated. */
  protected check(_t: number, _x: FloatArray): void {}

  sgd(t: number, w: FloatArray, g: FloatArray, lr: number): boolean {
    this.check(t, w);
    this.check(t, g);
    const n = w.length;
    if (g.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array) return js.sgdF64(w, g, n, lr) === 0;
    if (w instanceof Float32Array && g instanceof Float32Array) return js.sgdF32(w, g, n, lr) === 0;
    throw mixed(t);
  }

  momentum(t: number, w: FloatArray, g: FloatArray, lr: number, beta: number, nesterov: boolean): boolean {
    this.check(t, w);
    this.check(t, g);
    const v = this.state(0, t);
    const n = w.length;
    if (v === undefined || g.length !== n || v.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && v instanceof Float64Array) {
      return (nesterov ? js.nesterovF64(w, g, v, n, lr, beta) : js.momentumF64(w, g, v, n, lr, beta)) === 0;
    }
    if (w instanceof Float32Array && g instanceof Float32Array && v instanceof Float32Array) {
      return (nesterov ? js.nesterovF32(w, g, v, n, lr, beta) : js.momentumF32(w, g, v, n, lr, beta)) === 0;
    }
    throw mixed(t);
  }

  rmsprop(t: number, w: FloatArray, g: FloatArray, lr: number, rho: number, c: number, eps: number): boolean {
    this.check(t, w);
    this.check(t, g);
    const s = this.state(0, t);
    const n = w.length;
    if (s === undefined || g.length !== n || s.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && s instanceof Float64Array) return js.rmspropF64(w, g, s, n, lr, rho, c, eps) === 0;
    if (w instanceof Float32Array && g instanceof Float32Array && s instanceof Float32Array) return js.rmspropF32(w, g, s, n, lr, rho, c, eps) === 0;
    throw mixed(t);
  }

  adam(t: number, w: FloatArray, g: FloatArray, k: AdamConstants): boolean {
    this.check(t, w);
    this.check(t, g);
    const m = this.state(0, t);
    const v = this.state(1, t);
    const n = w.length;
    if (m === undefined || v === undefined || g.length !== n || m.length !== n || v.length !== n) throw mixed(t);
    if (w instanceof Float64Array && g instanceof Float64Array && m instanceof Float64Array && v instanceof Float64Array) {
      return js.adamF64(w, g, m, v, n, k) === 0;
    }
    if (w instanceof Float32Array && g instanceof Float32Array && m instanceof Float32Array && v instanceof Float32Array) {
      return js.adamF32(w, g, m, v, n, k) === 0;
    }
    throw mixed(t);
  }
}

class PlainArrayUpdates extends ArrayUpdates {
  private readonly s: [FloatArray[], FloatArray[]];

  constructor(shapes: Parameters<FloatArray>, buffers: number) {
    const ts = tensorsOf(shapes);
    super(ts.length);
    const zeros = () => ts.map((t) => (t instanceof Float32Array ? new Float32Array(t.length) : new Float64Array(t.length)));
    this.s = [buffers >= 1 ? zeros() : [], buffers >= 2 ? zeros() : []];
  }

  protected state(j: 0 | 1, t: number): FloatArray | undefined {
    return this.s[j][t];
  }
}

/** Byte offsets of `buffers` zeroed state buffers per tensor in the engine's arena (they stay valid when the memory grows). */
function allocState(arena: KernelArena, dtype: Dtype, lengths: readonly number[], buffers: number): [number[], number[]] {
  const e = elementBytes(dtype);
  return [buffers >= 1 ? lengths.map((n) => arena.alloc(n * e)) : [], buffers >= 2 ? lengths.map((n) => arena.alloc(n * e)) : []];
}

/** Refuses a parameter or gradient view that is not in the engine's memory, of tensor t's length and the engine's format. */
function checkView(arena: KernelArena, dtype: Dtype, lengths: readonly number[], t: number, x: FloatArray): void {
  const ok = x.buffer === arena.buffer && x.length === lengths[t] && (dtype === 'float64' ? x instanceof Float64Array : x instanceof Float32Array);
  if (!ok) throw new RangeError(`tensor ${t}: the optimizer was made for ${dtype} parameters of ${lengths[t]} elements in its network's memory; pass that network's params and grads`);
}

/** The js backend: state in the arena, the TypeScript loops on views of it (re-taken when the memory grows). */
class JsEngineUpdates extends ArrayUpdates {
  private readonly arena: KernelArena;
  private readonly dtype: Dtype;
  private readonly lengths: number[];
  private readonly at: [number[], number[]];
  private viewsOf: ArrayBuffer | undefined;
  private views: [FloatArray[], FloatArray[]] = [[], []];

  constructor(engine: OptimizerEngine, shapes: Parameters<FloatArray>, buffers: number) {
    const ts = tensorsOf(shapes);
    super(ts.length);
    this.arena = engine.kernels.arena;
    this.dtype = engine.dtype;
    this.lengths = ts.map((x) => x.length);
    this.at = allocState(this.arena, this.dtype, this.lengths, buffers);
  }

  protected override check(t: number, x: FloatArray): void {
    checkView(this.arena, this.dtype, this.lengths, t, x);
  }

  protected state(j: 0 | 1, t: number): FloatArray | undefined {
    if (this.viewsOf !== this.arena.buffer) {
      this.viewsOf = this.arena.buffer;
      const view = (at: number, t: number) => (this.dtype === 'float64' ? this.arena.f64(at, this.lengths[t]!) : this.arena.f32(at, this.lengths[t]!));
      this.views = [this.at[0].map(view), this.at[1].map(view)];
    }
    return this.views[j][t];
  }
}

/** The wasm backend: state in the arena, every tensor updated by WebAssembly SIMD through byte offsets. */
class WasmEngineUpdates implements TensorUpdates {
  readonly tensors: number;
  private readonly arena: KernelArena;
  private readonly k: UpdateKernels;
  private readonly dtype: Dtype;
  private readonly lengths: number[];
  private readonly s0: number[];
  private readonly s1: number[];

  constructor(engine: OptimizerEngine, kernels: WasmGemm, shapes: Parameters<FloatArray>, buffers: number) {
    this.dtype = engine.dtype;
    this.arena = kernels.arena;
    this.k = wasmUpdateKernels(kernels);
    const ts = tensorsOf(shapes);
    this.tensors = ts.length;
    this.lengths = ts.map((x) => x.length);
    [this.s0, this.s1] = allocState(this.arena, this.dtype, this.lengths, buffers);
  }

  buffer(j: 0 | 1, t: number): FloatArray | undefined {
    const at = (j === 0 ? this.s0 : this.s1)[t];
    if (at === undefined) return undefined;
    return this.dtype === 'float64' ? this.arena.f64(at, this.lengths[t]!) : this.arena.f32(at, this.lengths[t]!);
  }

  /** Byte offset of a parameter or gradient view (checked). */
  private at(t: number, x: FloatArray): number {
    checkView(this.arena, this.dtype, this.lengths, t, x);
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
