// The engine descriptor: a small table of i32 words that the TypeScript side
// (src/kernels/layout.ts, which owns the memory layout) writes into linear memory once per
// engine, so that a whole `train(n)` runs inside wasm from one call without re-passing pointers.
// All pointers are byte offsets into this instance's memory; every matrix is row-major with a
// row stride of `padded` samples (m rounded up to SAMPLE_BLOCK), so rows are 16-byte aligned.
//
// Header (words):  0 layers L   1 samples m   2 padded mp   3 labels pointer (Y, length mp)
// Layer l = 1..L at word HEADER_WORDS + (l-1)·LAYER_WORDS:
//   0 fanIn  1 fanOut  2 W′ (fanOut × (fanIn+1): W with b as its last column)  3 G′ (dW′, same shape)
//   4 input panel  (fanIn+1 rows: a_{l-1}, then a row of ones, so that W′·input = W·a + b)
//   5 output panel (fanOut rows a_l, plus the ones row after them for hidden layers)
//   6 dZ (fanOut rows)
// Keep in sync with src/kernels/layout.ts (the tests compare both backends bit for bit).

// @ts-ignore: decorator
@inline export const HEADER_WORDS: i32 = 8;
// @ts-ignore: decorator
@inline export const LAYER_WORDS: i32 = 8;

// @ts-ignore: decorator
@inline export const D_LAYERS: i32 = 0;
// @ts-ignore: decorator
@inline export const D_SAMPLES: i32 = 1;
// @ts-ignore: decorator
@inline export const D_PADDED: i32 = 2;
// @ts-ignore: decorator
@inline export const D_LABELS: i32 = 3;

// @ts-ignore: decorator
@inline export const L_FAN_IN: i32 = 0;
// @ts-ignore: decorator
@inline export const L_FAN_OUT: i32 = 1;
// @ts-ignore: decorator
@inline export const L_WEIGHTS: i32 = 2;
// @ts-ignore: decorator
@inline export const L_GRADS: i32 = 3;
// @ts-ignore: decorator
@inline export const L_INPUT: i32 = 4;
// @ts-ignore: decorator
@inline export const L_OUTPUT: i32 = 5;
// @ts-ignore: decorator
@inline export const L_DZ: i32 = 6;

/** Reads header word `field` of the descriptor at `desc`. */
// @ts-ignore: decorator
@inline export function header(desc: usize, field: i32): i32 {
  return load<i32>(desc + (<usize>field << 2));
}

/** Reads word `field` of layer `l` (1-based) of the descriptor at `desc`. */
// @ts-ignore: decorator
@inline export function layerField(desc: usize, l: i32, field: i32): i32 {
  return load<i32>(desc + (<usize>(HEADER_WORDS + (l - 1) * LAYER_WORDS + field) << 2));
}
