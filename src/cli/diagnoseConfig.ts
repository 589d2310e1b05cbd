/**
 * `diagnose --config FILE`: the network, data and initializations to diagnose, taken from a run
 * config or a sweep spec, so that any network a run trains can be diagnosed as it is.
 *
 * - A run config (an object with `network`, `data`, `init`, … and no `grid`) is validated as a sweep
 *   spec's `base` is (defaults filled in, every field checked, the data built once).
 * - A sweep spec (an object with `base` or `grid`): the grid is expanded and the first run's
 *   setting is taken (the first value of every axis), with every init of the grid for that setting,
 *   in grid order: a spec comparing inits is diagnosed with all of them.
 */
import type { Dtype } from '../core/dtype.js';
import type { Activation, DataSpec, RunConfig } from '../core/runConfig.js';
import type { InitSpec } from '../core/initSpec.js';
import { canonicalJson } from '../experiments/runId.js';
import { expandSweep, parseSweepSpec, readSweepSpecText } from '../experiments/sweep/spec.js';
import { DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { UsageError } from '../util/errors.js';

/** What `diagnose` needs from a config. */
export interface DiagnoseTarget {
  readonly hidden: number[];
  readonly activation: Activation;
  readonly data: DataSpec;
  readonly inits: InitSpec[];
  readonly dtype?: Dtype;
  /** network.layers (a layer network, diagnosed by diagnoseLayerNetwork), with its input shape, leaky_relu slope and the run config (for its output head); absent for network.hidden. */
  readonly layers?: { readonly layers: unknown; readonly inputShape?: readonly number[]; readonly slope?: number; readonly config: RunConfig };
  /** 'run config' or 'sweep spec', for the heading. */
  readonly kind: 'run config' | 'sweep spec';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads FILE (.json, .yaml or .yml) as a run config or a sweep spec; see the module comment.
 * @throws UsageError naming the file and the field for anything invalid.
 */
export function diagnoseTarget(path: string): DiagnoseTarget {
  const { raw } = readSweepSpecText(path);
  if (!isObject(raw)) throw new UsageError(`${path}: expected a run config or a sweep spec (an object), got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)}.`);
  const isSpec = 'base' in raw || 'grid' in raw;
  // A run config is checked as a spec's base: the same schema, defaults and data checks, one path of errors.
  const spec = parseSweepSpec(isSpec ? raw : { base: raw }, path);
  const runs = expandSweep(spec);
  const first = runs[0]!;
  const setting = (c: typeof first): string => canonicalJson({ ...c, init: null, initSeed: null });
  const inits: InitSpec[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    if (setting(run) !== setting(first)) continue;
    const key = canonicalJson(run.init);
    if (!seen.has(key)) {
      seen.add(key);
      inits.push(run.init);
    }
  }
  const net = first.network;
  const layers = net.layers !== undefined && net.layers.length > 0
    ? { layers: net.layers, config: first, ...(net.inputShape !== undefined ? { inputShape: net.inputShape } : {}), ...(net.slope !== undefined ? { slope: net.slope } : {}) }
    : null;
  if (layers === null && net.activation === 'leaky_relu' && net.slope !== undefined && net.slope !== DEFAULT_LEAKY_SLOPE) {
    throw new UsageError(`${path}: network.slope ${net.slope}: diagnose measures leaky_relu at its default slope ${DEFAULT_LEAKY_SLOPE} only; remove slope to diagnose this network.`);
  }
  return {
    hidden: [...net.hidden],
    activation: net.activation,
    data: first.data,
    inits,
    ...(first.dtype !== undefined ? { dtype: first.dtype } : {}),
    ...(layers !== null ? { layers } : {}),
    kind: isSpec ? 'sweep spec' : 'run config',
  };
}
