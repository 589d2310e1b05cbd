/**
 * The plain-TypeScript kernels: the same operations as assembly/ over a Float64Array laid out by
 * layout.ts, in the same rounding order, so that both backends produce bit-identical numbers:
 *  - products over a small dimension (W′·a, Wᵀ·dz) start from +0 and add in index order;
 *  - sums over samples (dW, db) keep two running sums, even and odd samples, and add them at the
 *    end (the two lanes of the wasm f64x2 accumulators);
 *  - the sigmoid is the one of exp.ts (the fdlibm exp port, saturated ranges answered directly),
 *    the same function as the wasm side's.
 * Only the first m samples are touched (the wasm kernels' padded samples contribute exact zeros).
 * Nothing is allocated inside the loops.
 */
import { sigmoid } from './exp.js';
import type { Layout, LayerLayout } from './layout.js';

/**
 * z = W′·input over the first m samples, then relu (hidden) or kept as z (output). The products
 * are added into the output row one input row at a time, streaming along the contiguous samples
 * (the fastest shape for V8 here); each sum still starts at +0 and adds t = 0, 1, … in order,
 * like the wasm panel kernel.
 */
function forwardLayer(mem: Float64Array, layer: LayerLayout, m: number, padded: number, relu: boolean): void {
  const depth = layer.fanIn + 1;
  const input = layer.input / 8;
  for (let j = 0; j < layer.fanOut; j++) {
    const w = (layer.weights / 8) + j * depth;
    const out = (layer.output / 8) + j * padded;
    mem.fill(0, out, out + m);
    for (let t = 0; t < depth; t++) {
      const wt = mem[w + t];
      const row = input + t * padded;
      for (let s = 0; s < m; s++) mem[out + s] += wt * mem[row + s];
    }
    if (relu) {
      for (let s = 0; s < m; s++) if (!(mem[out + s] > 0)) mem[out + s] = 0; // relu(z) = z > 0 ? z : 0
    }
  }
}

/** a = sigmoid(z) in place and, with labels, dz = (1/m)·(a − y) (init_utils.py). */
function outputLayer(mem: Float64Array, layout: Layout, withDz: boolean): void {
  const layer = layout.layers[layout.layers.length - 1];
  const { samples: m, padded } = layout;
  const invM = 1.0 / m;
  const labels = layout.labels / 8;
  for (let r = 0; r < layer.fanOut; r++) {
    const out = (layer.output / 8) + r * padded;
    const dz = (layer.dz / 8) + r * padded;
    for (let s = 0; s < m; s++) {
      const a = sigmoid(mem[out + s]);
      mem[out + s] = a;
      if (withDz) mem[dz + s] = invM * (a - mem[labels + s]);
    }
  }
}

/** dz_{l-1} = (W_lᵀ·dz_l) ⊙ (a_{l-1} > 0), W_l being the first fanIn columns of W′ (streamed as forwardLayer). */
function backwardLayer(mem: Float64Array, layer: LayerLayout, below: LayerLayout, m: number, padded: number): void {
  const depth = layer.fanIn + 1;
  const weights = layer.weights / 8;
  const dz = layer.dz / 8;
  for (let k = 0; k < layer.fanIn; k++) {
    const mask = (layer.input / 8) + k * padded;
    const dst = (below.dz / 8) + k * padded;
    mem.fill(0, dst, dst + m);
    for (let j = 0; j < layer.fanOut; j++) {
      const w = mem[weights + j * depth + k];
      const row = dz + j * padded;
      for (let s = 0; s < m; s++) mem[dst + s] += w * mem[row + s];
    }
    for (let s = 0; s < m; s++) if (!(mem[mask + s] > 0)) mem[dst + s] = 0;
  }
}

/** Stores G′[at] = g and, with `apply`, W′[at] -= lr·g. */
function emit(mem: Float64Array, layer: LayerLayout, at: number, g: number, lr: number, apply: boolean): void {
  mem[(layer.grads / 8) + at] = g;
  if (apply) mem[(layer.weights / 8) + at] -= lr * g;
}

/**
 * G′ = dz·inputᵀ ([dW | db]) with even/odd partial sums; with `apply`, W′ -= lr·G′. Two input
 * rows at a time, so each dz value loaded serves two products.
 */
function gradientLayer(mem: Float64Array, layer: LayerLayout, m: number, padded: number, lr: number, apply: boolean): void {
  const depth = layer.fanIn + 1;
  const pairsEnd = m & ~1;
  for (let j = 0; j < layer.fanOut; j++) {
    const dz = (layer.dz / 8) + j * padded;
    let k = 0;
    for (; k + 1 < depth; k += 2) {
      const in0 = (layer.input / 8) + k * padded;
      const in1 = in0 + padded;
      let even0 = 0;
      let odd0 = 0;
      let even1 = 0;
      let odd1 = 0;
      for (let s = 0; s < pairsEnd; s += 2) {
        const d0 = mem[dz + s];
        const d1 = mem[dz + s + 1];
        even0 += d0 * mem[in0 + s];
        odd0 += d1 * mem[in0 + s + 1];
        even1 += d0 * mem[in1 + s];
        odd1 += d1 * mem[in1 + s + 1];
      }
      if (pairsEnd < m) {
        even0 += mem[dz + pairsEnd] * mem[in0 + pairsEnd];
        even1 += mem[dz + pairsEnd] * mem[in1 + pairsEnd];
      }
      emit(mem, layer, j * depth + k, even0 + odd0, lr, apply);
      emit(mem, layer, j * depth + k + 1, even1 + odd1, lr, apply);
    }
    if (k < depth) {
      const in0 = (layer.input / 8) + k * padded;
      let even = 0;
      let odd = 0;
      for (let s = 0; s < pairsEnd; s += 2) {
        even += mem[dz + s] * mem[in0 + s];
        odd += mem[dz + s + 1] * mem[in0 + s + 1];
      }
      if (pairsEnd < m) even += mem[dz + pairsEnd] * mem[in0 + pairsEnd];
      emit(mem, layer, j * depth + k, even + odd, lr, apply);
    }
  }
}

/** Forward pass over `layout` (sigmoid output; dz of the output layer too when `withDz`). */
export function forwardPass(mem: Float64Array, layout: Layout, withDz: boolean): void {
  const { samples: m, padded, layers } = layout;
  for (let l = 0; l < layers.length; l++) forwardLayer(mem, layers[l], m, padded, l < layers.length - 1);
  outputLayer(mem, layout, withDz);
}

/**
 * Backward pass from the output layer down: for each layer l, first dz_{l-1} (which needs the
 * pre-update W_l), then [dW | db] and, with `apply`, the update of layer l.
 */
export function backwardPass(mem: Float64Array, layout: Layout, lr: number, apply: boolean): void {
  const { samples: m, padded, layers } = layout;
  for (let l = layers.length - 1; l >= 0; l--) {
    if (l > 0) backwardLayer(mem, layers[l], layers[l - 1], m, padded);
    gradientLayer(mem, layers[l], m, padded, lr, apply);
  }
}

/** `iterations` steps of full-batch gradient descent, as assembly/index.ts `train`. */
export function trainSteps(mem: Float64Array, layout: Layout, iterations: number, lr: number): void {
  for (let i = 0; i < iterations; i++) {
    forwardPass(mem, layout, true);
    backwardPass(mem, layout, lr, true);
  }
}
