import { UsageError } from '../util/errors.js';
import type { InitializerDefinition, ResolvedParams } from './types.js';

/**
 * PyTorch's `_calculate_fan_in_and_fan_out`: receptive field = product of dims 2…end;
 * fan_in = shape[1]·receptive, fan_out = shape[0]·receptive. Also the course's rule for (out, in).
 */
export function torchFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i]!;
  return { fanIn: (shape[1] ?? 1) * receptive, fanOut: shape[0]! * receptive };
}

/** Checks that `shape` is a list of positive integers of a rank the initializer accepts. */
export function checkShapeFor(def: InitializerDefinition, shape: readonly number[], params: ResolvedParams): void {
  const [min, max] = def.ranks ?? [2, 2];
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UsageError(`shape ${shape.join('x') || '(empty)'}: every dimension must be a whole number ≥ 1.`);
  }
  if (shape.length < min || shape.length > max) {
    const allowed = min === max ? `${min}-D` : `${min}-D to ${max}-D`;
    throw new UsageError(`'${def.name}' accepts ${allowed} tensors, not the ${shape.length}-D shape ${shape.join('x')}.`);
  }
  def.checkShape?.(shape, params);
}

/**
 * Fans of `shape` by the initializer's own framework rule (its `fans`: kerasFans, tfjsFans, jaxFans…), else
 * PyTorch's (torchFans): fan_in = shape[1]·rf, fan_out = shape[0]·rf, rf = product of dims 2…end.
 */
export function fansFor(def: InitializerDefinition, shape: readonly number[], params: ResolvedParams): { fanIn: number; fanOut: number } {
  return def.fans ? def.fans(shape, params) : torchFans(shape);
}
