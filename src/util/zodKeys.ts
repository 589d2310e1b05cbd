import type { z } from 'zod';
import { didYouMean } from './errors.js';

/*
 * The field names a zod schema allows at a path, for "did you mean" on a misspelled field (issue 11,
 * item 4): zod's unrecognized_keys issue names the unknown keys but not the known ones. Walks
 * objects, optional/nullable/default/readonly wrappers, arrays, records' values and unions
 * (whose options' fields are merged).
 */

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  in?: unknown;
}

function defOf(schema: unknown): Def {
  return ((schema as { _zod?: { def?: Def } })._zod?.def ?? {}) as Def;
}

function objectKeys(schema: unknown, seen: Set<unknown>): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  if (def.shape) return Object.keys(def.shape);
  if (def.innerType !== undefined) return objectKeys(def.innerType, seen);
  if (def.in !== undefined) return objectKeys(def.in, seen);
  if (def.options) return [...new Set(def.options.flatMap((o) => objectKeys(o, seen)))];
  return [];
}

function child(schema: unknown, key: PropertyKey): unknown[] {
  const def = defOf(schema);
  if (def.shape && typeof key === 'string' && key in def.shape) return [def.shape[key]];
  if (def.innerType !== undefined) return child(def.innerType, key);
  if (def.in !== undefined) return child(def.in, key);
  if (def.element !== undefined && typeof key === 'number') return [def.element];
  if (def.valueType !== undefined) return [def.valueType];
  if (def.options) return def.options.flatMap((o) => child(o, key));
  return [];
}

/** The field names the object schema at `path` inside `schema` allows ([] when there is none). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let here: unknown[] = [schema];
  for (const key of path) here = here.flatMap((s) => child(s, key));
  return [...new Set(here.flatMap((s) => objectKeys(s, new Set())))];
}

/**
 * "unknown field 'x' (did you mean 'y'?) — remove or rename it": zod's unrecognized_keys issue in
 * words, the guess made from `known` (the fields allowed there) when one key is unknown.
 */
export function unknownFieldsText(keys: readonly string[], known: readonly string[]): string {
  const hint = keys.length === 1 ? didYouMean(keys[0]!, known).trim().replace(/^Did/, 'did') : '';
  return `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}${hint ? ` (${hint})` : ''} — remove or rename ${keys.length > 1 ? 'them' : 'it'}`;
}
