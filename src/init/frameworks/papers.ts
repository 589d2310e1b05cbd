/**
 * Unprefixed initializers taken straight from papers (initlab's own canonical set, next to the course's
 * four in ../course.ts). LSUV lives in ../lsuv.ts.
 */
import { fillOrthogonalTorch } from '../sampling.js';
import type { InitializerDefinition, ParameterDefinition } from '../types.js';
import { labelWith, num, product, torchRuleFans } from './common.js';
import { torchOrthogonalDescription } from './torch.js';

const GAIN_PARAM: ParameterDefinition = { name: 'gain', type: 'number', default: 1, description: 'multiplicative factor (e.g. √2 for ReLU)' };

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
    'Saxe, McClelland & Ganguli 2013, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", arXiv:1312.6120; ' +
    'Mezzadri 2007, "How to generate random matrices from the classical compact groups", math-ph/0609050; as PyTorch torch/nn/init.py (orthogonal_)',
  parameters: [GAIN_PARAM],
  ranks: [2, 5],
  fans: (shape) => torchRuleFans(shape),
  label: (p) => labelWith('orthogonal', [GAIN_PARAM], p),
  expectedStd: (ctx, p) => Math.abs(num(p, 'gain')) / Math.sqrt(Math.max(ctx.shape[0]!, product(ctx.shape) / ctx.shape[0]!)),
  describe: (ctx, p) => torchOrthogonalDescription(ctx, num(p, 'gain'), ['in a deep linear net every singular value of the product is gain^depth: no vanishing or exploding directions']),
  fill: (out, ctx, p, rng) => fillOrthogonalTorch(out, ctx.shape[0]!, product(ctx.shape) / ctx.shape[0]!, num(p, 'gain'), rng),
};

export const PAPER_INITIALIZERS: readonly InitializerDefinition[] = [orthogonal];
