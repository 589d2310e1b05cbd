import type { FloatArray } from '../core/dtype.js';
import type { RunConfig } from '../core/runConfig.js';
import { decodeSafetensors, encodeSafetensors, type TensorInput } from '../io/safetensors.js';
import { UsageError } from '../util/errors.js';
import { VERSION } from '../version.js';
import { paramsFromTensors, paramTensors } from './paramsFile.js';
import type { SessionCheckpoint } from './session.js';

/*
 * A paused run (TrainingSession.checkpoint) as a safetensors file: a sweep with early termination
 * keeps one per run paused at a rung (DIR/checkpoints/<id>.safetensors) and goes on from it when the
 * run is promoted.
 *
 * Tensors: W1…, b1… as in a parameters file (./paramsFile.ts), `opt.<j>.<t>` the optimizer's state
 * buffer j of tensor t (weights, then biases), in the network's format; `sampler.order` (the epoch's
 * permutation) and `sampler.key` (the shuffle stream's 624 MT19937 words), as F64, which holds every
 * 32-bit integer exactly. `__metadata__`: format "initlab.checkpoint/1", initlab's version, the
 * config, and `state`, a JSON object with everything else (iteration, layerSizes, optimizer name and
 * steps, sampler position/epoch/pos/gauss, the logged points and statistics, seconds). Non-finite
 * numbers in it are written as the strings "NaN", "Infinity", "-Infinity", as in runs.jsonl.
 */

/** The `format` metadata value of a checkpoint file (DIR/checkpoints/<id>.safetensors); a reader refuses any other. */
export const CHECKPOINT_FORMAT = 'initlab.checkpoint/1';

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** The checkpoint of a run as safetensors bytes. */
export function encodeCheckpoint(c: SessionCheckpoint, layerSizes: readonly number[], config: RunConfig): Uint8Array {
  const f = c.dtype === 'float32' ? 'f4' : 'f8';
  const tensors: Record<string, TensorInput> = paramTensors({ weights: c.weights, biases: c.biases }, layerSizes, c.dtype);
  c.optimizer.buffers.forEach((tensorsOfBuffer, j) =>
    tensorsOfBuffer.forEach((values: FloatArray, t) => (tensors[`opt.${j}.${t}`] = { values: Float64Array.from(values), shape: [values.length], dtype: f })),
  );
  tensors['sampler.order'] = { values: Float64Array.from(c.sampler.order), shape: [c.sampler.order.length] };
  tensors['sampler.key'] = { values: Float64Array.from(c.sampler.rng.key), shape: [c.sampler.rng.key.length] };
  const state = {
    iteration: c.iteration,
    layerSizes,
    dtype: c.dtype,
    optimizer: { name: c.optimizer.name, steps: c.optimizer.steps, buffers: c.optimizer.buffers.length },
    sampler: { position: c.sampler.position, epoch: c.sampler.epoch, pos: c.sampler.rng.pos, hasGauss: c.sampler.rng.hasGauss, gauss: c.sampler.rng.gauss },
    points: c.points,
    stats: c.stats,
    seconds: c.seconds,
  };
  const json = JSON.stringify(state, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return encodeSafetensors(tensors, { format: CHECKPOINT_FORMAT, initlab: VERSION, config: JSON.stringify(config), state: json });
}

interface StateJson {
  iteration: number;
  layerSizes: number[];
  dtype: SessionCheckpoint['dtype'];
  optimizer: { name: string; steps: number; buffers: number };
  sampler: { position: number; epoch: number; pos: number; hasGauss: boolean; gauss: number };
  points: SessionCheckpoint['points'];
  stats: SessionCheckpoint['stats'];
  seconds: number;
}

/** A decoded checkpoint file and the config it belongs to. @throws UsageError when the bytes are not one. */
export function decodeCheckpoint(bytes: Uint8Array, where = 'checkpoint'): { checkpoint: SessionCheckpoint; config: RunConfig } {
  const bad = (why: string): never => {
    throw new UsageError(`${where}: not an initlab checkpoint (${why}); delete it, and the run starts again from its beginning.`);
  };
  let file;
  try {
    file = decodeSafetensors(bytes);
  } catch (err) {
    return bad((err as Error).message);
  }
  if (file.metadata['format'] !== CHECKPOINT_FORMAT) bad(`format ${JSON.stringify(file.metadata['format'])}`);
  let s: StateJson;
  let config: RunConfig;
  try {
    s = JSON.parse(file.metadata['state'] ?? '', (_k, v: unknown) => (typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v)) as StateJson;
    config = JSON.parse(file.metadata['config'] ?? '') as RunConfig;
  } catch {
    return bad('its state or config metadata is not JSON');
  }
  const params = paramsFromTensors(file, s.layerSizes, where);
  const narrow = (x: Float64Array): FloatArray => (s.dtype === 'float32' ? Float32Array.from(x) : x);
  const buffers: FloatArray[][] = [];
  for (let j = 0; j < s.optimizer.buffers; j++) {
    const list: FloatArray[] = [];
    for (let t = 0; t < 2 * params.weights.length; t++) {
      const x = file.tensors[`opt.${j}.${t}`];
      if (!x) return bad(`tensor opt.${j}.${t} is missing`);
      list.push(narrow(x.values));
    }
    buffers.push(list);
  }
  const order = file.tensors['sampler.order'];
  const key = file.tensors['sampler.key'];
  if (!order || !key) return bad('the sampler tensors are missing');
  return {
    config,
    checkpoint: {
      iteration: s.iteration,
      dtype: s.dtype,
      weights: params.weights.map(narrow),
      biases: params.biases.map(narrow),
      optimizer: { name: s.optimizer.name, steps: s.optimizer.steps, buffers },
      sampler: {
        position: s.sampler.position,
        epoch: s.sampler.epoch,
        order: Uint32Array.from(order.values),
        rng: { key: Uint32Array.from(key.values), pos: s.sampler.pos, hasGauss: s.sampler.hasGauss, gauss: s.sampler.gauss },
      },
      points: s.points,
      stats: s.stats,
      seconds: s.seconds,
    },
  };
}
