import { didYouMean, UsageError } from '../util/errors.js';
import { parseDecimal } from '../util/numberText.js';
import { MAX_SEED, SEED_RANGE } from '../util/seed.js';
import type { ValueRule } from './valueRule.js';

/*
 * The scalar rules (number, integer, seed, choice, widths) checked without zod: the one range check
 * that the zod schemas of config files (./rules.ts), the flags and the playground's links all use —
 * so the page (which bundles this file) carries no schema library. Text goes through the one number
 * grammar (util/numberText.ts) and the one seed bound (util/seed.ts).
 */

/** What is wrong with a value: a message that reads after a field path, and the list item it concerns. */
export interface RuleProblem {
  message: string;
  /** Index of the offending item of a list (widths), absent for the value itself. */
  item?: number;
}

/** The scalar rule types; the others (named, init, inits, layers, shape3) are objects or lists of them. */
export type ScalarRule = Extract<ValueRule, { type: 'number' | 'integer' | 'seed' | 'choice' | 'widths' }>;

/** Whether a rule is one of the scalar ones this file checks. */
export function isScalarRule(rule: ValueRule): rule is ScalarRule {
  return rule.type === 'number' || rule.type === 'integer' || rule.type === 'seed' || rule.type === 'choice' || rule.type === 'widths';
}

function wholeProblem(value: unknown, min: number, max: number, maxText = `must be ≤ ${max}`): string | undefined {
  if (typeof value !== 'number') return 'expected number';
  if (!Number.isInteger(value)) return 'must be an integer';
  if (value < min) return `must be ≥ ${min}`;
  if (value > max) return maxText;
  return undefined;
}

/** The first problem of `value` under a scalar rule, or undefined when it is valid. */
export function ruleProblem(rule: ScalarRule, value: unknown): RuleProblem | undefined {
  let message: string | undefined;
  switch (rule.type) {
    case 'number':
      if (typeof value !== 'number') message = 'expected number';
      else if (rule.min !== undefined && (rule.minOpen ? !(value > rule.min) : !(value >= rule.min))) message = `must be ${rule.minOpen ? '>' : '≥'} ${rule.min}`;
      else if (!Number.isFinite(value)) message = 'must be finite';
      break;
    case 'integer':
      message = wholeProblem(value, rule.min, rule.max);
      break;
    case 'seed':
      message = wholeProblem(value, 0, MAX_SEED, 'must be < 2^32');
      break;
    case 'choice':
      if (typeof value !== 'string') message = `must be a string, one of ${rule.values.join(', ')}`;
      else if (!rule.values.includes(value)) message = `unknown ${rule.what} '${value}'.${didYouMean(value, rule.values)} Known: ${rule.values.join(', ')}`;
      break;
    case 'widths': {
      if (!Array.isArray(value)) return { message: 'expected array' };
      for (let i = 0; i < value.length; i++) {
        const problem = wholeProblem(value[i], 1, rule.max);
        if (problem !== undefined) return { message: problem, item: i };
      }
      if (value.length > rule.maxLength) message = `must list at most ${rule.maxLength} layers`;
      break;
    }
  }
  return message === undefined ? undefined : { message };
}

/** The rule in words, for --help, the README and the playground: "a finite number > 0", "a whole number 1 … 100000000". */
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
 * The value a text spells under a scalar rule, before its range is checked: numbers through the one
 * number grammar (a non-number or a decimal beyond double range is a UsageError naming `where`).
 * Object rules (named, init, inits, layers, shape3) have their own text forms and throw a TypeError here.
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

/** ruleTextValue, then the rule's range: a valid value or one UsageError `WHERE: must be > 0 (got -1).` */
export function parseRuleText(rule: ValueRule, where: string, text: string): unknown {
  const value = ruleTextValue(rule, where, text);
  const problem = ruleProblem(rule as ScalarRule, value);
  if (problem !== undefined) {
    const item = problem.item !== undefined ? ` (item ${problem.item + 1})` : '';
    // "unknown activation 'tahn'. Did you mean …" already shows what was given.
    const got = problem.message.startsWith('unknown ') ? '' : ` (got ${text.trim()})`;
    throw new UsageError(`${where}: ${problem.message}${item}${got}.`);
  }
  return value;
}
