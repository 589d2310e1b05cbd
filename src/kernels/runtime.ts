/**
 * The backend-specific half of an engine: a growable memory that holds a `Layout`, and the three
 * passes over it. engine.ts does everything else (copying parameters and data in and out) once
 * for both backends.
 */
import type { Backend } from './types.js';
import { writeDescriptor, type Layout } from './layout.js';
import { instantiateKernels, type KernelExports } from './wasmModule.js';
import type { KernelModule } from './webassembly.js';
import { backwardPass, forwardPass, trainSteps } from './jsKernels.js';
import { layerSums } from './statsJs.js';
import type { StatsLayout } from './statsLayout.js';

export interface KernelRuntime {
  readonly backend: Backend;
  /** First byte layouts may use. */
  readonly base: number;
  /** Makes the memory at least `bytes` long (contents kept); views taken before may be stale. */
  reserve(bytes: number): void;
  /** A Float64Array over the whole memory (fresh after `reserve`). */
  f64(): Float64Array;
  /** Call after planning a layout whose buffers are in memory: the wasm side needs its descriptor. */
  bind(layout: Layout): void;
  /** `iterations` gradient-descent steps over the training layout, all in one call. */
  train(layout: Layout, iterations: number, learningRate: number): void;
  /** Forward and backward pass without update: G′ holds [dW | db] afterwards. */
  gradients(layout: Layout): void;
  /** Forward pass only: every layer's output panel holds its activations afterwards. */
  forward(layout: Layout): void;
  /**
   * `gradients`, then the hidden layers' Z panels and raw statistics into `stats` (assembly/stats.ts);
   * `withPrevious`: also the norms against the kept weights. `layout` has at least one hidden layer.
   */
  layerStats(layout: Layout, stats: StatsLayout, withPrevious: boolean): void;
  /** W′ −= lr·G′ of every layer, from the gradients the last `gradients` or `layerStats` left. */
  applyGradients(layout: Layout, learningRate: number): void;
  /** True when every entry of every W′ is finite. */
  parametersFinite(layout: Layout): boolean;
  /** Copies the hidden layers' W′ into `stats.previous` (for the next layerStats' update ratio). */
  keepWeights(layout: Layout, stats: StatsLayout): void;
}

const PAGE = 65536;

/** Kernels in a private instance of the wasm module (one per engine, so engines never share memory). */
export class WasmRuntime implements KernelRuntime {
  readonly backend = 'wasm' as const;
  readonly base: number;
  private readonly k: KernelExports;

  constructor(module?: KernelModule) {
    this.k = instantiateKernels(module);
    this.base = this.k.heapBase();
  }

  reserve(bytes: number): void {
    // The descriptor holds i32 byte offsets, and wasm32 memory stops at 4 GiB.
    if (bytes > 0x7fffffff) throw new RangeError(`the engine needs ${bytes} bytes; the wasm backend addresses at most 2 GiB`);
    const have = this.k.memory.buffer.byteLength;
    if (bytes > have) this.k.memory.grow(Math.ceil((bytes - have) / PAGE));
  }

  f64(): Float64Array {
    return new Float64Array(this.k.memory.buffer);
  }

  bind(layout: Layout): void {
    writeDescriptor(new Int32Array(this.k.memory.buffer), layout);
  }

  train(layout: Layout, iterations: number, learningRate: number): void {
    this.k.train(layout.descriptor, iterations, learningRate);
  }

  gradients(layout: Layout): void {
    this.k.gradients(layout.descriptor);
  }

  forward(layout: Layout): void {
    this.k.forward(layout.descriptor);
  }

  layerStats(layout: Layout, stats: StatsLayout, withPrevious: boolean): void {
    this.k.layerStats(layout.descriptor, stats.z[0]!, stats.previous[0]!, withPrevious ? 1 : 0, stats.raw);
  }

  applyGradients(layout: Layout, learningRate: number): void {
    this.k.applyGradients(layout.descriptor, learningRate);
  }

  parametersFinite(layout: Layout): boolean {
    return this.k.parametersFinite(layout.descriptor) === 1;
  }

  keepWeights(layout: Layout, stats: StatsLayout): void {
    this.k.keepWeights(layout.descriptor, stats.previous[0]!);
  }
}

/** The plain-TypeScript kernels over an ordinary ArrayBuffer with the same layout. */
export class JsRuntime implements KernelRuntime {
  readonly backend = 'js' as const;
  readonly base = 0;
  private mem = new Float64Array(0);

  reserve(bytes: number): void {
    if (bytes > this.mem.byteLength) {
      const grown = new Float64Array(Math.ceil(bytes / 8));
      grown.set(this.mem);
      this.mem = grown;
    }
  }

  f64(): Float64Array {
    return this.mem;
  }

  bind(): void {
    // The JS kernels read the Layout object directly.
  }

  train(layout: Layout, iterations: number, learningRate: number): void {
    trainSteps(this.mem, layout, iterations, learningRate);
  }

  gradients(layout: Layout): void {
    forwardPass(this.mem, layout, true);
    backwardPass(this.mem, layout, 0, false);
  }

  forward(layout: Layout): void {
    forwardPass(this.mem, layout, false);
  }

  layerStats(layout: Layout, stats: StatsLayout, withPrevious: boolean): void {
    this.gradients(layout);
    layerSums(this.mem, layout, stats, withPrevious);
  }

  applyGradients(layout: Layout, learningRate: number): void {
    const mem = this.mem;
    for (const { fanIn, fanOut, weights, grads } of layout.layers) {
      const w = weights / 8;
      const g = grads / 8;
      // As jsKernels' emit: w −= lr·g.
      for (let i = 0; i < fanOut * (fanIn + 1); i++) mem[w + i] -= learningRate * mem[g + i];
    }
  }

  parametersFinite(layout: Layout): boolean {
    const mem = this.mem;
    for (const { fanIn, fanOut, weights } of layout.layers) {
      const end = weights / 8 + fanOut * (fanIn + 1);
      for (let i = weights / 8; i < end; i++) if (!Number.isFinite(mem[i])) return false;
    }
    return true;
  }

  keepWeights(layout: Layout, stats: StatsLayout): void {
    const mem = this.mem;
    stats.previous.forEach((at, l) => {
      const { weights, fanIn, fanOut } = layout.layers[l];
      mem.copyWithin(at / 8, weights / 8, weights / 8 + fanOut * (fanIn + 1));
    });
  }
}
