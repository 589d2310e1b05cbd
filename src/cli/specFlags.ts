import { makeDataset } from '../data/makeDataset.js';
import { DATASET_NAMES } from '../data/registry.js';
import type { DataSpec } from '../core/runConfig.js';
import { UsageError, didYouMean } from '../util/errors.js';
import { parseNamedSpec, type NamedSpec } from '../util/namedSpec.js';
import { isSeed, MAX_SEED } from '../util/seed.js';

/* Flags that name a thing with parameters, written like initializer specs: `name:key=value:…`. */

/**
 * `name` or `name:key=value[:key=value…]` (as initializer specs), numbers and true/false typed: the
 * grammar and refusals of util/namedSpec.ts, messages reading `FLAG 'TEXT': …` with `example` as
 * the form to write.
 */
export function namedSpec(flag: string, text: string, example = 'moons:noise=0.2'): NamedSpec {
  return parseNamedSpec(text, { where: flag, example });
}

/** A data-set flag ('moons', 'circles:noise=0.1:factor=0.5'): a known generator whose parameters make a data set (seed 1 unless given). */
export function parseDataFlag(flag: string, text: string): DataSpec {
  const { name, params } = namedSpec(flag, text);
  if (!DATASET_NAMES.includes(name)) throw new UsageError(`${flag}: unknown data set '${name}'.${didYouMean(name, DATASET_NAMES)} Known: ${DATASET_NAMES.join(', ')}.`);
  if ('seed' in params && !isSeed(params['seed'])) {
    throw new UsageError(`${flag}: seed must be a whole number from 0 to ${MAX_SEED}, got '${String(params['seed'])}'.`);
  }
  const spec = { seed: 1, ...params, name } as DataSpec;
  try {
    makeDataset(spec);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${flag} '${text}': ${err.message}`);
    throw err;
  }
  return spec;
}

