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
  gemmForwardF32, gemmInputGradsF32, gemmWeightGradsF32, gemmScratchBytes,
} from './gemm';
export { peakF64, peakF32 } from './peak';
export {
  optSgdF64, optSgdF32, optMomentumF64, optMomentumF32, optNesterovF64, optNesterovF32,
  optRmspropF64, optRmspropF32, optAdamF64, optAdamF32,
} from './optim';
