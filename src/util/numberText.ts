import { UsageError } from './errors.js';

/*
 * The one reader of numbers written as text (flags, `name:key=value` specs). JavaScript's Number()
 * turns 1e400 into Infinity and 1e-400 into 0 without a word; the checks after it then saw a value
 * the user never wrote ("expected number (got null)", issue 12 item 15). Here such a value is
 * refused as out of range, naming what the user typed.
 */

/** A plain decimal number: sign, digits with an optional point, an optional exponent. */
export const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The largest finite double, for messages. */
const RANGE = '±1.8e308, with no nonzero value nearer 0 than ±5e-324';

/**
 * The number `text` spells, or undefined when it is not a plain decimal. A decimal beyond the range
 * of a double (it would become ±Infinity, or 0 though its digits are not all zero) throws a
 * UsageError `WHERE: 'TEXT' is out of range (…)`.
 */
export function parseDecimal(where: string, text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const x = Number(t);
  const mantissa = t.replace(/[eE].*$/, '');
  if (!Number.isFinite(x) || (x === 0 && /[1-9]/.test(mantissa))) {
    throw new UsageError(`${where}: '${t}' is out of range (a number must lie within ${RANGE}).`);
  }
  return x;
}
