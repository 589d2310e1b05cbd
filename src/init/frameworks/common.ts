/**
 * Helpers shared by the framework initializer definitions: fan rules of each framework, parameter
 * accessors, labels and `describe()` builders. Specification: docs/reference/initializers.md.
 */
import { UsageError } from '../../util/errors.js';
import { torchFans } from '../fans.js';
import { TRUNC2_STD_FACTOR, fillConstant, truncatedStandardMoments, uniformStd } from '../sampling.js';
import type { InitDescription, InitializerDefinition, ParameterDefinition, ResolvedParams } from '../types.js';

/** The largest tensor rank the framework initializers accept where the framework itself sets no limit. */
export const MAX_RANK = 8;

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export const num = (p: ResolvedParams, key: string): number => p[key] as number;
export const str = (p: ResolvedParams, key: string): string => p[key] as string;

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** PyTorch `_calculate_fan_in_and_fan_out` (rank ≥ 2); vectors get (n, n) (PyTorch would refuse). */
export function torchRuleFans(shape: readonly number[]): Fans {
  if (shape.length < 2) return { fanIn: product(shape), fanOut: product(shape) };
  return torchFans(shape);
}

/**
 * Keras 3 `compute_fans`: rank 1 → (n, n); rank 2 (in, out) → (in, out); rank ≥ 3 (…spatial, in, out):
 * receptive field = product of all but the last two dims, fan_in = shape[−2]·rf, fan_out = shape[−1]·rf.
 */
export function kerasFans(shape: readonly number[]): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const rf = product(shape.slice(0, -2));
  return { fanIn: shape[shape.length - 2]! * rf, fanOut: shape[shape.length - 1]! * rf };
}

/**
 * TF.js `computeFans` (channelsLast): rank 2 → (in, out); rank 3–5 → the Keras rule; any other rank
 * (0, 1, ≥ 6) → fan_in = fan_out = √(product of all dims).
 */
export function tfjsFans(shape: readonly number[]): Fans {
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  if (shape.length >= 3 && shape.length <= 5) return kerasFans(shape);
  const s = Math.sqrt(product(shape));
  return { fanIn: s, fanOut: s };
}

/** Resolves a (possibly negative) axis of a rank-`rank` tensor, or throws a UsageError naming `what`. */
export function resolveAxis(axis: number, rank: number, what: string, initName: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new UsageError(`'${initName}': ${what}=${axis} is not an axis of a ${rank}-D tensor (use ${-rank}…${rank - 1}).`);
  }
  return axis < 0 ? rank + axis : axis;
}

/**
 * JAX `_compute_fans(shape, in_axis, out_axis)`: in = shape[in_axis], out = shape[out_axis], receptive
 * field = numel/(in·out); fan_in = in·rf, fan_out = out·rf. (`batch_axis` is not exposed.)
 */
export function jaxFans(shape: readonly number[], inAxis: number, outAxis: number): Fans {
  const rank = shape.length;
  const i = inAxis < 0 ? rank + inAxis : inAxis;
  const o = outAxis < 0 ? rank + outAxis : outAxis;
  const inSize = shape[i] ?? 1;
  const outSize = shape[o] ?? 1;
  const rf = product(shape) / inSize / outSize;
  return { fanIn: inSize * rf, fanOut: outSize * rf };
}

/** A short label: the name, plus `key=value` for every parameter that differs from its default. */
export function labelWith(name: string, defs: readonly ParameterDefinition[], p: ResolvedParams): string {
  const changed = defs.filter((d) => p[d.name] !== undefined && p[d.name] !== d.default).map((d) => `${d.name}=${String(p[d.name])}`);
  return changed.length > 0 ? `${name}(${changed.join(', ')})` : name;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(6));
export { fmt as formatNumber };

export function normalDescription(std: number, notes: string[] = [], mean = 0): InitDescription {
  return {
    distribution: mean === 0 ? 'normal' : `normal (mean ${fmt(mean)})`,
    targetStd: std,
    actualStd: std,
    notes,
  };
}

export function uniformDescription(low: number, high: number, notes: string[] = [], targetStd?: number): InitDescription {
  const std = uniformStd(low, high);
  return { distribution: 'uniform', targetStd: targetStd ?? std, actualStd: std, bounds: [low, high], notes };
}

export function constantDescription(value: number, notes: string[] = []): InitDescription {
  return { distribution: 'constant', targetStd: 0, actualStd: 0, notes: [`every weight = ${fmt(value)}`, ...notes] };
}

/** The std of the entries of a tensor whose `count` of `total` entries equal `value`, the rest 0. */
export function sparseConstantStd(value: number, count: number, total: number): number {
  const p = count / total;
  return Math.abs(value) * Math.sqrt(p * (1 - p));
}

/**
 * A normal with parent std `parentStd` and mean `mean` restricted to ABSOLUTE bounds [low, high]:
 * actual std from the truncated-normal moments.
 */
export function truncatedAbsoluteDescription(
  mean: number,
  parentStd: number,
  low: number,
  high: number,
  targetStd: number,
  distribution: string,
  notes: string[] = [],
): InitDescription {
  const m = truncatedStandardMoments((low - mean) / parentStd, (high - mean) / parentStd);
  return { distribution, targetStd, actualStd: parentStd * m.std, parentStd, bounds: [low, high], notes };
}

/** A ±2σ truncation of N(0, parentStd²) (Keras / TF.js / JAX): actual std = 0.8796·parentStd. */
export function truncated2SigmaDescription(parentStd: number, targetStd: number, corrected: boolean, notes: string[] = [], mean = 0): InitDescription {
  return {
    distribution: corrected ? 'truncated normal (±2σ, corrected)' : 'truncated normal (±2σ, uncorrected)',
    targetStd,
    actualStd: parentStd * TRUNC2_STD_FACTOR,
    parentStd,
    bounds: [mean - 2 * parentStd, mean + 2 * parentStd],
    notes,
  };
}

/** Checks low < high for a pair of parameters (a UsageError naming both). */
export function checkOrdered(initName: string, lowName: string, low: number, highName: string, high: number, strict = true): void {
  if (strict ? !(low < high) : !(low <= high)) {
    throw new UsageError(`'${initName}': ${lowName}=${low} must be ${strict ? '<' : '≤'} ${highName}=${high}.`);
  }
}

/** What every definition of one framework shares: its name, weight layout and fan rule. */
export type FrameworkCommon = Pick<InitializerDefinition, 'framework' | 'layout' | 'fans'>;

/**
 * A parameterless initializer that fills every weight with one value (the frameworks' zeros and
 * ones): identical in all four frameworks but for its name and source.
 */
export function fixedValueInitializer(common: FrameworkCommon, name: string, value: 0 | 1, summary: string, reference: string): InitializerDefinition {
  return {
    ...common,
    name,
    family: value === 0 ? 'zeros' : 'ones',
    summary,
    distribution: 'constant',
    formula: `W = ${value}`,
    reference,
    parameters: [],
    ranks: [1, MAX_RANK],
    label: () => name,
    expectedStd: () => 0,
    describe: () => constantDescription(value),
    fill: (out) => fillConstant(out, value),
  };
}

/**
 * The frameworks' constant(value) initializer: every weight = the parameter `param` (PyTorch calls it
 * `val`, the others `value`); identical in all four but for names, source and notes.
 */
export function constantValueInitializer(
  common: FrameworkCommon,
  spec: { name: string; summary: string; reference: string; param: ParameterDefinition; notes?: string[] },
): InitializerDefinition {
  const key = spec.param.name;
  return {
    ...common,
    name: spec.name,
    family: 'constant',
    summary: spec.summary,
    distribution: 'constant',
    formula: `W = ${key}`,
    reference: spec.reference,
    parameters: [spec.param],
    ranks: [1, MAX_RANK],
    label: (p) => `${spec.name}(${String(p[key])})`,
    expectedStd: () => 0,
    describe: (_c, p) => constantDescription(num(p, key), spec.notes ?? []),
    fill: (out, _c, p) => fillConstant(out, num(p, key)),
  };
}
