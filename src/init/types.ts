import type { RandomStream } from '../random/types.js';
import type { InitSpec, ParamValue } from '../core/initSpec.js';
import type { ParamSpec } from '../util/params.js';

// ParamValue and InitSpec are part of the run vocabulary (a RunConfig holds an InitSpec): src/core.
export type { InitSpec, ParamValue };

/** Which framework's semantics an initializer reproduces ('initlab' = the course's and initlab's own). */
export type Framework = 'initlab' | 'torch' | 'keras' | 'tfjs' | 'jax';

/**
 * A documented, validated parameter of an initializer: initlab's one parameter schema
 * (util/params.ts, shared with data sets, optimizers and schedules), narrowed to the scalar types a
 * spec string can hold and with a default always present.
 */
export type ParameterDefinition = ParamSpec & {
  readonly type: 'number' | 'integer' | 'string' | 'boolean';
  readonly default: ParamValue;
};

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
 * Where a framework puts a dense kernel's dimensions: PyTorch and the course store W as
 * (out, in); Keras, TF.js and JAX store the kernel as (in, out), and conv kernels as (kh, kw, in, out).
 */
export type WeightLayout = 'out-in' | 'in-out';

/** What an initializer really produces for one tensor: `initlab explain` prints this. */
export interface InitDescription {
  /** e.g. 'normal', 'uniform', 'truncated normal (±2σ, corrected)'. */
  distribution: string;
  /** The std the framework's documentation or formula aims at. */
  targetStd: number;
  /** The std the samples really have (differs from targetStd e.g. under uncorrected truncation). */
  actualStd: number;
  /** For truncated normals: the std of the parent normal before truncation. */
  parentStd?: number;
  /** Support of the distribution, when bounded. */
  bounds?: readonly [number, number];
  /** Why the numbers are what they are (known bugs, surprises, formula in numbers). */
  notes: string[];
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
  /**
   * Fills a dense layer's bias (length fanOut; ctx is its kernel's) from the same stream, right after
   * that layer's kernel. Absent: zero biases, as in the course and every framework's dense default.
   * Mean-field initializations (Poole et al. 2016) draw b ~ N(0, σ_b²), and σ_b² moves the critical line.
   */
  fillBias?(out: Float64Array, ctx: WeightContext, params: ResolvedParams, rng: RandomStream): void;
  /** The variance of the biases fillBias draws (σ_b², what mean-field predictions add per layer). */
  biasVariance?(params: ResolvedParams): number;
  /** The framework's layout of a dense kernel; default 'out-in' (PyTorch, the course). */
  readonly layout?: WeightLayout;
  /** Tensor ranks accepted, inclusive; default [2, 2] (dense kernels). */
  readonly ranks?: readonly [number, number];
  /**
   * fan_in and fan_out as this framework computes them for `shape` (in its layout). Default: the
   * PyTorch rule — fan_in = shape[1]·receptive field, fan_out = shape[0]·receptive field.
   */
  fans?(shape: readonly number[], params: ResolvedParams): { fanIn: number; fanOut: number };
  /** Extra shape checks (e.g. divisibility by groups); throw a UsageError naming the rule. */
  checkShape?(shape: readonly number[], params: ResolvedParams): void;
  /** Distribution facts for `initlab explain`; default: normal with expectedStd. */
  describe?(ctx: WeightContext, params: ResolvedParams): InitDescription;
  /**
   * A cross-framework key shared by the "same" initializer in every framework (e.g. 'he_normal',
   * 'glorot_uniform', 'dense_default'), so `explain` can show them side by side.
   */
  readonly family?: string;
  /** Data-dependent initializers (LSUV) need a network and a batch; `initialize()` refuses them. */
  readonly dataDependent?: boolean;
}

/** An initializer bound to validated parameters. */
export interface ResolvedInit {
  readonly definition: InitializerDefinition;
  readonly params: ResolvedParams;
  /** The canonical spec: name plus every parameter (defaults included). */
  readonly spec: InitSpec;
}
