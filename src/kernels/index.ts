/**
 * The numerical engine: createEngine() builds a FullBatchEngine on the WebAssembly SIMD kernels
 * (assembly/) or on their plain-TypeScript twins (jsKernels.ts); both give bit-identical numbers.
 */
import type { Backend, FullBatchEngine } from './types.js';
import { PanelEngine } from './engine.js';
import { JsRuntime, WasmRuntime } from './runtime.js';
import { wasmSimdAvailable } from './wasmModule.js';
import type { KernelModule } from './webassembly.js';

export type { Backend, FullBatchEngine, Parameters } from './types.js';
export { LAYER_MOMENT, LAYER_MOMENTS } from './layerMoments.js';
export { compileKernels, compileKernelsAsync, wasmSimdAvailable } from './wasmModule.js';
export type { KernelModule } from './webassembly.js';
export { createGemm, gemmScratchBytes, elementBytes, JsGemm, WasmGemm, type GemmDtype, type GemmKernels } from './gemm.js';
export { KernelArena, arrayBacking, wasmBacking, type ArenaBacking } from './arena.js';

/** 'wasm' when this runtime validates WebAssembly SIMD, else 'js'. */
export function defaultBackend(): Backend {
  return wasmSimdAvailable() ? 'wasm' : 'js';
}

/**
 * An engine for the network `layerSizes` ([nInputs, hidden..., 1]) bound to the training set
 * (x feature-major nInputs × m, y length m). Parameters start at zero; call setParameters.
 * `module` is an already compiled kernel module (e.g. `compileKernels()` posted to a worker);
 * by default the memoized one is used. Each wasm engine owns a private instance and memory.
 */
export function createEngine(
  backend: Backend, layerSizes: readonly number[], x: Float64Array, y: Float64Array, m: number,
  module?: KernelModule,
): FullBatchEngine {
  const runtime = backend === 'wasm' ? new WasmRuntime(module) : new JsRuntime();
  return new PanelEngine(runtime, layerSizes, x, y, m);
}
