import { DTYPES } from '../core/dtype.js';
import { OPTIMIZER_NAMES, SCHEDULE_NAMES, type RunConfig } from '../core/runConfig.js';
import { DATASET_NAMES } from '../data/registry.js';
import { ACTIVATIONS, DEFAULT_LEAKY_SLOPE } from '../nn/activations.js';
import { MAX_DEPTH, MAX_ITERATIONS, MAX_WIDTH } from '../util/limits.js';
import type { ValueRule } from './valueRule.js';

/*
 * Every setting of a run, defined once (issue 11, item 4): where it lives in the RunConfig, its
 * names — the sweep grid's key, the command-line flag, the playground's link key — its type and
 * range, its default and a one-line doc. From this table come the zod schemas of sweep specs and
 * compare config files (./schema.ts), the commands' flags with their defaults in --help
 * (src/cli/settingOptions.ts), the grid keys (experiments/sweep/spec.ts AXIS_ALIASES), the
 * playground's link keys (web/src/url.ts) and the README's settings tables
 * (scripts/gen-readme-settings.mjs, checked by a test). test/settings/table.test.ts checks that
 * every setting really appears in each of them.
 *
 * Modelled on TensorFlow Playground's state.ts PROPS table: one row per setting drives the rest.
 */

/** One setting: a field of the RunConfig (or of compare's course config). */
export interface Setting {
  /** Dotted path in the config: 'training.learningRate'. */
  path: string;
  /** Its name in sweep grids, random search and listed runs (`lr: [0.01, 0.1]`). */
  key: string;
  /** Other grid names that set it (kept for specs written before). */
  aliases?: readonly string[];
  /** The long flag of the commands that take it (`--lr`). */
  flag?: string;
  /** The playground's link key (`#…&lr=0.03`). */
  url?: string;
  rule: ValueRule;
  /** The run config's default (a sweep's base); absent: the field is optional and absent by default. */
  default?: unknown;
  /** What an absent optional field means, for --help and the README ("off", "full batch"). */
  absent?: string;
  /** One line: what it does. */
  doc: string;
}

const OUTPUT_HEADS = ['sigmoid', 'softmax', 'linear'] as const;

/** The RunConfig's settings, in the order the README lists them. */
export const RUN_SETTINGS: readonly Setting[] = [
  {
    path: 'data', key: 'data', flag: '--data', url: 'data',
    rule: { type: 'named', names: DATASET_NAMES, what: 'data set', listParams: true },
    default: { name: 'circles', seed: 1 },
    doc: "the data set by name and its parameters (README, \"Data sets\"), e.g. 'moons:noise=0.2'",
  },
  { path: 'data.seed', key: 'dataSeed', url: 'seed', rule: { type: 'seed' }, default: 1, doc: "the data set's seed: its generator's numpy stream and its train/test split" },
  { path: 'network.hidden', key: 'hidden', flag: '--hidden', url: 'hidden', rule: { type: 'widths', max: MAX_WIDTH, maxLength: MAX_DEPTH }, default: [10, 5], doc: 'widths of the dense hidden layers, e.g. 10,5' },
  { path: 'network.layers', key: 'layers', rule: { type: 'layers', maxLength: MAX_DEPTH }, absent: 'the dense layers of hidden', doc: 'a layer list (conv2d, pools, flatten, dense, residual, batchnorm) instead of hidden' },
  { path: 'network.inputShape', key: 'inputShape', rule: { type: 'shape3', max: MAX_WIDTH }, absent: 'square, one channel', doc: "one sample's [channels, height, width] for layers" },
  { path: 'network.activation', key: 'activation', flag: '--activation', url: 'act', rule: { type: 'choice', values: ACTIVATIONS, what: 'activation' }, default: 'relu', doc: 'the hidden layers\' activation' },
  { path: 'network.slope', key: 'slope', rule: { type: 'number' }, absent: String(DEFAULT_LEAKY_SLOPE), doc: "leaky ReLU's negative slope" },
  { path: 'network.output', key: 'output', rule: { type: 'choice', values: OUTPUT_HEADS, what: 'output head' }, absent: 'sigmoid for 2 classes, softmax for more, linear for regression', doc: 'the output head and its loss' },
  { path: 'init', key: 'init', aliases: ['inits'], url: 'init', rule: { type: 'init' }, default: { name: 'he' }, doc: "the initializer spec ('initlab inits' lists them), e.g. 'random:scale=10'" },
  { path: 'initSeed', key: 'initSeed', aliases: ['seeds'], flag: '--seed', url: 'wseed', rule: { type: 'seed' }, default: 0, doc: "the initializer's numpy seed, set again before each network's weights are drawn" },
  { path: 'dtype', key: 'dtype', flag: '--dtype', url: 'dtype', rule: { type: 'choice', values: DTYPES, what: 'dtype' }, absent: 'float64', doc: 'the floating-point format the network trains in (float64 is the exact reproduction)' },
  { path: 'exact', key: 'exact', rule: { type: 'choice', values: ['course'], what: 'exact' }, absent: 'the general engine', doc: "'course': the notebook's arithmetic bit for bit (compare's preset)" },
  { path: 'training.optimizer', key: 'optimizer', flag: '--optimizer', url: 'opt', rule: { type: 'named', names: OPTIMIZER_NAMES, what: 'optimizer' }, default: { name: 'sgd' }, doc: "the optimizer and its parameters, e.g. 'adam:beta1=0.9'" },
  { path: 'training.learningRate', key: 'lr', aliases: ['learningRate'], flag: '--lr', url: 'lr', rule: { type: 'number', min: 0, minOpen: true }, default: 0.01, doc: 'the learning rate' },
  { path: 'training.batchSize', key: 'batchSize', flag: '--batch-size', url: 'batch', rule: { type: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER }, absent: '0 (full batch)', doc: 'samples per update; 0 = full batch' },
  { path: 'training.shuffleSeed', key: 'shuffleSeed', rule: { type: 'seed' }, absent: 'initSeed + 1', doc: 'seed of the mini-batch shuffling stream' },
  { path: 'training.iterations', key: 'iterations', flag: '--iterations', url: 'iters', rule: { type: 'integer', min: 0, max: MAX_ITERATIONS }, default: 1000, doc: 'parameter updates (0: evaluate the initial network only)' },
  { path: 'training.logEvery', key: 'logEvery', flag: '--log-every', rule: { type: 'integer', min: 1, max: MAX_ITERATIONS }, default: 100, doc: 'log loss and accuracy every n updates (and at the end)' },
  { path: 'training.l2', key: 'l2', url: 'l2', rule: { type: 'number', min: 0 }, absent: '0', doc: 'L2 weight decay λ: adds λ/2·‖W‖² to the loss (biases excluded)' },
  { path: 'training.l1', key: 'l1', url: 'l1', rule: { type: 'number', min: 0 }, absent: '0', doc: 'L1 penalty λ₁: adds λ₁·Σ|W| to the loss (biases excluded)' },
  { path: 'training.schedule', key: 'schedule', rule: { type: 'named', names: SCHEDULE_NAMES, what: 'schedule' }, absent: 'constant', doc: "the learning-rate schedule, e.g. 'step:every=100:factor=0.5'" },
  { path: 'training.targetLoss', key: 'targetLoss', rule: { type: 'number' }, absent: 'none', doc: 'stop once the logged training loss is at or below this' },
  { path: 'training.statsEvery', key: 'statsEvery', flag: '--stats-every', rule: { type: 'integer', min: 1, max: MAX_ITERATIONS }, absent: 'off', doc: 'record per-layer statistics (activation and gradient std, dead units, update ratio) every n updates' },
];

/** The setting at a dotted RunConfig path; a TypeError for a path the table does not have (a bug). */
export function runSetting(path: string): Setting {
  const s = RUN_SETTINGS.find((x) => x.path === path);
  if (!s) throw new TypeError(`no run setting at '${path}'`);
  return s;
}

/** The base run of a sweep where its spec leaves a field out: every setting's default. */
export function defaultRunConfig(): RunConfig {
  const config: Record<string, unknown> = {};
  for (const s of RUN_SETTINGS) if (s.default !== undefined) setPath(config, s.path, structuredClone(s.default));
  return config as unknown as RunConfig;
}

/** Sets `value` at a dotted path, making the objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The value at a dotted path (undefined where the path stops). */
export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** A value written back as the text `parseRuleText` reads (`10,5`, `sgd:beta=0.9`, `he`). */
export function formatRuleValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => formatRuleValue(v)).join(',');
  if (typeof value === 'object' && value !== null) {
    const { name, ...params } = value as Record<string, unknown>;
    return [String(name), ...Object.entries(params).map(([k, v]) => `${k}=${formatRuleValue(v)}`)].join(':');
  }
  return String(value);
}
