import type { ParamValue } from '../../src/data/params.js';
import { RUN_SETTINGS } from '../../src/settings/table.js';
import { resolveInit } from '../../src/init/spec.js';
import { MAX_SEED } from '../../src/util/seed.js';
import { DEFAULT_FEATURES, parseFeatures } from './features.js';
import {
  ACTIVATION, BATCH_SIZE, DATA_SEED, DTYPE, HIDDEN, ITERATIONS, L1, L2, LEARNING_RATE, linkKey, MAX_ITERATIONS, MAX_LAYERS, MAX_WIDTH, OPTIMIZER, WEIGHT_SEED, type LinkField,
} from './linkSettings.js';
import { TASKS, type PlaygroundTask } from './regressionVariant.js';
import { CUSTOM_DATA, dataInfo, dataParams, defaultState, GENERATOR_NAMES, type HistogramView, type PanelState, type PlaygroundState } from './state.js';

/*
 * The page's state as a query string: every control and seed, one key each, in a fixed order, so a
 * link reproduces the exact view (issue 6 §5). Numbers are written with String(x), which
 * round-trips every double. The run settings' keys, types and ranges are initlab's settings table's
 * (src/settings/table.ts, read through ./linkSettings.ts); the view's own keys (problem, hist, …)
 * are below. Data set parameters use the registry's names (samples, noise, …), which never collide
 * with the page's keys (test/web/url.test.ts checks).
 * Decoding never throws: a bad or unknown value is reported and replaced by its default.
 */

export { MAX_ITERATIONS, MAX_LAYERS, MAX_SEED, MAX_WIDTH };
/** Panels train in one worker each; more than this stalls a laptop (issue 15, defect 1). */
export const MAX_PANELS = 6;
/** Unknown keys are named in the notice up to this length (a 20 000-character key is not echoed). */
const KEY_ECHO = 40;
const HISTOGRAM_VIEWS: readonly HistogramView[] = ['off', 'activations', 'gradients'];
const DATA = linkKey('data');
const INIT = linkKey('init');

function formatParam(v: ParamValue): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** A panel as one `init` value: its spec, and '@seed' when it overrides the weight seed. */
export function formatPanel(p: PanelState): string {
  return p.seed === undefined ? p.init : `${p.init}@${p.seed}`;
}

/** The run settings' parsers, for the controls: the values a link takes are the values a field takes. */
export const parseSeed = (text: string, what: string): number => WEIGHT_SEED.parse(text, what); // every seed has the one range (util/seed.ts)
export const parseHidden = (text: string): number[] => HIDDEN.parse(text);
export const parseLearningRate = (text: string): number => LEARNING_RATE.parse(text);
export const parseBatchSize = (text: string): number => BATCH_SIZE.parse(text);
export const parseIterations = (text: string): number => ITERATIONS.parse(text);
/** A regularization rate (L2 by default, or L1): a finite number ≥ 0. */
export const parseL2 = (text: string, kind: 'L1' | 'L2' = 'L2'): number => (kind === 'L1' ? L1 : L2).parse(text);

/** 'he', 'random:scale=10@7': validated against the initializer registry. */
export function parsePanel(text: string): PanelState {
  const at = text.lastIndexOf('@');
  const spec = at >= 0 ? text.slice(0, at) : text;
  resolveInit(spec, `panel '${text}'`);
  return at >= 0 ? { init: spec, seed: WEIGHT_SEED.parse(text.slice(at + 1), `panel '${text}' weight seed`) } : { init: spec };
}

function oneOf<T extends string>(text: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`${what} '${text}' must be one of ${allowed.join(', ')}.`);
  return text as T;
}

/** A key of the view alone (not a run setting): written when `write` gives text, read by `read`. */
function pageField(key: string, write: (s: PlaygroundState) => string | undefined, read: (s: PlaygroundState, text: string) => void): LinkField {
  return {
    key,
    write(q, s) {
      const text = write(s);
      if (text !== undefined) q.set(key, text);
    },
    read(q, s, problems) {
      const text = q.get(key);
      if (text === null) return;
      try {
        read(s, text);
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    },
  };
}

const onOff = (text: string, what: string): boolean => oneOf(text, ['on', 'off'] as const, what) === 'on';

// TF Playground's key for it ('task' is the csv/npy sets' parameter). Classification is the
// default: links made before the regression variant stay as they were.
const PROBLEM = pageField('problem', (s) => (s.task === 'regression' ? s.task : undefined), (s, t) => (s.task = oneOf<PlaygroundTask>(t, TASKS, 'problem')));

/** The panels: one `init` value each, in order; a bad one is left out, the others stay. */
const PANELS: LinkField = {
  key: INIT,
  write(q, s) {
    for (const p of s.panels) q.append(INIT, formatPanel(p));
  },
  read(q, s, problems) {
    const inits = q.getAll(INIT);
    if (inits.length === 0) return;
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
    if (panels.length > 0) s.panels = panels;
  },
};

/**
 * Every key after the data set's, in the order links write them (saved links and tests depend on
 * it). The TF Playground controls (feat, l2, l1, disc, showtest, graph; issue 15) are written only
 * when not at their defaults, so links made before them stay as they were.
 */
const FIELDS: readonly LinkField[] = [
  PROBLEM,
  HIDDEN,
  ACTIVATION,
  OPTIMIZER,
  DTYPE,
  LEARNING_RATE,
  BATCH_SIZE,
  ITERATIONS,
  WEIGHT_SEED,
  PANELS,
  pageField('hist', (s) => s.histograms, (s, t) => (s.histograms = oneOf<HistogramView>(t, HISTOGRAM_VIEWS, 'histograms'))),
  pageField('neurons', (s) => (s.neurons ? 'on' : 'off'), (s, t) => (s.neurons = onOff(t, 'neuron maps'))),
  pageField('feat', (s) => (s.features.join(',') !== DEFAULT_FEATURES.join(',') ? s.features.join(',') : undefined), (s, t) => (s.features = parseFeatures(t))),
  L2,
  L1,
  pageField('disc', (s) => (s.discretize ? 'on' : undefined), (s, t) => (s.discretize = onOff(t, 'discretize output'))),
  pageField('showtest', (s) => (s.showTest ? undefined : 'off'), (s, t) => (s.showTest = onOff(t, 'show test data'))),
  pageField('graph', (s) => (s.graph ? 'on' : undefined), (s, t) => (s.graph = onOff(t, 'network graph'))),
];

/** `embed=1`: the figure for an <iframe>; it is no part of the state. */
const EMBED = 'embed';

/** The keys of the view alone: not run settings. */
const VIEW_KEYS: readonly string[] = [...FIELDS.map((f) => f.key).filter((k) => !RUN_SETTINGS.some((s) => s.url === k)), EMBED];

/** Every key a link may have besides the data set's parameters: the run settings' link keys, then the view's. */
export const PAGE_KEYS: readonly string[] = [...RUN_SETTINGS.flatMap((s) => (s.url === undefined ? [] : [s.url])), ...VIEW_KEYS];

export function encodeState(s: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set(DATA, s.data.name);
  DATA_SEED.write(q, s);
  if (s.data.name !== CUSTOM_DATA) {
    for (const p of dataInfo(s.data.name).params) {
      const v = s.data.params[p.name];
      if (v !== undefined) q.set(p.name, formatParam(v));
    }
  }
  for (const f of FIELDS) f.write(q, s);
  return q.toString();
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
  const dataName = q.get(DATA);
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
  DATA_SEED.read(q, state, problems);
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
  for (const f of FIELDS) f.read(q, state, problems);

  const dataKeys = new Set(GENERATOR_NAMES.flatMap((n) => dataInfo(n).params.map((p) => p.name)));
  for (const key of new Set(q.keys())) {
    if (!PAGE_KEYS.includes(key) && !dataKeys.has(key)) {
      const shown = key.length > KEY_ECHO ? `'${key.slice(0, KEY_ECHO)}…' (${key.length} characters)` : `'${key}'`;
      problems.push(`unknown link parameter ${shown} was ignored.`);
    }
  }
  const embedText = q.get(EMBED);
  if (embedText !== null && embedText !== '1' && embedText !== '0') problems.push(`embed '${embedText}' must be 1 or 0.`);
  return { state, problems, customDataMissing, embed: embedText === '1' };
}

function stringsOf(params: Record<string, ParamValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = formatParam(v);
  return out;
}
