/**
 * The optimizers' updates in WebAssembly SIMD (assembly/optim.ts) over a wasm GEMM instance's
 * memory (gemm.ts), one tensor per call, named by BYTE OFFSETS: parameters w, gradients g and the
 * optimizer's state (v, s, m) all live in the same memory as the network, so a training step
 * updates them in place with no copying between JavaScript and WebAssembly. The same bits as the
 * TypeScript loops of updateJs.ts, which the js backend runs on views of its memory, in float64
 * and float32 (test/train/optimizerKernels.test.ts). Each call returns false when a gradient or an
 * updated parameter is ±Infinity or NaN.
 */
import type { Dtype } from '../core/dtype.js';
import { elementBytes, type WasmGemm } from './gemm.js';
import type { KernelArena } from './arena.js';
import type { KernelExports } from './wasmModule.js';
import type { AdamConstants } from './updateJs.js';

export type { AdamConstants } from './updateJs.js';

export interface UpdateKernels {
  /** w ← w − lr·g. */
  sgd(dtype: Dtype, w: number, g: number, n: number, lr: number): boolean;
  /** v ← β·v + g; w ← w − lr·v, or w ← w − lr·(g + β·v) when `nesterov`. */
  momentum(dtype: Dtype, w: number, g: number, v: number, n: number, lr: number, beta: number, nesterov: boolean): boolean;
  /** s ← ρ·s + ((1 − ρ)·g)·g; w ← w − (lr·g)/(√s + ε); `c` = 1 − ρ. */
  rmsprop(dtype: Dtype, w: number, g: number, s: number, n: number, lr: number, rho: number, c: number, eps: number): boolean;
  /** m ← β1·m + (1 − β1)·g; v ← β2·v + ((1 − β2)·g)·g; w ← w − (α·m)/(√v/√bc2 + ε). */
  adam(dtype: Dtype, w: number, g: number, m: number, v: number, n: number, k: AdamConstants): boolean;
}

/** The update kernels over a wasm GEMM instance's memory. */
export function wasmUpdateKernels(kernels: WasmGemm): UpdateKernels {
  return new WasmUpdates(kernels.exports, kernels.arena);
}

/** Bytes per element of `dtype`, after checking it and the element count. */
function checkFormat(dtype: Dtype, n: number): 8 | 4 {
  if (dtype !== 'float64' && dtype !== 'float32') throw new RangeError(`dtype must be 'float64' or 'float32', got '${String(dtype)}'`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`element count must be an integer ≥ 0, got ${n}`);
  return elementBytes(dtype);
}

/** A bad offset would corrupt other buffers (or, in wasm, trap): every tensor is checked before a call. */
function checkRegion(at: number, n: number, e: 8 | 4, memoryBytes: number): void {
  if (!Number.isInteger(at) || at <= 0 || at % e !== 0 || at + n * e > memoryBytes) {
    throw new RangeError(`tensor at byte ${at} (${n} × ${e} bytes) is not an aligned region of the ${memoryBytes}-byte kernel memory`);
  }
}

/** checkFormat and checkRegion for two to four tensors (no rest array: this runs per tensor per step). */
function checkRegions(dtype: Dtype, memoryBytes: number, n: number, a: number, b: number, c = -1, d = -1): 8 | 4 {
  const e = checkFormat(dtype, n);
  checkRegion(a, n, e, memoryBytes);
  checkRegion(b, n, e, memoryBytes);
  if (c !== -1) checkRegion(c, n, e, memoryBytes);
  if (d !== -1) checkRegion(d, n, e, memoryBytes);
  return e;
}

class WasmUpdates implements UpdateKernels {
  constructor(private readonly k: KernelExports, private readonly arena: KernelArena) {}

  sgd(dtype: Dtype, w: number, g: number, n: number, lr: number): boolean {
    checkRegions(dtype, this.arena.buffer.byteLength, n, w, g);
    return (dtype === 'float64' ? this.k.optSgdF64(w, g, n, lr) : this.k.optSgdF32(w, g, n, lr)) === 1;
  }

  momentum(dtype: Dtype, w: number, g: number, v: number, n: number, lr: number, beta: number, nesterov: boolean): boolean {
    checkRegions(dtype, this.arena.buffer.byteLength, n, w, g, v);
    const k = this.k;
    const r = nesterov
      ? dtype === 'float64' ? k.optNesterovF64(w, g, v, n, lr, beta) : k.optNesterovF32(w, g, v, n, lr, beta)
      : dtype === 'float64' ? k.optMomentumF64(w, g, v, n, lr, beta) : k.optMomentumF32(w, g, v, n, lr, beta);
    return r === 1;
  }

  rmsprop(dtype: Dtype, w: number, g: number, s: number, n: number, lr: number, rho: number, c: number, eps: number): boolean {
    checkRegions(dtype, this.arena.buffer.byteLength, n, w, g, s);
    const k = this.k;
    return (dtype === 'float64' ? k.optRmspropF64(w, g, s, n, lr, rho, c, eps) : k.optRmspropF32(w, g, s, n, lr, rho, c, eps)) === 1;
  }

  adam(dtype: Dtype, w: number, g: number, m: number, v: number, n: number, a: AdamConstants): boolean {
    checkRegions(dtype, this.arena.buffer.byteLength, n, w, g, m, v);
    const k = this.k;
    const r = dtype === 'float64'
      ? k.optAdamF64(w, g, m, v, n, a.stepSize, a.beta1, a.c1, a.beta2, a.c2, a.bc2Sqrt, a.eps)
      : k.optAdamF32(w, g, m, v, n, a.stepSize, a.beta1, a.c1, a.beta2, a.c2, a.bc2Sqrt, a.eps);
    return r === 1;
  }
}
