import type { z } from 'zod';
import { knownKeysAt, unknownFieldsText } from '../util/zodKeys.js';

/**
 * A zod issue of a settings schema in words, to follow the field's path (`…learningRate: must be >
 * 0 (got -1)`): an unknown field with "did you mean" from the fields `schema` allows there, a
 * number out of double range as such, zod's generic "Invalid …" as the type expected.
 */
export function issueText(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  if (issue.code === 'unrecognized_keys') return unknownFieldsText(issue.keys, knownKeysAt(schema, issue.path));
  // JSON.parse and YAML read 1e400 as Infinity, which JSON.stringify would print as null.
  if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return `out of range (got ${String(issue.input)}; a number must lie within ±1.8e308)`;
  const got = issue.input === undefined ? ' (missing)' : ` (got ${JSON.stringify(issue.input)})`;
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid')) return `expected ${issue.expected}${got}`;
  // "unknown activation 'x'. Did you mean …? Known: …" already shows the value.
  if (issue.code === 'custom' && issue.message.startsWith('unknown ')) return issue.message;
  return `${issue.message}${got}`;
}
