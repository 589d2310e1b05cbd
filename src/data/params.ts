/**
 * Data set parameters: their documentation (shown by the CLI) and their validation. A `DataSpec`
 * carries `name`, `seed` and the data set's own parameters; `resolveParams` checks every one
 * against its `ParamSpec` and fills in the defaults, or throws a one-line `UsageError` that names the
 * data set, the parameter and the allowed range (with a closest-name suggestion for a misspelt one).
 *
 * Values may also be given as strings (as a command line delivers them): numbers in decimal
 * notation ("0.1", "1e-3"), booleans as "true"/"false", lists as comma-separated numbers ("1,2").
 */
import { UsageError, didYouMean } from '../util/errors.js';
import { parseDecimal } from '../util/numberText.js';

/** What a parameter holds. `integer|number[]`: a count or an explicit list; `number|number[]`: one value or one per class. */
export type ParamType = 'integer' | 'number' | 'boolean' | 'string' | 'number[]' | 'integer|number[]' | 'number|number[]';

/** A parameter's value after resolution. */
export type ParamValue = string | number | boolean | number[];

/** One documented parameter of a data set. */
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
  readonly maxOpen?: boolean;
  /** For strings: the allowed values. */
  readonly choices?: readonly string[];
  /** The allowed values in words, e.g. "a number in [0, ∞)". Generated from the bounds when absent. */
  readonly range?: string;
  /** One or two sentences for `--help`-like listings. */
  readonly doc: string;
}

/** The keys of a DataSpec that are not data set parameters. */
const RESERVED = ['name', 'seed'];

/** "[0, 1)", "(0, ∞)", "2 … 1000000" style range text for a numeric spec. */
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

function inBounds(p: ParamSpec, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (p.min !== undefined && (p.minOpen ? !(x > p.min) : !(x >= p.min))) return false;
  if (p.max !== undefined && (p.maxOpen ? !(x < p.max) : !(x <= p.max))) return false;
  return true;
}

/**
 * A number from a number or a decimal string; undefined when it is neither. A string beyond a
 * double's range (1e400, 1e-400) is refused by parseDecimal, naming `where`, rather than read as
 * Infinity or 0.
 */
function toNumber(v: unknown, where: string): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseDecimal(where, v);
  return undefined;
}

/** A list of numbers from an array or a comma-separated string; undefined when it is neither. */
function toList(v: unknown, where: string): number[] | undefined {
  if (Array.isArray(v)) {
    const out: number[] = [];
    for (const e of v as unknown[]) {
      const x = toNumber(e, where);
      if (x === undefined) return undefined;
      out.push(x);
    }
    return out;
  }
  if (typeof v === 'string' && v.includes(',')) return toList(v.split(','), where);
  return undefined;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map((e) => show(e)).join(', ')}]`;
  return String(v);
}

/** The error for a value outside a parameter's range. */
export function rangeError(dataset: string, p: ParamSpec, value: unknown, after = ''): UsageError {
  return new UsageError(`data set '${dataset}': parameter '${p.name}' must be ${describeRange(p)}, got ${show(value)}.${after}`);
}

/** Checks and converts one value. */
function parseValue(dataset: string, p: ParamSpec, v: unknown): ParamValue {
  const bad = (): UsageError => rangeError(dataset, p, v);
  const where = `data set '${dataset}': parameter '${p.name}'`;
  switch (p.type) {
    case 'integer': {
      const x = toNumber(v, where);
      if (x === undefined || !Number.isSafeInteger(x) || !inBounds(p, x)) throw bad();
      return x;
    }
    case 'number': {
      const x = toNumber(v, where);
      if (x === undefined || !inBounds(p, x)) throw bad();
      return x;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw bad();
    }
    case 'string': {
      if (typeof v !== 'string' || v === '') throw bad();
      if (p.choices && !p.choices.includes(v)) throw rangeError(dataset, p, v, didYouMean(v, p.choices));
      return v;
    }
    case 'number[]': {
      const list = typeof v === 'string' && !v.includes(',') ? toList([v], where) : toList(v, where);
      if (list === undefined || list.length === 0 || !list.every((x) => inBounds(p, x))) throw bad();
      return list;
    }
    case 'integer|number[]': {
      const x = Array.isArray(v) || (typeof v === 'string' && v.includes(',')) ? undefined : toNumber(v, where);
      if (x !== undefined) {
        if (!Number.isSafeInteger(x) || !inBounds(p, x)) throw bad();
        return x;
      }
      const list = toList(v, where);
      if (list === undefined || list.length === 0 || !list.every((e) => Number.isFinite(e))) throw bad();
      return list;
    }
    case 'number|number[]': {
      const x = Array.isArray(v) || (typeof v === 'string' && v.includes(',')) ? undefined : toNumber(v, where);
      if (x !== undefined) {
        if (!inBounds(p, x)) throw bad();
        return x;
      }
      const list = toList(v, where);
      if (list === undefined || list.length === 0 || !list.every((e) => inBounds(p, e))) throw bad();
      return list;
    }
  }
}

/** Resolved parameters by name, defaults filled in (required ones always present). */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/**
 * Checks `given` (a DataSpec's fields other than `name` and `seed`) against `specs`: unknown names,
 * missing required parameters, wrong types and out-of-range values all throw a `UsageError` naming
 * `dataset` and the parameter. Returns every parameter with its value or default.
 */
export function resolveParams(dataset: string, specs: readonly ParamSpec[], given: Readonly<Record<string, unknown>>): ResolvedParams {
  const known = specs.map((p) => p.name);
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(given)) {
    if (RESERVED.includes(key)) continue;
    if (given[key] === undefined) continue;
    if (!known.includes(key)) {
      throw new UsageError(`data set '${dataset}' has no parameter '${key}'.${didYouMean(key, known)} Its parameters: ${known.join(', ')}.`);
    }
  }
  for (const p of specs) {
    const v = given[p.name];
    if (v === undefined) {
      if (p.required) throw new UsageError(`data set '${dataset}' needs the parameter '${p.name}' (${describeRange(p)}): ${p.doc}`);
      if (p.default !== undefined) out[p.name] = p.default;
      continue;
    }
    out[p.name] = parseValue(dataset, p, v);
  }
  return out;
}

/** Typed accessors for resolved parameters (the registry guarantees the types). */
export function num(params: ResolvedParams, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new TypeError(`parameter '${name}' is not a number`);
  return v;
}
export function bool(params: ResolvedParams, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw new TypeError(`parameter '${name}' is not a boolean`);
  return v;
}
export function str(params: ResolvedParams, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new TypeError(`parameter '${name}' is not a string`);
  return v;
}
export function numOrList(params: ResolvedParams, name: string): number | number[] {
  const v = params[name];
  if (typeof v === 'number' || Array.isArray(v)) return v;
  throw new TypeError(`parameter '${name}' is not a number or a list`);
}
export function list(params: ResolvedParams, name: string): number[] {
  const v = params[name];
  if (Array.isArray(v)) return v;
  throw new TypeError(`parameter '${name}' is not a list`);
}
