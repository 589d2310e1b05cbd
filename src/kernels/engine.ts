/**
 * The FullBatchEngine over a KernelRuntime: validates shapes, lays out the buffers once at
 * creation, and copies parameters, data and results in and out of the runtime's memory. The
 * numerical work happens in the runtime (wasm SIMD or plain TS).
 */
import type { Backend, FullBatchEngine, Parameters } from './types.js';
import { planLayout, writeInputs, type Layout } from './layout.js';
import type { KernelRuntime } from './runtime.js';
import { finishLayerMoments, LAYER_MOMENTS } from './layerMoments.js';
import { planStatsLayout, type StatsLayout } from './statsLayout.js';

function checkLayerSizes(layerSizes: readonly number[]): void {
  if (layerSizes.length < 2) throw new RangeError('layerSizes needs at least an input and an output size');
  for (const n of layerSizes) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`layer sizes must be positive integers, got ${n}`);
  }
  if (layerSizes[layerSizes.length - 1] !== 1) {
    throw new RangeError('the output layer must have one unit (binary labels, one per sample)');
  }
}

function checkSamples(m: number): void {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`sample count must be a positive integer, got ${m}`);
}

/** A FullBatchEngine over `runtime`'s memory; see types.ts for the contract of each method. */
export class PanelEngine implements FullBatchEngine {
  readonly backend: Backend;
  readonly layerSizes: readonly number[];
  readonly samples: number;
  private readonly layout: Layout;
  private predictLayout: Layout | undefined;
  /** The layer statistics' buffers, planned on first use (statsLayout.ts). */
  private statsLayout: StatsLayout | undefined;
  /** The kernels and their memory; dropped by dispose() so that the memory can be reclaimed. */
  private runtime: KernelRuntime | undefined;

  constructor(runtime: KernelRuntime, layerSizes: readonly number[], x: Float64Array, y: Float64Array, m: number) {
    checkLayerSizes(layerSizes);
    checkSamples(m);
    if (x.length !== layerSizes[0] * m) throw new RangeError(`x must hold ${layerSizes[0]}×${m} values, got ${x.length}`);
    if (y.length !== m) throw new RangeError(`y must hold ${m} labels, got ${y.length}`);
    this.runtime = runtime;
    this.backend = runtime.backend;
    this.layerSizes = Object.freeze([...layerSizes]);
    this.samples = m;
    this.layout = planLayout(layerSizes, m, runtime.base);
    runtime.reserve(this.layout.end);
    const mem = runtime.f64();
    mem.fill(0, this.layout.descriptor / 8, this.layout.end / 8); // fresh memory is zero already; be explicit
    writeInputs(mem, this.layout, x);
    mem.set(y, this.layout.labels / 8);
    runtime.bind(this.layout);
  }

  setParameters(params: Parameters): void {
    const runtime = this.live();
    const { weights, biases } = params;
    const L = this.layout.layers.length;
    if (weights.length !== L || biases.length !== L) throw new RangeError(`expected ${L} weight matrices and bias vectors`);
    this.layout.layers.forEach(({ fanIn, fanOut }, l) => {
      if (weights[l].length !== fanOut * fanIn) throw new RangeError(`W${l + 1} must hold ${fanOut}×${fanIn} values`);
      if (biases[l].length !== fanOut) throw new RangeError(`b${l + 1} must hold ${fanOut} values`);
    });
    // W′ = [W | b]: each row of W followed by its bias.
    const mem = runtime.f64();
    this.layout.layers.forEach(({ fanIn, fanOut, weights: at }, l) => {
      const base = at / 8;
      for (let j = 0; j < fanOut; j++) {
        mem.set(weights[l].subarray(j * fanIn, (j + 1) * fanIn), base + j * (fanIn + 1));
        mem[base + j * (fanIn + 1) + fanIn] = biases[l][j];
      }
    });
  }

  getParameters(): Parameters {
    return this.readAugmented(this.live(), 'weights');
  }

  forward(): Float64Array {
    const runtime = this.live();
    runtime.forward(this.layout);
    return this.readOutput(runtime, this.layout);
  }

  gradients(): Parameters {
    const runtime = this.live();
    runtime.gradients(this.layout);
    return this.readAugmented(runtime, 'grads');
  }

  train(iterations: number, learningRate: number): void {
    const runtime = this.live();
    if (!Number.isInteger(iterations) || iterations < 0 || iterations > 0x7fffffff) {
      throw new RangeError(`iterations must be a non-negative integer, got ${iterations}`);
    }
    if (!Number.isFinite(learningRate)) throw new RangeError(`learningRate must be finite, got ${learningRate}`);
    if (iterations > 0) runtime.train(this.layout, iterations, learningRate);
  }

  predict(x: Float64Array, m: number): Float64Array {
    const runtime = this.live();
    checkSamples(m);
    if (x.length !== this.layerSizes[0] * m) throw new RangeError(`x must hold ${this.layerSizes[0]}×${m} values, got ${x.length}`);
    if (this.predictLayout?.samples !== m) {
      // A forward-only layout after the training buffers, sharing their W′; reused while m is unchanged.
      // After the statistics' buffers when they exist (they may have been placed after an earlier predict layout).
      this.predictLayout = planLayout(this.layerSizes, m, this.statsLayout?.end ?? this.layout.end, this.layout);
      runtime.reserve(this.predictLayout.end);
    }
    const layout = this.predictLayout;
    runtime.bind(layout);
    writeInputs(runtime.f64(), layout, x);
    runtime.forward(layout);
    return this.readOutput(runtime, layout);
  }

  activations(layer: number): Float64Array {
    const runtime = this.live();
    const L = this.layout.layers.length;
    if (!Number.isInteger(layer) || layer < 1 || layer > L) throw new RangeError(`layer must be in 1..${L}, got ${layer}`);
    runtime.forward(this.layout);
    const { output, fanOut } = this.layout.layers[layer - 1];
    return this.readRows(runtime, output, fanOut, this.layout);
  }

  layerMoments(out: Float64Array, withPrevious: boolean): void {
    const runtime = this.live();
    const hidden = this.layout.layers.length - 1;
    if (out.length < hidden * LAYER_MOMENTS) throw new RangeError(`out must hold ${hidden * LAYER_MOMENTS} values (${LAYER_MOMENTS} per hidden layer), got ${out.length}`);
    if (hidden === 0) {
      // No statistics, but still the pass: applyGradients relies on its gradients.
      runtime.gradients(this.layout);
      return;
    }
    const stats = this.stats(runtime);
    runtime.layerStats(this.layout, stats, withPrevious);
    finishLayerMoments(runtime.f64(), this.layout, stats, out);
  }

  applyGradients(learningRate: number): void {
    const runtime = this.live();
    if (!Number.isFinite(learningRate)) throw new RangeError(`learningRate must be finite, got ${learningRate}`);
    runtime.applyGradients(this.layout, learningRate);
  }

  parametersFinite(): boolean {
    return this.live().parametersFinite(this.layout);
  }

  keepWeights(): void {
    const runtime = this.live();
    if (this.layout.layers.length < 2) return;
    runtime.keepWeights(this.layout, this.stats(runtime));
  }

  dispose(): void {
    this.runtime = undefined;
    this.predictLayout = undefined;
    this.statsLayout = undefined;
  }

  /** The statistics' buffers, planned after everything laid out so far on first use. */
  private stats(runtime: KernelRuntime): StatsLayout {
    if (this.statsLayout === undefined) {
      this.statsLayout = planStatsLayout(this.layout, Math.max(this.layout.end, this.predictLayout?.end ?? 0));
      runtime.reserve(this.statsLayout.end);
    }
    return this.statsLayout;
  }

  private live(): KernelRuntime {
    if (this.runtime === undefined) throw new Error('this engine has been disposed');
    return this.runtime;
  }

  private readOutput(runtime: KernelRuntime, layout: Layout): Float64Array {
    const last = layout.layers[layout.layers.length - 1];
    return this.readRows(runtime, last.output, last.fanOut, layout);
  }

  /** Copies `rows` panel rows (first m samples each) starting at byte `at` into a compact array. */
  private readRows(runtime: KernelRuntime, at: number, rows: number, layout: Layout): Float64Array {
    const mem = runtime.f64();
    const { samples: m, padded } = layout;
    const out = new Float64Array(rows * m);
    for (let r = 0; r < rows; r++) {
      const row = (at / 8) + r * padded;
      out.set(mem.subarray(row, row + m), r * m);
    }
    return out;
  }

  /** Splits each layer's augmented matrix (W′ or G′) back into (W, b) or (dW, db). */
  private readAugmented(runtime: KernelRuntime, which: 'weights' | 'grads'): Parameters {
    const mem = runtime.f64();
    const weights: Float64Array[] = [];
    const biases: Float64Array[] = [];
    for (const layer of this.layout.layers) {
      const { fanIn, fanOut } = layer;
      const base = layer[which] / 8;
      const w = new Float64Array(fanOut * fanIn);
      const b = new Float64Array(fanOut);
      for (let j = 0; j < fanOut; j++) {
        w.set(mem.subarray(base + j * (fanIn + 1), base + j * (fanIn + 1) + fanIn), j * fanIn);
        b[j] = mem[base + j * (fanIn + 1) + fanIn];
      }
      weights.push(w);
      biases.push(b);
    }
    return { weights, biases };
  }
}
