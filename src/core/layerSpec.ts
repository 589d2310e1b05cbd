import type { Activation } from './runConfig.js';

/*
 * The vocabulary of `network.layers` (issue 14, item 2): what a user writes in a run config, as
 * plain JSON/YAML objects. Validation and shapes: src/nn/layers/plan.ts.
 *
 * Tensors are (channels, height, width) per sample; a dense layer's output is (units, 1, 1). In the
 * engine's feature-major layout a batch of them is (C·H·W) × m with feature c·H·W + y·W + x, which
 * is PyTorch's NCHW flattening order, so `flatten` moves no data.
 */

/** 'same' (TensorFlow's rule: out = ⌈in/stride⌉, the odd pixel of padding at the bottom/right), 'valid' (none), or p pixels on every side. */
export type Padding = 'same' | 'valid' | number;

export interface Conv2dLayerSpec {
  type: 'conv2d';
  filters: number;
  /** Square kernel size k (k × k). */
  kernel: number;
  /** Default 1. */
  stride?: number;
  /** Default 'valid' (PyTorch's and Keras's default). */
  padding?: Padding;
  /** After the convolution; default the network's activation ('linear' for none). */
  activation?: Activation;
}

export interface DenseLayerSpec {
  type: 'dense';
  units: number;
  activation?: Activation;
}

export interface PoolLayerSpec {
  type: 'maxpool' | 'avgpool';
  /** Square window. */
  size: number;
  /** Default `size` (PyTorch's and Keras's default). */
  stride?: number;
}

export interface FlattenLayerSpec {
  type: 'flatten';
}

export interface BatchNormLayerSpec {
  type: 'batchnorm';
  /** Weight of the batch in the running statistics (PyTorch's momentum, default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5, PyTorch's). */
  eps?: number;
  /** After the normalization; default 'linear' (batchnorm usually sits between a linear conv and its activation). */
  activation?: Activation;
}

/** A layer a residual branch may hold. */
export type BranchLayerSpec = Conv2dLayerSpec | DenseLayerSpec | BatchNormLayerSpec;

export interface ResidualLayerSpec {
  type: 'residual';
  /** 'identity' (default when the branch keeps the shape) or 'projection' (1×1 conv or linear; default when it does not). */
  skip?: 'identity' | 'projection';
  /** 1–3 conv2d or dense layers (batchnorm may sit between them); the activation between them, none after the last. */
  layers: BranchLayerSpec[];
  /** Of the sum x + branch(x); default the network's activation. */
  activation?: Activation;
}

export type LayerSpec = Conv2dLayerSpec | DenseLayerSpec | PoolLayerSpec | FlattenLayerSpec | BatchNormLayerSpec | ResidualLayerSpec;
