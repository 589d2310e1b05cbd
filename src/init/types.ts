import type { RandomStream } from '../random/types.js';

/** A parameter value as written in a spec string (`scale=0.01`) or a config object. */
export type ParamValue = number | string | boolean;

/**
 * An initializer as the user writes it in a config file: `{"name": "random", "scale": 0.01}`.
 * The spec string `random:scale=0.01` parses to the same object.
 */
export interface InitSpec {
  name: string;
  [parameter: string]: ParamValue;
}

/** Which framework's semantics an initializer reproduces ('initlab' = the course's and initlab's own). */
export type Framework = 'initlab' | 'torch' | 'keras' | 'tfjs' | 'jax';

/** A documented, validated parameter of an initializer. */
export interface ParameterDefinition {
  readonly name: string;
  readonly type: 'number' | 'string' | 'boolean';
  readonly description: string;
  readonly default: ParamValue;
  /** For numbers: the smallest allowed value, and whether it is excluded. */
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly integer?: boolean;
  /** For strings: the allowed values. */
  readonly choices?: readonly string[];
}

/** Parameters after validation, with defaults filled in. */
export type ResolvedParams = Readonly<Record<string, ParamValue>>;

/** The tensor an initializer fills: its shape and the fans its framework computes for it. */
export interface WeightContext {
  /** Shape of the tensor in the initializer's framework layout (the course and PyTorch: (fanOut, fanIn)). */
  readonly shape: readonly number[];
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * One initializer: what it is (name, formula, paper), its parameters, and how it draws.
 * Modelled on tfjs-layers' registry of named, serializable initializers and documented like
 * PyTorch's `torch/nn/init.py` (formula and paper for each).
 */
export interface InitializerDefinition {
  /** Registry name, e.g. `he` or (later) `torch:kaiming_normal`. */
  readonly name: string;
  readonly framework: Framework;
  /** One line a person reads in `initlab inits`. */
  readonly summary: string;
  /** The distribution family: 'constant', 'normal', 'uniform', 'truncated normal', … */
  readonly distribution: string;
  /** The formula, e.g. `W ~ N(0, 1) · sqrt(2 / fan_in)`. */
  readonly formula: string;
  /** Where the rule comes from (paper or framework source). */
  readonly reference: string;
  readonly parameters: readonly ParameterDefinition[];
  /** A short label for tables, e.g. `random (randn×10)`. */
  label(params: ResolvedParams): string;
  /** The standard deviation of the weights this initializer produces for a tensor (0 for constants). */
  expectedStd(ctx: WeightContext, params: ResolvedParams): number;
  /** Fills `out` (row-major over ctx.shape) with values drawn from `rng`. */
  fill(out: Float64Array, ctx: WeightContext, params: ResolvedParams, rng: RandomStream): void;
}

/** An initializer bound to validated parameters. */
export interface ResolvedInit {
  readonly definition: InitializerDefinition;
  readonly params: ResolvedParams;
  /** The canonical spec: name plus every parameter (defaults included). */
  readonly spec: InitSpec;
}
