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

/** Digits only: a count or an index, no sign, point or exponent. */
export const WHOLE = /^\d+$/;

/**
 * A whole number written as text (a flag such as `--workers 4`): digits only (surrounding blanks
 * ignored), min ≤ n ≤ max. max is at most 2^53 − 1: past it Number() rounds (99999999999999999999
 * reads as 1e20), so a longer run of digits is refused rather than read as a number not written.
 * Otherwise a UsageError `WHERE: expected a whole number ≥ MIN, got 'TEXT'.` (`from MIN to MAX`
 * when max is given).
 */
export function parseWholeText(where: string, text: string, min = 0, max?: number): number {
  const t = text.trim();
  const n = WHOLE.test(t) ? Number(t) : Number.NaN;
  const top = Math.min(max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!(Number.isSafeInteger(n) && n >= min && n <= top)) {
    const range = max === undefined ? `≥ ${min}` : `from ${min} to ${top}`;
    const tooLong = max === undefined && Number.isFinite(n) && n > top ? ` (at most ${top})` : '';
    throw new UsageError(`${where}: expected a whole number ${range}${tooLong}, got '${text}'.`);
  }
  return n;
}
