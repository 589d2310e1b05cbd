import type { RandomKind } from '../random/index.js';
import { UsageError } from '../util/errors.js';
import { isSeed, MAX_SEED } from '../util/seed.js';

/** The serialized form of an `InitlabInitializer` (what `getConfig()` returns and a saved model holds). */
export type InitlabInitializerConfig = {
  /** The initlab spec string, escaped by `escapeSpec` (see there); `'he'`, `'random:scale=0.01'`. */
  spec: string;
  /** The base seed: apply call k draws from a generator seeded with (seed + k) mod 2^32. */
  seed: number;
  /** Which generator drives the draws: initlab's xoshiro128** ('default') or numpy's MT19937 ('numpy'). */
  rng: RandomKind;
};

/**
 * TF.js rewrites every string value of a model's config when it saves and loads it: `toSnakeCase`
 * on save (`heNormal` → `he_normal`) and `toCamelCase` on load (`he_normal` → `heNormal`), so a spec
 * such as `torch:kaiming_normal:mode=fan_out` would come back as `torch:kaimingNormal:mode=fanOut`.
 * The config therefore stores the spec with `%`, `_` and capital letters written as `%xx` (the
 * URI escape of the character, in lower-case hex: `_` → `%5f`), which both rewrites leave alone. Specs without those characters
 * (`he`, `random:scale=0.01`) are stored as they are, and an unescaped spec in a hand-written
 * config is read as it is.
 */
export function escapeSpec(spec: string): string {
  return spec.replace(/[%_A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The inverse of `escapeSpec`. */
export function unescapeSpec(stored: string): string {
  return stored.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Checks a (possibly deserialized, possibly hand-written) config and fills the defaults. */
export function readConfig(raw: unknown): InitlabInitializerConfig {
  const where = 'InitlabInitializer config';
  if (raw === null || typeof raw !== 'object') throw new UsageError(`${where} must be an object {spec, seed, rng}.`);
  const obj = raw as Record<string, unknown>;
  const spec = obj['spec'];
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new UsageError(`${where} needs "spec", an initlab spec string such as 'he' or 'random:scale=0.01'.`);
  }
  const seed = obj['seed'] ?? 0;
  if (!isSeed(seed)) {
    throw new UsageError(`${where}: "seed" must be an integer in 0..${MAX_SEED} (got ${JSON.stringify(seed)}).`);
  }
  const rng = obj['rng'] ?? 'default';
  if (rng !== 'default' && rng !== 'numpy') {
    throw new UsageError(`${where}: "rng" must be 'default' or 'numpy' (got ${JSON.stringify(rng)}).`);
  }
  return { spec, seed, rng };
}
