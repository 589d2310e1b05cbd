import type { Dtype, FloatArray } from '../../core/dtype.js';
import type { KernelArena } from '../../kernels/arena.js';
import { elementBytes, type GemmKernels } from '../../kernels/gemm.js';

/**
 * A buffer of `n` elements at byte offset `at` of the kernels' memory, with a typed-array view that
 * is re-taken only when the memory has grown (its ArrayBuffer replaced): layers call `view()` once
 * per pass, never per element.
 */
export class Buf {
  private of: ArrayBuffer | undefined;
  private arr: FloatArray = new Float64Array(0);

  constructor(private readonly arena: KernelArena, readonly dtype: Dtype, readonly at: number, readonly n: number) {}

  view(): FloatArray {
    const b = this.arena.buffer;
    if (b !== this.of) {
      this.of = b;
      this.arr = this.dtype === 'float64' ? this.arena.f64(this.at, this.n) : this.arena.f32(this.at, this.n);
    }
    return this.arr;
  }
}

/** What layers run on: the kernels, the element format, and the buffers of one batch size. */
export class LayerContext {
  readonly e: 8 | 4;
  /** The whole memory as one typed array (offsets / e index it). */
  readonly heap: Heap;
  constructor(readonly kernels: GemmKernels, readonly dtype: Dtype) {
    this.e = elementBytes(dtype);
    this.heap = new Heap(kernels.arena, dtype);
  }

  get arena(): KernelArena {
    return this.kernels.arena;
  }

  /** A fresh zeroed buffer of n elements. */
  alloc(n: number): Buf {
    return new Buf(this.arena, this.dtype, this.arena.alloc(Math.max(1, n) * this.e), n);
  }
}

/**
 * The buffers shared by every layer of one workspace: GEMM scratch and the column buffer of input
 * gradients (dcol, used by one conv at a time), sized for the largest layer.
 */
export interface SharedBuffers {
  /** Byte offset of the GEMM scratch. */
  readonly gemmScratch: number;
  /** The batch size. */
  readonly m: number;
  /** Batch statistics (training) or running statistics (evaluation) in batchnorm. */
  readonly training: boolean;
  /** Column-gradient scratch (see conv2d.ts); its length is the largest conv's need. */
  readonly dcol: Buf;
}

/** Adds src into dst elementwise (the two paths of a residual block's input gradient). */
export function addInto(dst: FloatArray, src: FloatArray): void {
  for (let i = 0; i < dst.length; i++) dst[i] = dst[i]! + src[i]!;
}

/** A whole-memory view in the context's format, re-taken when the memory has grown (for copyWithin/fill by element index). */
export class Heap {
  private of: ArrayBuffer | undefined;
  private arr: FloatArray = new Float64Array(0);
  constructor(private readonly arena: KernelArena, private readonly dtype: Dtype) {}

  view(): FloatArray {
    const b = this.arena.buffer;
    if (b !== this.of) {
      this.of = b;
      this.arr = this.dtype === 'float64' ? new Float64Array(b, 0, b.byteLength >> 3) : new Float32Array(b, 0, b.byteLength >> 2);
    }
    return this.arr;
  }
}

/** A parameter tensor and its gradient, both in the kernels' memory. */
export interface ParamPair {
  readonly value: Buf;
  readonly grad: Buf;
}

/**
 * The parameters of a layer network in the order the layers register them: `weights` are the
 * kernels (conv filters, dense and projection matrices; L2 weight decay applies to them), `others`
 * everything else — biases, batchnorm's γ and β, SkipInit's α — as `Parameters.biases`.
 */
export class ParamStore {
  readonly weights: ParamPair[] = [];
  readonly others: ParamPair[] = [];
  constructor(private readonly ctx: LayerContext) {}

  weight(n: number): ParamPair {
    const p = { value: this.ctx.alloc(n), grad: this.ctx.alloc(n) };
    this.weights.push(p);
    return p;
  }

  /** A buffer that lives with the parameters but is not one (a layer's derived copy of its weights). */
  scratch(n: number): Buf {
    return this.ctx.alloc(n);
  }

  other(n: number): ParamPair {
    const p = { value: this.ctx.alloc(n), grad: this.ctx.alloc(n) };
    this.others.push(p);
    return p;
  }
}
