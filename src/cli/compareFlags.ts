import type { CompareConfigInput } from '../experiments/config.js';
import { validateCompareInput } from '../experiments/config.js';
import { parseInitList, resolveInit } from '../init/spec.js';
import { readTextFileBounded } from '../util/boundedRead.js';
import { parseDtypeFlag } from './dtypeFlag.js';
import { UsageError } from '../util/errors.js';
import { MAX_SPEC_FILE_BYTES } from '../util/limits.js';
import { parseDecimal } from '../util/numberText.js';
import { refuseForbiddenKeys } from '../util/untrustedKeys.js';

/** The raw `initlab compare` flags as commander hands them over (strings until validated). */
export interface CompareFlags {
  config?: string;
  inits?: string;
  hidden?: string;
  lr?: string;
  iterations?: string;
  logEvery?: string;
  trainSamples?: string;
  testSamples?: string;
  noise?: string;
  trainSeed?: string;
  testSeed?: string;
  /** The init seed (`--seed`; `--init-seed` before). */
  seed?: string;
  statsEvery?: string;
  dtype?: string;
}

/** Which flag sets which config field, so errors name what the user typed. */
export const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  'data.trainSamples': '--train-samples',
  'data.testSamples': '--test-samples',
  'data.noise': '--noise',
  'data.trainSeed': '--train-seed',
  'data.testSeed': '--test-seed',
  'network.hidden': '--hidden',
  'training.learningRate': '--lr',
  'training.iterations': '--iterations',
  'training.logEvery': '--log-every',
  'training.statsEvery': '--stats-every',
  initSeed: '--seed',
  dtype: '--dtype',
};

function toNumber(flag: string, text: string): number {
  const x = parseDecimal(flag, text);
  if (x === undefined) throw new UsageError(`${flag}: expected a number, got '${text}'.`);
  return x;
}

function toList(flag: string, text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => toNumber(flag, part));
}

/** Reads and validates a `--config` JSON file; errors name the file and the field path. */
export function readConfigFile(path: string): CompareConfigInput {
  const text = readTextFileBounded(path, MAX_SPEC_FILE_BYTES, `--config ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--config ${path}: not valid JSON (${(err as Error).message}).`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`--config ${path}: the file must hold a JSON object such as {"training": {"iterations": 5000}}.`);
  }
  refuseForbiddenKeys(raw, `${path}: config`);
  const input = validateCompareInput(raw, `${path}: config`);
  input.inits?.forEach((spec, i) => resolveInit(spec, `${path}: config.inits[${i}]`));
  return input;
}

/** Turns flags into a config layer that overrides the file's values. */
export function flagsToConfig(flags: CompareFlags): CompareConfigInput {
  const raw: Record<string, Record<string, unknown> | unknown> = {};
  const data: Record<string, number> = {};
  const training: Record<string, number> = {};
  if (flags.trainSamples !== undefined) data['trainSamples'] = toNumber('--train-samples', flags.trainSamples);
  if (flags.testSamples !== undefined) data['testSamples'] = toNumber('--test-samples', flags.testSamples);
  if (flags.noise !== undefined) data['noise'] = toNumber('--noise', flags.noise);
  if (flags.trainSeed !== undefined) data['trainSeed'] = toNumber('--train-seed', flags.trainSeed);
  if (flags.testSeed !== undefined) data['testSeed'] = toNumber('--test-seed', flags.testSeed);
  if (flags.lr !== undefined) training['learningRate'] = toNumber('--lr', flags.lr);
  if (flags.iterations !== undefined) training['iterations'] = toNumber('--iterations', flags.iterations);
  if (flags.logEvery !== undefined) training['logEvery'] = toNumber('--log-every', flags.logEvery);
  if (flags.statsEvery !== undefined) training['statsEvery'] = toNumber('--stats-every', flags.statsEvery);
  if (Object.keys(data).length > 0) raw['data'] = data;
  if (Object.keys(training).length > 0) raw['training'] = training;
  if (flags.hidden !== undefined) raw['network'] = { hidden: toList('--hidden', flags.hidden) };
  if (flags.seed !== undefined) raw['initSeed'] = toNumber('--seed', flags.seed);
  if (flags.dtype !== undefined) raw['dtype'] = parseDtypeFlag(flags.dtype);
  if (flags.inits !== undefined) {
    const specs = parseInitList(flags.inits);
    specs.forEach((spec) => resolveInit(spec, '--inits'));
    raw['inits'] = specs;
  }
  const names: Record<string, string> = { ...FLAG_FOR_FIELD };
  // network.hidden.1 → --hidden as well
  if (flags.hidden !== undefined) flags.hidden.split(',').forEach((_, i) => (names[`network.hidden.${i}`] = '--hidden'));
  return validateCompareInput(raw, 'flags', names);
}
