import { z } from 'zod';
import { didYouMean, UsageError } from '../util/errors.js';
import { parseDecimal } from '../util/numberText.js';
import { MAX_SEED, SEED_RANGE } from '../util/seed.js';

/*
 * What values a setting takes (src/settings/table.ts): its type and range, written once, and what
 * follows from it — the zod schema that checks config files and sweep specs, the reader of the same
 * value written as text (a flag, a link key), the text that writes it back, and the range in words
 * for --help and the README. Text goes through the one number grammar (util/numberText.ts) and the
 * one seed bound (util/seed.ts).
 */

export type { ValueRule } from './valueRule.js';
import type { ValueRule } from './valueRule.js';

const integer = (min: number, max: number) =>
  z.number().int('must be an integer').min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`);
const finite = z.number().refine(Number.isFinite, 'must be finite');
const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** A name from `names`, refused with "did you mean" and the list. */
export function namedString(names: readonly string[], what: string): z.ZodType<string> {
  return z.string({ error: `must be a string, one of ${names.join(', ')}` }).refine((s) => names.includes(s), {
    error: (issue) => `unknown ${what} '${String(issue.input)}'.${didYouMean(String(issue.input), names)} Known: ${names.join(', ')}`,
  });
}

/** The zod schema of a rule (messages read well after a field path: `…learningRate: must be > 0`). */
export function ruleSchema(rule: ValueRule): z.ZodType {
  switch (rule.type) {
    case 'number': {
      if (rule.min === undefined) return finite;
      const bounded = rule.minOpen ? z.number().gt(rule.min, `must be > ${rule.min}`) : z.number().min(rule.min, `must be ≥ ${rule.min}`);
      return bounded.refine(Number.isFinite, 'must be finite');
    }
    case 'integer':
      return integer(rule.min, rule.max);
    case 'seed':
      return z.number().int('must be an integer').min(0, 'must be ≥ 0').max(MAX_SEED, 'must be < 2^32');
    case 'choice':
      return namedString(rule.values, rule.what);
    case 'widths':
      return z.array(integer(1, rule.max)).max(rule.maxLength, `must list at most ${rule.maxLength} layers`);
    case 'named':
      return z
        .object({ name: namedString(rule.names, rule.what) })
        .catchall(rule.listParams ? z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]) : z.union([z.number(), z.string()]));
    case 'init':
      return z.object({ name: z.string().min(1, 'must be a non-empty string') }).catchall(paramValue);
    case 'inits':
      return z.array(z.object({ name: z.string().min(1, 'must be a non-empty string') }).catchall(paramValue)).min(1, 'must list at least one initializer');
    case 'layers':
      return z.array(z.unknown()).min(1, 'must list at least one layer').max(rule.maxLength, `must list at most ${rule.maxLength} layers`);
    case 'shape3':
      return z.tuple([integer(1, rule.max), integer(1, rule.max), integer(1, rule.max)]);
  }
}

/** The rule in words, for --help and the README: "a number > 0", "a whole number 1 … 100000000". */
export function ruleText(rule: ValueRule): string {
  switch (rule.type) {
    case 'number':
      return rule.min === undefined ? 'a finite number' : `a finite number ${rule.minOpen ? '>' : '≥'} ${rule.min}`;
    case 'integer':
      return `a whole number ${rule.min} … ${rule.max}`;
    case 'seed':
      return SEED_RANGE;
    case 'choice':
      return `one of ${rule.values.join(', ')}`;
    case 'widths':
      return `up to ${rule.maxLength} widths 1 … ${rule.max}`;
    case 'named':
      return `${/^[aeiou]/.test(rule.what) ? 'an' : 'a'} ${rule.what} (${rule.names.join(', ')}) with parameters`;
    case 'init':
      return 'an initializer spec';
    case 'inits':
      return 'a list of initializer specs';
    case 'layers':
      return `a list of up to ${rule.maxLength} layers`;
    case 'shape3':
      return `[channels, height, width], each 1 … ${rule.max}`;
  }
}

function numberFrom(where: string, text: string, whole: boolean): number {
  const x = parseDecimal(where, text);
  if (x === undefined) throw new UsageError(`${where}: expected ${whole ? 'a whole number' : 'a number'}, got '${text}'.`);
  return x;
}

/**
 * The value a text spells under a scalar rule (number, integer, seed, choice, widths), before its
 * range is checked: numbers through the one number grammar (a non-number or a decimal beyond double
 * range is a UsageError naming `where`). Object rules (named, init, inits, layers, shape3) have their
 * own text forms and throw a TypeError here.
 */
export function ruleTextValue(rule: ValueRule, where: string, text: string): unknown {
  const t = text.trim();
  switch (rule.type) {
    case 'number':
      return numberFrom(where, t, false);
    case 'integer':
    case 'seed':
      return numberFrom(where, t, true);
    case 'choice':
      return t;
    case 'widths':
      return t === '' ? [] : t.split(',').map((part) => numberFrom(where, part.trim(), true));
    default:
      throw new TypeError(`a ${rule.type} setting has no scalar text form`);
  }
}

/** ruleTextValue, then the rule's range: a valid value or one UsageError `WHERE: must be > 0, got '-1'.` */
export function parseRuleText(rule: ValueRule, where: string, text: string): unknown {
  const parsed = ruleSchema(rule).safeParse(ruleTextValue(rule, where, text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const item = issue.path.length > 0 ? ` (item ${Number(issue.path[0]) + 1})` : '';
    throw new UsageError(`${where}: ${issue.message}${item} (got '${text}').`);
  }
  return parsed.data;
}
