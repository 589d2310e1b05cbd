import { denseShape } from '../init/layerNetwork.js';
import { fansFor } from '../init/fans.js';
import { fixupScale, layerInitPlan } from '../init/residualInits.js';
import type { ResolvedInit } from '../init/types.js';
import type { Activation } from '../core/runConfig.js';
import type { PlannedDense, PlannedLayer } from '../nn/layers/plan.js';

/*
 * The predicted mean square of each layer's output in a layer network at initialization, from the
 * variance recursion of residual networks (Zhang, Dauphin & Ma 2019, "Fixup", §2; Hanin & Rolnick
 * 2018; De & Smith 2020, §3):
 *
 *   dense   z = W·x + b, Var W = v, fan_in n:   E[z²] = n·v·E[x²] + σ_b²         (any fixed x: E_W[(w·x)²] = v‖x‖²)
 *           relu:        E[φ(z)²] = E[z²]/2   (z | x is symmetric about 0 when W is)
 *           leaky_relu:  E[φ(z)²] = (1 + a²)/2 · E[z²];   linear: E[z²]
 *   residual y = x + α·F(x), identity skip:     E[y²] = E[x²] + α²·E[F(x)²]     (E_W[x·F(x)] = 0: F's last W is zero-mean)
 *
 * so a block whose branch has variance gain g (E[F²] = g·E[x²]) multiplies the mean square by
 * (1 + α²g): with He's σ_w² = 2 and relu between the branch's layers, g = 2 for any number of
 * branch layers, and a plain residual net's signal grows as 3^L with depth (the growth Fixup and
 * SkipInit remove: Fixup zeroes the branch's last layer, SkipInit sets α = 0, so g·α² = 0).
 * The expectations are over the weights for the given input; the input's own mean square E[x²] is
 * measured. Each equality is exact in expectation (no Gaussian or wide-width assumption), which is
 * what the diagnose tests check the measured values against.
 *
 * What this recursion does not cover gets no prediction (null), and neither does anything after
 * it: conv2d, pooling and batchnorm layers, a projection skip on a conv branch, a residual block
 * with an activation after the sum other than linear (x + F(x) is then not symmetric), and
 * activations other than linear, relu and leaky_relu.
 */

/** E[φ(z)²]/E[z²] for z symmetric about 0, or null where that ratio depends on the distribution of z. */
function activationGain(act: Activation, slope: number): number | null {
  if (act === 'linear') return 1;
  if (act === 'relu') return 0.5;
  if (act === 'leaky_relu') return (1 + slope * slope) / 2;
  return null;
}

/** How the init draws (and Fixup rescales) each kernel: n·Var W and σ_b² per dense layer, in draw order. */
interface DenseGain {
  sigmaW2: number;
  sigmaB2: number;
}

/**
 * The predicted E[y²] of every top-level layer of `plan` (the output layer included), given the
 * input's mean square `inputMeanSquare`; null from the first layer the recursion does not cover.
 */
export function predictLayerMeanSquares(plan: readonly PlannedLayer[], init: ResolvedInit, inputMeanSquare: number, slope: number): (number | null)[] {
  const residuals = plan.filter((l) => l.kind === 'residual').length;
  const rule = layerInitPlan(init, residuals);
  const def = rule.draw.definition;
  // σ_b²: what the init says its biases have; an init that draws biases without saying so gets no prediction.
  const sigmaB2 = def.biasVariance?.(rule.draw.params) ?? (def.fillBias ? Number.NaN : 0);
  const gainOf = (l: PlannedDense): DenseGain => {
    const shape = denseShape(def, l);
    const fans = fansFor(def, shape, rule.draw.params);
    const std = def.expectedStd({ shape, ...fans }, rule.draw.params);
    return { sigmaW2: std * std * fans.fanIn, sigmaB2 };
  };
  const dense = (l: PlannedDense, q: number, g: DenseGain): number | null => {
    const a = activationGain(l.activation, slope);
    return a === null ? null : a * (g.sigmaW2 * q + g.sigmaB2);
  };
  const out: (number | null)[] = [];
  let q: number | null = inputMeanSquare;
  for (let i = 0; i < plan.length; i++) {
    const l = plan[i]!;
    if (q !== null) {
      if (l.kind === 'flatten') {
        // moves no data
      } else if (l.kind === 'dense') {
        const g = gainOf(l);
        // Fixup rule 1 zeroes the output layer (the last planned layer), bias included.
        q = rule.fixup && i === plan.length - 1 ? 0 : dense(l, q, g);
      } else if (l.kind === 'residual') {
        q = residual(l.branch, l.projection, l.activation, q);
      } else {
        q = null;
      }
      if (q !== null && !Number.isFinite(q)) q = null;
    }
    out.push(q);
  }
  return out;

  function residual(branch: readonly PlannedLayer[], projection: PlannedLayer | null, act: Activation, x: number): number | null {
    if (act !== 'linear' || !branch.every((b) => b.kind === 'dense')) return null;
    const layers = branch as readonly PlannedDense[];
    let f: number | null = x;
    const m = layers.length;
    for (let j = 0; j < m && f !== null; j++) {
      const g = gainOf(layers[j]!);
      if (rule.fixup) {
        // Fixup rule 2: the branch's last layer (and bias) 0, the m − 1 before it × L^(−1/(2m−2)).
        if (j === m - 1) f = 0;
        else {
          const s = fixupScale(residuals, m);
          f = dense(layers[j]!, f, { sigmaW2: g.sigmaW2 * s * s, sigmaB2: g.sigmaB2 });
        }
      } else {
        f = dense(layers[j]!, f, g);
      }
    }
    if (f === null) return null;
    let skip = x;
    if (projection !== null) {
      if (projection.kind !== 'dense') return null;
      const s = dense(projection, x, gainOf(projection));
      if (s === null) return null;
      skip = s;
    }
    // SkipInit: α = 0 at initialization.
    const alpha2 = rule.skipInit ? 0 : 1;
    return skip + alpha2 * f;
  }
}
