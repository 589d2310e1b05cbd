/**
 * TensorFlow.js Layers' initializers (`tfjs-layers/src/initializers.ts`), reproducing what TF.js really
 * does — including the uncorrected ±2σ truncation of its "normal" variance scaling, the
 * `'truncatedNormal'`-means-uniform branch, and the `||` defaults that turn 0 into ±0.05.
 * Layout (in, out) / (kh, kw, in, out); fans by TF.js' `computeFans`. Names are TF.js' camelCase
 * identifiers. Specification: docs/reference/initializers.md §3.
 */
import { UsageError } from '../../util/errors.js';
import { TRUNC2_STD_FACTOR, fillNormal, fillOrthogonalKeras, fillTruncatedNormal2Sigma, fillUniform } from '../sampling.js';
import type { InitializerDefinition, ParameterDefinition, ResolvedParams } from '../types.js';
import {
  MAX_RANK,
  checkOrdered,
  formatNumber,
  labelWith,
  normalDescription,
  num,
  str,
  tfjsFans,
  truncated2SigmaDescription,
  uniformDescription, fixedValueInitializer, constantValueInitializer } from './common.js';
import { eyeDescription, fillEye, kerasOrthogonalDescription } from './keras.js';
import { GLOROT_2010, HE_2015, LECUN_1998, SAXE_2013 } from '../citations.js';
import { fillVarianceUniform, varianceScalingInitializer, varianceUniformDescription, varianceScalingPreset, type VarianceScalingPreset, type VarianceScalingRule } from './varianceScaling.js';

const SRC = 'TF.js tfjs-layers/src/initializers.ts';

const common = { framework: 'tfjs', layout: 'in-out', fans: (shape: readonly number[]) => tfjsFans(shape) } as const;

export type TfjsMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type TfjsDistribution = 'normal' | 'uniform' | 'truncatedNormal';

const MISSING_CORRECTION =
  "differs from its documentation and from Keras: TF.js passes √v as the PARENT std of a ±2σ truncated normal without Keras' 1/0.87962566103423978 correction, so the real std is 0.8796·√v (77% of the intended variance; tfjs issue #8594)";

/**
 * TF.js' VarianceScaling: n = max(1, fan), v = scale/n; 'normal' is a ±2σ truncated normal whose
 * PARENT std is √v (no correction), and 'truncatedNormal' falls into the uniform branch.
 */
const TFJS_RULE: VarianceScalingRule = {
  common,
  frameworkLabel: 'TF.js',
  source: SRC,
  variance(ctx, vs) {
    const n = vs.mode === 'fanIn' ? Math.max(1, ctx.fanIn) : vs.mode === 'fanOut' ? Math.max(1, ctx.fanOut) : Math.max(1, (ctx.fanIn + ctx.fanOut) / 2);
    return { n, variance: vs.scale / n };
  },
  actualStd(ctx, vs) {
    const s = Math.sqrt(TFJS_RULE.variance(ctx, vs).variance);
    return vs.distribution === 'normal' ? s * TRUNC2_STD_FACTOR : s;
  },
  fill(out, ctx, vs, rng) {
    const { variance } = TFJS_RULE.variance(ctx, vs);
    if (vs.distribution === 'normal') fillTruncatedNormal2Sigma(out, 0, Math.sqrt(variance), rng);
    else fillVarianceUniform(out, variance, rng);
  },
  describe(ctx, vs, extra) {
    const { n, variance } = TFJS_RULE.variance(ctx, vs);
    const target = Math.sqrt(variance);
    const notes = [`v = scale / max(1, ${vs.mode}) = ${formatNumber(vs.scale)} / ${formatNumber(n)}`, ...extra];
    if (ctx.shape.length === 1 || ctx.shape.length >= 6) notes.push(`rank ${ctx.shape.length}: TF.js takes fan_in = fan_out = √(number of weights) = ${formatNumber(ctx.fanIn)}`);
    if (vs.distribution === 'normal') {
      return truncated2SigmaDescription(target, target, false, [...notes, MISSING_CORRECTION, `|w| < 2√v = ${formatNumber(2 * target)}`]);
    }
    if (vs.distribution === 'truncatedNormal') {
      notes.push("distribution 'truncatedNormal' passes validation but falls into TF.js' uniform branch: the values are uniform, not truncated normal");
    }
    return varianceUniformDescription(variance, notes);
  },
  distributionLabel: (vs) => (vs.distribution === 'normal' ? 'truncated normal (±2σ, uncorrected)' : 'uniform'),
  normalFormula: (v) => `W ~ N(0, σ²) | |W| < 2σ, σ = √(${v}) (parent std; real std c·σ, c = 0.8796)`,
};

const VS_PARAMS: readonly ParameterDefinition[] = [
  { name: 'scale', type: 'number', default: 1.0, min: 0, doc: 'scaling factor of the variance (TF.js rejects only negative values)' },
  { name: 'mode', type: 'string', default: 'fanIn', choices: ['fanIn', 'fanOut', 'fanAvg'], doc: 'which fan divides the scale' },
  {
    name: 'distribution',
    type: 'string',
    default: 'normal',
    choices: ['normal', 'uniform', 'truncatedNormal'],
    doc: "'normal' = truncated at ±2σ WITHOUT correction; 'uniform'; 'truncatedNormal' is (a TF.js bug) the uniform branch",
  },
];

export const tfjsVarianceScaling = varianceScalingInitializer(TFJS_RULE, {
  name: 'tfjs:varianceScaling',
  summary: "TF.js varianceScaling: v = scale/max(1, fan); 'normal' is a ±2σ truncated normal with parent std √v (uncorrected: std 0.88·√v).",
  formula: "v = scale / max(1, n); 'normal': N(0, v) | |W| < 2√v (no correction); otherwise U(±√(3v))",
  reference: `${HE_2015}; ${GLOROT_2010}; ${SRC} (VarianceScaling), tfjs-core/src/ops/truncated_normal.ts`,
  parameters: VS_PARAMS,
  vsOf: (p) => ({ scale: num(p, 'scale'), mode: str(p, 'mode'), distribution: str(p, 'distribution') }),
});

/** A TF.js preset; its class name is the key capitalised (serialised as VarianceScaling). */
const preset = (pr: Omit<VarianceScalingPreset, 'sourceName'>): InitializerDefinition =>
  varianceScalingPreset(TFJS_RULE, {
    ...pr,
    sourceName: `${pr.key[0]!.toUpperCase()}${pr.key.slice(1)}`,
    ...(pr.vs.distribution === 'normal' ? { note: `truncated at ±2σ WITHOUT correction, std 0.88× the target${pr.note ? `; ${pr.note}` : ''}` } : {}),
  });

export const tfjsGlorotUniform = preset({ key: 'glorotUniform', family: 'glorot_uniform', vs: { scale: 1, mode: 'fanAvg', distribution: 'uniform' }, paper: GLOROT_2010 });
export const tfjsGlorotNormal = preset({ key: 'glorotNormal', family: 'glorot_normal', vs: { scale: 1, mode: 'fanAvg', distribution: 'normal' }, paper: GLOROT_2010, note: 'the default kernel initializer of tf.layers.dense, conv and RNN layers' });
export const tfjsHeNormal = preset({ key: 'heNormal', family: 'he_normal', vs: { scale: 2, mode: 'fanIn', distribution: 'normal' }, paper: HE_2015 });
export const tfjsHeUniform = preset({ key: 'heUniform', family: 'he_uniform', vs: { scale: 2, mode: 'fanIn', distribution: 'uniform' }, paper: HE_2015 });
export const tfjsLeCunNormal = preset({ key: 'leCunNormal', family: 'lecun_normal', vs: { scale: 1, mode: 'fanIn', distribution: 'normal' }, paper: LECUN_1998 });
export const tfjsLeCunUniform = preset({ key: 'leCunUniform', family: 'lecun_uniform', vs: { scale: 1, mode: 'fanIn', distribution: 'uniform' }, paper: LECUN_1998, note: "its className was wrongly 'LeCunNormal' before tfjs 4.2.0" });

export const tfjsDenseDefault: InitializerDefinition = {
  ...tfjsGlorotNormal,
  name: 'tfjs:dense_default',
  family: 'dense_default',
  summary: "TF.js tf.layers.dense/conv default kernel: glorotNormal — truncated at ±2σ and uncorrected (std 0.88·√(2/(fan_in+fan_out))); biases zeros.",
  reference: `TF.js tfjs-layers/src/layers/core.ts, convolutional.ts (kernelInitializer 'glorotNormal'); ${GLOROT_2010}; ${SRC}`,
  ranks: [2, 5],
  label: () => 'tfjs:dense_default',
  describe: (ctx) =>
    TFJS_RULE.describe(ctx, { scale: 1, mode: 'fanAvg', distribution: 'normal' }, [
      "= tfjs:glorotNormal; Keras' Dense default is glorot_uniform, so a model ported between them starts from a different distribution",
    ]),
};

const GAIN_PARAM: ParameterDefinition = { name: 'gain', type: 'number', default: 1, doc: 'multiplicative factor' };

export const tfjsOrthogonal: InitializerDefinition = {
  ...common,
  name: 'tfjs:orthogonal',
  family: 'orthogonal',
  summary: 'TF.js orthogonal (≥ 4.3, Keras algorithm): Haar-random (semi-)orthogonal (∏ leading dims × last dim) times gain.',
  distribution: 'orthogonal',
  formula: 'A ~ N(0, 1)^{max(r,c)×min(r,c)}; Q·sign(diag R) = QR(A); transposed when r < c; W = gain · Q',
  reference: `${SAXE_2013}; ${SRC} (Orthogonal, tfjs ≥ 4.3.0, PR #7377)`,
  parameters: [GAIN_PARAM],
  ranks: [2, MAX_RANK],
  label: (p) => labelWith('tfjs:orthogonal', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => kerasOrthogonalDescription(ctx.shape, num(p, 'gain')).actualStd,
  describe: (ctx, p) =>
    kerasOrthogonalDescription(ctx.shape, num(p, 'gain'), [
      'TF.js warns above 2000 elements ("Slowness may result"); before 4.3.0 it used Gram–Schmidt on a 2-D shape and ignored seeds',
    ]),
  fill: (out, ctx, p, rng) => fillOrthogonalKeras(out, ctx.shape, num(p, 'gain'), rng),
};

export const tfjsIdentity: InitializerDefinition = {
  ...common,
  name: 'tfjs:identity',
  family: 'identity',
  summary: 'TF.js identity: gain · I; square 2-D matrices only.',
  distribution: 'constant',
  formula: 'W = gain · I (n × n)',
  reference: `${SRC} (Identity)`,
  parameters: [GAIN_PARAM],
  ranks: [2, 2],
  label: (p) => labelWith('tfjs:identity', [GAIN_PARAM], p),
  checkShape: (shape) => {
    if (shape[0] !== shape[1]) {
      throw new UsageError(`'tfjs:identity' can only be used for 2D square matrices, not ${shape.join('x')} (keras:identity and torch:eye accept non-square shapes).`);
    }
  },
  expectedStd: (ctx, p) => eyeDescription(ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain')).actualStd,
  describe: (ctx, p) => eyeDescription(ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain')),
  fill: (out, ctx, p) => fillEye(out, ctx.shape[0]!, ctx.shape[1]!, num(p, 'gain')),
};

/** TF.js applies defaults with `||`: a 0 is replaced by the default. */
const orDefault = (value: number, fallback: number): number => value || fallback;

const MEAN_STD_PARAMS: readonly ParameterDefinition[] = [
  { name: 'mean', type: 'number', default: 0, doc: 'mean' },
  { name: 'stddev', type: 'number', default: 0.05, min: 0, doc: 'standard deviation (of the parent normal for truncatedNormal); 0 becomes 0.05 (TF.js `||` default)' },
];

function falsyNotes(p: ResolvedParams, keys: readonly [string, number][]): string[] {
  return keys
    .filter(([k]) => p[k] === 0)
    .map(([k, d]) => `${k}=0 is replaced by ${d}: TF.js applies its defaults with \`||\` (e.g. randomUniform({minval: 0, maxval: 1}) samples from [−0.05, 1))`);
}

export const tfjsRandomNormal: InitializerDefinition = {
  ...common,
  name: 'tfjs:randomNormal',
  family: 'normal',
  summary: 'TF.js randomNormal: N(mean, stddev²), default N(0, 0.05²); stddev 0 becomes 0.05.',
  distribution: 'normal',
  formula: 'W ~ N(mean, stddev²)',
  reference: `${SRC} (RandomNormal)`,
  parameters: MEAN_STD_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('tfjs:randomNormal', MEAN_STD_PARAMS, p),
  expectedStd: (_c, p) => orDefault(num(p, 'stddev'), 0.05),
  describe: (_c, p) => normalDescription(orDefault(num(p, 'stddev'), 0.05), falsyNotes(p, [['stddev', 0.05]]), num(p, 'mean')),
  fill: (out, _c, p, rng) => fillNormal(out, orDefault(num(p, 'mean'), 0), orDefault(num(p, 'stddev'), 0.05), rng),
};

export const tfjsTruncatedNormal: InitializerDefinition = {
  ...common,
  name: 'tfjs:truncatedNormal',
  family: 'truncated_normal',
  summary: 'TF.js truncatedNormal: N(mean, stddev²) redrawn outside mean ± 2·stddev; no correction (std 0.88·stddev).',
  distribution: 'truncated normal (±2σ, uncorrected)',
  formula: 'W ~ N(mean, stddev²) | |W − mean| < 2·stddev',
  reference: `${SRC} (TruncatedNormal), tfjs-core/src/ops/truncated_normal.ts`,
  parameters: MEAN_STD_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('tfjs:truncatedNormal', MEAN_STD_PARAMS, p),
  expectedStd: (_c, p) => orDefault(num(p, 'stddev'), 0.05) * TRUNC2_STD_FACTOR,
  describe: (_c, p) => {
    const s = orDefault(num(p, 'stddev'), 0.05);
    return truncated2SigmaDescription(s, s, false, ['stddev is the parent std: the values have std 0.8796·stddev', ...falsyNotes(p, [['stddev', 0.05]])], num(p, 'mean'));
  },
  fill: (out, _c, p, rng) => fillTruncatedNormal2Sigma(out, orDefault(num(p, 'mean'), 0), orDefault(num(p, 'stddev'), 0.05), rng),
};

const MINMAX_PARAMS: readonly ParameterDefinition[] = [
  { name: 'minval', type: 'number', default: -0.05, doc: 'lower bound; 0 becomes −0.05 (TF.js `||` default)' },
  { name: 'maxval', type: 'number', default: 0.05, doc: 'upper bound (excluded); 0 becomes 0.05 (TF.js `||` default)' },
];

const uniformBounds = (p: ResolvedParams): [number, number] => [orDefault(num(p, 'minval'), -0.05), orDefault(num(p, 'maxval'), 0.05)];

export const tfjsRandomUniform: InitializerDefinition = {
  ...common,
  name: 'tfjs:randomUniform',
  family: 'uniform',
  summary: 'TF.js randomUniform: U[minval, maxval), default ±0.05 (the embedding default); a 0 bound becomes ±0.05.',
  distribution: 'uniform',
  formula: 'W ~ U[minval || −0.05, maxval || 0.05)',
  reference: `${SRC} (RandomUniform)`,
  parameters: MINMAX_PARAMS,
  ranks: [1, MAX_RANK],
  label: (p) => labelWith('tfjs:randomUniform', MINMAX_PARAMS, p),
  checkShape: (_s, p) => {
    const [lo, hi] = uniformBounds(p);
    checkOrdered('tfjs:randomUniform', 'minval (after TF.js defaults)', lo, 'maxval', hi, false);
  },
  expectedStd: (_c, p) => {
    const [lo, hi] = uniformBounds(p);
    return Math.abs(hi - lo) / Math.sqrt(12);
  },
  describe: (_c, p) => {
    const [lo, hi] = uniformBounds(p);
    return uniformDescription(lo, hi, falsyNotes(p, [['minval', -0.05], ['maxval', 0.05]]));
  },
  fill: (out, _c, p, rng) => {
    const [lo, hi] = uniformBounds(p);
    fillUniform(out, lo, hi, rng);
  },
};

const VALUE_PARAM: ParameterDefinition = { name: 'value', type: 'number', default: 0, doc: 'the value to fill with (required in TF.js; initlab defaults to 0)' };

export const tfjsConstant: InitializerDefinition = constantValueInitializer(common, {
  name: 'tfjs:constant', summary: 'TF.js constant: every weight = value.', reference: `${SRC} (Constant)`, param: VALUE_PARAM,
});

export const tfjsZeros: InitializerDefinition = fixedValueInitializer(common, 'tfjs:zeros', 0, 'TF.js zeros: every weight 0 (the default bias).', `${SRC} (Zeros)`);

export const tfjsOnes: InitializerDefinition = fixedValueInitializer(common, 'tfjs:ones', 1, 'TF.js ones: every weight 1.', `${SRC} (Ones)`);

/**
 * TensorFlow.js's tf.initializers (varianceScaling and its glorot / he / leCun members, orthogonal, identity, randomNormal, randomUniform, truncatedNormal, zeros, ones, constant) and the dense layer's default, as initlab definitions.
 */
export const TFJS_INITIALIZERS: readonly InitializerDefinition[] = [
  tfjsVarianceScaling,
  tfjsGlorotUniform,
  tfjsGlorotNormal,
  tfjsHeNormal,
  tfjsHeUniform,
  tfjsLeCunNormal,
  tfjsLeCunUniform,
  tfjsOrthogonal,
  tfjsIdentity,
  tfjsTruncatedNormal,
  tfjsRandomNormal,
  tfjsRandomUniform,
  tfjsConstant,
  tfjsZeros,
  tfjsOnes,
  tfjsDenseDefault,
];
