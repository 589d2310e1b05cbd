/** Tensor file formats: NumPy `.npy`, safetensors, and a documented plain CSV layout. */
export { encodeNpy, decodeNpy, shapeSize } from './npy.js';
export type { DecodedArray, FloatDtype } from './npy.js';
export { encodeSafetensors, decodeSafetensors } from './safetensors.js';
export type { DecodedSafetensors, TensorInput } from './safetensors.js';
export { encodeCsv, decodeCsv } from './csv.js';
export { writeFileAtomic } from './atomicFile.js';
