import type { z } from 'zod';
import type { Dtype } from '../core/dtype.js';
import { COMPARE_SETTINGS, configSchema, issueText, setPath } from '../settings/index.js';
import type { InitSpec } from '../init/types.js';
import { resolveInit } from '../init/spec.js';
import { UsageError } from '../util/errors.js';

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
 * The course's experiment (deeplearning.ai, "Initialization"): make_circles 300 train / 100 test points, noise 0.05, seeds 1 and 2; layers [2, 10, 5, 1]; lr 0.01 for 15000 iterations, cost logged every 1000; init seed 3. Every value is its setting's default in src/settings/compareSettings.ts.
 */
export function defaultCompareConfig(): CompareConfig {
  // The results document keeps its field order: data, network, training, inits, initSeed.
  const config: Record<string, unknown> = { data: {}, network: {}, training: {}, inits: [], initSeed: 0 };
  for (const s of COMPARE_SETTINGS) if (s.default !== undefined) setPath(config, s.path, structuredClone(s.default));
  return config as unknown as CompareConfig;
}

const inputSchema = configSchema(COMPARE_SETTINGS, { partial: true });

function describeIssue(issue: z.core.$ZodIssue, origin: string, names: Readonly<Record<string, string>>): string {
  const dotted = issue.path.map(String).join('.');
  const path = names[dotted] ?? [origin, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
  const readme = issue.code === 'unrecognized_keys' ? ' (see README, "Config file")' : '';
  return `${path}: ${issueText(issue, inputSchema)}${readme}.`;
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
