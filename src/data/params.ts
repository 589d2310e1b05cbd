/**
 * Data set parameters: their documentation (shown by the CLI) and their validation. A `DataSpec`
 * carries `name`, `seed` and the data set's own parameters; `resolveParams` checks every one
 * against its `ParamSpec` and fills in the defaults, or throws a one-line `UsageError` that names the
 * data set, the parameter and the allowed range (with a closest-name suggestion for a misspelt one).
 *
 * The schema and the checker are initlab's one parameter schema (src/util/params.ts), shared with
 * initializers, optimizers and schedules; this module binds them to data sets.
 */
import type { UsageError } from '../util/errors.js';
import { paramRangeError, resolveParams as resolveOwnParams, type ParamSpec, type ResolvedParams } from '../util/params.js';

export { bool, describeRange, list, num, numOrList, str } from '../util/params.js';
export type { ParamSpec, ParamType, ParamValue, ResolvedParams } from '../util/params.js';

/** The keys of a DataSpec that are not data set parameters. */
const RESERVED = ['name', 'seed'];

/** How messages name a data set. */
function owner(dataset: string): string {
  return `data set '${dataset}'`;
}

/** The error for a value outside a parameter's range (`after`: a sentence on a rule beyond the bounds). */
export function rangeError(dataset: string, p: ParamSpec, value: unknown, after = ''): UsageError {
  return paramRangeError(owner(dataset), p, value, after);
}

/**
 * Checks `given` (a DataSpec's fields other than `name` and `seed`) against `specs`: unknown names,
 * missing required parameters, wrong types and out-of-range values all throw a `UsageError` naming
 * `dataset` and the parameter. Returns every parameter with its value or default.
 */
export function resolveParams(dataset: string, specs: readonly ParamSpec[], given: Readonly<Record<string, unknown>>): ResolvedParams {
  return resolveOwnParams(owner(dataset), specs, given, { reserved: RESERVED, text: true });
}
