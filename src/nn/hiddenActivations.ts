import type { DenseNetwork, Workspace } from './network.js';

/*
 * What every hidden unit computes on a batch: A_l = f(Z_l) for l = 1 … L−1. TensorFlow Playground
 * draws one small heat map per hidden unit from exactly these values on a grid of the input plane;
 * the playground's "neurons" view does the same (web/src/worker.ts).
 */

/**
 * The activations of every hidden layer for the batch `x` (n_0 × m, feature-major: x[f·m + s]), as
 * copies: out[l−1] is A_l (n_l × m), unit u's values at [u·m, (u+1)·m). No hidden layer → [].
 * `ws` (a workspace of batch size m, forward-only is enough) is reused when given, so a caller that
 * evaluates the same grid again allocates only the copies.
 * @throws RangeError when x does not hold a whole number of samples or ws is for another batch size.
 */
export function hiddenActivations(net: DenseNetwork, x: Float64Array, ws?: Workspace): Float64Array[] {
  const nIn = net.layerSizes[0]!;
  const m = x.length / nIn;
  if (!Number.isInteger(m) || m < 1) {
    throw new RangeError(`x has ${x.length} values, not a positive multiple of the ${nIn} input features`);
  }
  const work = ws ?? net.createWorkspace(m, false);
  if (work.m !== m) throw new RangeError(`the workspace is for batches of ${work.m} samples, x has ${m}`);
  net.forward(x, work);
  return work.a.map((a) => Float64Array.from(a));
}
