import type { DenseNetwork } from '../../src/nn/network.js';

/*
 * The network as a graph (issue 15, "the network graph"): neurons as nodes, weights as links whose
 * colour is the sign and width |w|, as TensorFlow Playground draws it, plus per layer the weight
 * norm ‖W_l‖ and the gradient norm ‖∂L/∂W_l‖ (Frobenius, over the training set, from the same
 * forward/backward pass as the histograms). A net too wide to draw gets per-layer summaries only.
 */

/** Widest layer drawn unit by unit, and most links drawn. */
export const GRAPH_MAX_UNITS = 16;
export const GRAPH_MAX_LINKS = 1200;

export interface GraphLayer {
  /** ‖W_l‖_F and ‖∂L/∂W_l‖_F (the data loss plus the L2 term when set). */
  weightNorm: number;
  gradNorm: number;
  /** Share of W_l's entries that are > 0, and the mean |w|. */
  positive: number;
  meanAbs: number;
  /** W_l (n_l × n_{l−1}, row-major) when the graph is drawn. */
  weights?: Float32Array;
}

export type GraphPart =
  | { view: 'off' }
  | { view: 'graph'; sizes: number[]; layers: GraphLayer[] }
  | { view: 'summary'; sizes: number[]; layers: GraphLayer[]; reason: string };

/** Why a net is summarised instead of drawn, or undefined when it is drawn. */
export function graphProblem(sizes: readonly number[]): string | undefined {
  const widest = Math.max(...sizes);
  let links = 0;
  for (let l = 1; l < sizes.length; l++) links += sizes[l - 1]! * sizes[l]!;
  if (widest > GRAPH_MAX_UNITS) return `too wide to draw unit by unit (a layer of ${widest} units; at most ${GRAPH_MAX_UNITS}): one summary per layer instead.`;
  if (links > GRAPH_MAX_LINKS) return `too many weights to draw one by one (${links}; at most ${GRAPH_MAX_LINKS}): one summary per layer instead.`;
  return undefined;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** The graph of `net` whose gradients hold the last lossAndGradients pass. */
export function graphOf(net: DenseNetwork): GraphPart {
  const sizes = [...net.layerSizes];
  const problem = graphProblem(sizes);
  const { weights } = net.params;
  const grads = net.grads.weights;
  const layers = weights.map((w, l): GraphLayer => {
    let pos = 0;
    let abs = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i]! > 0) pos++;
      abs += Math.abs(w[i]!);
    }
    const layer: GraphLayer = { weightNorm: norm(w), gradNorm: norm(grads[l]!), positive: pos / w.length, meanAbs: abs / w.length };
    if (problem === undefined) layer.weights = Float32Array.from(w);
    return layer;
  });
  return problem === undefined ? { view: 'graph', sizes, layers } : { view: 'summary', sizes, layers, reason: problem };
}
