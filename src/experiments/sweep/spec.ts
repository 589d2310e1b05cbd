import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { makeDataset } from '../../data/makeDataset.js';
import { registerAllInitializers } from '../../init/frameworks/index.js';
import { resolveInit } from '../../init/spec.js';
import type { InitSpec } from '../../init/types.js';
import { readTextFileBounded } from '../../util/boundedRead.js';
import { UsageError, didYouMean } from '../../util/errors.js';
import { MAX_DEPTH, MAX_SPEC_FILE_BYTES, MAX_SWEEP_RUNS, MAX_WIDTH } from '../../util/limits.js';
import { configSchema, defaultRunConfig, RUN_SETTINGS, issueText as settingIssueText } from '../../settings/index.js';
import { refuseForbiddenKeys } from '../../util/untrustedKeys.js';
import { isSeed, MAX_SEED } from '../../util/seed.js';
import { inputShapeFor, planLayers } from '../../nn/layers/plan.js';
import { checkLayerInit } from '../../init/layerNetwork.js';
import { resolveOptimizer } from '../../train/optimizers.js';
import { createSchedule } from '../../train/schedules.js';
import type { RunConfig } from '../runTypes.js';
import { canonicalJson, runId } from './ids.js';
import { parseEarlyStop, parseMetric, type EarlyStopSpec, type SweepMetric } from './earlyStop.js';
import { distinctValues, parseDistribution, sampleRows, type Distribution } from './search.js';

/*
 * A sweep spec: a base run and a grid of values to vary, as a JSON or YAML file (by extension).
 *
 *   name: depth-vs-init            # optional, free text (also: description)
 *   base:                          # a RunConfig; every field optional (defaults below)
 *     data: { name: circles, seed: 1, noise: 0.1 }
 *     network: { hidden: [16, 16], activation: relu }
 *     init: he                     # a spec string or {name: he}
 *     initSeed: 0
 *     training: { optimizer: sgd, learningRate: 0.05, iterations: 2000, logEvery: 100, targetLoss: 0.2 }
 *     # training.statsEvery: k records per-layer statistics every k updates in each run record
 *     # (`stats`); absent = off, and then the run ids are what they were without the field.
 *   grid:                          # every key: a list of values (seeds: also a count)
 *     inits: [zeros, "random:scale=10", he, { name: xavier }]
 *     depth: [1, 2, 4]             # depth × width → network.hidden = [width] * depth
 *     width: [8, 32]
 *     learningRate: [0.01, 0.1]
 *     data.noise: [0.05, 0.2]      # any dotted path into the RunConfig
 *     seeds: 20                    # init seeds base.initSeed … base.initSeed + 19 (or a list)
 *
 * Grid keys: friendly names (see AXIS_ALIASES: init/inits, seeds, data, depth, width, hidden,
 * activation, optimizer, learningRate, batchSize, iterations, …) or dotted paths into RunConfig
 * (`data.noise`, `training.optimizer.beta1`). Values named by `name` (data, optimizer, schedule)
 * may be written as a bare name; an object (or name) equal to the base's name is merged over the
 * base's parameters, a different name starts afresh (keeping the base data seed).
 *
 * Expansion order: the Cartesian product of the grid's axes in the order the file lists them,
 * the first key outermost and the last innermost. Values are applied shorter paths first, so
 * `data` then `data.noise`; depth × width last.
 *
 * Beyond grids (issue 13 item 3), the same keys in two more methods:
 *   method: random                 # `count` runs drawn with `seed` from per-key distributions (./search.ts)
 *   count: 20
 *   seed: 7
 *   parameters:
 *     learningRate: { distribution: log_uniform, min: 0.0001, max: 0.1 }
 *     inits: [he, xavier]          # a list is a choice
 *   ---
 *   method: list                   # one run per entry: overrides of the base
 *   runs: [{ lr: 0.1 }, { inits: xavier, depth: 3 }]
 * and, with any method: `metric: {name, goal}`, `earlyStop: {type: hyperband | median, min_iter,
 * eta}` (./earlyStop.ts, ./rungs.ts) and `saveInitial: true` (./runFiles.ts).
 */

/** The base run when the spec leaves a field out: every setting's default (src/settings/table.ts). */
export function defaultBaseConfig(): RunConfig {
  return defaultRunConfig();
}

/** Grid keys and the RunConfig path each one sets, from the settings table (depth and width are special). */
export const AXIS_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  RUN_SETTINGS.flatMap((s) => [s.key, ...(s.aliases ?? [])].map((key) => [key, s.path] as const)),
);
const SHAPE_KEYS = ['depth', 'width'] as const;
/** Largest expanded sweep accepted (util/limits.ts): a typo such as `seeds: 2000000` is refused before any expansion. */
export const MAX_RUNS = MAX_SWEEP_RUNS;

// ---- RunConfig schema: made from the settings table -------------------------------------------

const runConfigSchema = configSchema(RUN_SETTINGS);

const topSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    base: z.record(z.string(), z.unknown()).optional(),
    grid: z.record(z.string(), z.unknown()).optional(),
    // Search beyond grids, metric, early termination, stored weights (./search.ts, ./earlyStop.ts).
    method: z.enum(['grid', 'random', 'list'], { error: 'must be grid, random or list' }).optional(),
    count: z.unknown().optional(),
    seed: z.unknown().optional(),
    parameters: z.unknown().optional(),
    runs: z.unknown().optional(),
    metric: z.unknown().optional(),
    earlyStop: z.unknown().optional(),
    saveInitial: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

// ---- error messages ---------------------------------------------------------------------------

type PathKey = PropertyKey;

/** `spec.grid["data.noise"][1].name`: identifiers after a dot, other keys quoted, indices in brackets. */
export function formatPath(origin: string, path: readonly PathKey[]): string {
  return (
    origin +
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`))
      .join('')
  );
}

function issueText(issue: z.core.$ZodIssue, schema: z.ZodType = runConfigSchema): string {
  return settingIssueText(issue, schema);
}

function fail(file: string | undefined, message: string): never {
  throw new UsageError(`${file !== undefined ? `${file}: ` : ''}${message}.`);
}

// ---- the normalized spec ----------------------------------------------------------------------

/** A JSON value as read from a spec file. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One axis of the grid, values normalized (init specs canonical, names expanded to objects). */
export interface SweepAxis {
  /** The key as the spec wrote it (`inits`, `data.noise`). */
  key: string;
  /** What it sets: a RunConfig path, or the depth / width of network.hidden. */
  target: readonly string[] | 'depth' | 'width';
  values: JsonValue[];
}

/** A validated sweep spec: the complete base run and the grid of axes it expands to (see expandSweep). */
export interface SweepSpec {
  name?: string;
  description?: string;
  /** How the runs are made from the axes: their product (grid, the default), draws (random) or a list. */
  method?: 'grid' | 'random' | 'list';
  /** The complete base run (defaults filled in, init canonical). */
  base: RunConfig;
  /**
   * Axes in file order: for a grid, the first is the outermost loop of the expansion; for random
   * and list, every key met, with every value drawn or listed.
   */
  grid: SweepAxis[];
  /** random and list: each run as an index into each axis' values (−1: that axis leaves the base's value). */
  points?: number[][];
  /** What `summarize` and `report` rank by, and early termination decides on. */
  metric?: SweepMetric;
  /** Early termination at rungs (./earlyStop.ts). */
  earlyStop?: EarlyStopSpec;
  /** Also store each run's initial parameters (DIR/params/<id>.initial.safetensors). */
  saveInitial?: boolean;
  /** The file it came from, for error messages (absent for specs built in code). */
  file?: string;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges plain objects recursively; anything else (arrays included) replaces. */
function deepMerge(target: unknown, source: unknown): unknown {
  if (!isObject(target) || !isObject(source)) return structuredClone(source);
  const out: Obj = { ...target };
  for (const [k, v] of Object.entries(source)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

function setAt(target: Obj, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  node[path[path.length - 1]!] = structuredClone(value);
}

function getAt(target: unknown, path: readonly string[]): unknown {
  let node = target;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

/**
 * A value for a `name`d object (data set, optimizer, schedule): a bare name becomes `{name}`; an
 * object with the base's name (or none) is merged over the base; another name starts afresh
 * (data keeps the base's seed, so a data axis never silently reuses one set's parameters for another).
 */
function namedValue(base: unknown, value: unknown, keepSeed: boolean): unknown {
  const obj = typeof value === 'string' ? { name: value } : value;
  if (!isObject(obj) || !isObject(base)) return obj;
  if (obj['name'] === undefined || obj['name'] === base['name']) return { ...base, ...obj };
  return keepSeed && base['seed'] !== undefined ? { seed: base['seed'], ...obj } : obj;
}

const NAMED_PATHS: Readonly<Record<string, boolean>> = { data: true, 'training.optimizer': false, 'training.schedule': false };

/** Validates a full RunConfig; issues are reported through `where(issuePath)`. */
function checkConfig(config: unknown, report: (issue: z.core.$ZodIssue) => never): RunConfig {
  const parsed = runConfigSchema.safeParse(config, { reportInput: true });
  if (!parsed.success) report(parsed.error.issues[0]!);
  return config as RunConfig;
}

/*
 * Beyond the schema: the parts of a run that their own modules validate — the data set's parameters
 * (makeDataset builds it, so every range and file check runs), the optimizer's and the schedule's.
 * Results are cached by the part's canonical JSON, so a sweep of thousands of runs checks each
 * distinct part once.
 */
const partChecks = new Map<string, string | null>();

function checkPart(key: string, check: () => void): string | null {
  let result = partChecks.get(key);
  if (result === undefined) {
    try {
      check();
      result = null;
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      result = err.message;
    }
    partChecks.set(key, result);
  }
  return result;
}

/** The first problem of a config's data, optimizer or schedule, as `[field, message]`; undefined if none. */
function partProblem(config: RunConfig, initFromGrid = false): [string, string] | undefined {
  const t = config.training;
  const data = checkPart(`data ${canonicalJson(config.data)}`, () => void makeDataset(config.data));
  if (data !== null) return ['data', data];
  const n = config.network;
  if (n.layers !== undefined) {
    const key = `layers ${canonicalJson([n.layers, n.inputShape ?? null, n.hidden, n.activation, config.data, initFromGrid ? null : config.init])}`;
    const layers = checkPart(key, () => checkLayerConfig(config, !initFromGrid));
    if (layers !== null) return ['network', layers];
  }
  const opt = checkPart(`optimizer ${canonicalJson(t.optimizer)}`, () => void resolveOptimizer(t.optimizer, '\u0000'));
  if (opt !== null) return ['training.optimizer', opt];
  const sched = checkPart(`schedule ${canonicalJson([t.schedule ?? null, t.learningRate, t.iterations])}`, () => void createSchedule(t.schedule, t.learningRate, t.iterations, '\u0000'));
  if (sched !== null) return ['training.schedule', sched];
  return undefined;
}

/** network.layers planned on the data's feature count, and the init checked against every kernel (the head's size does not matter here). */
function checkLayerConfig(config: RunConfig, checkInit: boolean): void {
  const n = config.network;
  if (n.hidden.length > 0) throw new UsageError(`give either hidden [${n.hidden.join(', ')}] or layers, not both (the output layer follows layers as it follows hidden).`);
  const nFeatures = makeDataset(config.data).train.nFeatures;
  const planned = planLayers(n.layers, inputShapeFor(nFeatures, n.inputShape), n.activation);
  if (checkInit) checkLayerInit(resolveInit(config.init), planned);
}

/** A part's message with its placeholder location (`\u0000: …`) dropped: the caller names the place. */
function partMessage(message: string): string {
  return message.startsWith('\u0000: ') ? message.slice(3) : message;
}

function canonicalInit(value: unknown, where: string, file: string | undefined): InitSpec {
  if (typeof value !== 'string' && !isObject(value)) fail(file, `${where}: expected an initializer spec string such as 'he' or an object such as {"name": "he"} (got ${JSON.stringify(value)})`);
  try {
    return resolveInit(value as InitSpec | string, where).spec;
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${file !== undefined ? `${file}: ` : ''}${err.message}`);
    throw err;
  }
}

function startsWith(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => String(path[i]) === String(p));
}

/**
 * Validates an untrusted sweep spec (as parsed from the file) and normalizes it. Every error is a
 * UsageError naming the field path: `sweep.yaml: spec.grid.learningRate[2]: must be > 0 (got -1).`
 */
export function parseSweepSpec(raw: unknown, file?: string): SweepSpec {
  registerAllInitializers();
  if (!isObject(raw)) fail(file, `spec: the file must hold an object with 'base' and 'grid' (got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)})`);
  // Before any merge or assignment, where a '__proto__' key would silently set a prototype instead.
  refuseForbiddenKeys(raw, `${file !== undefined ? `${file}: ` : ''}spec`);
  const top = topSchema.safeParse(raw, { reportInput: true });
  if (!top.success) {
    const issue = top.error.issues[0]!;
    fail(file, `${formatPath('spec', issue.path)}: ${issueText(issue, topSchema)}${issue.code === 'unrecognized_keys' ? ' (a spec has name, description, method, base, grid or parameters or runs, metric, earlyStop and saveInitial)' : ''}`);
  }

  // The base: friendly forms, then defaults, then the schema.
  // A deep copy: the friendly forms below rewrite nested fields, and the caller's object stays as written.
  const rawBase: Obj = structuredClone(top.data.base ?? {}) as Obj;
  const defaults = defaultBaseConfig();
  // The init is replaced whole (never merged over the default's parameters) and canonicalized.
  const init = canonicalInit(rawBase['init'] ?? defaults.init, 'spec.base.init', file);
  delete rawBase['init'];
  for (const path of ['data', 'training.optimizer', 'training.schedule']) {
    const p = path.split('.');
    const v = getAt(rawBase, p);
    if (typeof v === 'string') setAt(rawBase, p, { name: v });
  }
  // A base with network.layers and no hidden has no dense hidden layers (not the default's).
  const rawNetwork = rawBase['network'];
  if (isObject(rawNetwork) && rawNetwork['layers'] !== undefined && rawNetwork['hidden'] === undefined) rawNetwork['hidden'] = [];
  // (The default data set has only a name and a seed, so merging another set over it is right.)
  const merged = deepMerge(defaults, rawBase) as Obj;
  const base = checkConfig(merged, (issue) => fail(file, `${formatPath('spec.base', issue.path)}: ${issueText(issue)}`));
  base.init = init;
  // The base's init is not run when the grid replaces it (a conv base keeps the default 'he', which fills dense kernels only).
  // Any axis may set the init: grid keys, random search's parameters, or a listed run's keys.
  const axisKeys = [
    ...Object.keys(isObject(top.data.grid) ? top.data.grid : {}),
    ...Object.keys(isObject(top.data.parameters) ? top.data.parameters : {}),
    ...(Array.isArray(top.data.runs) ? top.data.runs.flatMap((r: unknown) => (isObject(r) ? Object.keys(r) : [])) : []),
  ];
  const initFromGrid = axisKeys.some((k) => AXIS_ALIASES[k] === 'init' || k === 'init');
  const baseProblem = partProblem(base, initFromGrid);
  if (baseProblem) throw new UsageError(`${file !== undefined ? `${file}: ` : ''}${formatPath('spec.base', baseProblem[0].split('.'))}: ${partMessage(baseProblem[1])}`);

  const method = top.data.method ?? 'grid';
  const keysFor: Record<typeof method, string[]> = { grid: ['grid'], random: ['count', 'seed', 'parameters'], list: ['runs'] };
  for (const key of ['grid', 'count', 'seed', 'parameters', 'runs'] as const) {
    if (top.data[key] !== undefined && !keysFor[method].includes(key)) {
      fail(file, `spec.${key}: belongs to method ${Object.entries(keysFor).find(([, ks]) => ks.includes(key))![0]}, but the spec's method is ${method}; remove it or set method`);
    }
  }
  const axes = new AxisBuilder(base, file, initFromGrid);
  let points: number[][] | undefined;
  if (method === 'grid') {
    const rawGrid = isObject(top.data.grid) ? top.data.grid : {};
    // The size first, from the lists' lengths alone: a grid of 10^6 runs is refused before its values
    // are validated or expanded (that cost 65 s and 1.3 GB before, issue 12 item 10).
    let planned = 1;
    for (const [key, values] of Object.entries(rawGrid)) {
      planned *= key === 'seeds' && typeof values === 'number' ? values : Array.isArray(values) ? Math.max(1, values.length) : 1;
    }
    if (planned > MAX_RUNS) fail(file, `spec.grid: ${planned} runs is more than ${MAX_RUNS}, the most one sweep may hold; split the sweep`);
    for (const [key, rawValues] of Object.entries(rawGrid)) {
      const where = formatPath('spec.grid', [key]);
      const axis = axes.axis(key, where);
      // seeds: a count N means base.initSeed … base.initSeed + N − 1.
      let list: unknown = rawValues;
      if (key === 'seeds' && typeof rawValues === 'number') {
        if (!Number.isInteger(rawValues) || rawValues < 1 || rawValues > MAX_RUNS) fail(file, `${where}: a seed count must be a whole number from 1 to ${MAX_RUNS} (got ${rawValues})`);
        if (base.initSeed + rawValues - 1 > MAX_SEED) fail(file, `${where}: seeds from ${base.initSeed} would pass 2^32 − 1`);
        list = Array.from({ length: rawValues }, (_, i) => base.initSeed + i);
      }
      if (!Array.isArray(list)) fail(file, `${where}: expected a list of values${key === 'seeds' ? ' or a count' : ''} (got ${JSON.stringify(rawValues)})`);
      if (list.length === 0) fail(file, `${where}: must list at least one value`);
      list.forEach((value: unknown, i) => {
        const at = `${where}[${i}]`;
        const before = axis.values.length;
        const index = axes.value(axis, value, at);
        if (index < before) fail(file, `${at}: repeats ${where}[${index}]`);
      });
    }
  } else if (method === 'random') {
    points = randomPoints(top.data, axes, file);
  } else {
    points = listPoints(top.data.runs, axes, file);
  }
  const grid = axes.axes;

  // depth / width build network.hidden: nothing else may set it, and a lone depth needs a uniform base.
  const shapeAxes = grid.filter((a) => typeof a.target === 'string');
  if (shapeAxes.length > 0) {
    const other = grid.find((a) => typeof a.target !== 'string' && startsWith(['network', 'hidden'], a.target));
    const origin = method === 'grid' ? 'spec.grid' : method === 'random' ? 'spec.parameters' : 'spec.runs';
    if (other) fail(file, `${origin}: '${shapeAxes[0]!.key}' and '${other.key}' both set network.hidden; use depth/width or hidden, not both`);
    const hidden = base.network.hidden;
    const widthEverywhere = points === undefined ? grid.some((a) => a.target === 'width') : points.every((p) => p.some((v, i) => v >= 0 && grid[i]!.target === 'width'));
    if (!widthEverywhere && (hidden.length === 0 || hidden.some((h) => h !== hidden[0]))) {
      fail(file, `${origin}.depth: base.network.hidden [${hidden.join(', ')}] has no single width; add a 'width' axis or make base.network.hidden uniform`);
    }
  }

  const total = points?.length ?? grid.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_RUNS) fail(file, `spec.grid: ${total} runs is more than ${MAX_RUNS}, the most one sweep may hold; split the sweep`);

  let metric: SweepMetric | undefined;
  if (top.data.metric !== undefined) {
    const m = parseMetric(top.data.metric);
    if (typeof m === 'string') fail(file, `spec.metric: ${m}`);
    metric = m;
  }
  let earlyStop: EarlyStopSpec | undefined;
  if (top.data.earlyStop !== undefined) {
    const e = parseEarlyStop(top.data.earlyStop);
    if (typeof e === 'string') fail(file, `spec.earlyStop: ${e}`);
    if (metric === undefined) fail(file, `spec.earlyStop: needs a metric to rank runs by; add metric: {name: testLoss, goal: minimize}`);
    earlyStop = e;
  }

  return {
    ...(top.data.name !== undefined ? { name: top.data.name } : {}),
    ...(top.data.description !== undefined ? { description: top.data.description } : {}),
    method,
    base,
    grid,
    ...(points !== undefined ? { points } : {}),
    ...(metric !== undefined ? { metric } : {}),
    ...(earlyStop !== undefined ? { earlyStop } : {}),
    ...(top.data.saveInitial === true ? { saveInitial: true } : {}),
    ...(file !== undefined ? { file } : {}),
  };
}

/**
 * The axes of a spec as its keys are met (grid keys, random parameters, list entries' keys): each
 * key resolved to what it sets, each value normalized and validated against the base once.
 */
class AxisBuilder {
  readonly axes: SweepAxis[] = [];
  private readonly byKey = new Map<string, SweepAxis>();
  private readonly seen = new Map<string, string>();
  private readonly indices = new Map<SweepAxis, Map<string, number>>();

  constructor(
    private readonly base: RunConfig,
    private readonly file: string | undefined,
    /** Some axis sets the init, so the base's own init is not checked against a layers network. */
    private readonly initFromGrid = false,
  ) {}

  /** The axis of `key` (made on first use); `where` names the key in messages. */
  axis(key: string, where: string): SweepAxis {
    const known = this.byKey.get(key);
    if (known) return known;
    const file = this.file;
    const shape = (SHAPE_KEYS as readonly string[]).includes(key) ? (key as 'depth' | 'width') : undefined;
    let target: readonly string[] | 'depth' | 'width';
    if (shape) target = shape;
    else if (AXIS_ALIASES[key] !== undefined) target = AXIS_ALIASES[key].split('.');
    else if (key.includes('.') && key.split('.').every((s) => s !== '')) target = key.split('.');
    else {
      const root = ['data', 'network', 'init', 'initSeed', 'training'];
      if (root.includes(key)) target = [key];
      else fail(file, `${where}: unknown grid key '${key}'.${didYouMean(key, [...Object.keys(AXIS_ALIASES), ...SHAPE_KEYS])} Use a friendly key (${[...Object.keys(AXIS_ALIASES), ...SHAPE_KEYS].join(', ')}) or a dotted path such as 'data.noise'`);
    }
    const dotted = typeof target === 'string' ? target : target.join('.');
    const clash = this.seen.get(dotted);
    if (clash !== undefined) fail(file, `${where.slice(0, where.lastIndexOf(formatPath('', [key])))}: '${clash}' and '${key}' both set ${dotted}; keep one`);
    this.seen.set(dotted, key);
    const axis: SweepAxis = { key, target, values: [] };
    this.axes.push(axis);
    this.byKey.set(key, axis);
    this.indices.set(axis, new Map());
    return axis;
  }

  /** Normalizes and validates `value` for `axis` (named `at` in messages); returns its index in axis.values (an earlier one for a repeat). */
  value(axis: SweepAxis, value: unknown, at: string): number {
    const file = this.file;
    const base = this.base;
    const shape = typeof axis.target === 'string' ? axis.target : undefined;
    const where = at.replace(/\[\d+\]$/, '');
    let normalized: unknown;
    if (shape) {
      const most = shape === 'depth' ? MAX_DEPTH : MAX_WIDTH;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > most) fail(file, `${at}: ${shape} must be a whole number from 1 to ${most} (got ${JSON.stringify(value)})`);
      normalized = value;
    } else {
      const path = axis.target as readonly string[];
      const p = path.join('.');
      normalized = p === 'init' ? canonicalInit(value, at, file) : p in NAMED_PATHS ? namedValue(getAt(base, path), value, NAMED_PATHS[p]!) : value;
      const k = canonicalJson(normalized);
      const known = this.indices.get(axis)!.get(k);
      if (known !== undefined) return known;
      const probe = structuredClone(base) as unknown as Obj;
      setAt(probe, path, normalized);
      checkConfig(probe, (issue) => {
        if (startsWith(issue.path, path)) fail(file, `${formatPath(at, issue.path.slice(path.length))}: ${issueText(issue)}`);
        if (issue.code === 'unrecognized_keys' && startsWith(path, issue.path)) {
          fail(file, `${where}: ${formatPath('', issue.path).slice(1) || 'the run config'} has no field ${issue.keys.map((k) => `'${k}'`).join(', ')}`);
        }
        fail(file, `${at}: makes the run config invalid at ${formatPath('', issue.path).slice(1)}: ${issueText(issue)}`);
      });
      // The base passed these checks, so a problem here is this value's.
      const problem = partProblem(probe as unknown as RunConfig, this.initFromGrid && p !== 'init');
      if (problem) throw new UsageError(`${file !== undefined ? `${file}: ` : ''}${at}: ${partMessage(problem[1])}`);
    }
    const k = canonicalJson(normalized);
    const indices = this.indices.get(axis)!;
    const known = indices.get(k);
    if (known !== undefined) return known;
    indices.set(k, axis.values.length);
    axis.values.push(normalized as JsonValue);
    return axis.values.length - 1;
  }
}

/** Most draws tried for a random search: count × this (duplicates are drawn again, see search.ts). */
const DRAWS_PER_RUN = 100;

/** method: random — `count` runs drawn from `parameters` with `seed` (./search.ts). */
function randomPoints(top: Obj, axes: AxisBuilder, file: string | undefined): number[][] {
  const { count, seed: rawSeed, parameters } = top;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RUNS) fail(file, `spec.count: the number of runs to draw, a whole number from 1 to ${MAX_RUNS} (got ${JSON.stringify(count)})`);
  if (rawSeed === undefined) fail(file, 'spec.seed: method random needs a seed (a whole number 0 … 2^32 − 1), so that the runs drawn are the same every time');
  if (!isSeed(rawSeed)) fail(file, `spec.seed: must be a whole number 0 … 2^32 − 1 (got ${JSON.stringify(rawSeed)})`);
  if (!isObject(parameters) || Object.keys(parameters).length === 0) fail(file, `spec.parameters: method random needs parameters: {key: {distribution, …} or a list of values} (got ${JSON.stringify(parameters)})`);
  const keys = Object.keys(parameters);
  const dists: Distribution[] = [];
  const list: SweepAxis[] = [];
  for (const key of keys) {
    const where = formatPath('spec.parameters', [key]);
    const d = parseDistribution(parameters[key]);
    if (typeof d === 'string') fail(file, `${where}: ${d}`);
    dists.push(d);
    list.push(axes.axis(key, where));
  }
  const possible = dists.reduce((n, d) => n * distinctValues(d), 1);
  if (possible < count) fail(file, `spec.count: the parameters give only ${possible} different runs, fewer than count ${count}; lower count or widen the parameters`);
  const seenPoints = new Set<string>();
  const points: number[][] = [];
  let drawn = 0;
  const rows = sampleRows(
    dists,
    count,
    rawSeed,
    (row) => {
      drawn++;
      const point = row.map((value, i) => axes.value(list[i]!, value, `${formatPath('spec.parameters', [keys[i]!])} (draw ${drawn} gave ${JSON.stringify(value)})`));
      const k = point.join(',');
      if (seenPoints.has(k)) return false;
      seenPoints.add(k);
      points.push(point);
      return true;
    },
    count * DRAWS_PER_RUN,
  );
  if (rows === undefined) fail(file, `spec.count: ${count * DRAWS_PER_RUN} draws gave only ${points.length} different runs; lower count or widen the parameters`);
  // Every axis of a random search is set in every run.
  return points;
}

/** method: list — `runs`, a list of {key: value} overrides of the base, one run each. */
function listPoints(runs: unknown, axes: AxisBuilder, file: string | undefined): number[][] {
  if (!Array.isArray(runs) || runs.length === 0) fail(file, `spec.runs: method list needs runs: a non-empty list of {key: value} overrides of the base (got ${JSON.stringify(runs)})`);
  if (runs.length > MAX_RUNS) fail(file, `spec.runs: ${runs.length} runs is more than ${MAX_RUNS}, the most one sweep may hold; split the sweep`);
  const entries: [SweepAxis, number][][] = runs.map((entry: unknown, r) => {
    const at = formatPath('spec.runs', [r]);
    if (!isObject(entry)) fail(file, `${at}: expected an object of {key: value} overrides (got ${JSON.stringify(entry)})`);
    return Object.entries(entry).map(([key, value]): [SweepAxis, number] => {
      const axis = axes.axis(key, formatPath(at, [key]));
      return [axis, axes.value(axis, value, formatPath(at, [key]))];
    });
  });
  // A key an entry leaves out keeps the base's value there (−1).
  return entries.map((pairs) => {
    const point = axes.axes.map(() => -1);
    for (const [axis, index] of pairs) point[axes.axes.indexOf(axis)] = index;
    return point;
  });
}

/** The number of runs a spec expands to. */
export function sweepSize(spec: SweepSpec): number {
  return spec.points?.length ?? spec.grid.reduce((n, a) => n * a.values.length, 1);
}

/** One combination's config: the base with each axis' value applied (shorter paths first, depth × width last). */
function configFor(spec: SweepSpec, choice: readonly number[]): RunConfig {
  const config = structuredClone(spec.base) as unknown as Obj;
  const order = spec.grid
    .map((axis, i) => ({ axis, value: axis.values[choice[i]!]! }))
    .filter((_, i) => choice[i]! >= 0)
    .sort((a, b) => rank(a.axis) - rank(b.axis));
  let depth: number | undefined;
  let width: number | undefined;
  for (const { axis, value } of order) {
    if (axis.target === 'depth') depth = value as number;
    else if (axis.target === 'width') width = value as number;
    else setAt(config, axis.target, value);
  }
  if (depth !== undefined || width !== undefined) {
    const hidden = (config as unknown as RunConfig).network.hidden;
    const d = depth ?? hidden.length;
    const w = width ?? hidden[0]!;
    (config as unknown as RunConfig).network.hidden = Array.from({ length: d }, () => w);
  }
  // float64 is the default: a config never carries it, so runs keep the ids they had before dtype existed.
  if (config['dtype'] === 'float64') delete config['dtype'];
  return config as unknown as RunConfig;
}

function rank(axis: SweepAxis): number {
  return typeof axis.target === 'string' ? Number.MAX_SAFE_INTEGER : axis.target.length;
}

/** A combination in words, for error messages: `inits=he, learningRate=0.1`. */
function describeChoice(spec: SweepSpec, choice: readonly number[]): string {
  const set = spec.grid.map((a, i) => (choice[i]! >= 0 ? `${a.key}=${JSON.stringify(a.values[choice[i]!])}` : '')).filter((t) => t !== '');
  return set.length > 0 ? set.join(', ') : 'the base alone';
}

/**
 * Every run of a sweep, in a deterministic order: the product of the axes in file order, the first
 * axis outermost. Throws a UsageError when a combination is invalid or two combinations are the same run.
 */
export function expandSweep(spec: SweepSpec): RunConfig[] {
  const total = sweepSize(spec);
  const configs: RunConfig[] = [];
  const ids = new Map<string, number[]>();
  const choice = spec.grid.map(() => 0);
  const prefix = `${spec.file !== undefined ? `${spec.file}: ` : ''}spec.${spec.method === 'random' ? 'parameters' : spec.method === 'list' ? 'runs' : 'grid'}: `;
  for (let n = 0; n < total; n++) {
    // random and list: the drawn or listed runs, in order; grid: the odometer below.
    if (spec.points) choice.splice(0, choice.length, ...spec.points[n]!);
    const config = configFor(spec, choice);
    checkConfig(config, (issue) => {
      throw new UsageError(`${prefix}the combination ${describeChoice(spec, choice)} gives an invalid run: ${formatPath('', issue.path).slice(1)}: ${issueText(issue)}.`);
    });
    const problem = partProblem(config);
    if (problem) {
      throw new UsageError(`${prefix}the combination ${describeChoice(spec, choice)} gives an invalid run: ${problem[0]}: ${partMessage(problem[1])}`);
    }
    const id = runId(config);
    const earlier = ids.get(id);
    if (earlier) {
      throw new UsageError(`${prefix}the combinations ${describeChoice(spec, earlier)} and ${describeChoice(spec, choice)} give the same run; remove one of the values.`);
    }
    ids.set(id, [...choice]);
    configs.push(config);
    // odometer: the last axis turns fastest
    for (let a = choice.length - 1; a >= 0; a--) {
      if (++choice[a]! < spec.grid[a]!.values.length) break;
      choice[a] = 0;
    }
  }
  return configs;
}

/** Reads a spec file: JSON for .json, YAML for .yaml/.yml. Errors name the file. */
export function readSweepSpecText(path: string): { raw: unknown; text: string } {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new UsageError(`${path}: a sweep spec must be a .json, .yaml or .yml file (the extension picks the parser).`);
  }
  const text = readTextFileBounded(path, MAX_SPEC_FILE_BYTES, path);
  try {
    const raw: unknown = ext === '.json' ? JSON.parse(text) : parseYaml(text);
    return { raw, text };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0]!.trim();
    throw new UsageError(`${path}: not valid ${ext === '.json' ? 'JSON' : 'YAML'} (${first}).`);
  }
}

/** Reads and validates a spec file. */
export function readSweepSpec(path: string): { spec: SweepSpec; raw: unknown } {
  const { raw } = readSweepSpecText(path);
  return { spec: parseSweepSpec(raw, path), raw };
}
