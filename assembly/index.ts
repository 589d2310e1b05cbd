// Entry points of the float64 training kernels (WebAssembly SIMD). One JS→wasm call runs a
// whole `train(n)`: the loop over iterations, layers and samples stays inside wasm, reading
// buffer addresses from the descriptor (descriptor.ts) that the TypeScript engine wrote once.
// Order of operations per iteration is the course's (init_utils.py): forward_propagation,
// backward_propagation from the output layer down, update_parameters — the update of layer l is
// fused into its gradient kernel, which runs after W_l has served the backward step to layer
// l-1, so every layer still updates from the gradients of the same pre-update parameters.
import {
  D_LABELS, D_LAYERS, D_PADDED, D_SAMPLES, L_DZ, L_FAN_IN, L_FAN_OUT, L_GRADS, L_INPUT, L_OUTPUT,
  L_WEIGHTS, header, layerField,
} from './descriptor';
import { backwardMasked, forwardLinear, forwardRelu } from './panel';
import { gradientStep } from './gradient';
import { sigmoidAndDz } from './output';
import { layerSums } from './stats';

export { fdlibmExp, expInPlace, sigmoid, sigmoidInPlace } from './exp';

/** First free byte after the module's static data: the engine lays its buffers out from here. */
export function heapBase(): usize {
  return __heap_base;
}

function forwardAll(desc: usize, withDz: bool): void {
  const layers = header(desc, D_LAYERS);
  const padded = header(desc, D_PADDED);
  const rowBytes = <usize>padded << 3;
  for (let l = 1; l <= layers; l++) {
    const depth = layerField(desc, l, L_FAN_IN) + 1;
    const fanOut = layerField(desc, l, L_FAN_OUT);
    const w = <usize>layerField(desc, l, L_WEIGHTS);
    const input = <usize>layerField(desc, l, L_INPUT);
    const output = <usize>layerField(desc, l, L_OUTPUT);
    if (l < layers) {
      forwardRelu(w, <usize>depth << 3, depth, input, output, fanOut, rowBytes);
    } else {
      forwardLinear(w, <usize>depth << 3, depth, input, output, fanOut, rowBytes);
      sigmoidAndDz(
        output, <usize>layerField(desc, l, L_DZ), <usize>header(desc, D_LABELS),
        header(desc, D_SAMPLES), padded, fanOut, rowBytes, withDz,
      );
    }
  }
}

function backwardAll(desc: usize, lr: f64, apply: bool): void {
  const layers = header(desc, D_LAYERS);
  const rowBytes = <usize>header(desc, D_PADDED) << 3;
  for (let l = layers; l >= 1; l--) {
    const fanIn = layerField(desc, l, L_FAN_IN);
    const fanOut = layerField(desc, l, L_FAN_OUT);
    const w = <usize>layerField(desc, l, L_WEIGHTS);
    const input = <usize>layerField(desc, l, L_INPUT);
    const dz = <usize>layerField(desc, l, L_DZ);
    const depth = fanIn + 1;
    if (l > 1) {
      // da_{l-1} = W_lᵀ·dz_l, masked by a_{l-1} > 0 (the first fanIn rows of this layer's input).
      backwardMasked(w, <usize>depth << 3, fanOut, dz, <usize>layerField(desc, l - 1, L_DZ), input, fanIn, rowBytes);
    }
    gradientStep(dz, fanOut, input, depth, rowBytes, <usize>layerField(desc, l, L_GRADS), w, lr, apply);
  }
}

/** Runs `iterations` full-batch gradient-descent steps with learning rate `lr`. */
export function train(desc: usize, iterations: i32, lr: f64): void {
  for (let i = 0; i < iterations; i++) {
    forwardAll(desc, true);
    backwardAll(desc, lr, true);
  }
}

/** Forward and backward pass at the current parameters; leaves [dW | db] in each layer's G′. */
export function gradients(desc: usize): void {
  forwardAll(desc, true);
  backwardAll(desc, 0.0, false);
}

/** Forward pass only (no labels needed): fills every layer's output panel. */
export function forward(desc: usize): void {
  forwardAll(desc, false);
}

export {
  gemmForwardF64, gemmInputGradsF64, gemmWeightGradsF64,
  gemmForwardF32, gemmInputGradsF32, gemmWeightGradsF32, gemmScratchBytes, reluF64, reluF32,
} from './gemm';
export { peakF64, peakF32 } from './peak';
export {
  optSgdF64, optSgdF32, optMomentumF64, optMomentumF32, optNesterovF64, optNesterovF32,
  optRmspropF64, optRmspropF32, optAdamF64, optAdamF32,
} from './optim';

/**
 * The training-stats pass of the course preset: `gradients` at the current parameters (the pass
 * the next update makes, without the update), then every hidden layer's raw statistics (stats.ts).
 */
export function layerStats(desc: usize, z: usize, prev: usize, withPrevious: bool, out: usize): void {
  gradients(desc);
  layerSums(desc, z, prev, withPrevious, out);
}

/**
 * One update W′ −= lr·G′ of every layer from the gradients the last `gradients` or `layerStats`
 * pass left in G′: when the parameters have not changed since, exactly the update `train` would
 * make next (the same w − lr·g per entry, on the same g), without its forward and backward pass.
 */
export function applyGradients(desc: usize, lr: f64): void {
  const layers = header(desc, D_LAYERS);
  for (let l = 1; l <= layers; l++) {
    const n = <usize>(layerField(desc, l, L_FAN_OUT) * (layerField(desc, l, L_FAN_IN) + 1)) << 3;
    const w = <usize>layerField(desc, l, L_WEIGHTS);
    const g = <usize>layerField(desc, l, L_GRADS);
    for (let at: usize = 0; at < n; at += 8) store<f64>(w + at, load<f64>(w + at) - lr * load<f64>(g + at));
  }
}

/** 1 when every entry of every layer's W′ = [W | b] is finite, else 0 (the training loop's divergence check, read in place). */
export function parametersFinite(desc: usize): i32 {
  const layers = header(desc, D_LAYERS);
  for (let l = 1; l <= layers; l++) {
    const n = <usize>(layerField(desc, l, L_FAN_OUT) * (layerField(desc, l, L_FAN_IN) + 1)) << 3;
    const w = <usize>layerField(desc, l, L_WEIGHTS);
    // w − w is 0 for a finite w and NaN for ±∞ or NaN, so one NaN test per entry.
    for (let at: usize = 0; at < n; at += 8) {
      const v = load<f64>(w + at);
      if (v - v != 0) return 0;
    }
  }
  return 1;
}

/** Copies every hidden layer's W′ to `prev`, back to back (the weights the next `layerStats` compares with). */
export function keepWeights(desc: usize, prev: usize): void {
  const layers = header(desc, D_LAYERS);
  for (let l = 1; l < layers; l++) {
    const bytes = <usize>(layerField(desc, l, L_FAN_OUT) * (layerField(desc, l, L_FAN_IN) + 1)) << 3;
    memory.copy(prev, <usize>layerField(desc, l, L_WEIGHTS), bytes);
    prev += bytes;
  }
}
