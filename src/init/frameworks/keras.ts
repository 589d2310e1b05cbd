/**
 * Keras 3's initializers (`keras/src/initializers/{random_initializers,constant_initializers}.py`) in
 * Keras' layout: Dense kernels (in, out), conv kernels (kh, kw, in, out); fans by `compute_fans`.
 * Specification: docs/reference/initializers.md §2.
 */
import {
  TRUNC2_STD_FACTOR,
  fillNormal,
  fillOrthogonalKeras,
  fillTruncatedNormal2Sigma,
  fillUniform,
} from '../sampling.js';
import type { InitDescription, InitializerDefinition, ParameterDefinition, ResolvedParams } from '../types.js';
import {
  MAX_RANK,
  checkOrdered,
  formatNumber,
  kerasFans,
  labelWith,
  normalDescription,
  num,
  product,
  sparseConstantStd,
  str,
  truncated2SigmaDescription,
  uniformDescription, fixedValueInitializer, constantValueInitializer } from './common.js';
import { GLOROT_2010, HE_2015, LECUN_AND_SELU, SAXE_2013 } from '../citations.js';
import { fillVarianceUniform, varianceScalingInitializer, varianceUniformDescription, varianceScalingPreset, type VarianceScalingPreset, type VarianceScalingRule } from './varianceScaling.js';

const RANDOM_PY = 'Keras 3 keras/src/initializers/random_initializers.py';
const CONSTANT_PY = 'Keras 3 keras/src/initializers/constant_initializers.py';

const common = { framework: 'keras', layout: 'in-out', fans: (shape: readonly number[]) => kerasFans(shape) } as const;

export type KerasMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type KerasDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

/** Keras' VarianceScaling: n = max(1, fan) for the mode, v = scale/n; 'normal' means truncated. */
const KERAS_RULE: VarianceScalingRule = {
  common,
  frameworkLabel: 'Keras',
  source: RANDOM_PY,
  variance(ctx, vs) {
    const n =
      vs.mode === 'fan_in' ? Math.max(1.0, ctx.fanIn) : vs.mode === 'fan_out' ? Math.max(1.0, ctx.fanOut) : Math.max(1.0, (ctx.fanIn + ctx.fanOut) / 2.0);
    return { n, variance: vs.scale / n };
  },
  fill(out, ctx, vs, rng) {
    const { variance } = KERAS_RULE.variance(ctx, vs);
    if (vs.distribution === 'truncated_normal') fillTruncatedNormal2Sigma(out, 0, Math.sqrt(variance) / TRUNC2_STD_FACTOR, rng);
    else if (vs.distribution === 'untruncated_normal') fillNormal(out, 0, Math.sqrt(variance), rng);
    else fillVarianceUniform(out, variance, rng);
  },
  describe(ctx, vs, extra) {
    const { n, variance } = KERAS_RULE.variance(ctx, vs);
    const target = Math.sqrt(variance);
    const notes = [`v = scale / max(1, ${vs.mode}) = ${formatNumber(vs.scale)} / ${formatNumber(n)}`, ...extra];
    if (vs.distribution === 'truncated_normal') {
      const parent = Math.sqrt(variance) / TRUNC2_STD_FACTOR;
      return truncated2SigmaDescription(parent, target, true, [
        ...notes,
        `parent std √v / 0.87962566103423978 = ${formatNumber(parent)}, cut at ±2 parent std = ±${formatNumber(2 * parent)}; the correction makes the real std √v`,
        "Keras' torch backend keeps the first of 4 candidates when none lies within ±2σ (p ≈ 4.3e-6 per value); initlab always redraws",
      ]);
    }
    if (vs.distribution === 'untruncated_normal') return normalDescription(target, notes);
    return varianceUniformDescription(variance, notes);
  },
  distributionLabel: (vs) => (vs.distribution === 'uniform' ? 'uniform' : vs.distribution === 'untruncated_normal' ? 'normal' : 'truncated normal (±2σ, corrected)'),
  normalFormula: (v, vs) =>
    vs.distribution === 'untruncated_normal' ? `W ~ N(0, ${v})` : `W ~ N(0, σ_p²) | |W| < 2σ_p, σ_p = √(${v}) / c, c = 0.87962566103423978`,
  presetNotes: (vs) => (vs.distribution === 'truncated_normal' ? ['truncated (PyTorch kaiming_normal_/xavier_normal_ are not)'] : []),
};

/** Keras maps distribution='normal' (any case) to 'truncated_normal'. */
function kerasDistribution(p: ResolvedParams): KerasDistribution {
  const d = str(p, 'distribution').toLowerCase();
  return (d === 'normal' ? 'truncated_normal' : d) as KerasDistribution;
}

const VS_PARAMS: readonly ParameterDefinition[] = [
  { name: 'scale', type: 'number', default: 1.0, min: 0, minOpen: true, doc: 'scaling factor of the variance (> 0)' },
  { name: 'mode', type: 'string', default: 'fan_in', choices: ['fan_in', 'fan_out', 'fan_avg'], doc: 'which fan divides the scale' },
  {
    name: 'distribution',
    type: 'string',
    default: 'truncated_normal',
    choices: ['truncated_normal', 'untruncated_normal', 'uniform', 'normal'],
    doc: "'truncated_normal' (±2σ, std corrected), 'untruncated_normal' or 'uniform'; 'normal' is silently mapped to 'truncated_normal'",
  },
];

export const kerasVarianceScaling = varianceScalingInitializer(KERAS_RULE, {
  name: 'keras:variance_scaling',
  summary: 'Keras VarianceScaling: std √(scale/n) with n = fan_in, fan_out or their mean; truncated (corrected), untruncated or uniform.',
  formula: 'v = scale / max(1, n); truncated_normal: N(0, (√v/c)²) cut at ±2√v/c, c = 0.87962566103423978; untruncated_normal: N(0, v); uniform: U(±√(3v))',
  reference: `${HE_2015}; ${GLOROT_2010}; ${RANDOM_PY} (VarianceScaling)`,
  parameters: VS_PARAMS,
  vsOf: (p) => ({ scale: num(p, 'scale'), mode: str(p, 'mode'), distribution: kerasDistribution(p) }),
  notes: (_ctx, p) => (str(p, 'distribution').toLowerCase() === 'normal' ? ["distribution='normal' is silently mapped to 'truncated_normal' by Keras"] : []),
});

const preset = (pr: VarianceScalingPreset): InitializerDefinition => varianceScalingPreset(KERAS_RULE, pr);

export const kerasGlorotUniform = preset({ key: 'glorot_uniform', sourceName: 'GlorotUniform', family: 'glorot_uniform', vs: { scale: 1, mode: 'fan_avg', distribution: 'uniform' }, paper: GLOROT_2010, note: 'the Dense/Conv default kernel' });
export const kerasGlorotNormal = preset({ key: 'glorot_normal', sourceName: 'GlorotNormal', family: 'glorot_normal', vs: { scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' }, paper: GLOROT_2010 });
export const kerasHeNormal = preset({ key: 'he_normal', sourceName: 'HeNormal', family: 'he_normal', vs: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal' }, paper: HE_2015, note: 'truncated, std corrected to √(2/fan_in)' });
export const kerasHeUniform = preset({ key: 'he_uniform', sourceName: 'HeUniform', family: 'he_uniform', vs: { scale: 2, mode: 'fan_in', distribution: 'uniform' }, paper: HE_2015 });
export const kerasLecunNormal = preset({ key: 'lecun_normal', sourceName: 'LecunNormal', family: 'lecun_normal', vs: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }, paper: LECUN_AND_SELU });
export const kerasLecunUniform = preset({ key: 'lecun_uniform', sourceName: 'LecunUniform', family: 'lecun_uniform', vs: { scale: 1, mode: 'fan_in', distribution: 'uniform' }, paper: LECUN_AND_SELU });

export const kerasDenseDefault: InitializerDefinition = {
  ...kerasGlorotUniform,
  name: 'keras:dense_default',
  family: 'dense_default',
  summary: "Keras Dense/Conv default kernel: glorot_uniform, U(±√(6/(fan_in + fan_out))); biases zeros.",
  reference: `Keras 3 keras/src/layers/core/dense.py, keras/src/layers/convolutional/base_conv.py (kernel_initializer='glorot_uniform'); ${GLOROT_2010}`,
  ranks: [2, 5],
  label: () => 'keras:dense_default',
  describe: (ctx) => KERAS_RULE.describe(ctx, { scale: 1, mode: 'fan_avg', distribution: 'uniform' }, ['= keras:glorot_uniform; biases are zeros', "TF.js' Dense default is glorotNormal instead"]),
};

const GAIN_PARAM: ParameterDefinition = { name: 'gain', type: 'number', default: 1.0, doc: 'multiplicative factor' };

/** Keras/TF.js/JAX orthogonal: rows = ∏ all dims but the last, cols = the last. */
export function kerasOrthogonalDescription(shape: readonly number[], gain: number, extra: string[] = []): InitDescription {
  const cols = shape[shape.length - 1]!;
  const rows = product(shape) / cols;
  const std = Math.abs(gain) / Math.sqrt(Math.max(rows, cols));
  return {
    distribution: 'orthogonal (Haar)',
    targetStd: std,
    actualStd: std,
    notes: [
      `flattened to ${rows}×${cols} (all dims but the last × the last); ${rows >= cols ? `the ${cols} columns (one per output unit) are orthonormal` : `the ${rows} rows are orthonormal`}, times gain ${formatNumber(gain)}`,
      "a normal (max, min) matrix → QR → Q·sign(diag R): the same per-output-unit semantics as PyTorch's rows, in the transposed layout",
      'element std = gain/√max(rows, cols)',
      ...extra,
    ],
  };
}

export const kerasOrthogonal: InitializerDefinition = {
  ...common,
  name: 'keras:orthogonal',
  family: 'orthogonal',
  summary: 'Keras Orthogonal: Haar-random (semi-)orthogonal matrix (∏ leading dims × last dim) times gain.',
  distribution: 'orthogonal',
  formula: 'A ~ N(0, 1)^{max(r,c)×min(r,c)}; Q·sign(diag R) = QR(A); transposed when r < c; W = gain · Q',
  reference: `${SAXE_2013}; ${RANDOM_PY} (Orthogonal)`,
  parameters: [GAIN_PARAM],
  ranks: [2, MAX_RANK],
  label: (p) => labelWith('keras:orthogonal', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => kerasOrthogonalDescription(ctx.shape, num(p, 'gain')).actualStd,
  describe: (ctx, p) => kerasOrthogonalDescription(ctx.shape, num(p, 'gain')),
  fill: (out, ctx, p, rng) => fillOrthogonalKeras(out, ctx.shape, num(p, 'gain'), rng),
};

/** gain · eye(rows, cols) and its entry std. */
export function fillEye(out: Float64Array, rows: number, cols: number, gain: number): void {
  out.fill(0);
  for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = gain;
}
export function eyeDescription(rows: number, cols: number, gain: number, extra: string[] = []): InitDescription {
  const std = sparseConstantStd(gain, Math.min(rows, cols), rows * cols);
  return {
    distribution: 'identity (deterministic)',
    targetStd: std,
    actualStd: std,
    bounds: [Math.min(0, gain), Math.max(0, gain)],
    notes: [`${Math.min(rows, cols)} diagonal entries = gain ${formatNumber(gain)}, all else 0`, ...extra],
  };
}

export const kerasIdentity: InitializerDefinition = {
  ...common,
  name: 'keras:identity',
  family: 'identity',
  summary: 'Keras Identity: gain · eye(rows, cols); 2-D only, non-square allowed.',
  distribution: 'constant',
  formula: 'W = gain · I (rows × cols)',
  reference: `${CONSTANT_PY} (Identity)`,
  parameters: [GAIN_PARAM],
  ranks: [2, 2],
  label: (p) => labelWith('keras:identity', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => eyeDescription(ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain')).actualStd,
  describe: (ctx, p) => eyeDescription(ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain'), ['TF.js identity requires a square matrix']),
  fill: (out, ctx, p) => fillEye(out, ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain')),
};

const MEAN_STD_PARAMS: readonly ParameterDefinition[] = [
  { name: 'mean', type: 'number', default: 0.0, doc: 'mean' },
  { name: 'stddev', type: 'number', default: 0.05, min: 0, doc: 'standard deviation (for truncated_normal: of the parent normal)' },
];

export const kerasTruncatedNormal: InitializerDefinition = {
  ...common,
  name: 'keras:truncated_normal',
  family: 'truncated_normal',
  summary: 'Keras TruncatedNormal: N(mean, stddev²) redrawn outside mean ± 2·stddev; no correction (std 0.88·stddev).',
  distribution: 'truncated normal (±2σ, uncorrected)',
  formula: 'W ~ N(mean, stddev²) | |W − mean| < 2·stddev',
  reference: `${RANDOM_PY} (TruncatedNormal)`,
  parameters: MEAN_STD_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('keras:truncated_normal', MEAN_STD_PARAMS, p),
  expectedStd: (_c, p) => num(p, 'stddev') * TRUNC2_STD_FACTOR,
  describe: (_c, p) =>
    truncated2SigmaDescription(num(p, 'stddev'), num(p, 'stddev'), false, ['stddev is the parent std: the values have std 0.8796·stddev (only VarianceScaling corrects)'], num(p, 'mean')),
  fill: (out, _c, p, rng) => fillTruncatedNormal2Sigma(out, num(p, 'mean'), num(p, 'stddev'), rng),
};

export const kerasRandomNormal: InitializerDefinition = {
  ...common,
  name: 'keras:random_normal',
  family: 'normal',
  summary: 'Keras RandomNormal: N(mean, stddev²), default N(0, 0.05²).',
  distribution: 'normal',
  formula: 'W ~ N(mean, stddev²)',
  reference: `${RANDOM_PY} (RandomNormal)`,
  parameters: MEAN_STD_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('keras:random_normal', MEAN_STD_PARAMS, p),
  expectedStd: (_c, p) => num(p, 'stddev'),
  describe: (_c, p) => normalDescription(num(p, 'stddev'), [], num(p, 'mean')),
  fill: (out, _c, p, rng) => fillNormal(out, num(p, 'mean'), num(p, 'stddev'), rng),
};

const MINMAX_PARAMS: readonly ParameterDefinition[] = [
  { name: 'minval', type: 'number', default: -0.05, doc: 'lower bound' },
  { name: 'maxval', type: 'number', default: 0.05, doc: 'upper bound (excluded)' },
];

export const kerasRandomUniform: InitializerDefinition = {
  ...common,
  name: 'keras:random_uniform',
  family: 'uniform',
  summary: 'Keras RandomUniform: U[minval, maxval), default U[−0.05, 0.05) (the Embedding default).',
  distribution: 'uniform',
  formula: 'W ~ U[minval, maxval)',
  reference: `${RANDOM_PY} (RandomUniform)`,
  parameters: MINMAX_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('keras:random_uniform', MINMAX_PARAMS, p),
  checkShape: (_s, p) => checkOrdered('keras:random_uniform', 'minval', num(p, 'minval'), 'maxval', num(p, 'maxval'), false),
  expectedStd: (_c, p) => Math.abs(num(p, 'maxval') - num(p, 'minval')) / Math.sqrt(12),
  describe: (_c, p) => uniformDescription(num(p, 'minval'), num(p, 'maxval')),
  fill: (out, _c, p, rng) => fillUniform(out, num(p, 'minval'), num(p, 'maxval'), rng),
};

const VALUE_PARAM: ParameterDefinition = { name: 'value', type: 'number', default: 0.0, doc: 'the value to fill with (a scalar)' };

export const kerasConstant: InitializerDefinition = constantValueInitializer(common, {
  name: 'keras:constant', summary: 'Keras Constant: every weight = value (default 0).', reference: `${CONSTANT_PY} (Constant)`, param: VALUE_PARAM,
});

export const kerasZeros: InitializerDefinition = fixedValueInitializer(common, 'keras:zeros', 0, 'Keras Zeros: every weight 0 (the default bias).', `${CONSTANT_PY} (Zeros)`);

export const kerasOnes: InitializerDefinition = fixedValueInitializer(common, 'keras:ones', 1, 'Keras Ones: every weight 1.', `${CONSTANT_PY} (Ones)`);

/**
 * Keras 3's keras.initializers (VarianceScaling and its Glorot / He / LeCun members, Orthogonal, Identity, RandomNormal, RandomUniform, TruncatedNormal, Zeros, Ones, Constant) and the Dense layer's default, as initlab definitions.
 */
export const KERAS_INITIALIZERS: readonly InitializerDefinition[] = [
  kerasVarianceScaling,
  kerasGlorotUniform,
  kerasGlorotNormal,
  kerasHeUniform,
  kerasHeNormal,
  kerasLecunUniform,
  kerasLecunNormal,
  kerasOrthogonal,
  kerasIdentity,
  kerasTruncatedNormal,
  kerasRandomNormal,
  kerasRandomUniform,
  kerasConstant,
  kerasZeros,
  kerasOnes,
  kerasDenseDefault,
];

