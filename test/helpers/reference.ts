import { readFileSync } from 'node:fs';

/** Reads a file of test/fixtures/reference (copies of the shared reference data; see its README). */
export function readReference<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/reference/${name}`, import.meta.url), 'utf8')) as T;
}

/** The course notebook's experiment: test/fixtures/reference/coursera-initialization.json. */
export interface CourseraReference {
  config: Record<string, unknown>;
  notebook: Record<'zeros' | 'random' | 'he', { costs: { iteration: number; cost: number | string }[]; trainAccuracy: number; testAccuracy: number }>;
  same_setup_other_inits_numpy: {
    runs: Record<string, { init: Record<string, unknown>; costs: { iteration: number; cost: number | string }[]; trainAccuracy: number; testAccuracy: number }>;
  };
}

/** Number of significant decimal digits on which `actual` agrees with `expected`. */
export function significantDigits(actual: number, expected: number): number {
  if (actual === expected) return 17;
  return -Math.log10(Math.abs(actual - expected) / Math.abs(expected));
}

/** Reads a cost written as a number or as "Infinity"/"NaN". */
export function costValue(c: number | string): number {
  return typeof c === 'number' ? c : Number(c);
}
