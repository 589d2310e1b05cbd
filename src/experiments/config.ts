import { z } from 'zod';
import { DTYPES, type Dtype } from '../core/dtype.js';
import type { InitSpec } from '../init/types.js';
import { resolveInit } from '../init/spec.js';
import { UsageError } from '../util/errors.js';
import { knownKeysAt, unknownFieldsText } from '../util/zodKeys.js';
import { MAX_DEPTH, MAX_ITERATIONS, MAX_WIDTH } from '../util/limits.js';

/**
 * The configuration of a `compare` run. Its defaults are the course notebook's experiment
 * (test/fixtures/reference/coursera-initialization.json, field `config`).
 */
export interface CompareConfig {
  data: {
    name: 'circles';
    trainSamples: number;
    testSamples: number;
    noise: number;
    trainSeed: number;
    testSeed: number;
  };
  network: { hidden: number[] };
  /** statsEvery: record layer statistics every k updates (absent = off; see trainingStatistics.ts). */
  training: { learningRate: number; iterations: number; logEvery: number; statsEvery?: number };
  inits: InitSpec[];
  initSeed: number;
  /**
   * float32: train on the general engine in float32 (costs are then the stable binary cross-entropy,
   * which equals the course's formula wherever that is finite). Absent: float64 on the course's engine.
   */
  dtype?: Dtype;
}

/** A partial config as read from a file or built from flags: every field optional. */
export interface CompareConfigInput {
  data?: Partial<CompareConfig['data']>;
  network?: Partial<CompareConfig['network']>;
  training?: Partial<CompareConfig['training']>;
  inits?: InitSpec[];
  initSeed?: number;
  dtype?: Dtype;
}

/**
 * The course's experiment (deeplearning.ai, "Initialization"): make_circles 300 train / 100 test points, noise 0.05, seeds 1 and 2; layers [2, 10, 5, 1]; lr 0.01 for 15000 iterations, cost logged every 1000; init seed 3.
 */
export function defaultCompareConfig(): CompareConfig {
  return {
    data: { name: 'circles', trainSamples: 300, testSamples: 100, noise: 0.05, trainSeed: 1, testSeed: 2 },
    network: { hidden: [10, 5] },
    training: { learningRate: 0.01, iterations: 15000, logEvery: 1000 },
    inits: [{ name: 'zeros' }, { name: 'random', scale: 10 }, { name: 'he' }],
    initSeed: 3,
  };
}

/** numpy's legacy `seed()` takes 0 ≤ seed < 2^32. */
const seed = z.number().int('must be an integer').min(0, 'must be ≥ 0').max(2 ** 32 - 1, 'must be < 2^32');
const count = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number().int('must be an integer').min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`);
const paramValue = z.union([z.number(), z.string(), z.boolean()]);

const inputSchema = z
  .object({
    data: z
      .object({
        name: z.literal('circles', { error: 'must be "circles" (the only data set so far)' }),
        trainSamples: count(2),
        testSamples: count(2),
        noise: z.number().min(0, 'must be ≥ 0').refine(Number.isFinite, 'must be finite'),
        trainSeed: seed,
        testSeed: seed,
      })
      .partial()
      .strict(),
    network: z.object({ hidden: z.array(count(1, MAX_WIDTH)).max(MAX_DEPTH, `must list at most ${MAX_DEPTH} layers`) }).partial().strict(),
    training: z
      .object({
        learningRate: z.number().gt(0, 'must be > 0').refine(Number.isFinite, 'must be finite'),
        iterations: count(1, MAX_ITERATIONS),
        logEvery: count(1, MAX_ITERATIONS),
        statsEvery: count(1, MAX_ITERATIONS),
      })
      .partial()
      .strict(),
    inits: z
      .array(z.object({ name: z.string().min(1, 'must be a non-empty string') }).catchall(paramValue))
      .min(1, 'must list at least one initializer'),
    initSeed: seed,
    dtype: z.enum(DTYPES as [Dtype, ...Dtype[]], { error: `must be one of ${DTYPES.join(', ')}` }),
  })
  .partial()
  .strict();

function describeIssue(issue: z.core.$ZodIssue, origin: string, names: Readonly<Record<string, string>>): string {
  const dotted = issue.path.map(String).join('.');
  const path = names[dotted] ?? [origin, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
  if (issue.code === 'unrecognized_keys') {
    return `${path}: ${unknownFieldsText(issue.keys, knownKeysAt(inputSchema, issue.path))} (see README, "Config file").`;
  }
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as null.
  if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return `${path}: out of range (got ${String(issue.input)}; a number must lie within ±1.8e308).`;
  const got = issue.input === undefined ? ' (missing)' : ` (got ${JSON.stringify(issue.input)})`;
  // zod's own messages start with "Invalid …"; ours ("must be > 0") read better after the path.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid')) return `${path}: expected ${issue.expected}${got}.`;
  return `${path}: ${issue.message}${got}.`;
}

/**
 * Validates an untrusted config object (from JSON or flags). `origin` prefixes field paths in
 * errors (`config` for files, so a message reads `config.training.learningRate: must be > 0`);
 * `names` maps a dotted field path to the flag that set it (`training.learningRate` → `--lr`).
 */
export function validateCompareInput(raw: unknown, origin = 'config', names: Readonly<Record<string, string>> = {}): CompareConfigInput {
  const parsed = inputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new UsageError(describeIssue(parsed.error.issues[0]!, origin, names));
  return parsed.data as CompareConfigInput;
}

/** Layers defaults ← file ← flags, then checks every initializer spec against the registry. */
export function resolveCompareConfig(...layers: CompareConfigInput[]): CompareConfig {
  const config = defaultCompareConfig();
  for (const layer of layers) {
    Object.assign(config.data, layer.data ?? {});
    Object.assign(config.network, layer.network ?? {});
    Object.assign(config.training, layer.training ?? {});
    if (layer.inits) config.inits = layer.inits.map((s) => ({ ...s }));
    if (layer.initSeed !== undefined) config.initSeed = layer.initSeed;
    if (layer.dtype !== undefined) config.dtype = layer.dtype;
  }
  // float64 is the default and is never written out: results of the exact reproduction keep their form.
  if (config.dtype === 'float64') delete config.dtype;
  // Canonical specs (defaults filled in) are what results record, so a results file says exactly
  // which scale 'random' used even when the user wrote only 'random'.
  config.inits = config.inits.map((spec, i) => resolveInit(spec, `inits[${i}]`).spec);
  return config;
}
