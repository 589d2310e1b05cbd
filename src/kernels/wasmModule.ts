/**
 * Loading the WebAssembly SIMD kernels (assembly/, built by `npm run build:wasm` and embedded as
 * base64 in generated/wasmBytes.ts, so Node, worker threads and browsers need no file paths).
 */
import { webAssemblyApi, type KernelModule, type WasmMemory, type WebAssemblyApi } from './webassembly.js';
import { KERNELS_WASM_BASE64 } from './generated/wasmBytes.js';

/** The raw exports of assembly/index.ts (pointers are byte offsets into `memory`). */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  train(descriptor: number, iterations: number, learningRate: number): void;
  gradients(descriptor: number): void;
  forward(descriptor: number): void;
  /** `gradients`, then the hidden layers' raw statistics (assembly/stats.ts): Z panels at z, kept W′ copies at prev, raw sums at out. */
  layerStats(descriptor: number, z: number, prev: number, withPrevious: number, out: number): void;
  /** W′ −= lr·G′ of every layer from the gradients of the last pass (assembly/index.ts). */
  applyGradients(descriptor: number, learningRate: number): void;
  /** Copies the hidden layers' W′ to prev, back to back. */
  keepWeights(descriptor: number, prev: number): void;
  /** 1 when every weight and bias is finite, else 0. */
  parametersFinite(descriptor: number): number;
  /** The scalar exp of the sigmoid (exported for the tests). */
  fdlibmExp(x: number): number;
  /** Two-lane exp of n (even) doubles at a byte offset, in place (exported for the tests). */
  expInPlace(at: number, n: number): void;
  /** The scalar sigmoid 1/(1 + exp(−z)) of the output layer (exported for the tests). */
  sigmoid(z: number): number;
  /** Two-lane sigmoid of n (even) doubles at a byte offset, in place (exported for the tests). */
  sigmoidInPlace(at: number, n: number): void;
  // General dense products (assembly/gemm.ts; see src/kernels/gemm.ts). Byte offsets; b = 0: no
  // bias, mask = 0: no mask.
  gemmForwardF64(w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: number, scratch: number): void;
  gemmWeightGradsF64(dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number, scratch: number): void;
  gemmInputGradsF64(w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number, scratch: number): void;
  gemmForwardF32(w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: number, scratch: number): void;
  gemmWeightGradsF32(dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number, scratch: number): void;
  gemmInputGradsF32(w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number, scratch: number): void;
  /** a = z > 0 ? z : +0 over n elements (assembly/gemm.ts); z and a may be the same buffer. */
  reluF64(z: number, a: number, n: number): void;
  reluF32(z: number, a: number, n: number): void;
  /** Scratch bytes of one product with `rows` output rows and inner size `depth`. */
  gemmScratchBytes(elementBytes: number, rows: number, depth: number): number;
  /** Peak microbenchmark (assembly/peak.ts): n steps of 6 multiply + 6 add f64x2 chains. */
  peakF64(n: number, c: number, d: number): number;
  /** The same with f32x4 chains. */
  peakF32(n: number, c: number, d: number): number;
  // Optimizer updates of one tensor in place (assembly/optim.ts; see src/kernels/updates.ts): byte
  // offsets of parameters w, gradients g and state; 1 when every g and updated w is finite, else 0.
  optSgdF64(w: number, g: number, n: number, lr: number): number;
  optSgdF32(w: number, g: number, n: number, lr: number): number;
  optMomentumF64(w: number, g: number, v: number, n: number, lr: number, beta: number): number;
  optMomentumF32(w: number, g: number, v: number, n: number, lr: number, beta: number): number;
  optNesterovF64(w: number, g: number, v: number, n: number, lr: number, beta: number): number;
  optNesterovF32(w: number, g: number, v: number, n: number, lr: number, beta: number): number;
  optRmspropF64(w: number, g: number, s: number, n: number, lr: number, rho: number, oneMinusRho: number, eps: number): number;
  optRmspropF32(w: number, g: number, s: number, n: number, lr: number, rho: number, oneMinusRho: number, eps: number): number;
  optAdamF64(w: number, g: number, m: number, v: number, n: number, stepSize: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, bc2Sqrt: number, eps: number): number;
  optAdamF32(w: number, g: number, m: number, v: number, n: number, stepSize: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, bc2Sqrt: number, eps: number): number;
}

let bytes: Uint8Array | undefined;
let compiled: KernelModule | undefined;
let valid: boolean | undefined;

/** The kernel module's bytes, decoded once. */
export function kernelBytes(): Uint8Array {
  if (bytes === undefined) {
    const text = atob(KERNELS_WASM_BASE64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  return bytes;
}

/**
 * True when this JavaScript engine can run the kernels, i.e. validates a module that uses
 * 128-bit SIMD (checked on the kernel module itself, once).
 */
export function wasmSimdAvailable(): boolean {
  if (valid === undefined) {
    let ok = false;
    try {
      const api = webAssemblyApi();
      ok = api !== undefined && api.validate(kernelBytes());
    } catch {
      ok = false;
    }
    valid = ok;
  }
  return valid;
}

/**
 * The compiled kernel module, memoized. A WebAssembly.Module can be posted to worker threads,
 * which then instantiate it without compiling again (pass it to `createEngine`).
 * Throws when WebAssembly SIMD is unavailable.
 */
export function compileKernels(): KernelModule {
  if (compiled === undefined) compiled = new (simdApi().Module)(kernelBytes());
  return compiled;
}

/** The WebAssembly global, once the kernel module has validated on it. */
function simdApi(): WebAssemblyApi {
  const api = webAssemblyApi();
  if (api === undefined || !wasmSimdAvailable()) throw new Error('WebAssembly SIMD is not available in this runtime');
  return api;
}

/**
 * The same memoized module, compiled asynchronously: browsers refuse to compile modules over 4 KB
 * synchronously on their main thread (this one is about 26 KB), so browser code awaits this first.
 */
export async function compileKernelsAsync(): Promise<KernelModule> {
  if (compiled === undefined) {
    const module = await simdApi().compile(kernelBytes());
    compiled ??= module;
  }
  return compiled;
}

/** A fresh instance (own linear memory) of the kernel module. */
export function instantiateKernels(module: KernelModule = compileKernels()): KernelExports {
  // A module passed in was compiled (so validated) already: no second validation here.
  const api = webAssemblyApi();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime');
  const instance = new api.Instance(module, {});
  return instance.exports as unknown as KernelExports;
}
