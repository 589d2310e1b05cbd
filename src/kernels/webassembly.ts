/**
 * The few WebAssembly JS-API shapes the kernels use, as local types (lib.dom's, trimmed).
 *
 * The project compiles with lib ES2022 and @types/node 20, neither of which declares the
 * `WebAssembly` global. This used to be a `declare global { namespace WebAssembly … }`, which
 * shipped in the .d.ts files and clashed with lib.dom for every consumer that has it (TS2403,
 * TS2717). Local types declare nothing global, so a consumer compiles with or without lib.dom.
 */

/**
 * A compiled WebAssembly module (`WebAssembly.Module`), opaque to initlab's callers: it only
 * travels from `compileKernels()` to `createEngine()` or to a worker. Typed as `object` so that a
 * lib.dom `WebAssembly.Module` is accepted as is.
 */
export type KernelModule = object;

/** `WebAssembly.Memory`: the instance's linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}

/** `WebAssembly.Instance`. */
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

/** The part of the global `WebAssembly` namespace that wasmModule.ts calls. */
export interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => KernelModule;
  readonly Instance: new (module: KernelModule, importObject?: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<KernelModule>;
}

/** The runtime's `WebAssembly` global, or undefined where there is none. */
export function webAssemblyApi(): WebAssemblyApi | undefined {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  return typeof api === 'object' && api !== null ? api : undefined;
}
