/**
 * The three dense products of a feature-major layer (units × batch, row-major, row stride m), on
 * buffers that live in one memory and are named by BYTE OFFSETS into it:
 *   forward      Z = W·A + b, optionally relu      (out × m) = (out × in)(in × m)
 *   weightGrads  dW = dZ·Aᵀ, db = row sums of dZ    (out × in), (out)
 *   inputGrads   dA = Wᵀ·dZ, optionally masked (ReLU') (in × m)
 * in float64 or float32. Two implementations: WebAssembly SIMD over the kernel module's memory
 * (assembly/gemm.ts) and plain TypeScript over an ArrayBuffer (gemmJs.ts). Allocate buffers with
 * `kernels.arena.alloc` and view them with `arena.f64/f32` (re-take views after an alloc).
 *
 * Rounding contract: every entry is its bias (or +0) plus the products added one at a time in
 * inner-index order, with no fused multiply-add. In float64 both implementations therefore equal
 * src/nn/matmul.ts (affineForward, weightGradients, inputGradients) bit for bit; in float32 they
 * equal each other bit for bit (test/kernels/gemm.test.ts).
 */
import type { Dtype } from '../core/dtype.js';
import type { Backend } from './types.js';
import type { KernelModule } from './webassembly.js';
import { KernelArena, arrayBacking, wasmBacking } from './arena.js';
import { instantiateKernels, type KernelExports } from './wasmModule.js';
import * as js from './gemmJs.js';

/** The kernels' element formats (the run config's dtype). */
export type GemmDtype = Dtype;

/** Bytes per element. */
export function elementBytes(dtype: GemmDtype): 8 | 4 {
  return dtype === 'float64' ? 8 : 4;
}

/** Depth chunk × bytes of a copied column panel row in assembly/gemm.ts (KC · BLOCK_BYTES). */
const B_PANEL_BYTES = 256 * 64;

/**
 * Scratch bytes that any of the three products of an (out × in) layer at batch m needs (the wasm
 * kernels pack one operand into it; the TypeScript ones ignore it). One scratch buffer of the
 * largest layer's size serves every layer: products never run concurrently.
 */
export function gemmScratchBytes(dtype: GemmDtype, out: number, inn: number, m: number): number {
  const packed = Math.max(out * inn, out * m) * elementBytes(dtype);
  return Math.ceil(packed / 16) * 16 + B_PANEL_BYTES;
}

/** The matrix products a network needs (forward, input gradients, weight gradients) on one backend and float format, in memory the kernels own. */
export interface GemmKernels {
  readonly backend: Backend;
  /** The memory the offsets point into, with its allocator. */
  readonly arena: KernelArena;
  /** Z = W·A + b, then relu(z) = z > 0 ? z : +0 when `relu`. `b` = 0: no bias (start from +0). */
  forward(dtype: GemmDtype, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean, scratch: number): void;
  /** dW = dZ·Aᵀ and db = Σ_s dZ[·, s] (each sum sequential over s from +0). */
  weightGrads(dtype: GemmDtype, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number, scratch: number): void;
  /**
   * dA = Wᵀ·dZ, then dA[k, s] = mask[k, s] > 0 ? dA[k, s] : +0 when `mask` ≠ 0 (an in × m buffer:
   * pass the layer below's pre-activation z to fuse ReLU's derivative, as activateBackward takes it).
   */
  inputGrads(dtype: GemmDtype, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number, scratch: number): void;
  /**
   * a = relu(z) = z > 0 ? z : +0 over n elements (NaN and −0 give +0, as activateForward): the
   * forward pass keeps Z for the backward mask and writes A beside it. z and a may be the same.
   */
  relu(dtype: GemmDtype, z: number, a: number, n: number): void;
}

/** GEMM kernels on `backend` with a fresh memory ('wasm': a private instance of the kernel module). */
export function createGemm(backend: Backend, module?: KernelModule): GemmKernels {
  return backend === 'wasm' ? new WasmGemm(instantiateKernels(module)) : new JsGemm();
}

/** Offsets and sizes are checked before any kernel runs: a bad one would corrupt other buffers. */
function checkShape(out: number, inn: number, m: number): void {
  checkSize('out', out);
  checkSize('in', inn);
  checkSize('m', m);
}

function checkSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

function checkRegion(what: string, at: number, elements: number, bytes: 8 | 4, memoryBytes: number): void {
  if (!Number.isInteger(at) || at <= 0 || at % bytes !== 0 || at + elements * bytes > memoryBytes) {
    throw new RangeError(`${what} at byte ${at} (${elements} × ${bytes} bytes) is not an aligned region of the ${memoryBytes}-byte kernel memory`);
  }
}

function checkScratch(at: number, bytes: number, memoryBytes: number): void {
  if (!Number.isInteger(at) || at <= 0 || at % 16 !== 0 || at + bytes > memoryBytes) {
    throw new RangeError(`scratch at byte ${at} must be 16-aligned with ${bytes} bytes inside the ${memoryBytes}-byte kernel memory`);
  }
}

/** The kernels in a wasm instance; buffers and scratch must lie in that instance's memory. */
export class WasmGemm implements GemmKernels {
  readonly backend = 'wasm' as const;
  readonly arena: KernelArena;

  /**
   * The memory's size in bytes as last read. A wasm memory only grows, so this is a lower bound,
   * and a region inside it is inside the memory: `memory.buffer` (a C++ accessor, ~2 µs) is read
   * again only when a region ends past it. Reading it on every call cost 15–20% of a 30×64 float32
   * training run (three products per layer and update).
   */
  private knownBytes = 0;

  constructor(private readonly k: KernelExports) {
    this.arena = new KernelArena(wasmBacking(k.memory), k.heapBase());
  }

  /** The memory size to check regions ending at `end` against (re-read when `end` passes the known size). */
  private bytesFor(end: number): number {
    if (!(end <= this.knownBytes)) this.knownBytes = this.k.memory.buffer.byteLength;
    return this.knownBytes;
  }

  /** The instance's raw exports, for other kernels over the same memory (optimizer updates: updates.ts). */
  get exports(): KernelExports {
    return this.k;
  }

  forward(dtype: GemmDtype, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean, scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const scratchBytes = gemmScratchBytes(dtype, out, inn, m);
    const mem = this.bytesFor(Math.max(w + out * inn * e, b + out * e, a + inn * m * e, z + out * m * e, scratch + scratchBytes));
    checkRegion('W', w, out * inn, e, mem);
    if (b !== 0) checkRegion('b', b, out, e, mem);
    checkRegion('A', a, inn * m, e, mem);
    checkRegion('Z', z, out * m, e, mem);
    checkScratch(scratch, scratchBytes, mem);
    if (dtype === 'float64') this.k.gemmForwardF64(w, b, a, z, out, inn, m, relu ? 1 : 0, scratch);
    else this.k.gemmForwardF32(w, b, a, z, out, inn, m, relu ? 1 : 0, scratch);
  }

  weightGrads(dtype: GemmDtype, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number, scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const scratchBytes = gemmScratchBytes(dtype, out, inn, m);
    const mem = this.bytesFor(Math.max(dz + out * m * e, a + inn * m * e, dw + out * inn * e, db + out * e, scratch + scratchBytes));
    checkRegion('dZ', dz, out * m, e, mem);
    checkRegion('A', a, inn * m, e, mem);
    checkRegion('dW', dw, out * inn, e, mem);
    checkRegion('db', db, out, e, mem);
    checkScratch(scratch, scratchBytes, mem);
    if (dtype === 'float64') this.k.gemmWeightGradsF64(dz, a, dw, db, out, inn, m, scratch);
    else this.k.gemmWeightGradsF32(dz, a, dw, db, out, inn, m, scratch);
  }

  inputGrads(dtype: GemmDtype, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number, scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const scratchBytes = gemmScratchBytes(dtype, out, inn, m);
    const mem = this.bytesFor(Math.max(w + out * inn * e, dz + out * m * e, da + inn * m * e, mask + inn * m * e, scratch + scratchBytes));
    checkRegion('W', w, out * inn, e, mem);
    checkRegion('dZ', dz, out * m, e, mem);
    checkRegion('dA', da, inn * m, e, mem);
    if (mask !== 0) checkRegion('mask', mask, inn * m, e, mem);
    checkScratch(scratch, scratchBytes, mem);
    if (dtype === 'float64') this.k.gemmInputGradsF64(w, dz, da, out, inn, m, mask, scratch);
    else this.k.gemmInputGradsF32(w, dz, da, out, inn, m, mask, scratch);
  }

  relu(dtype: GemmDtype, z: number, a: number, n: number): void {
    checkSize('n', n);
    const e = elementBytes(dtype);
    const mem = this.bytesFor(Math.max(z, a) + n * e);
    checkRegion('Z', z, n, e, mem);
    checkRegion('A', a, n, e, mem);
    if (dtype === 'float64') this.k.reluF64(z, a, n);
    else this.k.reluF32(z, a, n);
  }
}

/** The TypeScript kernels over a growable ArrayBuffer (the fallback without WebAssembly SIMD). */
export class JsGemm implements GemmKernels {
  readonly backend = 'js' as const;
  readonly arena = new KernelArena(arrayBacking(), 16);
  private viewsOf: ArrayBuffer | undefined;
  private h64 = new Float64Array(0);
  private h32 = new Float32Array(0);

  /** Whole-memory views, re-taken when the arena has grown (its buffer is then a new one). */
  private views(): void {
    const buffer = this.arena.buffer;
    if (buffer !== this.viewsOf) {
      this.viewsOf = buffer;
      this.h64 = new Float64Array(buffer, 0, buffer.byteLength >> 3);
      this.h32 = new Float32Array(buffer, 0, buffer.byteLength >> 2);
    }
  }

  forward(dtype: GemmDtype, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean, _scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const mem = this.arena.buffer.byteLength;
    checkRegion('W', w, out * inn, e, mem);
    if (b !== 0) checkRegion('b', b, out, e, mem);
    checkRegion('A', a, inn * m, e, mem);
    checkRegion('Z', z, out * m, e, mem);
    this.views();
    const bi = b === 0 ? -1 : b / e;
    if (dtype === 'float64') js.forwardF64(this.h64, w / 8, bi, a / 8, z / 8, out, inn, m, relu);
    else js.forwardF32(this.h32, w / 4, bi, a / 4, z / 4, out, inn, m, relu);
  }

  weightGrads(dtype: GemmDtype, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number, _scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const mem = this.arena.buffer.byteLength;
    checkRegion('dZ', dz, out * m, e, mem);
    checkRegion('A', a, inn * m, e, mem);
    checkRegion('dW', dw, out * inn, e, mem);
    checkRegion('db', db, out, e, mem);
    this.views();
    if (dtype === 'float64') js.weightGradsF64(this.h64, dz / 8, a / 8, dw / 8, db / 8, out, inn, m);
    else js.weightGradsF32(this.h32, dz / 4, a / 4, dw / 4, db / 4, out, inn, m);
  }

  inputGrads(dtype: GemmDtype, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number, _scratch: number): void {
    checkShape(out, inn, m);
    const e = elementBytes(dtype);
    const mem = this.arena.buffer.byteLength;
    checkRegion('W', w, out * inn, e, mem);
    checkRegion('dZ', dz, out * m, e, mem);
    checkRegion('dA', da, inn * m, e, mem);
    if (mask !== 0) checkRegion('mask', mask, inn * m, e, mem);
    this.views();
    const mi = mask === 0 ? -1 : mask / e;
    if (dtype === 'float64') js.inputGradsF64(this.h64, w / 8, dz / 8, da / 8, out, inn, m, mi);
    else js.inputGradsF32(this.h32, w / 4, dz / 4, da / 4, out, inn, m, mi);
  }

  relu(dtype: GemmDtype, z: number, a: number, n: number): void {
    checkSize('n', n);
    const e = elementBytes(dtype);
    const mem = this.arena.buffer.byteLength;
    checkRegion('Z', z, n, e, mem);
    checkRegion('A', a, n, e, mem);
    this.views();
    const h = dtype === 'float64' ? this.h64 : this.h32;
    const zi = z / e;
    const ai = a / e;
    for (let i = 0; i < n; i++) {
      const x = h[zi + i]!;
      h[ai + i] = x > 0 ? x : 0;
    }
  }
}
