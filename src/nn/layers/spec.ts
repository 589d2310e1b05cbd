// The layer vocabulary lives with the run config (src/core), which holds it.
export type * from '../../core/layerSpec.js';
