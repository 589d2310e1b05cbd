import type { RandomStream } from '../random/types.js';
import { registerLsuvInitializer } from './lsuv.js';
import { registerInitializer } from './registry.js';
import { HE_2015, LECUN_1998 } from './citations.js';
import type { InitializerDefinition, ResolvedParams, WeightContext } from './types.js';

/*
 * initlab's canonical, unprefixed initializers: the four of the deep-learning course's
 * "Initialization" assignment (`initialize_parameters_zeros/random/he`, and the Xavier variant it
 * mentions). Each draws `np.random.randn(fan_out, fan_in) * factor` — the normal is drawn first and
 * then multiplied, value by value, in row-major order — which is what makes them bit-identical to the
 * notebook when driven by numpy's legacy stream.
 */

function fillScaledNormal(out: Float64Array, factor: number, rng: RandomStream): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal() * factor;
}

const COURSE = 'deeplearning.ai, Improving Deep Neural Networks, week 1, "Initialization" (init_utils.py)';

/** All weights 0. Every hidden unit then computes the same function forever: symmetry is never broken. */
export const zeros: InitializerDefinition = {
  name: 'zeros',
  framework: 'initlab',
  family: 'zeros',
  summary: 'All weights zero (the course\'s initialize_parameters_zeros): no symmetry breaking.',
  distribution: 'constant',
  formula: 'W = 0',
  reference: COURSE,
  parameters: [],
  label: () => 'zeros',
  expectedStd: () => 0,
  fill: (out) => out.fill(0),
};

/**
 * Plain random normals times a fixed scale, whatever the layer size. The course's "large random"
 * init uses ×10, which saturates the sigmoid output at iteration 0; the article's text says ×0.01,
 * which makes every signal vanish instead.
 */
export const random: InitializerDefinition = {
  name: 'random',
  framework: 'initlab',
  summary: 'Standard normals times a fixed scale (the course\'s initialize_parameters_random uses ×10).',
  distribution: 'normal',
  formula: 'W ~ N(0, 1) · scale',
  reference: COURSE,
  parameters: [
    { name: 'scale', type: 'number', default: 10, min: 0, minOpen: true, doc: 'the factor multiplying each standard normal' },
  ],
  label: (p: ResolvedParams) => `random (randn×${String(p['scale'])})`,
  expectedStd: (_ctx: WeightContext, p: ResolvedParams) => p['scale'] as number,
  fill: (out, _ctx, p, rng) => fillScaledNormal(out, p['scale'] as number, rng),
};

/**
 * He et al. 2015, "Delving Deep into Rectifiers" (arXiv 1502.01852): Var[W] = 2 / fan_in keeps the
 * variance of ReLU pre-activations constant from layer to layer. Frameworks call it kaiming/he normal.
 */
export const he: InitializerDefinition = {
  name: 'he',
  framework: 'initlab',
  family: 'he_normal',
  summary: 'He et al. 2015: standard normals times sqrt(2 / fan_in), for ReLU layers.',
  distribution: 'normal',
  formula: 'W ~ N(0, 1) · sqrt(2 / fan_in)',
  reference: `${HE_2015}; ${COURSE}`,
  parameters: [],
  label: () => 'he (randn·√(2/fan_in))',
  expectedStd: (ctx) => Math.sqrt(2 / ctx.fanIn),
  fill: (out, ctx, _p, rng) => fillScaledNormal(out, Math.sqrt(2 / ctx.fanIn), rng),
};

/**
 * The course's "Xavier": Var[W] = 1 / fan_in. Frameworks call this LeCun normal (LeCun et al. 1998);
 * Glorot & Bengio's own rule, 2 / (fan_in + fan_out), is the framework-prefixed xavier_/glorot_ family.
 */
export const xavier: InitializerDefinition = {
  name: 'xavier',
  framework: 'initlab',
  family: 'lecun_normal',
  summary: 'The course\'s Xavier: standard normals times sqrt(1 / fan_in) (frameworks: LeCun normal).',
  distribution: 'normal',
  formula: 'W ~ N(0, 1) · sqrt(1 / fan_in)',
  reference: `${LECUN_1998}; ${COURSE}`,
  parameters: [],
  label: () => 'xavier (randn·√(1/fan_in))',
  expectedStd: (ctx) => Math.sqrt(1 / ctx.fanIn),
  fill: (out, ctx, _p, rng) => fillScaledNormal(out, Math.sqrt(1 / ctx.fanIn), rng),
};

/**
 * The course's four initializations (deeplearning.ai, "Initialization"): zeros, random (N(0, 1)·scale), he (N(0, 1)·√(2/fan_in), He et al. 2015) and xavier (N(0, 1)·√(1/fan_in), as the course writes it).
 */
export const COURSE_INITIALIZERS: readonly InitializerDefinition[] = [zeros, random, he, xavier];

let registered = false;
/** Registers the course initializers once (idempotent, so every entry point may call it). */
export function registerCourseInitializers(): void {
  if (registered) return;
  registered = true;
  for (const def of COURSE_INITIALIZERS) registerInitializer(def);
  registerLsuvInitializer();
}
