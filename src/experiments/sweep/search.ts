import { NumpyRandomState } from '../../random/numpyRandomState.js';
import { randomIntervalOf } from '../../random/discrete.js';

/*
 * Random search (issue 13 item 3): per-key distributions, sampled from initlab's numpy-compatible
 * stream (numpy's legacy RandomState), so that a spec's sampled runs are the same on every machine
 * and can be checked against numpy itself (scripts/random_search_fixture.py).
 *
 * The distributions are W&B sweeps' (docs.wandb.ai, "Sweep configuration options", `distribution`):
 *   uniform       { min, max }   min + (max − min)·U          numpy RandomState.uniform(min, max)
 *   log_uniform   { min, max }   exp(uniform(ln min, ln max)) W&B's `log_uniform_values`: min and max
 *                                                             are values (> 0), not exponents
 *   int_uniform   { min, max }   an integer in min…max, both included   numpy randint(min, max + 1)
 *   choice        { values }     one of the values, each equally likely numpy randint(0, n)
 * A plain list is a choice. Every run draws its keys in the order the spec lists them, one draw
 * per key (two words for uniform: numpy's 53-bit double), so adding a key at the end keeps the
 * earlier keys' values.
 */

export type Distribution =
  | { distribution: 'uniform' | 'log_uniform'; min: number; max: number }
  | { distribution: 'int_uniform'; min: number; max: number }
  | { distribution: 'choice'; values: readonly unknown[] };

export const DISTRIBUTIONS = ['uniform', 'log_uniform', 'int_uniform', 'choice'] as const;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one key's distribution; returns the error text (without the location) when it is not one. */
export function parseDistribution(raw: unknown): Distribution | string {
  if (Array.isArray(raw)) return raw.length === 0 ? 'must list at least one value' : { distribution: 'choice', values: raw };
  if (!isObject(raw)) return `expected a list of values or {distribution, …} (got ${JSON.stringify(raw)})`;
  const d = raw['distribution'] ?? (raw['values'] !== undefined ? 'choice' : undefined);
  if (typeof d !== 'string' || !(DISTRIBUTIONS as readonly string[]).includes(d)) {
    return `distribution must be one of ${DISTRIBUTIONS.join(', ')} (got ${JSON.stringify(raw['distribution'])})`;
  }
  const allowed = d === 'choice' ? ['distribution', 'values'] : ['distribution', 'min', 'max'];
  const extra = Object.keys(raw).filter((k) => !allowed.includes(k));
  if (extra.length > 0) return `unknown field ${extra.map((k) => `'${k}'`).join(', ')} for ${d} (it takes ${allowed.slice(1).join(' and ')})`;
  if (d === 'choice') {
    const values = raw['values'];
    if (!Array.isArray(values) || values.length === 0) return 'choice needs values: a non-empty list';
    return { distribution: 'choice', values };
  }
  const { min, max } = raw;
  if (typeof min !== 'number' || !Number.isFinite(min)) return `min must be a finite number (got ${JSON.stringify(min)})`;
  if (typeof max !== 'number' || !Number.isFinite(max)) return `max must be a finite number (got ${JSON.stringify(max)})`;
  if (!(min <= max)) return `min must be ≤ max (got min ${min}, max ${max})`;
  if (d === 'log_uniform' && !(min > 0)) return `log_uniform needs min > 0 (got ${min}): it draws ln(value) uniformly`;
  if (d === 'int_uniform') {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return `int_uniform needs whole numbers (got min ${min}, max ${max})`;
    if (max - min > 2 ** 32 - 1) return `int_uniform spans at most 2^32 values (got ${max - min + 1})`;
    return { distribution: 'int_uniform', min, max };
  }
  return { distribution: d as 'uniform' | 'log_uniform', min, max };
}

/** One draw of `dist` from `rng` (see the table above). */
export function sample(dist: Distribution, rng: NumpyRandomState): unknown {
  switch (dist.distribution) {
    case 'uniform':
      return rng.uniform(dist.min, dist.max);
    case 'log_uniform':
      return Math.exp(rng.uniform(Math.log(dist.min), Math.log(dist.max)));
    case 'int_uniform':
      // numpy's legacy randint(low, high) for a range below 2^32: low + masked rejection on 32-bit words.
      return dist.min + randomIntervalOf(rng, dist.max - dist.min);
    case 'choice':
      return dist.values[randomIntervalOf(rng, dist.values.length - 1)];
  }
}

/** How many different values a distribution can give (Infinity for continuous ones). */
export function distinctValues(dist: Distribution): number {
  if (dist.distribution === 'choice') return dist.values.length;
  if (dist.distribution === 'int_uniform') return dist.max - dist.min + 1;
  return dist.min === dist.max ? 1 : Number.POSITIVE_INFINITY;
}

/**
 * `count` draws of every key in order from `new RandomState(seed)`: row r holds run r's value of
 * each key. `accept(row)` may refuse a row (a run already drawn): it is drawn again, up to
 * `maxDraws` rows in all, so the set depends on the seed alone.
 */
export function sampleRows(dists: readonly Distribution[], count: number, seed: number, accept: (row: unknown[]) => boolean, maxDraws: number): unknown[][] | undefined {
  const rng = new NumpyRandomState(seed);
  const rows: unknown[][] = [];
  for (let drawn = 0; rows.length < count; drawn++) {
    if (drawn >= maxDraws) return undefined;
    const row = dists.map((d) => sample(d, rng));
    if (accept(row)) rows.push(row);
  }
  return rows;
}
