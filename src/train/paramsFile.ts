import type { Dtype, FloatArray } from '../core/dtype.js';
import type { Activation, OutputHead, RunConfig } from '../core/runConfig.js';
import type { Parameters } from '../kernels/types.js';
import { decodeSafetensors, encodeSafetensors, type DecodedSafetensors, type TensorInput } from '../io/safetensors.js';
import { DenseNetwork } from '../nn/network.js';
import { UsageError } from '../util/errors.js';
import { VERSION } from '../version.js';

/*
 * A network's parameters as a safetensors file (issue 13 item 4: a sweep's DIR/params/<id>.safetensors).
 *
 * Tensors: W1 … WL (n_l × n_{l−1}, row-major: torch.nn.Linear's `weight` layout) and b1 … bL (n_l),
 * as F64 for a float64 network and F32 for a float32 one, so the stored values are the network's
 * exactly. `__metadata__` (string → string, as the format requires):
 *   format        "initlab.params/1"
 *   initlab       initlab's version
 *   layerSizes    JSON [n_0, …, n_L]
 *   activation, output, slope, dtype   what DenseNetwork needs to rebuild the network
 *   config        the run's RunConfig as JSON (when the parameters belong to a run)
 *   iteration     updates done when they were taken ("0" for initial parameters)
 * Any safetensors reader takes them (the format is the reference one: src/io/safetensors.ts).
 */

/** The `format` metadata value of a parameters file (DIR/params/<id>.safetensors); a reader refuses any other. */
export const PARAMS_FORMAT = 'initlab.params/1';

/** What a parameters file says besides the tensors. */
export interface StoredParamsInfo {
  layerSizes: number[];
  activation: Activation;
  output: OutputHead;
  slope: number;
  dtype: Dtype;
  /** The run's config, when the file belongs to one. */
  config?: RunConfig;
  /** Updates done when the parameters were taken. */
  iteration?: number;
  /** initlab's version that wrote the file. */
  initlab: string;
}

/** A decoded parameters file: the parameters (float64 arrays holding the stored values exactly) and what it says. */
export interface StoredParams extends StoredParamsInfo {
  params: Parameters<Float64Array>;
  /** The file's whole `__metadata__` map. */
  metadata: Record<string, string>;
}

/** The tensors of a network's parameters, named W1…, b1… (shared with checkpoint files). */
export function paramTensors(params: Parameters<FloatArray>, layerSizes: readonly number[], dtype: Dtype): Record<string, TensorInput> {
  const out: Record<string, TensorInput> = {};
  const f = dtype === 'float32' ? 'f4' : 'f8';
  params.weights.forEach((w, l) => {
    out[`W${l + 1}`] = { values: Float64Array.from(w), shape: [layerSizes[l + 1]!, layerSizes[l]!], dtype: f };
    out[`b${l + 1}`] = { values: Float64Array.from(params.biases[l]!), shape: [layerSizes[l + 1]!], dtype: f };
  });
  return out;
}

/**
 * A network's parameters as safetensors bytes, with what rebuilds the network in the metadata
 * (and `extra` metadata, such as the run's config and iteration).
 */
export function encodeParams(network: DenseNetwork, extra: { config?: RunConfig; iteration?: number; metadata?: Record<string, string> } = {}): Uint8Array {
  const metadata: Record<string, string> = {
    ...(extra.metadata ?? {}),
    format: PARAMS_FORMAT,
    initlab: VERSION,
    layerSizes: JSON.stringify(network.layerSizes),
    activation: network.activation,
    output: network.output,
    slope: String(network.slope),
    dtype: network.dtype,
    ...(extra.config !== undefined ? { config: JSON.stringify(extra.config) } : {}),
    ...(extra.iteration !== undefined ? { iteration: String(extra.iteration) } : {}),
  };
  return encodeSafetensors(paramTensors(network.params, network.layerSizes, network.dtype), metadata);
}

const bad = (where: string, why: string): never => {
  throw new UsageError(`${where}: not an initlab parameters file (${why}); write one with a sweep (DIR/params/) or encodeParams.`);
};

/** Reads the W1…/b1… tensors of a decoded file against `layerSizes`. */
export function paramsFromTensors(file: DecodedSafetensors, layerSizes: readonly number[], where: string): Parameters<Float64Array> {
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    const w = file.tensors[`W${l}`];
    const b = file.tensors[`b${l}`];
    if (!w || !b) bad(where, `tensor W${l} or b${l} is missing`);
    if (w!.shape.join() !== `${layerSizes[l]},${layerSizes[l - 1]}` || b!.shape.join() !== `${layerSizes[l]}`) {
      bad(where, `W${l} is [${w!.shape.join(', ')}] and b${l} [${b!.shape.join(', ')}], layerSizes say [${layerSizes[l]}, ${layerSizes[l - 1]}] and [${layerSizes[l]}]`);
    }
    weights.push(w!.values);
    biases.push(b!.values);
  }
  return { weights, biases };
}

/**
 * Decodes a parameters file (encodeParams, or a sweep's DIR/params/<id>.safetensors). `where`
 * names it in errors.
 * @throws UsageError when the bytes are not such a file.
 */
export function decodeParams(bytes: Uint8Array, where = 'parameters file'): StoredParams {
  let file: DecodedSafetensors;
  try {
    file = decodeSafetensors(bytes);
  } catch (err) {
    throw err instanceof UsageError ? new UsageError(`${where}: ${err.message}`) : err;
  }
  const m = file.metadata;
  if (m['format'] !== PARAMS_FORMAT) bad(where, `metadata format is ${JSON.stringify(m['format'])}, not "${PARAMS_FORMAT}"`);
  let layerSizes: unknown;
  let config: RunConfig | undefined;
  try {
    layerSizes = JSON.parse(m['layerSizes'] ?? 'null');
    if (m['config'] !== undefined) config = JSON.parse(m['config']) as RunConfig;
  } catch {
    bad(where, 'its layerSizes or config metadata is not JSON');
  }
  if (!Array.isArray(layerSizes) || layerSizes.length < 2 || !layerSizes.every((n) => Number.isSafeInteger(n) && (n as number) > 0)) bad(where, 'layerSizes is not a list of at least two positive sizes');
  const sizes = layerSizes as number[];
  const dtype = m['dtype'];
  if (dtype !== 'float64' && dtype !== 'float32') return bad(where, `dtype ${JSON.stringify(dtype)}`);
  const slope = Number(m['slope']);
  const iteration = m['iteration'] !== undefined ? Number(m['iteration']) : undefined;
  return {
    params: paramsFromTensors(file, sizes, where),
    layerSizes: sizes,
    activation: m['activation'] as Activation,
    output: m['output'] as OutputHead,
    slope,
    dtype,
    ...(config !== undefined ? { config } : {}),
    ...(iteration !== undefined ? { iteration } : {}),
    initlab: m['initlab'] ?? '',
    metadata: m,
  };
}

/**
 * Loads a parameters file into an existing network of the same layer sizes (values copied into its
 * memory; a float32 network receives float32 values exactly).
 * @throws UsageError when the file's layer sizes differ from the network's.
 */
export function loadParamsInto(network: DenseNetwork, stored: StoredParams | Uint8Array, where = 'parameters file'): void {
  const s = stored instanceof Uint8Array ? decodeParams(stored, where) : stored;
  if (s.layerSizes.join() !== network.layerSizes.join()) {
    throw new UsageError(`${where}: holds a network of layer sizes [${s.layerSizes.join(', ')}], this one has [${network.layerSizes.join(', ')}].`);
  }
  network.setParameters(s.params);
}

/** A new DenseNetwork built from a parameters file: its sizes, activation, output head and dtype, with the stored parameters. */
export function networkFromParams(stored: StoredParams | Uint8Array, where = 'parameters file'): DenseNetwork {
  const s = stored instanceof Uint8Array ? decodeParams(stored, where) : stored;
  return new DenseNetwork({ layerSizes: s.layerSizes, activation: s.activation, output: s.output, slope: s.slope, dtype: s.dtype }, s.params);
}
