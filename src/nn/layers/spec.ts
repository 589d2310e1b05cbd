// The layer vocabulary lives with the run config (src/core/runConfig.ts), which holds it.
export type {
  BatchNormLayerSpec, BranchLayerSpec, Conv2dLayerSpec, DenseLayerSpec, FlattenLayerSpec, LayerSpec, Padding, PoolLayerSpec, ResidualLayerSpec,
} from '../../core/runConfig.js';
