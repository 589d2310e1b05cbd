import { z } from 'zod';
import { ruleProblem, type ScalarRule } from './check.js';

/*
 * The zod schema of each value rule (./valueRule.ts), which checks config files and sweep specs. The
 * scalar rules are checked by ./check.ts, the same code that reads flags and playground links.
 */

export type { ValueRule } from './valueRule.js';
import type { ValueRule } from './valueRule.js';

const integer = (min: number, max: number) =>
  z.number().int('must be an integer').min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`);
const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** A scalar rule as a zod schema: the one check of ./check.ts (the playground runs it without zod). */
function scalarSchema(rule: ScalarRule): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    const problem = ruleProblem(rule, value);
    if (problem === undefined) return;
    const item = problem.item;
    ctx.addIssue({ code: 'custom', message: problem.message, input: item === undefined ? value : (value as unknown[])[item], ...(item !== undefined ? { path: [item] } : {}) });
  });
}

/** A name from `names`, refused with "did you mean" and the list. */
export function namedString(names: readonly string[], what: string): z.ZodType<string> {
  return scalarSchema({ type: 'choice', values: names, what }) as z.ZodType<string>;
}

/** The zod schema of a rule (messages read well after a field path: `…learningRate: must be > 0`). */
export function ruleSchema(rule: ValueRule): z.ZodType {
  switch (rule.type) {
    case 'number':
    case 'integer':
    case 'seed':
    case 'choice':
    case 'widths':
      return scalarSchema(rule);
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
