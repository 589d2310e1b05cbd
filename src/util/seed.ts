import { UsageError } from './errors.js';

/*
 * The one seed bound. numpy's legacy `RandomState.seed(s)` takes 0 ≤ s < 2^32 (an unsigned 32-bit
 * word, MT19937's init_genrand), and every stream of initlab is seeded the same way, so every seed
 * a user writes (init, data, shuffle, sweep search, sample, the playground's) has this range.
 */

/** The largest seed: 2^32 − 1. */
export const MAX_SEED = 4294967295;

/** The range as messages write it. */
export const SEED_RANGE = `a whole number from 0 to ${MAX_SEED}`;

/** Whether `x` is a valid seed: an integer 0 ≤ x ≤ 2^32 − 1. */
export function isSeed(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_SEED;
}

/** A seed written as text (a flag, a link): digits only, in range; otherwise a UsageError naming `where`. */
export function parseSeedText(where: string, text: string): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!isSeed(n)) throw new UsageError(`${where}: expected ${SEED_RANGE}, got '${text}'.`);
  return n;
}
