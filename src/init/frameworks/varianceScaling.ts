/**
 * One variance-scaling factory for the four frameworks (JAX's design: `variance_scaling(scale, mode,
 * distribution)` is the one initializer, and he/glorot/lecun are it with fixed arguments).
 *
 * A framework states its differences once, as a `VarianceScalingRule`: how it turns (scale, mode)
 * into a target std (Keras and TF.js clamp the fan at 1, JAX does not, PyTorch multiplies a gain), how
 * it draws (Keras redraws outside ±2σ and corrects the std, JAX truncates by inverse CDF, TF.js
 * truncates without the correction, PyTorch does not truncate), and how it words a formula. Every
 * definition — the general initializer and each preset — is then built here, its label and summary
 * derived from its name and parameters. Draws keep each framework's own order of floating-point
 * operations, so values are unchanged by the factory.
 */
import type { RandomStream } from '../../random/types.js';
import type { InitDescription, InitializerDefinition, ParameterDefinition, ResolvedParams, WeightContext } from '../types.js';
import { fillUniform } from '../sampling.js';
import { MAX_RANK, formatNumber, labelWith, uniformDescription, type FrameworkCommon } from './common.js';

/** The arguments of a variance-scaling draw: v = scale / n(mode), then a distribution with std √v. */
export interface VarianceScaling {
  scale: number;
  mode: string;
  distribution: string;
  /** PyTorch states the std as gain/√fan instead of √(scale/fan); its rule reads this. */
  gain?: number;
}

export interface VarianceScalingRule {
  readonly common: FrameworkCommon;
  /** Tensor ranks every definition accepts; default [1, MAX_RANK]. */
  readonly ranks?: readonly [number, number];
  /** 'Keras', 'TF.js', 'JAX', 'PyTorch': the summary's first word. */
  readonly frameworkLabel: string;
  /** The framework's source file, cited after the paper. */
  readonly source: string;
  /** The divisor n for the mode (clamped as the framework clamps it) and v = scale/n. */
  variance(ctx: WeightContext, vs: VarianceScaling): { n: number; variance: number };
  /** The std the framework aims at, in its own order of operations. Default √v. */
  targetStd?(ctx: WeightContext, vs: VarianceScaling): number;
  /** The std the samples really have; default the target (TF.js's uncorrected truncation differs). */
  actualStd?(ctx: WeightContext, vs: VarianceScaling): number;
  fill(out: Float64Array, ctx: WeightContext, vs: VarianceScaling, rng: RandomStream): void;
  describe(ctx: WeightContext, vs: VarianceScaling, extra: string[]): InitDescription;
  /** The `distribution` field of a definition drawing `vs`. */
  distributionLabel(vs: VarianceScaling): string;
  /** The formula of a normal draw whose variance is `variance` (text such as '2 / fan_in'). */
  normalFormula(variance: string, vs: VarianceScaling): string;
  /** Parameters every preset takes (JAX's in_axis/out_axis); default none. */
  readonly presetParameters?: readonly ParameterDefinition[];
  /** Shape checks a definition named `name` makes (JAX's axes). */
  checkShape?(name: string): (shape: readonly number[], p: ResolvedParams) => void;
  /** Notes a preset adds to its description (e.g. 'truncated, unlike PyTorch's'). */
  presetNotes?(vs: VarianceScaling): string[];
}

const MODE_TEXT: Record<string, { n: string; factor: number }> = {
  fan_in: { n: 'fan_in', factor: 1 },
  fanIn: { n: 'fan_in', factor: 1 },
  fan_out: { n: 'fan_out', factor: 1 },
  fanOut: { n: 'fan_out', factor: 1 },
  fan_avg: { n: '(fan_in + fan_out)', factor: 2 },
  fanAvg: { n: '(fan_in + fan_out)', factor: 2 },
  fan_geo_avg: { n: '√(fan_in·fan_out)', factor: 1 },
};

/** 'scale / n' written out for fixed arguments, e.g. '2 / fan_in' or '2 / (fan_in + fan_out)'. */
export function varianceText(vs: VarianceScaling, multiplier = 1): string {
  const m = MODE_TEXT[vs.mode] ?? { n: vs.mode, factor: 1 };
  return `${formatNumber(vs.scale * m.factor * multiplier)} / ${m.n}`;
}

/** The formula of a preset with fixed arguments, uniform or normal. */
function presetFormula(rule: VarianceScalingRule, vs: VarianceScaling): string {
  if (vs.distribution === 'uniform') return `W ~ U(−L, L), L = √(${varianceText(vs, 3)})`;
  return rule.normalFormula(varianceText(vs), vs);
}

const targetStd = (rule: VarianceScalingRule, ctx: WeightContext, vs: VarianceScaling): number =>
  rule.targetStd ? rule.targetStd(ctx, vs) : Math.sqrt(rule.variance(ctx, vs).variance);

/** What a definition adds to the rule: its name, words, parameters and how they map to arguments. */
export interface VarianceScalingSpec {
  name: string;
  family?: string;
  summary: string;
  formula: string;
  reference: string;
  parameters: readonly ParameterDefinition[];
  ranks?: readonly [number, number];
  /** The `distribution` field; default 'variance scaling' (the general initializer). */
  distribution?: string;
  vsOf(p: ResolvedParams): VarianceScaling;
  /** Extra description notes that depend on the parameters. */
  notes?(ctx: WeightContext, p: ResolvedParams): string[];
}

/** A variance-scaling initializer whose arguments come from its parameters. */
export function varianceScalingInitializer(rule: VarianceScalingRule, spec: VarianceScalingSpec): InitializerDefinition {
  const actual = (ctx: WeightContext, p: ResolvedParams): number => {
    const vs = spec.vsOf(p);
    return rule.actualStd ? rule.actualStd(ctx, vs) : targetStd(rule, ctx, vs);
  };
  const check = rule.checkShape?.(spec.name);
  return {
    ...rule.common,
    name: spec.name,
    ...(spec.family ? { family: spec.family } : {}),
    summary: spec.summary,
    distribution: spec.distribution ?? 'variance scaling',
    formula: spec.formula,
    reference: spec.reference,
    parameters: spec.parameters,
    ranks: spec.ranks ?? rule.ranks ?? [1, MAX_RANK],
    label: (p) => labelWith(spec.name, spec.parameters, p),
    ...(check ? { checkShape: check } : {}),
    expectedStd: actual,
    describe: (ctx, p) => rule.describe(ctx, spec.vsOf(p), spec.notes?.(ctx, p) ?? []),
    fill: (out, ctx, p, rng) => rule.fill(out, ctx, spec.vsOf(p), rng),
  };
}

/** A preset: the rule with fixed arguments, e.g. He normal = (2, fan_in, truncated_normal) in Keras. */
export interface VarianceScalingPreset {
  /** The framework's own name without prefix, e.g. 'he_normal' or 'heNormal'. */
  key: string;
  family: string;
  vs: VarianceScaling;
  /** The paper(s) the preset comes from (a citation constant). */
  paper: string;
  /** The class or function name in the framework's source, when it differs from key. */
  sourceName?: string;
  alias?: string;
  note?: string;
}

/** The registry name of a preset: the framework prefix and the framework's own key. */
export function presetName(rule: VarianceScalingRule, key: string): string {
  return `${rule.common.framework}:${key}`;
}

export function varianceScalingPreset(rule: VarianceScalingRule, pr: VarianceScalingPreset): InitializerDefinition {
  const name = presetName(rule, pr.key);
  const parameters = rule.presetParameters ?? [];
  const { scale, mode, distribution } = pr.vs;
  const alias = pr.alias ? ` (alias ${pr.alias})` : '';
  const note = pr.note ? ` — ${pr.note}` : '';
  return varianceScalingInitializer(rule, {
    name,
    distribution: rule.distributionLabel(pr.vs),
    family: pr.family,
    summary: `${rule.frameworkLabel} ${pr.sourceName ?? pr.key}${alias}: variance scaling (scale ${formatNumber(scale)}, ${mode}, ${distribution})${note}.`,
    formula: presetFormula(rule, pr.vs),
    reference: `${pr.paper}; ${rule.source} (${pr.sourceName ?? pr.key})`,
    parameters,
    vsOf: () => pr.vs,
    notes: () => rule.presetNotes?.(pr.vs) ?? [],
  });
}

/** The uniform branch of Keras, TF.js and JAX: U(±√(3v)), whose std is √v. */
export function fillVarianceUniform(out: Float64Array, variance: number, rng: RandomStream): void {
  const limit = Math.sqrt(3 * variance);
  fillUniform(out, -limit, limit, rng);
}

/** The description of that branch. */
export function varianceUniformDescription(variance: number, notes: string[]): InitDescription {
  const limit = Math.sqrt(3 * variance);
  return uniformDescription(-limit, limit, notes);
}
