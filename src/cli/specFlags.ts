import { makeDataset } from '../data/makeDataset.js';
import { DATASET_NAMES } from '../data/registry.js';
import type { DataSpec } from '../core/runConfig.js';
import { UsageError, didYouMean } from '../util/errors.js';
import { DECIMAL, parseDecimal } from '../util/numberText.js';
import { setOwn } from '../util/untrustedKeys.js';
import { isSeed, MAX_SEED } from '../util/seed.js';

/* Flags that name a thing with parameters, written like initializer specs: `name:key=value:…`. */

/** A plain decimal number (what a key=value becomes a number from). */
export const NUMBER = DECIMAL;

/** `name` or `name:key=value[:key=value…]` (as initializer specs), numbers and true/false typed. */
export function namedSpec(flag: string, text: string): { name: string; params: Record<string, string | number | boolean> } {
  const [name, ...rest] = text.trim().split(':');
  if (!name) throw new UsageError(`${flag}: empty value; write a name such as 'moons' or 'moons:noise=0.2'.`);
  const params: Record<string, string | number | boolean> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new UsageError(`${flag} '${text}': malformed parameter '${part}'; write key=value, e.g. 'moons:noise=0.2'.`);
    const value = part.slice(eq + 1).trim();
    const key = part.slice(0, eq).trim();
    // setOwn: '__proto__' stays a parameter, so the thing it names refuses it as unknown.
    setOwn(params, key, value === 'true' ? true : value === 'false' ? false : (parseDecimal(`${flag} '${text}': parameter '${key}'`, value) ?? value));
  }
  return { name, params };
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

