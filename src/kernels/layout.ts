/**
 * Memory layout of one engine, shared by both backends: the wasm kernels read it through the
 * descriptor written by `writeDescriptor` (mirrored in assembly/descriptor.ts), and the JS
 * kernels read the same `Layout` object over a Float64Array of the same shape. All offsets are
 * in bytes; every buffer starts on a 64-byte boundary. Offsets become Float64Array indices by `/ 8`,
 * never `>> 3`: the JS backend's memory may pass 2 GiB (10^7 training points need 3 GB), where a
 * 32-bit shift would wrap.
 *
 * Per layer l (fanIn → fanOut):
 *   W′ = [W | b], fanOut × (fanIn + 1), and G′ = [dW | db], same shape;
 *   the input panel: a_{l-1} (fanIn rows; for l = 1 the data X) followed by a row of ones, so
 *     that W′·input = W·a_{l-1} + b and G′ = dz·inputᵀ gives db as its last column;
 *   the output panel: a_l (fanOut rows) — for hidden layers it *is* the next layer's input panel;
 *   dz_l (fanOut rows).
 * Panels have `padded` columns: m rounded up to SAMPLE_BLOCK, so the wasm kernels never handle
 * a sample tail. Padded entries of X, the ones rows, Y and dz are zero.
 */

/** Samples per SIMD panel block in assembly/panel.ts (2 rows × 8 or 1 row × 16 samples). */
export const SAMPLE_BLOCK = 16;
/** Descriptor words before the per-layer records (assembly/descriptor.ts HEADER_WORDS). */
export const HEADER_WORDS = 8;
/** Descriptor words per layer (assembly/descriptor.ts LAYER_WORDS). */
export const LAYER_WORDS = 8;

const ALIGN = 64;

/** Where one layer's buffers live (byte offsets). */
export interface LayerLayout {
  readonly fanIn: number;
  readonly fanOut: number;
  /** W′ = [W | b], fanOut × (fanIn + 1). */
  readonly weights: number;
  /** G′ = [dW | db], fanOut × (fanIn + 1). */
  readonly grads: number;
  /** (fanIn + 1) × padded: a_{l-1} then ones. */
  readonly input: number;
  /** a_l, fanOut × padded (followed by the ones row of the next layer's input when hidden). */
  readonly output: number;
  /** dz_l, fanOut × padded; 0 in a forward-only layout. */
  readonly dz: number;
}

/** A complete engine layout (or a forward-only one for `predict`, which shares the weights). */
export interface Layout {
  readonly layerSizes: readonly number[];
  readonly samples: number;
  readonly padded: number;
  /** Y, padded entries; 0 in a forward-only layout. */
  readonly labels: number;
  readonly layers: readonly LayerLayout[];
  /** The descriptor (i32 words) for the wasm kernels. */
  readonly descriptor: number;
  /** First byte past everything this layout uses. */
  readonly end: number;
}

/** m rounded up to a whole number of SIMD sample blocks. */
export function paddedSamples(m: number): number {
  return Math.ceil(m / SAMPLE_BLOCK) * SAMPLE_BLOCK;
}

function align(offset: number): number {
  return Math.ceil(offset / ALIGN) * ALIGN;
}

/**
 * Lays out the buffers for `layerSizes` and m samples from byte `base` on. With `weightsFrom`,
 * the layout is forward-only (no labels, gradients or dz of its own) and reuses that layout's W′,
 * which is how `predict` runs the trained parameters on another input set.
 */
export function planLayout(layerSizes: readonly number[], m: number, base: number, weightsFrom?: Layout): Layout {
  const padded = paddedSamples(m);
  const rowBytes = padded * 8;
  let at = align(base);
  const take = (bytes: number): number => {
    const start = at;
    at = align(at + bytes);
    return start;
  };
  const descriptor = take((HEADER_WORDS + LAYER_WORDS * (layerSizes.length - 1)) * 4);
  const labels = weightsFrom === undefined ? take(rowBytes) : 0;
  const layers: LayerLayout[] = [];
  // The input panel of layer 1 holds X and its ones row; each hidden output panel is allocated
  // with one extra row, which is the ones row of the next layer's input.
  let input = take((layerSizes[0] + 1) * rowBytes);
  for (let l = 1; l < layerSizes.length; l++) {
    const fanIn = layerSizes[l - 1];
    const fanOut = layerSizes[l];
    const hidden = l < layerSizes.length - 1;
    const shared = weightsFrom?.layers[l - 1];
    const weights = shared ? shared.weights : take(fanOut * (fanIn + 1) * 8);
    const grads = shared ? shared.grads : take(fanOut * (fanIn + 1) * 8);
    const output = take((fanOut + (hidden ? 1 : 0)) * rowBytes);
    const dz = weightsFrom === undefined ? take(fanOut * rowBytes) : 0;
    layers.push({ fanIn, fanOut, weights, grads, input, output, dz });
    input = output;
  }
  return { layerSizes: [...layerSizes], samples: m, padded, labels, layers, descriptor, end: at };
}

/** Writes the descriptor of `layout` into `words` (an Int32Array over the engine's memory). */
export function writeDescriptor(words: Int32Array, layout: Layout): void {
  const d = layout.descriptor >> 2;
  words.fill(0, d, d + HEADER_WORDS + LAYER_WORDS * layout.layers.length);
  words[d] = layout.layers.length;
  words[d + 1] = layout.samples;
  words[d + 2] = layout.padded;
  words[d + 3] = layout.labels;
  layout.layers.forEach((layer, i) => {
    const at = d + HEADER_WORDS + i * LAYER_WORDS;
    words[at] = layer.fanIn;
    words[at + 1] = layer.fanOut;
    words[at + 2] = layer.weights;
    words[at + 3] = layer.grads;
    words[at + 4] = layer.input;
    words[at + 5] = layer.output;
    words[at + 6] = layer.dz;
  });
}

/**
 * Copies a feature-major input set (nInputs × m) into the first input panel of `layout` and
 * fills every ones row (the bias inputs); padded columns are set to zero.
 */
export function writeInputs(mem: Float64Array, layout: Layout, x: Float64Array): void {
  const { samples: m, padded } = layout;
  layout.layers.forEach((layer, i) => {
    const panel = layer.input / 8;
    if (i === 0) {
      for (let f = 0; f < layer.fanIn; f++) {
        const row = panel + f * padded;
        mem.set(x.subarray(f * m, (f + 1) * m), row);
        mem.fill(0, row + m, row + padded);
      }
    }
    const ones = panel + layer.fanIn * padded;
    mem.fill(1, ones, ones + m);
    mem.fill(0, ones + m, ones + padded);
  });
}
