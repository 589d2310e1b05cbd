// Benchmark harness (not part of the library): the course kernels of assembly/ with one export,
// phase(desc, which, l, n), that runs one kernel n times on layer l (0 forward, 1 sigmoid + dz,
// 2 backward step to layer l − 1, 3 weight gradients without update), so that
// bench/course-phases.mjs can split an iteration of `train` by phase.
import {
  D_LABELS, D_LAYERS, D_PADDED, D_SAMPLES, L_DZ, L_FAN_IN, L_FAN_OUT, L_GRADS, L_INPUT, L_OUTPUT,
  L_WEIGHTS, header, layerField,
} from '../descriptor';
import { backwardMasked, forwardLinear, forwardRelu } from '../panel';
import { gradientStep } from '../gradient';
import { sigmoidAndDz } from '../output';
export { train, heapBase, forward, gradients } from '../index';

export function phase(desc: usize, which: i32, l: i32, n: i32): void {
  const layers = header(desc, D_LAYERS);
  const padded = header(desc, D_PADDED);
  const rowBytes = <usize>padded << 3;
  const fanIn = layerField(desc, l, L_FAN_IN);
  const depth = fanIn + 1;
  const fanOut = layerField(desc, l, L_FAN_OUT);
  const w = <usize>layerField(desc, l, L_WEIGHTS);
  const input = <usize>layerField(desc, l, L_INPUT);
  const output = <usize>layerField(desc, l, L_OUTPUT);
  const dz = <usize>layerField(desc, l, L_DZ);
  for (let i = 0; i < n; i++) {
    if (which == 0) {
      if (l < layers) forwardRelu(w, <usize>depth << 3, depth, input, output, fanOut, rowBytes);
      else forwardLinear(w, <usize>depth << 3, depth, input, output, fanOut, rowBytes);
    } else if (which == 1) {
      sigmoidAndDz(output, dz, <usize>header(desc, D_LABELS), header(desc, D_SAMPLES), padded, fanOut, rowBytes, true);
    } else if (which == 2) {
      backwardMasked(w, <usize>depth << 3, fanOut, dz, <usize>layerField(desc, l - 1, L_DZ), input, fanIn, rowBytes);
    } else {
      gradientStep(dz, fanOut, input, depth, rowBytes, <usize>layerField(desc, l, L_GRADS), w, 0.0, false);
    }
  }
}
