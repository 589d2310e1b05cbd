/**
 * The one parameter schema of initlab (issue 11 item 4): data sets, initializers, optimizers and
 * learning-rate schedules all describe their parameters as `ParamSpec`s and check what the user
 * gave with `resolveParams`, so the same bound reads and is refused the same way everywhere.
 * `resolveParams` refuses unknown names (with a closest-name suggestion), missing required
 * parameters, wrong types and out-of-range values with a one-line `UsageError` naming the owner
 * (`data set 'moons'`, `initializer 'random'`, …), the parameter and the allowed range, and fills in
 * the defaults.
 *
 * With `text: true`, values may also be given as strings (as a URL delivers them): numbers in
 * decimal notation ("0.1", "1e-3"), booleans as "true"/"false", lists as comma-separated numbers
 * ("1,2"). Without it a config object's `"0.9"` is refused as the string it is.
 */
import { UsageError, didYouMean } from './errors.js';
import { parseDecimal } from './numberText.js';

/** What a parameter holds. `integer|number[]`: a count or an explicit list; `number|number[]`: one value or one per class. */
export type ParamType = 'integer' | 'number' | 'boolean' | 'string' | 'number[]' | 'integer|number[]' | 'number|number[]';

/** A parameter's value after resolution. */
export type ParamValue = string | number | boolean | number[];

/** One documented parameter (of a data set, an initializer, an optimizer or a schedule). */
export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  /** The default; absent together with `required` for parameters the user must give (file paths). */
  readonly default?: ParamValue;
  readonly required?: boolean;
  /** Bounds of every number (each list element, or the count for `integer|number[]`). */
  readonly min?: number;
  /** true: min itself is excluded. */
  readonly minOpen?: boolean;
  readonly max?: number;
  /** true: max itself is excluded. */
  readonly maxOpen?: boolean;
  /** For strings: the allowed values. */
  readonly choices?: readonly string[];
  /** The allowed values in words, e.g. "a number in [0, ∞)". Generated from the bounds when absent. */
  readonly range?: string;
  /** One or two sentences for `--help`-like listings. */
  readonly doc: string;
}

/** Resolved parameters by name, defaults filled in (required ones always present). */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** How `resolveParams` names the place of a mistake and which keys of `given` it leaves alone. */
export interface ResolveOptions {
  /** Where the values came from (`--inits`, `training.optimizer`); prefixes every message as `where: `. */
  readonly where?: string;
  /** Keys of `given` that are not parameters (a spec's `name`, a data set's `seed`). Default: ['name']. */
  readonly reserved?: readonly string[];
  /** Whether strings may stand for numbers, booleans and lists (see the module comment). Default false. */
  readonly text?: boolean;
}

/** "[0, 1)", "(0, ∞)" style interval text for a numeric spec. */
function boundsText(p: ParamSpec): string {
  const lo = p.min === undefined ? '(-∞' : `${p.minOpen ? '(' : '['}${p.min}`;
  const hi = p.max === undefined ? '∞)' : `${p.max}${p.maxOpen ? ')' : ']'}`;
  return `${lo}, ${hi}`;
}

/** The allowed values of a parameter in words (for error messages and documentation). */
export function describeRange(p: ParamSpec): string {
  if (p.range !== undefined) return p.range;
  switch (p.type) {
    case 'integer':
      return `an integer in ${boundsText(p)}`;
    case 'number':
      return `a finite number in ${boundsText(p)}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return p.choices ? `one of ${p.choices.map((c) => `'${c}'`).join(', ')}` : 'a non-empty string';
    case 'number[]':
      return `a list of finite numbers in ${boundsText(p)}`;
    case 'integer|number[]':
      return `an integer in ${boundsText(p)} or a list of finite numbers`;
    case 'number|number[]':
      return `a finite number in ${boundsText(p)} or a list of them`;
  }
}

/** Whether x is finite and within p's bounds (each open or closed). */
function inBounds(p: ParamSpec, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (p.min !== undefined && (p.minOpen ? !(x > p.min) : !(x >= p.min))) return false;
  if (p.max !== undefined && (p.maxOpen ? !(x < p.max) : !(x <= p.max))) return false;
  return true;
}

/**
 * A number from a number or (text allowed) a decimal string; undefined when it is neither. A
 * string beyond a double's range (1e400, 1e-400) is refused by parseDecimal, naming `where`,
 * rather than read as Infinity or 0.
 */
function toNumber(v: unknown, where: string, text: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (text && typeof v === 'string') return parseDecimal(where, v);
  return undefined;
}

/** A list of numbers from an array or (text allowed) a comma-separated string; undefined when it is neither. */
function toList(v: unknown, where: string, text: boolean): number[] | undefined {
  if (Array.isArray(v)) {
    const out: number[] = [];
    for (const e of v as unknown[]) {
      const x = toNumber(e, where, text);
      if (x === undefined) return undefined;
      out.push(x);
    }
    return out;
  }
  if (text && typeof v === 'string' && v.includes(',')) return toList(v.split(','), where, text);
  return undefined;
}

/** A value as the message quotes it: strings in quotes, lists in brackets, numbers as String() writes them (Infinity, not JSON's null). */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map((e) => show(e)).join(', ')}]`;
  return String(v);
}

function prefix(where: string | undefined): string {
  return where === undefined || where === '' ? '' : `${where}: `;
}

/**
 * The error for a value outside a parameter's range: `[where: ]OWNER: parameter 'p' must be
 * RANGE, got VALUE.AFTER` — also for checks a caller makes beyond the bounds (e.g. samples ≥ arms),
 * with `after` saying why.
 */
export function paramRangeError(owner: string, p: ParamSpec, value: unknown, after = '', where?: string): UsageError {
  return new UsageError(`${prefix(where)}${owner}: parameter '${p.name}' must be ${describeRange(p)}, got ${show(value)}.${after}`);
}

/**
 * Checks and converts one value of parameter `p` of `owner` (e.g. `initializer 'random'`);
 * `options` as for resolveParams (`reserved` plays no part).
 * @throws UsageError (paramRangeError's message) for a wrong type or an out-of-range value.
 */
export function checkParam(owner: string, p: ParamSpec, v: unknown, options: ResolveOptions = {}): ParamValue {
  const { where, text = false } = options;
  const bad = (after = ''): UsageError => paramRangeError(owner, p, v, after, where);
  const at = `${prefix(where)}${owner}: parameter '${p.name}'`;
  switch (p.type) {
    case 'integer': {
      const x = toNumber(v, at, text);
      if (x === undefined || !Number.isSafeInteger(x) || !inBounds(p, x)) throw bad();
      return x;
    }
    case 'number': {
      const x = toNumber(v, at, text);
      if (x === undefined || !inBounds(p, x)) throw bad();
      return x;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (text && v === 'true') return true;
      if (text && v === 'false') return false;
      throw bad();
    }
    case 'string': {
      if (typeof v !== 'string' || v === '') throw bad();
      if (p.choices && !p.choices.includes(v)) throw bad(didYouMean(v, p.choices));
      return v;
    }
    case 'number[]': {
      const list = text && typeof v === 'string' && !v.includes(',') ? toList([v], at, text) : toList(v, at, text);
      if (list === undefined || list.length === 0 || !list.every((x) => inBounds(p, x))) throw bad();
      return list;
    }
    case 'integer|number[]': {
      const x = Array.isArray(v) || (text && typeof v === 'string' && v.includes(',')) ? undefined : toNumber(v, at, text);
      if (x !== undefined) {
        if (!Number.isSafeInteger(x) || !inBounds(p, x)) throw bad();
        return x;
      }
      // The list form is explicit coordinates: finite, but the bounds are the count's, not theirs.
      const list = toList(v, at, text);
      if (list === undefined || list.length === 0 || !list.every((e) => Number.isFinite(e))) throw bad();
      return list;
    }
    case 'number|number[]': {
      const x = Array.isArray(v) || (text && typeof v === 'string' && v.includes(',')) ? undefined : toNumber(v, at, text);
      if (x !== undefined) {
        if (!inBounds(p, x)) throw bad();
        return x;
      }
      const list = toList(v, at, text);
      if (list === undefined || list.length === 0 || !list.every((e) => inBounds(p, e))) throw bad();
      return list;
    }
  }
}

/**
 * Checks `given` (a spec object: its parameters beside reserved keys such as `name`) against
 * `specs`, the parameters of `owner` (`data set 'moons'`, `optimizer 'adam'`, …). Unknown names,
 * missing required parameters, wrong types and out-of-range values all throw a `UsageError`
 * naming the owner and the parameter; keys whose value is undefined count as absent. Returns every
 * parameter with its value or default (parameters with neither are left out).
 */
export function resolveParams(owner: string, specs: readonly ParamSpec[], given: Readonly<Record<string, unknown>>, options: ResolveOptions = {}): ResolvedParams {
  const { where, reserved = ['name'] } = options;
  const known = specs.map((p) => p.name);
  for (const key of Object.keys(given)) {
    if (reserved.includes(key) || given[key] === undefined || known.includes(key)) continue;
    const accepted = known.length > 0 ? `it accepts: ${known.join(', ')}.` : 'it takes no parameters.';
    throw new UsageError(`${prefix(where)}unknown parameter '${key}' for ${owner}; ${accepted}${didYouMean(key, known)}`);
  }
  const out: Record<string, ParamValue> = {};
  for (const p of specs) {
    const v = Object.prototype.hasOwnProperty.call(given, p.name) ? given[p.name] : undefined;
    if (v === undefined) {
      if (p.required) throw new UsageError(`${prefix(where)}${owner} needs the parameter '${p.name}' (${describeRange(p)}): ${p.doc}`);
      if (p.default !== undefined) out[p.name] = p.default;
      continue;
    }
    out[p.name] = checkParam(owner, p, v, options);
  }
  return out;
}

/** A resolved number parameter (the spec's type guarantees it; a TypeError marks a programming error). */
export function num(params: ResolvedParams, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new TypeError(`parameter '${name}' is not a number`);
  return v;
}
/** A resolved boolean parameter. */
export function bool(params: ResolvedParams, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw new TypeError(`parameter '${name}' is not a boolean`);
  return v;
}
/** A resolved string parameter. */
export function str(params: ResolvedParams, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new TypeError(`parameter '${name}' is not a string`);
  return v;
}
/** A resolved `number|number[]` or `integer|number[]` parameter. */
export function numOrList(params: ResolvedParams, name: string): number | number[] {
  const v = params[name];
  if (typeof v === 'number' || Array.isArray(v)) return v;
  throw new TypeError(`parameter '${name}' is not a number or a list`);
}
/** A resolved list parameter. */
export function list(params: ResolvedParams, name: string): number[] {
  const v = params[name];
  if (Array.isArray(v)) return v;
  throw new TypeError(`parameter '${name}' is not a list`);
}
