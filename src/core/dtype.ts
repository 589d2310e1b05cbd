/**
 * The floating-point formats a network trains in. float64 is the default and the one every exact
 * reproduction uses; float32 is what frameworks train in by default (PyTorch, Keras, JAX), at half
 * the memory and twice the SIMD lanes. Initial weights are always drawn in float64 and rounded once.
 */
export type Dtype = 'float64' | 'float32';

/** A typed array of either format: a network's parameters, activations and gradients. */
export type FloatArray = Float64Array | Float32Array;
