import { UsageError } from './errors.js';

/*
 * Every size limit of initlab in one place (issue 12, items 6 and 8–10): the zod schemas of compare
 * configs (experiments/config.ts) and sweep specs (experiments/sweep/spec.ts), the trainer's own
 * checks (train/trainer.ts checkTraining) and the flag parsers (cli/*) all read these constants, so
 * a later "one schema for every setting" has one list to take over.
 *
 * The ranges are far beyond any experiment initlab is for (the course's nets are 2–4 layers of ≤ 20
 * units; Schoenholz et al.'s deepest are 300 layers), and low enough that a typo is refused at once
 * instead of spending minutes or aborting V8 (`--depth 1000000000` did, exit 134).
 */

/** Gradient-descent updates of one run (trainability capped at this first; now every command does). */
export const MAX_ITERATIONS = 100_000_000;
/** Hidden layers of one network. */
export const MAX_DEPTH = 10_000;
/** Units of one layer (hidden width, input width). */
export const MAX_WIDTH = 100_000;
/** Bytes of a --config file or a sweep spec: real ones are a few kB; /dev/zero is endless. */
export const MAX_SPEC_FILE_BYTES = 4 * 1024 * 1024;
/**
 * Runs one sweep may expand to. Expanding and validating costs ~65 µs a run before the first one
 * starts (sweep.json lists every run id), so 10^6 runs spent 65 s and 1.3 GB; 10^5 take a few seconds.
 */
export const MAX_SWEEP_RUNS = 100_000;
/** Elements of one Float64Array in Node 20 (V8's typed-array length limit, 2^32). */
export const MAX_ARRAY_LENGTH = 2 ** 32;
/** The wasm kernels address their memory with i32 byte offsets (kernels/runtime.ts). */
export const WASM_MAX_BYTES = 0x7fffffff;

const UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/** `--max-memory` text: a byte count with an optional unit (512M, 2G, 1.5GiB, 4000000000). */
export function parseByteSize(flag: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Number(m[1]) * unit : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new UsageError(`${flag}: expected a size such as 512M, 2G or 1.5GiB (units B, K, M, G, T, KiB, MiB, GiB, TiB), got '${text}'.`);
  }
  return Math.floor(bytes);
}

/** 3040003008 → "3.04 GB" (decimal units, three significant digits). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${Number(v.toPrecision(3))} ${units[u]}`;
}

/** What one command is about to allocate: its total and its largest single array (in elements). */
export interface MemoryEstimate {
  bytes: number;
  largestArray: number;
}

/** Where the memory limit came from, for the message: the flag's value or the default. */
export interface MemoryLimit {
  bytes: number;
  /** e.g. "--max-memory 2G" or "half of the free memory (--max-memory)". */
  source: string;
}

/** Refuses (UsageError, exit 2) work whose estimate exceeds the limit or whose largest array no typed array can hold. */
export function checkMemory(what: string, estimate: MemoryEstimate, limit: MemoryLimit): void {
  if (estimate.largestArray > MAX_ARRAY_LENGTH) {
    throw new UsageError(
      `${what} needs one array of ${estimate.largestArray.toExponential(3)} values (estimated ${formatBytes(estimate.bytes)} in all); ` +
        `the most one array can hold is 2^32 = ${MAX_ARRAY_LENGTH} values: make it smaller.`,
    );
  }
  if (estimate.bytes > limit.bytes) {
    throw new UsageError(`${what} needs an estimated ${formatBytes(estimate.bytes)} of memory, over the limit of ${formatBytes(limit.bytes)} (${limit.source}): make it smaller.`);
  }
}

/** A size checked against [min, max] with a message naming the flag or field and the range. */
export function checkRange(where: string, value: number, min: number, max: number, what = 'a whole number'): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${where}: expected ${what} from ${min} to ${max}, got ${String(value)}.`);
  }
  return value;
}

// ---- estimates --------------------------------------------------------------------------------

const F64 = 8;
/** Memory of one worker thread beyond its arrays (a V8 isolate and a wasm instance). */
const WORKER_OVERHEAD = 64 * 2 ** 20;

/** Bytes of the panel engine (kernels/layout.ts planLayout) for `layerSizes` and m samples, without alignment padding. */
export function denseEngineBytes(layerSizes: readonly number[], m: number): MemoryEstimate {
  const padded = Math.ceil(m / 16) * 16;
  let values = padded + (layerSizes[0]! + 1) * padded; // labels, X and its ones row
  let largest = (layerSizes[0]! + 1) * padded;
  for (let l = 1; l < layerSizes.length; l++) {
    const w = layerSizes[l]! * (layerSizes[l - 1]! + 1);
    const hidden = l < layerSizes.length - 1 ? 1 : 0;
    const panel = (2 * layerSizes[l]! + hidden) * padded; // output (+ the next layer's ones row) and dz
    values += 2 * w + panel;
    largest = Math.max(largest, w);
  }
  return { bytes: values * F64, largestArray: Math.max(largest, values) };
}

/** Bytes of the forward-only layout `predict` adds to an engine's memory for m inputs (accuracy on the training set). */
export function densePredictBytes(layerSizes: readonly number[], m: number): number {
  const padded = Math.ceil(m / 16) * 16;
  let rows = layerSizes[0]! + 1;
  for (let l = 1; l < layerSizes.length; l++) rows += layerSizes[l]! + (l < layerSizes.length - 1 ? 1 : 0);
  return rows * padded * F64;
}

/**
 * What one compare run's engine memory reaches: the training layout, then the prediction layout
 * over the training set after it. The JS backend grows its Float64Array by copying, so the old and
 * the new array live side by side for a moment (measured: 10^7 points, one run on the JS backend,
 * peaked at 6.3 GB RSS with a 3.04 GB training layout).
 */
export function compareEngineBytes(layerSizes: readonly number[], m: number, copyOnGrow: boolean): number {
  const train = denseEngineBytes(layerSizes, m).bytes;
  return (copyOnGrow ? 2 : 1) * train + densePredictBytes(layerSizes, m);
}

/**
 * `compare`: the data sets (x feature-major and y, train and test), then per worker thread its own
 * copy of the data, the engine and the network's parameters (drawn, then copied in). The figures'
 * engine over the training set comes after the workers have ended, so it does not add to the peak.
 */
export function compareBytes(layerSizes: readonly number[], trainSamples: number, testSamples: number, workers: number, copyOnGrow: boolean): MemoryEstimate {
  const nFeatures = layerSizes[0]!;
  const data = (nFeatures + 1) * (trainSamples + testSamples);
  let params = 0;
  for (let l = 1; l < layerSizes.length; l++) params += layerSizes[l]! * (layerSizes[l - 1]! + 1);
  const engine = denseEngineBytes(layerSizes, trainSamples);
  // A worker gets its own copy of the data; WORKER_OVERHEAD is its isolate and kernel instance, as measured:
  // 10^6 points, 1 and 2 workers peaked at 494 and 871 MB RSS (node alone: 96 MB) against 352 and 680 MB estimated without it.
  const perRun = compareEngineBytes(layerSizes, trainSamples, copyOnGrow) + 3 * params * F64 + data * F64 + WORKER_OVERHEAD;
  const largest = Math.max(engine.largestArray, (engine.bytes + densePredictBytes(layerSizes, trainSamples)) / F64);
  return { bytes: data * F64 + Math.max(1, workers) * perRun, largestArray: largest };
}

/**
 * `diagnose` of one init (inits run one after another): inputs, the parameters (drawn, then kept),
 * every layer's Z and A over the batch and the backward pass's ∂L/∂A, ∂L/∂Z and ∂L/∂W
 * (diagnostics/statistics.ts), and the histogram sample's own copies (signalSample.ts, ≤ 256 inputs).
 */
export function diagnoseBytes(inputDim: number, hidden: readonly number[], batch: number, histogramSamples: number): MemoryEstimate {
  const sizes = [inputDim, ...hidden];
  let params = 0;
  let activations = 0;
  let largest = inputDim * batch;
  let widest = 0;
  for (let l = 1; l < sizes.length; l++) {
    const w = sizes[l]! * sizes[l - 1]!;
    params += w + sizes[l]!;
    activations += sizes[l]! * batch;
    largest = Math.max(largest, w, sizes[l]! * batch);
    widest = Math.max(widest, w + 3 * Math.max(sizes[l]!, sizes[l - 1]!) * batch);
  }
  const sample = Math.min(batch, histogramSamples);
  const values = inputDim * batch + 2 * params + 2 * activations + widest + (4 * activations * sample) / Math.max(1, batch);
  return { bytes: values * F64, largestArray: largest };
}
