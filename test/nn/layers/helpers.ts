import type { FloatArray } from '../../../src/core/dtype.js';
import type { OutputHead } from '../../../src/core/runConfig.js';
import { LayerNetwork, type LayerNetworkOptions } from '../../../src/nn/layers/network.js';
import { DefaultRandom } from '../../../src/random/index.js';

export function randn(rng: DefaultRandom, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => rng.standardNormal() * scale);
}

/** A network with every parameter drawn N(0, scale²/fan) (γ near 1, α as given) so that no gradient is trivially 0. */
export function randomNetwork(options: LayerNetworkOptions, seed: number, alpha = 0.7): LayerNetwork {
  const net = new LayerNetwork(options);
  const rng = new DefaultRandom(seed);
  for (const w of net.params.weights) {
    const r = randn(rng, w.length, 1 / Math.sqrt(Math.max(1, w.length / 4)));
    w.set(r);
  }
  for (const b of net.params.biases) b.set(randn(rng, b.length, 0.3));
  for (const bn of net.batchNorms()) {
    const g = bn.gamma.value.view();
    for (let i = 0; i < g.length; i++) g[i] = 1 + 0.2 * rng.standardNormal();
  }
  for (const r of net.residualBlocks()) if (r.alpha) r.alpha.value.view()[0] = alpha;
  return net;
}

export function labels(head: OutputHead, nOut: number, m: number): Float64Array {
  if (head === 'softmax') return Float64Array.from({ length: m }, (_, s) => (s * 7 + 3) % nOut);
  return Float64Array.from({ length: m }, (_, s) => (s % 3 === 0 ? 1 : 0));
}

export interface GradientCheck {
  checked: number;
  worst: number;
  where: string;
}

/*
 * Central differences (f(p + h) − f(p − h)) / 2h of the whole objective against the backward pass,
 * in float64, for every parameter (or `limit` per tensor, spread over it). h = 1e-5: the truncation
 * error is h²/6·|f‴| ≈ 2e-11·|f‴| and the rounding error ≈ ε·|f|/h ≈ 1e-16·3/1e-5 = 3e-11, both far
 * below the tolerance |fd − g| ≤ 1e-7 + 1e-6·|g|, while a wrong term (a missed sum, a wrong index, a
 * transposed kernel) moves a gradient by O(|g|), i.e. 1e5 times more.
 */
export function checkGradients(net: LayerNetwork, x: Float64Array, y: Float64Array, m: number, l2 = 0, limit = 60): GradientCheck {
  const ws = net.createWorkspace(m, true);
  net.lossAndGradients(x, y, ws, l2);
  const analytic = [...net.grads.weights, ...net.grads.biases].map((g) => Float64Array.from(g));
  const tensors: FloatArray[] = [...net.params.weights, ...net.params.biases];
  const h = 1e-5;
  let worst = 0;
  let where = '';
  let checked = 0;
  tensors.forEach((t, ti) => {
    const step = Math.max(1, Math.floor(t.length / limit));
    for (let i = 0; i < t.length; i += step) {
      const p = t[i]!;
      t[i] = p + h;
      const fp = net.objective(x, y, ws, l2);
      t[i] = p - h;
      const fm = net.objective(x, y, ws, l2);
      t[i] = p;
      const fd = (fp - fm) / (2 * h);
      const g = analytic[ti]![i]!;
      const excess = Math.abs(fd - g) / (1e-7 + 1e-6 * Math.abs(g));
      checked++;
      if (excess > worst) {
        worst = excess;
        where = `tensor ${ti} [${i}]: backward ${g}, differences ${fd}`;
      }
    }
  });
  return { checked, worst, where };
}
