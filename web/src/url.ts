import { DTYPES, type Dtype } from '../../src/core/dtype.js';
import type { ParamValue } from '../../src/data/params.js';
import type { Activation } from '../../src/core/runConfig.js';
import { resolveInit } from '../../src/init/spec.js';
import { ACTIVATIONS } from '../../src/nn/activations.js';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../src/train/optimizers.js';
import { DECIMAL } from '../../src/util/numberText.js';
import { isSeed, MAX_SEED } from '../../src/util/seed.js';
import { DEFAULT_FEATURES, parseFeatures } from './features.js';
import { TASKS, type PlaygroundTask } from './regressionVariant.js';
import { CUSTOM_DATA, dataInfo, dataParams, defaultState, GENERATOR_NAMES, type HistogramView, type PanelState, type PlaygroundState } from './state.js';

/*
 * The page's state as a query string: every control and seed, one key each, in a fixed order, so a
 * link reproduces the exact view (issue 6 §5). Numbers are written with String(x), which
 * round-trips every double. Data set parameters use the registry's names (samples, noise, …);
 * the page's own keys are below and never collide with them (test/web/url.test.ts checks).
 * Decoding never throws: a bad or unknown value is reported and replaced by its default.
 */

export const PAGE_KEYS = ['data', 'seed', 'problem', 'hidden', 'act', 'opt', 'dtype', 'lr', 'batch', 'iters', 'wseed', 'init', 'hist', 'neurons', 'feat', 'l2', 'l1', 'disc', 'showtest', 'graph', 'embed'] as const;

export { MAX_SEED };
export const MAX_LAYERS = 8;
export const MAX_WIDTH = 256;
export const MAX_ITERATIONS = 1_000_000;
/** Panels train in one worker each; more than this stalls a laptop (issue 15, defect 1). */
export const MAX_PANELS = 6;
/** Unknown keys are named in the notice up to this length (a 20 000-character key is not echoed). */
const KEY_ECHO = 40;
const HISTOGRAM_VIEWS: readonly HistogramView[] = ['off', 'activations', 'gradients'];

function formatParam(v: ParamValue): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** A panel as one `init` value: its spec, and '@seed' when it overrides the weight seed. */
export function formatPanel(p: PanelState): string {
  return p.seed === undefined ? p.init : `${p.init}@${p.seed}`;
}

export function encodeState(s: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set('data', s.data.name);
  q.set('seed', String(s.data.seed));
  if (s.data.name !== CUSTOM_DATA) {
    for (const p of dataInfo(s.data.name).params) {
      const v = s.data.params[p.name];
      if (v !== undefined) q.set(p.name, formatParam(v));
    }
  }
  // TF Playground's key for it ('task' is the csv/npy sets' parameter). Classification is the
  // default: links made before the regression variant stay as they were.
  if (s.task === 'regression') q.set('problem', s.task);
  q.set('hidden', s.hidden.join(','));
  q.set('act', s.activation);
  q.set('opt', s.optimizer);
  // float64 is the default: links made before the control existed stay as they were.
  if (s.dtype === 'float32') q.set('dtype', s.dtype);
  q.set('lr', String(s.learningRate));
  q.set('batch', String(s.batchSize));
  q.set('iters', String(s.iterations));
  q.set('wseed', String(s.weightSeed));
  for (const p of s.panels) q.append('init', formatPanel(p));
  q.set('hist', s.histograms);
  q.set('neurons', s.neurons ? 'on' : 'off');
  // The TF Playground controls (issue 15): written only when not at their defaults, so links made
  // before them stay as they were.
  if (s.features.join(',') !== DEFAULT_FEATURES.join(',')) q.set('feat', s.features.join(','));
  if (s.l2 > 0) q.set('l2', String(s.l2));
  if (s.l1 > 0) q.set('l1', String(s.l1));
  if (s.discretize) q.set('disc', 'on');
  if (!s.showTest) q.set('showtest', 'off');
  if (s.graph) q.set('graph', 'on');
  return q.toString();
}

const INTEGER = /^\d+$/;
const NUMBER = DECIMAL;

export function parseSeed(text: string, what: string): number {
  const n = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (!isSeed(n)) throw new Error(`${what} '${text}' must be an integer from 0 to ${MAX_SEED}.`);
  return n;
}

export function parseHidden(text: string): number[] {
  if (text.trim() === '') return [];
  const sizes = text.split(',').map((t) => (INTEGER.test(t.trim()) ? Number(t) : Number.NaN));
  if (sizes.some((n) => !(Number.isInteger(n) && n >= 1 && n <= MAX_WIDTH))) throw new Error(`hidden layers '${text}' must be widths from 1 to ${MAX_WIDTH}, comma-separated.`);
  if (sizes.length > MAX_LAYERS) throw new Error(`hidden layers '${text}': at most ${MAX_LAYERS} layers.`);
  return sizes;
}

export function parseLearningRate(text: string): number {
  const x = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isFinite(x) && x > 0)) throw new Error(`learning rate '${text}' must be a finite number > 0.`);
  return x;
}

export function parseBatchSize(text: string): number {
  const n = INTEGER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`batch size '${text}' must be an integer ≥ 0 (0 = full batch).`);
  return n;
}

/** A regularization rate (L2 by default, or L1): a finite number ≥ 0. */
export function parseL2(text: string, kind: 'L1' | 'L2' = 'L2'): number {
  const x = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isFinite(x) && x >= 0)) throw new Error(`${kind} rate '${text}' must be a finite number ≥ 0 (0 = no regularization).`);
  return x;
}

export function parseIterations(text: string): number {
  const n = INTEGER.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_ITERATIONS)) throw new Error(`iterations '${text}' must be an integer from 1 to ${MAX_ITERATIONS}.`);
  return n;
}

/** 'he', 'random:scale=10@7': validated against the initializer registry. */
export function parsePanel(text: string): PanelState {
  const at = text.lastIndexOf('@');
  const spec = at >= 0 ? text.slice(0, at) : text;
  resolveInit(spec, `panel '${text}'`);
  return at >= 0 ? { init: spec, seed: parseSeed(text.slice(at + 1), `panel '${text}' weight seed`) } : { init: spec };
}

export interface DecodedState {
  state: PlaygroundState;
  /** One line per value that was refused and replaced by its default. */
  problems: string[];
  /** The link named hand-placed or uploaded data, which links cannot carry. */
  customDataMissing: boolean;
  /** `embed=1`: the figure for an <iframe> (no control column, autoplay). Not part of the state. */
  embed: boolean;
}

function oneOf<T extends string>(text: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`${what} '${text}' must be one of ${allowed.join(', ')}.`);
  return text as T;
}

/**
 * The state part of a page address. Links carry it in the fragment (`#…`), which browsers never
 * send, so no server header limit applies however long it is (issue 15, defect 4); links made
 * before that carried it in the query (`?…`) and still load.
 */
export function linkQuery(search: string, hash: string): string {
  return hash.length > 1 ? hash : search;
}

export function decodeState(query: string): DecodedState {
  const q = new URLSearchParams(query.startsWith('?') || query.startsWith('#') ? query.slice(1) : query);
  const state = defaultState();
  const problems: string[] = [];
  let customDataMissing = false;
  const take = (key: string, apply: (text: string) => void): void => {
    const text = q.get(key);
    if (text === null) return;
    try {
      apply(text);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  };

  const dataName = q.get('data');
  let dataKnown = true;
  if (dataName !== null && dataName !== state.data.name) {
    if (dataName === CUSTOM_DATA) {
      customDataMissing = true;
      dataKnown = false;
      problems.push('this link was made with hand-placed or uploaded points, which a link cannot carry: the default data set is shown instead (load the CSV file the page offered).');
    } else if (GENERATOR_NAMES.includes(dataName)) {
      state.data = { name: dataName, seed: state.data.seed, params: dataParams(dataName) };
    } else {
      dataKnown = false;
      problems.push(`data set '${dataName}' is not one of ${GENERATOR_NAMES.join(', ')}: the default is shown.`);
    }
  }
  take('seed', (t) => (state.data.seed = parseSeed(t, 'data seed')));
  if (dataKnown) {
    // One value at a time, so that a bad one is refused alone and the others (the article's
    // testSeed / 300 + 100 split among them) stay as given (issue 15, defect 6).
    for (const p of dataInfo(state.data.name).params) {
      const v = q.get(p.name);
      if (v === null) continue;
      try {
        state.data.params = dataParams(state.data.name, { ...stringsOf(state.data.params), [p.name]: v });
      } catch (err) {
        problems.push(`${err instanceof Error ? err.message : String(err)} Its value ${formatParam(state.data.params[p.name] ?? '')} is kept.`);
      }
    }
  }
  take('problem', (t) => (state.task = oneOf<PlaygroundTask>(t, TASKS, 'problem')));
  take('hidden', (t) => (state.hidden = parseHidden(t)));
  take('act', (t) => (state.activation = oneOf<Activation>(t, ACTIVATIONS, 'activation')));
  take('opt', (t) => (state.optimizer = oneOf<OptimizerName>(t, OPTIMIZER_NAMES, 'optimizer')));
  take('dtype', (t) => (state.dtype = oneOf<Dtype>(t, DTYPES, 'dtype')));
  take('lr', (t) => (state.learningRate = parseLearningRate(t)));
  take('batch', (t) => (state.batchSize = parseBatchSize(t)));
  take('iters', (t) => (state.iterations = parseIterations(t)));
  take('wseed', (t) => (state.weightSeed = parseSeed(t, 'weight seed')));
  const inits = q.getAll('init');
  if (inits.length > 0) {
    const panels: PanelState[] = [];
    for (const text of inits) {
      try {
        panels.push(parsePanel(text));
      } catch (err) {
        problems.push(`${err instanceof Error ? err.message : String(err)} That panel is left out.`);
      }
    }
    if (panels.length > MAX_PANELS) {
      problems.push(`this link asks for ${panels.length} panels; at most ${MAX_PANELS} train side by side: the first ${MAX_PANELS} are shown.`);
      panels.length = MAX_PANELS;
    }
    if (panels.length > 0) state.panels = panels;
  }
  take('hist', (t) => (state.histograms = oneOf<HistogramView>(t, HISTOGRAM_VIEWS, 'histograms')));
  take('neurons', (t) => (state.neurons = oneOf(t, ['on', 'off'] as const, 'neuron maps') === 'on'));
  take('feat', (t) => (state.features = parseFeatures(t)));
  take('l2', (t) => (state.l2 = parseL2(t)));
  take('l1', (t) => (state.l1 = parseL2(t, 'L1')));
  take('disc', (t) => (state.discretize = oneOf(t, ['on', 'off'] as const, 'discretize output') === 'on'));
  take('showtest', (t) => (state.showTest = oneOf(t, ['on', 'off'] as const, 'show test data') === 'on'));
  take('graph', (t) => (state.graph = oneOf(t, ['on', 'off'] as const, 'network graph') === 'on'));

  const dataKeys = new Set(GENERATOR_NAMES.flatMap((n) => dataInfo(n).params.map((p) => p.name)));
  for (const key of new Set(q.keys())) {
    if (!(PAGE_KEYS as readonly string[]).includes(key) && !dataKeys.has(key)) {
      const shown = key.length > KEY_ECHO ? `'${key.slice(0, KEY_ECHO)}…' (${key.length} characters)` : `'${key}'`;
      problems.push(`unknown link parameter ${shown} was ignored.`);
    }
  }
  const embedText = q.get('embed');
  if (embedText !== null && embedText !== '1' && embedText !== '0') problems.push(`embed '${embedText}' must be 1 or 0.`);
  return { state, problems, customDataMissing, embed: embedText === '1' };
}

function stringsOf(params: Record<string, ParamValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = formatParam(v);
  return out;
}
