/**
 * PyTorch's initializers (`torch/nn/init.py`, torch 1.13) and its default Linear/Conv initialisation
 * (`torch/nn/modules/{linear,conv}.py`), in PyTorch's layout: weights (out, in, k…), fan_in = size(1)·∏k,
 * fan_out = size(0)·∏k. Specification: docs/reference/initializers.md §1.
 */
import { UsageError } from '../../util/errors.js';
import {
  fillNormal,
  fillOrthogonalTorch,
  fillSparse,
  fillTruncatedNormalAbsolute,
  fillUniform,
  truncatedStandardMoments,
} from '../sampling.js';
import type { InitDescription, InitializerDefinition, ParameterDefinition, ResolvedParams, WeightContext } from '../types.js';
import {
  MAX_RANK,
  checkOrdered,
  formatNumber,
  labelWith,
  normalDescription,
  num,
  product,
  sparseConstantStd,
  str,
  torchRuleFans,
  truncatedAbsoluteDescription,
  uniformDescription, fixedValueInitializer, constantValueInitializer } from './common.js';
import { GLOROT_2010, HE_2015, SAXE_2013 } from '../citations.js';
import { varianceScalingInitializer, type VarianceScaling, type VarianceScalingRule } from './varianceScaling.js';

const INIT_PY = 'PyTorch torch/nn/init.py';

/** Nonlinearities whose gain is 1 (PyTorch's `linear_fns` plus 'sigmoid'). */
const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'] as const;

/** Every nonlinearity `calculateGain` accepts. */
export const TORCH_NONLINEARITIES: readonly string[] = [...LINEAR_FNS, 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'];

/**
 * PyTorch `torch.nn.init.calculate_gain(nonlinearity, param=None)`:
 * linear / conv* / conv_transpose* / sigmoid → 1; tanh → 5/3; relu → √2;
 * leaky_relu → √(2/(1 + slope²)) with slope = `param`, **0.01 when `param` is absent**; selu → 3/4.
 * `param` is only read for leaky_relu, where it must be a number (a boolean or string is refused).
 * @throws UsageError "Unsupported nonlinearity <name>" for anything else (PyTorch: ValueError), and
 *   "negative_slope <param> not a valid number" for a non-numeric leaky_relu slope.
 */
export function calculateGain(nonlinearity: string, param?: number | boolean | string | null): number {
  if ((LINEAR_FNS as readonly string[]).includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope: number;
    if (param === undefined || param === null) slope = 0.01;
    else if (typeof param === 'number') slope = param;
    else throw new UsageError(`negative_slope ${String(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new UsageError(`Unsupported nonlinearity ${nonlinearity}`);
}

const common = { framework: 'torch', layout: 'out-in', fans: (shape: readonly number[]) => torchRuleFans(shape) } as const;

/**
 * PyTorch's variance scaling: std = gain/√fan (kaiming_*, fan_in or fan_out) or
 * gain·√(2/(fan_in + fan_out)) (xavier_*), in PyTorch's order of operations; untruncated normal, or
 * uniform with bound √3·std. `vs.scale` is gain² (the Keras-equivalent scale), used for text only.
 */
const TORCH_RULE: VarianceScalingRule = {
  common,
  ranks: [2, MAX_RANK],
  frameworkLabel: 'PyTorch',
  source: INIT_PY,
  variance(ctx, vs) {
    const n = vs.mode === 'fan_out' ? ctx.fanOut : vs.mode === 'fan_avg' ? (ctx.fanIn + ctx.fanOut) / 2 : ctx.fanIn;
    const std = TORCH_RULE.targetStd!(ctx, vs);
    return { n, variance: std * std };
  },
  targetStd(ctx, vs) {
    const gain = vs.gain ?? 1;
    if (vs.mode === 'fan_avg') return gain * Math.sqrt(2.0 / (ctx.fanIn + ctx.fanOut));
    return gain / Math.sqrt(vs.mode === 'fan_out' ? ctx.fanOut : ctx.fanIn);
  },
  fill(out, ctx, vs, rng) {
    const std = TORCH_RULE.targetStd!(ctx, vs);
    if (vs.distribution === 'normal') fillNormal(out, 0, std, rng);
    else {
      const bound = Math.sqrt(3.0) * std;
      fillUniform(out, -bound, bound, rng);
    }
  },
  describe(ctx, vs, extra) {
    const std = TORCH_RULE.targetStd!(ctx, vs);
    if (vs.distribution === 'normal') return normalDescription(std, extra);
    const bound = Math.sqrt(3.0) * std;
    return uniformDescription(-bound, bound, extra, std);
  },
  distributionLabel: (vs) => vs.distribution,
  normalFormula: (v) => `W ~ N(0, ${v})`,
};

/** kaiming_*: gain = calculate_gain(nonlinearity, a), std = gain/√fan (PyTorch's order of operations). */
function kaimingStd(ctx: WeightContext, p: ResolvedParams): { gain: number; fan: number; std: number } {
  const vs = kaimingArgs(p, 'normal');
  const fan = vs.mode === 'fan_out' ? ctx.fanOut : ctx.fanIn;
  return { gain: vs.gain!, fan, std: TORCH_RULE.targetStd!(ctx, vs) };
}

function kaimingArgs(p: ResolvedParams, distribution: string): VarianceScaling {
  const gain = calculateGain(str(p, 'nonlinearity'), num(p, 'a'));
  return { scale: gain * gain, gain, mode: str(p, 'mode'), distribution };
}

const KAIMING_PARAMS: readonly ParameterDefinition[] = [
  { name: 'a', type: 'number', default: 0, doc: 'negative slope of the rectifier after this layer (only used with nonlinearity=leaky_relu)' },
  { name: 'mode', type: 'string', default: 'fan_in', choices: ['fan_in', 'fan_out'], doc: "'fan_in' preserves the forward variance, 'fan_out' the backward one (no fan_avg in PyTorch)" },
  { name: 'nonlinearity', type: 'string', default: 'leaky_relu', choices: TORCH_NONLINEARITIES, doc: "the nonlinearity after this layer, passed to calculate_gain (default 'leaky_relu' with a=0, i.e. √2)" },
];

function kaimingNotes(ctx: WeightContext, p: ResolvedParams): string[] {
  const { gain, fan } = kaimingStd(ctx, p);
  const notes = [`gain = calculate_gain('${str(p, 'nonlinearity')}', ${formatNumber(num(p, 'a'))}) = ${formatNumber(gain)}; ${str(p, 'mode')} = ${fan}`];
  if (str(p, 'nonlinearity') === 'leaky_relu' && num(p, 'a') === 0) {
    notes.push("defaults a=0 with nonlinearity='leaky_relu' give gain √2 (slope 0), whereas calculate_gain('leaky_relu') alone assumes slope 0.01");
  }
  if (str(p, 'nonlinearity') !== 'leaky_relu' && num(p, 'a') !== 0) notes.push(`a=${num(p, 'a')} is ignored: it only affects nonlinearity='leaky_relu'`);
  if (str(p, 'nonlinearity') === 'selu') notes.push("selu gain 3/4 is empirical (PyTorch PR #50664); self-normalising nets want 'linear' (variance 1/fan_in)");
  if (ctx.shape.length > 2) notes.push(`conv weight: fan_in = size(1)·∏k = ${ctx.fanIn}, fan_out = size(0)·∏k = ${ctx.fanOut} (for ConvTranspose weights the roles are swapped)`);
  return notes;
}

export const torchKaimingNormal = varianceScalingInitializer(TORCH_RULE, {
  name: 'torch:kaiming_normal',
  family: 'he_normal',
  summary: 'PyTorch kaiming_normal_: untruncated N(0, (gain/√fan)²); defaults give He normal √(2/fan_in).',
  distribution: 'normal',
  formula: 'W ~ N(0, σ²), σ = gain / √fan, gain = calculate_gain(nonlinearity, a), fan = fan_in | fan_out',
  reference: `${HE_2015}; ${INIT_PY} (kaiming_normal_)`,
  parameters: KAIMING_PARAMS,
  vsOf: (p) => kaimingArgs(p, 'normal'),
  notes: (ctx, p) => [...kaimingNotes(ctx, p), 'untruncated (Keras, TF.js and JAX he_normal are truncated at ±2 parent σ)'],
});

export const torchKaimingUniform = varianceScalingInitializer(TORCH_RULE, {
  name: 'torch:kaiming_uniform',
  family: 'he_uniform',
  summary: 'PyTorch kaiming_uniform_: U(±√3·gain/√fan); defaults give He uniform ±√(6/fan_in).',
  distribution: 'uniform',
  formula: 'W ~ U(−L, L), L = √3 · gain / √fan, gain = calculate_gain(nonlinearity, a)',
  reference: `${HE_2015}; ${INIT_PY} (kaiming_uniform_)`,
  parameters: KAIMING_PARAMS,
  vsOf: (p) => kaimingArgs(p, 'uniform'),
  notes: kaimingNotes,
});

const GAIN_PARAM: ParameterDefinition = { name: 'gain', type: 'number', default: 1, doc: 'scaling factor (e.g. calculate_gain of the nonlinearity)' };
const xavierArgs = (p: ResolvedParams, distribution: string): VarianceScaling => ({ scale: num(p, 'gain') ** 2, gain: num(p, 'gain'), mode: 'fan_avg', distribution });

export const torchXavierUniform = varianceScalingInitializer(TORCH_RULE, {
  name: 'torch:xavier_uniform',
  family: 'glorot_uniform',
  summary: "PyTorch xavier_uniform_: U(±gain·√(6/(fan_in + fan_out))), Glorot & Bengio's normalized initialization.",
  distribution: 'uniform',
  formula: 'W ~ U(−L, L), L = gain · √(6 / (fan_in + fan_out))',
  reference: `${GLOROT_2010}; ${INIT_PY} (xavier_uniform_)`,
  parameters: [GAIN_PARAM],
  vsOf: (p) => xavierArgs(p, 'uniform'),
  notes: (ctx) => [`fan_in + fan_out = ${ctx.fanIn + ctx.fanOut}`, 'gain g here ≡ Keras VarianceScaling(scale=g², fan_avg, uniform)'],
});

export const torchXavierNormal = varianceScalingInitializer(TORCH_RULE, {
  name: 'torch:xavier_normal',
  family: 'glorot_normal',
  summary: 'PyTorch xavier_normal_: untruncated N(0, gain²·2/(fan_in + fan_out)).',
  distribution: 'normal',
  formula: 'W ~ N(0, σ²), σ = gain · √(2 / (fan_in + fan_out))',
  reference: `${GLOROT_2010}; ${INIT_PY} (xavier_normal_)`,
  parameters: [GAIN_PARAM],
  vsOf: (p) => xavierArgs(p, 'normal'),
  notes: (ctx) => [`fan_in + fan_out = ${ctx.fanIn + ctx.fanOut}`, 'untruncated (Keras and JAX glorot_normal are truncated and corrected, TF.js truncated and uncorrected)'],
});

const UNIFORM_PARAMS: readonly ParameterDefinition[] = [
  { name: 'a', type: 'number', default: 0, doc: 'lower bound' },
  { name: 'b', type: 'number', default: 1, doc: 'upper bound (excluded)' },
];

export const torchUniform: InitializerDefinition = {
  ...common,
  name: 'torch:uniform',
  family: 'uniform',
  summary: 'PyTorch uniform_: U[a, b), default U[0, 1).',
  distribution: 'uniform',
  formula: 'W ~ U[a, b)',
  reference: `${INIT_PY} (uniform_)`,
  parameters: UNIFORM_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('torch:uniform', UNIFORM_PARAMS, p),
  checkShape: (_s, p) => checkOrdered('torch:uniform', 'a', num(p, 'a'), 'b', num(p, 'b'), false),
  expectedStd: (_c, p) => Math.abs(num(p, 'b') - num(p, 'a')) / Math.sqrt(12),
  describe: (_c, p) => uniformDescription(num(p, 'a'), num(p, 'b'), num(p, 'a') !== -num(p, 'b') ? [`not centred: mean ${formatNumber((num(p, 'a') + num(p, 'b')) / 2)}`] : []),
  fill: (out, _c, p, rng) => fillUniform(out, num(p, 'a'), num(p, 'b'), rng),
};

const NORMAL_PARAMS: readonly ParameterDefinition[] = [
  { name: 'mean', type: 'number', default: 0, doc: 'mean of the normal' },
  { name: 'std', type: 'number', default: 1, min: 0, doc: 'standard deviation of the normal' },
];

export const torchNormal: InitializerDefinition = {
  ...common,
  name: 'torch:normal',
  family: 'normal',
  summary: 'PyTorch normal_: N(mean, std²), default N(0, 1).',
  distribution: 'normal',
  formula: 'W ~ N(mean, std²)',
  reference: `${INIT_PY} (normal_)`,
  parameters: NORMAL_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('torch:normal', NORMAL_PARAMS, p),
  expectedStd: (_c, p) => num(p, 'std'),
  describe: (_c, p) => normalDescription(num(p, 'std'), [], num(p, 'mean')),
  fill: (out, _c, p, rng) => fillNormal(out, num(p, 'mean'), num(p, 'std'), rng),
};

const TRUNC_PARAMS: readonly ParameterDefinition[] = [
  { name: 'mean', type: 'number', default: 0, doc: 'mean of the parent normal' },
  { name: 'std', type: 'number', default: 1, min: 0, minOpen: true, doc: 'std of the parent normal (the samples have less when the bounds bite)' },
  { name: 'a', type: 'number', default: -2, doc: 'lower cut-off, an ABSOLUTE value (not a multiple of std)' },
  { name: 'b', type: 'number', default: 2, doc: 'upper cut-off, an ABSOLUTE value (not a multiple of std)' },
];

function truncStd(p: ResolvedParams): number {
  const s = num(p, 'std');
  return s * truncatedStandardMoments((num(p, 'a') - num(p, 'mean')) / s, (num(p, 'b') - num(p, 'mean')) / s).std;
}

export const torchTruncNormal: InitializerDefinition = {
  ...common,
  name: 'torch:trunc_normal',
  family: 'truncated_normal',
  summary: 'PyTorch trunc_normal_: N(mean, std²) restricted to the ABSOLUTE interval [a, b] (default ±2), by inverse CDF.',
  distribution: 'truncated normal',
  formula: 'W ~ N(mean, std²) | a ≤ W ≤ b; W = mean + std·√2·erfinv(U(2Φ(α)−1, 2Φ(β)−1)), α = (a−mean)/std, β = (b−mean)/std, clamped to [a, b]',
  reference: `${INIT_PY} (trunc_normal_; method of the "Truncated normal distribution" article, inverse-CDF)`,
  parameters: TRUNC_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('torch:trunc_normal', TRUNC_PARAMS, p),
  checkShape: (_s, p) => checkOrdered('torch:trunc_normal', 'a', num(p, 'a'), 'b', num(p, 'b')),
  expectedStd: (_c, p) => truncStd(p),
  describe: (_c, p) => {
    const [mean, std, a, b] = [num(p, 'mean'), num(p, 'std'), num(p, 'a'), num(p, 'b')];
    const alpha = (a - mean) / std;
    const beta = (b - mean) / std;
    const notes = [
      `a and b are absolute values, not multiples of std: here the cut is at ${formatNumber(alpha)}σ … ${formatNumber(beta)}σ`,
      'std is the parent std; no correction for the truncation',
    ];
    if (Math.min(-alpha, beta) > 6) notes.push('the bounds are beyond 6σ: effectively an untruncated normal (e.g. std=0.02 with the default ±2 cuts at ±100σ)');
    if (mean < a - 2 * std || mean > b + 2 * std) notes.push('mean is more than 2 std from [a, b]: PyTorch warns that the distribution of values may be incorrect');
    return truncatedAbsoluteDescription(mean, std, a, b, std, `truncated normal (absolute bounds [${formatNumber(a)}, ${formatNumber(b)}])`, notes);
  },
  fill: (out, _c, p, rng) => fillTruncatedNormalAbsolute(out, num(p, 'mean'), num(p, 'std'), num(p, 'a'), num(p, 'b'), rng),
};

const VAL_PARAM: ParameterDefinition = { name: 'val', type: 'number', default: 0, doc: 'the value to fill with (required in PyTorch; initlab defaults to 0)' };

export const torchConstant: InitializerDefinition = constantValueInitializer(common, {
  name: 'torch:constant', summary: 'PyTorch constant_: every weight = val.', reference: `${INIT_PY} (constant_)`, param: VAL_PARAM,
  notes: ['all units compute the same function: symmetry is never broken'],
});

export const torchOnes: InitializerDefinition = fixedValueInitializer(common, 'torch:ones', 1, 'PyTorch ones_: every weight 1.', `${INIT_PY} (ones_)`);

export const torchZeros: InitializerDefinition = fixedValueInitializer(common, 'torch:zeros', 0, 'PyTorch zeros_: every weight 0.', `${INIT_PY} (zeros_)`);

export const torchEye: InitializerDefinition = {
  ...common,
  name: 'torch:eye',
  family: 'identity',
  summary: 'PyTorch eye_: the (rows, cols) identity, 1 at (i, i) for i < min(rows, cols); non-square allowed.',
  distribution: 'constant',
  formula: 'W_ij = [i = j]',
  reference: `${INIT_PY} (eye_)`,
  parameters: [],
  ranks: [2, 2],
  label: () => 'torch:eye',
  expectedStd: (ctx) => sparseConstantStd(1, Math.min(ctx.shape[0]!, ctx.shape[1]!), product(ctx.shape)),
  describe: (ctx) => ({
    distribution: 'identity (deterministic)',
    targetStd: sparseConstantStd(1, Math.min(ctx.shape[0]!, ctx.shape[1]!), product(ctx.shape)),
    actualStd: sparseConstantStd(1, Math.min(ctx.shape[0]!, ctx.shape[1]!), product(ctx.shape)),
    bounds: [0, 1],
    notes: [`${Math.min(ctx.shape[0]!, ctx.shape[1]!)} ones on the diagonal, all else 0; no gain parameter (Keras/TF.js identity have one)`],
  }),
  fill: (out, ctx) => {
    const [rows, cols] = [ctx.shape[0]!, ctx.shape[1]!];
    out.fill(0);
    for (let i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = 1;
  },
};

const GROUPS_PARAM: ParameterDefinition = { name: 'groups', type: 'integer', default: 1, min: 1, doc: 'number of groups in the conv layer; out channels must be divisible by it' };

function diracCount(shape: readonly number[], groups: number): number {
  return groups * Math.min(shape[0]! / groups, shape[1]!);
}

export const torchDirac: InitializerDefinition = {
  ...common,
  name: 'torch:dirac',
  summary: 'PyTorch dirac_: conv weights that pass each (group\'s) input channel through unchanged; centre index k//2.',
  distribution: 'constant',
  formula: 'W[g·(out/groups) + d, d, ⌊k/2⌋…] = 1 for d < min(out/groups, in), else 0',
  reference: `${INIT_PY} (dirac_)`,
  parameters: [GROUPS_PARAM],
  ranks: [3, 5],
  label: (p) => labelWith('torch:dirac', [GROUPS_PARAM], p),
  checkShape: (shape, p) => {
    if (shape[0]! % num(p, 'groups') !== 0) {
      throw new UsageError(`'torch:dirac': dim 0 (${shape[0]}) must be divisible by groups (${num(p, 'groups')}).`);
    }
  },
  expectedStd: (ctx, p) => sparseConstantStd(1, diracCount(ctx.shape, num(p, 'groups')), product(ctx.shape)),
  describe: (ctx, p) => {
    const std = sparseConstantStd(1, diracCount(ctx.shape, num(p, 'groups')), product(ctx.shape));
    return {
      distribution: 'dirac delta (deterministic)',
      targetStd: std,
      actualStd: std,
      bounds: [0, 1],
      notes: [
        `${diracCount(ctx.shape, num(p, 'groups'))} ones at the kernel centre (index size//2 per spatial dim; JAX delta_orthogonal uses (k−1)//2, which differs for even kernels)`,
      ],
    };
  },
  fill: (out, ctx, p) => {
    const shape = ctx.shape;
    const groups = num(p, 'groups');
    const perGroup = shape[0]! / groups;
    const minDim = Math.min(perGroup, shape[1]!);
    const spatial = shape.slice(2);
    const strides = new Array<number>(shape.length).fill(1);
    for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
    let centre = 0;
    spatial.forEach((k, i) => (centre += Math.floor(k / 2) * strides[i + 2]!));
    out.fill(0);
    for (let g = 0; g < groups; g++) {
      for (let d = 0; d < minDim; d++) out[(g * perGroup + d) * strides[0]! + d * strides[1]! + centre] = 1;
    }
  },
};

const orthoStd = (ctx: WeightContext, gain: number): number => {
  const rows = ctx.shape[0]!;
  const cols = product(ctx.shape) / rows;
  return Math.abs(gain) / Math.sqrt(Math.max(rows, cols));
};

function orthogonalDescription(ctx: WeightContext, gain: number, extra: string[] = []): InitDescription {
  const rows = ctx.shape[0]!;
  const cols = product(ctx.shape) / rows;
  const std = orthoStd(ctx, gain);
  return {
    distribution: 'orthogonal (Haar)',
    targetStd: std,
    actualStd: std,
    notes: [
      `flattened to ${rows}×${cols} (dim 0 × the rest); ${rows <= cols ? `the ${rows} rows (one per output unit) are orthonormal` : `the ${cols} columns are orthonormal`}, times gain ${formatNumber(gain)}`,
      'QR of a Gaussian matrix with Q·sign(diag R): any QR algorithm gives the same Q from the same draws',
      'element std = gain/√max(rows, cols)',
      ...extra,
    ],
  };
}

export const torchOrthogonal: InitializerDefinition = {
  ...common,
  name: 'torch:orthogonal',
  family: 'orthogonal',
  summary: 'PyTorch orthogonal_: a Haar-random (semi-)orthogonal matrix (dim 0 × the rest) times gain.',
  distribution: 'orthogonal',
  formula: 'A ~ N(0, 1)^{rows×cols}; Q·sign(diag R) = QR(A) (transposed when rows < cols); W = gain · Q',
  reference: `${SAXE_2013}; ${INIT_PY} (orthogonal_)`,
  parameters: [GAIN_PARAM],
  ranks: [2, MAX_RANK],
  label: (p) => labelWith('torch:orthogonal', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => orthoStd(ctx, num(p, 'gain')),
  describe: (ctx, p) => orthogonalDescription(ctx, num(p, 'gain')),
  fill: (out, ctx, p, rng) => fillOrthogonalTorch(out, ctx.shape[0]!, product(ctx.shape) / ctx.shape[0]!, num(p, 'gain'), rng),
};

const SPARSE_PARAMS: readonly ParameterDefinition[] = [
  { name: 'sparsity', type: 'number', default: 0.1, min: 0, max: 1, doc: 'fraction of zeros in each column (required in PyTorch; initlab defaults to 0.1)' },
  { name: 'std', type: 'number', default: 0.01, min: 0, doc: 'std of the non-zero normal values' },
];

const sparseZeros = (rows: number, sparsity: number): number => Math.ceil(sparsity * rows);

export const torchSparse: InitializerDefinition = {
  ...common,
  name: 'torch:sparse',
  summary: 'PyTorch sparse_ (Martens 2010): N(0, std²) with ceil(sparsity·rows) zeros in every column.',
  distribution: 'sparse normal',
  formula: 'W ~ N(0, std²); then in each column ⌈sparsity · rows⌉ random rows set to 0',
  reference: `Martens 2010, "Deep learning via Hessian-free optimization", ICML; ${INIT_PY} (sparse_)`,
  parameters: SPARSE_PARAMS,
  ranks: [2, 2],
  label: (p) => labelWith('torch:sparse', SPARSE_PARAMS, p),
  expectedStd: (ctx, p) => num(p, 'std') * Math.sqrt(1 - sparseZeros(ctx.shape[0]!, num(p, 'sparsity')) / ctx.shape[0]!),
  describe: (ctx, p) => {
    const rows = ctx.shape[0]!;
    const zeros = sparseZeros(rows, num(p, 'sparsity'));
    const std = num(p, 'std') * Math.sqrt(1 - zeros / rows);
    return {
      distribution: 'sparse normal',
      targetStd: std,
      actualStd: std,
      notes: [
        `${zeros} of ${rows} entries zero in every column (sparsity is per column, ⌈sparsity·rows⌉); the others N(0, ${formatNumber(num(p, 'std'))}²)`,
        'Martens 2010 fixes the number of non-zero incoming weights per unit instead',
      ],
    };
  },
  fill: (out, ctx, p, rng) => fillSparse(out, ctx.shape[0]!, ctx.shape[1]!, num(p, 'sparsity'), num(p, 'std'), rng),
};

/** nn.Linear / nn.Conv*d reset_parameters: kaiming_uniform_(a=√5) ⇒ bound = √3·(1/√3)/√fan_in = 1/√fan_in. */
function moduleDefaultBound(fanIn: number): number {
  const gain = calculateGain('leaky_relu', Math.sqrt(5));
  const std = gain / Math.sqrt(fanIn);
  return Math.sqrt(3.0) * std;
}

function moduleDefaultDescription(ctx: WeightContext, conv: boolean): InitDescription {
  const bound = moduleDefaultBound(ctx.fanIn);
  const he = Math.sqrt(2 / ctx.fanIn);
  return uniformDescription(-bound, bound, [
    `kaiming_uniform_(a=√5): gain √(2/(1+5)) = 1/√3, so the bound is 1/√fan_in = 1/√${ctx.fanIn}`,
    `variance 1/(3·fan_in) = 1/6 of He's 2/fan_in (std ratio ${formatNumber(Math.sqrt(1 / 6))}, ${formatNumber(bound / Math.sqrt(3))} vs ${formatNumber(he)}): the pre-2010 U[−1/√n, 1/√n] heuristic Glorot & Bengio argued against (pytorch issues #15314, #57109)`,
    'the bias is also random, U(±1/√fan_in) (Keras, TF.js and Flax use zero biases)',
    ...(conv ? ['fan_in = in/groups·∏k; for a ConvTranspose weight (in, out/groups, k…) it is out/groups·∏k'] : []),
  ]);
}

export const torchLinearDefault: InitializerDefinition = {
  ...common,
  name: 'torch:linear_default',
  family: 'dense_default',
  summary: "PyTorch nn.Linear's default weight init: kaiming_uniform_(a=√5) = U(±1/√fan_in), 1/6 of He's variance.",
  distribution: 'uniform',
  formula: 'W ~ U(−1/√fan_in, 1/√fan_in)  (kaiming_uniform_ with a = √5)',
  reference: 'PyTorch torch/nn/modules/linear.py (Linear.reset_parameters); the heuristic criticised in ' + GLOROT_2010,
  parameters: [],
  ranks: [2, 2],
  label: () => 'torch:linear_default',
  expectedStd: (ctx) => moduleDefaultBound(ctx.fanIn) / Math.sqrt(3),
  describe: (ctx) => moduleDefaultDescription(ctx, false),
  fill: (out, ctx, _p, rng) => {
    const bound = moduleDefaultBound(ctx.fanIn);
    fillUniform(out, -bound, bound, rng);
  },
};

export const torchConvDefault: InitializerDefinition = {
  ...common,
  name: 'torch:conv_default',
  summary: "PyTorch nn.Conv{1,2,3}d's default weight init: U(±1/√(in/groups·∏k)).",
  distribution: 'uniform',
  formula: 'W ~ U(−1/√fan_in, 1/√fan_in), fan_in = size(1) · ∏k  (kaiming_uniform_ with a = √5)',
  reference: 'PyTorch torch/nn/modules/conv.py (_ConvNd.reset_parameters)',
  parameters: [],
  ranks: [3, 5],
  label: () => 'torch:conv_default',
  expectedStd: (ctx) => moduleDefaultBound(ctx.fanIn) / Math.sqrt(3),
  describe: (ctx) => moduleDefaultDescription(ctx, true),
  fill: (out, ctx, _p, rng) => {
    const bound = moduleDefaultBound(ctx.fanIn);
    fillUniform(out, -bound, bound, rng);
  },
};

/**
 * PyTorch's torch.nn.init functions (uniform_, normal_, trunc_normal_, constant_, ones_, zeros_, eye_, dirac_, xavier_*, kaiming_*, orthogonal_, sparse_) and the default Linear / Conv initialization, as initlab definitions.
 */
export const TORCH_INITIALIZERS: readonly InitializerDefinition[] = [
  torchUniform,
  torchNormal,
  torchTruncNormal,
  torchConstant,
  torchOnes,
  torchZeros,
  torchEye,
  torchDirac,
  torchXavierUniform,
  torchXavierNormal,
  torchKaimingUniform,
  torchKaimingNormal,
  torchOrthogonal,
  torchSparse,
  torchLinearDefault,
  torchConvDefault,
];

export { orthogonalDescription as torchOrthogonalDescription };
