/**
 * Unprefixed initializers taken straight from papers (initlab's own canonical set, next to the course's
 * four in ../course.ts). LSUV lives in ../lsuv.ts.
 */
import { fillNormal, fillOrthogonalTorch } from '../sampling.js';
import type { InitializerDefinition, ParameterDefinition } from '../types.js';
import { labelWith, num, product, torchRuleFans } from './common.js';
import { torchOrthogonalDescription } from './torch.js';
import { SAXE_2013 } from '../citations.js';

const GAIN_PARAM: ParameterDefinition = { name: 'gain', type: 'number', default: 1, doc: 'multiplicative factor (e.g. √2 for ReLU)' };

/**
 * Saxe, McClelland & Ganguli 2013: random orthogonal weights give depth-independent learning dynamics
 * in deep linear networks. W (out, in…) is flattened to out × (the rest); its rows are orthonormal when
 * out ≤ in·∏k (columns otherwise). Haar-distributed by QR with the sign(diag R) fix (Mezzadri 2007).
 */
export const orthogonal: InitializerDefinition = {
  name: 'orthogonal',
  framework: 'initlab',
  family: 'orthogonal',
  layout: 'out-in',
  summary: 'Saxe et al. 2013: a Haar-random (semi-)orthogonal matrix (out × in·∏k) times gain.',
  distribution: 'orthogonal',
  formula: 'A ~ N(0, 1)^{out×in}; Q·sign(diag R) = QR(A) (of Aᵀ when out < in); W = gain · Q',
  reference:
    `${SAXE_2013}; as PyTorch torch/nn/init.py (orthogonal_)`,
  parameters: [GAIN_PARAM],
  ranks: [2, 5],
  fans: (shape) => torchRuleFans(shape),
  label: (p) => labelWith('orthogonal', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => Math.abs(num(p, 'gain')) / Math.sqrt(Math.max(ctx.shape[0]!, product(ctx.shape) / ctx.shape[0]!)),
  describe: (ctx, p) => torchOrthogonalDescription(ctx, num(p, 'gain'), ['in a deep linear net every singular value of the product is gain^depth: no vanishing or exploding directions']),
  fill: (out, ctx, p, rng) => fillOrthogonalTorch(out, ctx.shape[0]!, product(ctx.shape) / ctx.shape[0]!, num(p, 'gain'), rng),
};

const SIGMA_W2_PARAM: ParameterDefinition = {
  name: 'sigmaW2',
  type: 'number',
  default: 1,
  min: 0,
  minOpen: true,
  doc: 'σ_w²: weight variance times fan_in (tanh with σ_b² = 0 is critical at 1, relu at 2)',
};
const SIGMA_B2_PARAM: ParameterDefinition = { name: 'sigmaB2', type: 'number', default: 0, min: 0, doc: 'σ_b²: bias variance (0: zero biases)' };
const MEANFIELD_PARAMS = [SIGMA_W2_PARAM, SIGMA_B2_PARAM];

/**
 * The random networks of mean-field theory: Poole et al. 2016 and Schoenholz et al. 2017 take
 * W_ij ~ N(0, σ_w²/N_{l−1}) and b_i ~ N(0, σ_b²), and show that (σ_w², σ_b²) alone decide whether a
 * deep network is ordered, chaotic or critical, and how deep it can be and still train (≲ 6ξ_c).
 * `initlab theory` predicts q*, χ₁ and ξ_c for the same two numbers; `initlab trainability` trains
 * grids of them. Each layer draws its kernel, then its bias, from the one stream.
 */
export const meanfield: InitializerDefinition = {
  name: 'meanfield',
  framework: 'initlab',
  layout: 'out-in',
  summary: 'Poole et al. 2016 / Schoenholz et al. 2017: weights N(0, σ_w²/fan_in) and biases N(0, σ_b²), the random networks of mean-field theory.',
  distribution: 'normal',
  formula: 'W ~ N(0, 1) · √(sigmaW2 / fan_in); b ~ N(0, 1) · √sigmaB2',
  reference:
    'Poole, Lahiri, Raghu, Sohl-Dickstein & Ganguli 2016, "Exponential expressivity in deep neural networks through transient chaos", arXiv:1606.05340; ' +
    'Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, "Deep information propagation", arXiv:1611.01232',
  parameters: MEANFIELD_PARAMS,
  ranks: [2, 5],
  fans: (shape) => torchRuleFans(shape),
  label: (p) => `meanfield (σ_w²=${String(p['sigmaW2'])}, σ_b²=${String(p['sigmaB2'])})`,
  expectedStd: (ctx, p) => Math.sqrt(num(p, 'sigmaW2') / ctx.fanIn),
  describe: (ctx, p) => {
    const std = Math.sqrt(num(p, 'sigmaW2') / ctx.fanIn);
    const b2 = num(p, 'sigmaB2');
    return {
      distribution: 'normal',
      targetStd: std,
      actualStd: std,
      notes: [
        `σ_w² = ${String(p['sigmaW2'])}: std = √(σ_w²/fan_in) = √(${String(p['sigmaW2'])}/${ctx.fanIn})`,
        b2 > 0 ? `biases of a dense layer ~ N(0, ${String(b2)}) (std ${Math.sqrt(b2).toPrecision(6)}), drawn after its kernel` : 'biases zero (σ_b² = 0)',
        "see 'initlab theory --activation tanh --sigma-w2 … --sigma-b2 …' for the depth scales these two numbers give",
      ],
    };
  },
  fill: (out, ctx, p, rng) => fillNormal(out, 0, Math.sqrt(num(p, 'sigmaW2') / ctx.fanIn), rng),
  fillBias: (out, _ctx, p, rng) => {
    const b2 = num(p, 'sigmaB2');
    if (b2 > 0) fillNormal(out, 0, Math.sqrt(b2), rng);
  },
  biasVariance: (p) => num(p, 'sigmaB2'),
};

/**
 * Initializations from papers rather than frameworks: orthogonal (Saxe, McClelland & Ganguli 2014) and meanfield, weights N(0, σ_w²/fan_in) and biases N(0, σ_b²) (Poole et al. 2016; Schoenholz et al. 2017).
 */
export const PAPER_INITIALIZERS: readonly InitializerDefinition[] = [orthogonal, meanfield];
