/**
 * JAX's initializers (`jax/_src/nn/initializers.py` @ 29e6647577ad) and Flax's Dense default, in JAX's
 * layout: kernels (in, out), conv kernels (kh, kw, in, out); fans by `_compute_fans` with `in_axis` /
 * `out_axis` (defaults −2 / −1; `batch_axis` is not exposed). Specification:
 * docs/reference/initializers.md §4.
 */
import { UsageError } from '../../util/errors.js';
import {
  TRUNC2_STD_FACTOR,
  fillNormal,
  fillOrthogonalKeras,
  fillTruncatedNormalSigmaInverseCdf,
  fillUniform,
  truncatedStandardMoments,
} from '../sampling.js';
import type { InitDescription, InitializerDefinition, ParameterDefinition, ResolvedParams } from '../types.js';
import {
  MAX_RANK,
  checkOrdered,
  formatNumber,
  jaxFans,
  labelWith,
  normalDescription,
  num,
  product,
  resolveAxis,
  str,
  truncated2SigmaDescription,
  uniformDescription,
  fixedValueInitializer,
  constantValueInitializer,
} from './common.js';
import { GLOROT_2010, HE_2015, LECUN_AND_SELU, SAXE_2013, XIAO_2018 } from '../citations.js';
import { fillVarianceUniform, varianceScalingInitializer, varianceUniformDescription, varianceScalingPreset, type VarianceScalingPreset, type VarianceScalingRule } from './varianceScaling.js';

const SRC = 'JAX jax/_src/nn/initializers.py';

const AXIS_PARAMS: readonly ParameterDefinition[] = [
  { name: 'in_axis', type: 'integer', default: -2, doc: 'axis of the input dimension (negative counts from the end)' },
  { name: 'out_axis', type: 'integer', default: -1, doc: 'axis of the output dimension (negative counts from the end)' },
];

function checkAxes(name: string) {
  return (shape: readonly number[], p: ResolvedParams): void => {
    const i = resolveAxis(num(p, 'in_axis'), shape.length, 'in_axis', name);
    const o = resolveAxis(num(p, 'out_axis'), shape.length, 'out_axis', name);
    if (i === o) throw new UsageError(`'${name}': in_axis and out_axis must be different axes (both are axis ${i}).`);
  };
}

const axesFans = (shape: readonly number[], p: ResolvedParams) => jaxFans(shape, num(p, 'in_axis'), num(p, 'out_axis'));
/** Fans for initializers without axis parameters (JAX computes none; the default axes are shown). */
const defaultFans = (shape: readonly number[]) => (shape.length >= 2 ? jaxFans(shape, -2, -1) : { fanIn: product(shape), fanOut: product(shape) });

export type JaxMode = 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg';
export type JaxDistribution = 'truncated_normal' | 'normal' | 'uniform';

/** JAX's variance_scaling: n = fan_in | fan_out | (fan_in + fan_out)/2 | √(fan_in·fan_out), no max(1, ·) clamp; v = scale/n. */
const JAX_RULE: VarianceScalingRule = {
  common: { framework: 'jax', layout: 'in-out', fans: axesFans },
  ranks: [2, MAX_RANK],
  frameworkLabel: 'JAX',
  source: SRC,
  variance(ctx, vs) {
    const n =
      vs.mode === 'fan_in' ? ctx.fanIn : vs.mode === 'fan_out' ? ctx.fanOut : vs.mode === 'fan_avg' ? (ctx.fanIn + ctx.fanOut) / 2 : Math.sqrt(ctx.fanIn * ctx.fanOut);
    return { n, variance: vs.scale / n };
  },
  fill(out, ctx, vs, rng) {
    const { variance } = JAX_RULE.variance(ctx, vs);
    if (vs.distribution === 'truncated_normal') fillTruncatedNormalSigmaInverseCdf(out, Math.sqrt(variance) / TRUNC2_STD_FACTOR, -2, 2, rng);
    else if (vs.distribution === 'normal') fillNormal(out, 0, Math.sqrt(variance), rng);
    else fillVarianceUniform(out, variance, rng);
  },
  describe(ctx, vs, extra) {
    const { n, variance } = JAX_RULE.variance(ctx, vs);
    const target = Math.sqrt(variance);
    const notes = [`v = scale / ${vs.mode} = ${formatNumber(vs.scale)} / ${formatNumber(n)} (fan_in ${formatNumber(ctx.fanIn)}, fan_out ${formatNumber(ctx.fanOut)})`, ...extra];
    if (vs.distribution === 'truncated_normal') {
      const parent = target / TRUNC2_STD_FACTOR;
      return truncated2SigmaDescription(parent, target, true, [
        ...notes,
        `standard normal truncated to (−2, 2) by inverse CDF, times √v / 0.87962566103423978 = ${formatNumber(parent)}: real std √v`,
      ]);
    }
    if (vs.distribution === 'normal') return normalDescription(target, [...notes, "JAX's 'normal' is untruncated (Keras maps 'normal' to truncated, TF.js to truncated-uncorrected)"]);
    return varianceUniformDescription(variance, notes);
  },
  distributionLabel: (vs) => (vs.distribution === 'uniform' ? 'uniform' : vs.distribution === 'normal' ? 'normal' : 'truncated normal (±2σ, corrected)'),
  normalFormula: (v, vs) => (vs.distribution === 'normal' ? `W ~ N(0, ${v})` : `W = Z · √(${v}) / c, Z ~ N(0, 1) | |Z| < 2, c = 0.87962566103423978`),
  presetParameters: AXIS_PARAMS,
  checkShape: checkAxes,
  presetNotes: (vs) => (vs.distribution === 'truncated_normal' ? ['truncated, unlike PyTorch kaiming_normal_/xavier_normal_ of the same name'] : []),
};

const VS_PARAMS: readonly ParameterDefinition[] = [
  { name: 'scale', type: 'number', default: 1.0, min: 0, doc: 'scaling factor of the variance (required in JAX; initlab defaults to 1)' },
  {
    name: 'mode',
    type: 'string',
    default: 'fan_in',
    choices: ['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'],
    doc: "which fan divides the scale; 'fan_geo_avg' = √(fan_in·fan_out) (required in JAX; initlab defaults to fan_in)",
  },
  {
    name: 'distribution',
    type: 'string',
    default: 'truncated_normal',
    choices: ['truncated_normal', 'normal', 'uniform'],
    doc: "'truncated_normal' (±2σ, corrected), 'normal' (untruncated) or 'uniform' (required in JAX; initlab defaults to truncated_normal)",
  },
  ...AXIS_PARAMS,
];

export const jaxVarianceScaling = varianceScalingInitializer(JAX_RULE, {
  name: 'jax:variance_scaling',
  summary: "JAX variance_scaling: std √(scale/n), n = fan_in, fan_out, fan_avg or fan_geo_avg; truncated (corrected), normal (untruncated) or uniform.",
  formula: "v = scale / n; truncated_normal: Z·√v/c, Z ~ N(0,1) | |Z| < 2, c = 0.87962566103423978; normal: N(0, v); uniform: U[−1, 1)·√(3v)",
  reference: `${HE_2015}; ${GLOROT_2010}; ${SRC} (variance_scaling, _compute_fans)`,
  parameters: VS_PARAMS,
  vsOf: (p) => ({ scale: num(p, 'scale'), mode: str(p, 'mode'), distribution: str(p, 'distribution') }),
});

const preset = (pr: VarianceScalingPreset): InitializerDefinition => varianceScalingPreset(JAX_RULE, pr);

export const jaxHeNormal = preset({ key: 'he_normal', alias: 'kaiming_normal', family: 'he_normal', vs: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal' }, paper: HE_2015, note: 'truncated, std corrected to √(2/fan_in)' });
export const jaxHeUniform = preset({ key: 'he_uniform', alias: 'kaiming_uniform', family: 'he_uniform', vs: { scale: 2, mode: 'fan_in', distribution: 'uniform' }, paper: HE_2015 });
export const jaxGlorotNormal = preset({ key: 'glorot_normal', alias: 'xavier_normal', family: 'glorot_normal', vs: { scale: 1, mode: 'fan_avg', distribution: 'truncated_normal' }, paper: GLOROT_2010 });
export const jaxGlorotUniform = preset({ key: 'glorot_uniform', alias: 'xavier_uniform', family: 'glorot_uniform', vs: { scale: 1, mode: 'fan_avg', distribution: 'uniform' }, paper: GLOROT_2010 });
export const jaxLecunNormal = preset({ key: 'lecun_normal', family: 'lecun_normal', vs: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }, paper: LECUN_AND_SELU, note: 'the Flax Dense/Conv default' });
export const jaxLecunUniform = preset({ key: 'lecun_uniform', family: 'lecun_uniform', vs: { scale: 1, mode: 'fan_in', distribution: 'uniform' }, paper: LECUN_AND_SELU });

export const jaxDenseDefault: InitializerDefinition = {
  framework: 'jax',
  layout: 'in-out',
  ranks: [2, 5],
  fans: defaultFans,
  name: 'jax:dense_default',
  family: 'dense_default',
  summary: 'Flax Dense/Conv default kernel: lecun_normal — truncated at ±2σ, corrected to std √(1/fan_in); biases zeros.',
  distribution: 'truncated normal (±2σ, corrected)',
  formula: 'W = Z · √(1 / fan_in) / c, Z ~ N(0, 1) | |Z| < 2, c = 0.87962566103423978',
  reference: `Flax flax/linen/linear.py, flax/nnx/nn/linear.py (default_kernel_init = lecun_normal()); ${LECUN_AND_SELU}; ${SRC}`,
  parameters: [],
  label: () => 'jax:dense_default',
  expectedStd: (ctx) => Math.sqrt(1 / ctx.fanIn),
  describe: (ctx) => JAX_RULE.describe(ctx, { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }, ['= jax:lecun_normal (Flax linen and nnx); biases zeros']),
  fill: (out, ctx, _p, rng) => JAX_RULE.fill(out, ctx, { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }, rng),
};

const plain = { framework: 'jax', layout: 'in-out', ranks: [1, MAX_RANK], fans: defaultFans } as const;

const STDDEV_PARAM: ParameterDefinition = { name: 'stddev', type: 'number', default: 1e-2, min: 0, doc: 'standard deviation' };

export const jaxNormal: InitializerDefinition = {
  ...plain,
  name: 'jax:normal',
  family: 'normal',
  summary: 'JAX normal(stddev=1e-2): N(0, stddev²).',
  distribution: 'normal',
  formula: 'W ~ N(0, stddev²)',
  reference: `${SRC} (normal)`,
  parameters: [STDDEV_PARAM],
  label: (p) => labelWith('jax:normal', [STDDEV_PARAM], p),
  expectedStd: (_c, p) => num(p, 'stddev'),
  describe: (_c, p) => normalDescription(num(p, 'stddev')),
  fill: (out, _c, p, rng) => fillNormal(out, 0, num(p, 'stddev'), rng),
};

const SCALE_PARAM: ParameterDefinition = { name: 'scale', type: 'number', default: 1e-2, min: 0, doc: 'upper bound (excluded); the lower bound is 0' };

export const jaxUniform: InitializerDefinition = {
  ...plain,
  name: 'jax:uniform',
  family: 'uniform',
  summary: 'JAX uniform(scale=1e-2): U[0, scale) — not symmetric about 0.',
  distribution: 'uniform',
  formula: 'W ~ U[0, scale)',
  reference: `${SRC} (uniform)`,
  parameters: [SCALE_PARAM],
  label: (p) => labelWith('jax:uniform', [SCALE_PARAM], p),
  expectedStd: (_c, p) => num(p, 'scale') / Math.sqrt(12),
  describe: (_c, p) => uniformDescription(0, num(p, 'scale'), [`U[0, scale), mean ${formatNumber(num(p, 'scale') / 2)}: unlike every other framework's uniform it is not centred`]),
  fill: (out, _c, p, rng) => fillUniform(out, 0, num(p, 'scale'), rng),
};

const TRUNC_PARAMS: readonly ParameterDefinition[] = [
  { name: 'stddev', type: 'number', default: 1e-2, min: 0, doc: 'std of the parent (untruncated) normal; no correction' },
  { name: 'lower', type: 'number', default: -2.0, doc: 'lower bound in units of stddev' },
  { name: 'upper', type: 'number', default: 2.0, doc: 'upper bound in units of stddev' },
];

export const jaxTruncatedNormal: InitializerDefinition = {
  ...plain,
  name: 'jax:truncated_normal',
  family: 'truncated_normal',
  summary: 'JAX truncated_normal(stddev=1e-2, lower=−2, upper=2): stddev × a standard normal truncated to (lower, upper); no correction.',
  distribution: 'truncated normal',
  formula: 'W = stddev · Z, Z ~ N(0, 1) | lower < Z < upper (inverse CDF: Z = √2·erfinv(U(erf(lower/√2), erf(upper/√2))))',
  reference: `${SRC} (truncated_normal); jax/_src/random.py (_truncated_normal)`,
  parameters: TRUNC_PARAMS,
  label: (p) => labelWith('jax:truncated_normal', TRUNC_PARAMS, p),
  checkShape: (_s, p) => checkOrdered('jax:truncated_normal', 'lower', num(p, 'lower'), 'upper', num(p, 'upper')),
  expectedStd: (_c, p) => num(p, 'stddev') * truncatedStandardMoments(num(p, 'lower'), num(p, 'upper')).std,
  describe: (_c, p) => {
    const s = num(p, 'stddev');
    const m = truncatedStandardMoments(num(p, 'lower'), num(p, 'upper'));
    return {
      distribution: `truncated normal ((${formatNumber(num(p, 'lower'))}σ, ${formatNumber(num(p, 'upper'))}σ), uncorrected)`,
      targetStd: s,
      actualStd: s * m.std,
      parentStd: s,
      bounds: [num(p, 'lower') * s, num(p, 'upper') * s],
      notes: [
        'bounds are in units of stddev (PyTorch trunc_normal_ takes absolute bounds)',
        'stddev is the parent std; the docstring says no 0.8796 correction is applied (only variance_scaling corrects)',
        ...(m.mean !== 0 && Math.abs(m.mean) > 1e-12 ? [`asymmetric bounds: mean ${formatNumber(s * m.mean)}`] : []),
      ],
    };
  },
  fill: (out, _c, p, rng) => fillTruncatedNormalSigmaInverseCdf(out, num(p, 'stddev'), num(p, 'lower'), num(p, 'upper'), rng),
};

const VALUE_PARAM: ParameterDefinition = { name: 'value', type: 'number', default: 0, doc: 'the value to fill with (required in JAX; initlab defaults to 0)' };

export const jaxConstant: InitializerDefinition = constantValueInitializer(plain, {
  name: 'jax:constant', summary: 'JAX constant(value): every weight = value.', reference: `${SRC} (constant)`, param: VALUE_PARAM,
});

export const jaxZeros: InitializerDefinition = fixedValueInitializer(plain, 'jax:zeros', 0, 'JAX zeros: every weight 0 (the Flax default bias).', `${SRC} (zeros)`);

export const jaxOnes: InitializerDefinition = fixedValueInitializer(plain, 'jax:ones', 1, 'JAX ones: every weight 1.', `${SRC} (ones)`);

const ORTHO_PARAMS: readonly ParameterDefinition[] = [
  { name: 'scale', type: 'number', default: 1.0, doc: "multiplicative factor (PyTorch/Keras call it 'gain')" },
  { name: 'column_axis', type: 'integer', default: -1, doc: 'the axis holding the columns that should be orthonormal' },
];

/** JAX orthogonal: n_cols = shape[column_axis], n_rows = numel / n_cols. */
function jaxOrthoDescription(shape: readonly number[], scale: number, columnAxis: number, extra: string[] = []): InitDescription {
  const axis = columnAxis < 0 ? shape.length + columnAxis : columnAxis;
  const cols = shape[axis]!;
  const rows = product(shape) / cols;
  const std = Math.abs(scale) / Math.sqrt(Math.max(rows, cols));
  return {
    distribution: 'orthogonal (Haar)',
    targetStd: std,
    actualStd: std,
    notes: [
      `n_cols = shape[${columnAxis}] = ${cols}, n_rows = ${rows}; ${rows >= cols ? `the ${cols} columns are orthonormal` : `the ${rows} rows are orthonormal`}, times scale ${formatNumber(scale)}`,
      'element std = scale/√max(n_rows, n_cols)',
      ...extra,
    ],
  };
}

export const jaxOrthogonal: InitializerDefinition = {
  framework: 'jax',
  layout: 'in-out',
  ranks: [2, MAX_RANK],
  fans: defaultFans,
  name: 'jax:orthogonal',
  family: 'orthogonal',
  summary: 'JAX orthogonal(scale=1, column_axis=−1): Haar-random (semi-)orthogonal matrix over (rest × column axis) times scale.',
  distribution: 'orthogonal',
  formula: 'A ~ N(0, 1)^{max×min}; Q·sign(diag R) = QR(A); transposed when n_rows < n_cols; column axis moved back; W = scale · Q',
  reference: `${SAXE_2013}; ${SRC} (orthogonal)`,
  parameters: ORTHO_PARAMS,
  label: (p) => labelWith('jax:orthogonal', ORTHO_PARAMS, p),
  checkShape: (shape, p) => void resolveAxis(num(p, 'column_axis'), shape.length, 'column_axis', 'jax:orthogonal'),
  expectedStd: (ctx, p) => jaxOrthoDescription(ctx.shape, num(p, 'scale'), num(p, 'column_axis')).actualStd,
  describe: (ctx, p) => jaxOrthoDescription(ctx.shape, num(p, 'scale'), num(p, 'column_axis')),
  fill: (out, ctx, p, rng) => fillOrthogonalKeras(out, ctx.shape, num(p, 'scale'), rng, num(p, 'column_axis')),
};

function deltaStd(shape: readonly number[], scale: number): number {
  const inDim = shape[shape.length - 2]!;
  const outDim = shape[shape.length - 1]!;
  return Math.abs(scale) * Math.sqrt(Math.min(inDim, outDim) / product(shape));
}

export const jaxDeltaOrthogonal: InitializerDefinition = {
  framework: 'jax',
  layout: 'in-out',
  ranks: [3, 5],
  fans: defaultFans,
  name: 'jax:delta_orthogonal',
  summary: 'JAX delta_orthogonal: an orthogonal (in, out) matrix at the kernel centre ((k−1)//2), zeros elsewhere; needs in ≤ out.',
  distribution: 'delta orthogonal',
  formula: 'W[⌊(k−1)/2⌋…, :, :] = orthogonal(scale, column_axis)(in, out); W = 0 elsewhere',
  reference: `${XIAO_2018}; ${SRC} (delta_orthogonal)`,
  parameters: ORTHO_PARAMS,
  label: (p) => labelWith('jax:delta_orthogonal', ORTHO_PARAMS, p),
  checkShape: (shape, p) => {
    if (shape[shape.length - 1]! < shape[shape.length - 2]!) {
      throw new UsageError(`'jax:delta_orthogonal': \`fan_in\` must be less or equal than \`fan_out\` (shape[-2] = ${shape[shape.length - 2]} > shape[-1] = ${shape[shape.length - 1]}).`);
    }
    resolveAxis(num(p, 'column_axis'), 2, 'column_axis (of the (in, out) matrix)', 'jax:delta_orthogonal');
  },
  expectedStd: (ctx, p) => deltaStd(ctx.shape, num(p, 'scale')),
  describe: (ctx, p) => {
    const std = deltaStd(ctx.shape, num(p, 'scale'));
    const centre = ctx.shape.slice(0, -2).map((k) => Math.floor((k - 1) / 2));
    return {
      distribution: 'delta orthogonal',
      targetStd: std,
      actualStd: std,
      notes: [
        `orthogonal ${ctx.shape[ctx.shape.length - 2]}×${ctx.shape[ctx.shape.length - 1]} matrix at spatial index (${centre.join(', ')}), zeros elsewhere`,
        'centre (k−1)//2: differs from PyTorch dirac_ (k//2) for even kernels',
      ],
    };
  },
  fill: (out, ctx, p, rng) => {
    const shape = ctx.shape;
    const inDim = shape[shape.length - 2]!;
    const outDim = shape[shape.length - 1]!;
    const matrix = new Float64Array(inDim * outDim);
    fillOrthogonalKeras(matrix, [inDim, outDim], num(p, 'scale'), rng, num(p, 'column_axis'));
    out.fill(0);
    let offset = 0;
    const spatial = shape.slice(0, -2);
    for (const k of spatial) offset = offset * k + Math.floor((k - 1) / 2);
    out.set(matrix, offset * inDim * outDim);
  },
};

/**
 * JAX's jax.nn.initializers (variance_scaling and its glorot / he / lecun members, orthogonal, delta_orthogonal, normal, uniform, truncated_normal, zeros, ones, constant) and Flax's Dense default, as initlab definitions.
 */
export const JAX_INITIALIZERS: readonly InitializerDefinition[] = [
  jaxVarianceScaling,
  jaxHeNormal,
  jaxHeUniform,
  jaxGlorotNormal,
  jaxGlorotUniform,
  jaxLecunNormal,
  jaxLecunUniform,
  jaxOrthogonal,
  jaxDeltaOrthogonal,
  jaxNormal,
  jaxUniform,
  jaxTruncatedNormal,
  jaxZeros,
  jaxOnes,
  jaxConstant,
  jaxDenseDefault,
];
