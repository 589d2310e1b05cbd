import { detectProblems } from '../../src/diagnostics/problems.js';
import { histogram, layerStatistics, moments } from '../../src/diagnostics/statistics.js';
import type { TrainingData } from '../../src/train/trainer.js';
import type { RunStatus } from '../../src/core/runConfig.js';
import { ACTIVATION_TABLE } from '../../src/nn/activations.js';
import type { DenseNetwork, Workspace } from '../../src/nn/network.js';
import type { LayerHistogram, Verdict } from './protocol.js';
import type { HistogramView } from './state.js';

/*
 * What a panel shows of the inside of its network, from the library's own tools: per-layer
 * histograms of the live activations A_l or of the real gradients ∂L/∂Z_l of the training loss
 * (one forward and backward pass over the whole training set on a copy of the weights, so the
 * training run is not touched), and the detectors' verdicts (src/diagnostics detectProblems on
 * layerStatistics of the current weights, plus divergence from the run's status).
 */

export const HISTOGRAM_BINS = 24;

/** A bin range around [min, max] of the finite values (widened when all values are equal). */
export function autoRange(v: Float64Array | Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo > hi) return [-1, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.5;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/**
 * Histograms of every hidden layer's activations or gradients on the training set. `mirror` holds
 * a copy of the run's weights; `ws` is a training workspace of `data.train.nSamples`.
 */
export function layerHistograms(mirror: DenseNetwork, ws: Workspace, data: TrainingData, view: HistogramView, bins = HISTOGRAM_BINS): LayerHistogram[] {
  if (view === 'off') return [];
  mirror.lossAndGradients(data.train.x, data.train.y, ws);
  const out: LayerHistogram[] = [];
  for (let l = 0; l < mirror.depth - 1; l++) {
    const values = view === 'activations' ? ws.a[l]! : ws.g[l]!;
    const [lo, hi] = autoRange(values);
    const h = histogram(values, lo, hi, bins);
    out.push({ layer: l + 1, units: mirror.layerSizes[l + 1]!, lo, hi, counts: h.counts, nonFinite: h.nonFinite, std: moments(values).std });
  }
  return out;
}

/** The four verdicts every panel shows (symmetry, vanishing, saturation, divergence), then any other detector that fires. */
export function verdictsFor(
  network: DenseNetwork,
  data: TrainingData,
  status: RunStatus,
  divergedAt: number | undefined,
  initLabel: string,
): Verdict[] {
  const verdicts: Verdict[] = [];
  const hidden = network.layerSizes.slice(0, -1);
  const stats = hidden.length >= 2 ? layerStatistics(network.getParameters(), hidden, network.activation, data.train.x, data.train.nSamples, { slope: network.slope }) : undefined;
  const problems = stats ? detectProblems(stats, { init: initLabel }) : [];
  // detectProblems does not judge a ratio whose reference layer carries no signal at all (zeros init).
  const first = stats?.layers[0];
  const last = stats?.layers[stats.layers.length - 1];
  const unjudged = first !== undefined && last !== undefined && !(first.pre.std > 0 && last.gradZStd > 0);
  const find = (kind: string) => problems.find((p) => p.kind === kind);
  const sym = find('symmetry');
  verdicts.push(
    sym
      ? { kind: 'symmetry', flagged: true, message: sym.message }
      : { kind: 'symmetry', flagged: false, message: hidden.length < 2 ? 'no hidden layer: nothing to be symmetric.' : 'units differ: symmetry is broken.' },
  );
  const van = find('vanishing');
  verdicts.push(
    van
      ? { kind: 'vanishing', flagged: true, message: van.message }
      : {
          kind: 'vanishing',
          flagged: false,
          message:
            hidden.length < 3
              ? 'needs two hidden layers to compare.'
              : unjudged
                ? 'not judged: the first layer carries no signal forward or the last none backward (std exactly 0).'
                : 'forward and backward signals keep their scale across layers.',
        },
  );
  const sat = find('saturated');
  const saturates = ACTIVATION_TABLE[network.activation].saturation !== null;
  verdicts.push(
    sat
      ? { kind: 'saturation', flagged: true, message: sat.message }
      : { kind: 'saturation', flagged: false, message: saturates ? `${network.activation} units mostly in their responsive range.` : `${network.activation} does not saturate.` },
  );
  verdicts.push(
    status === 'diverged'
      ? { kind: 'divergence', flagged: true, message: `diverged at iteration ${divergedAt ?? '?'}: a weight, gradient or loss became NaN or ∞ — lower the learning rate or the init scale.` }
      : { kind: 'divergence', flagged: false, message: 'loss and weights finite.' },
  );
  for (const kind of ['dead', 'exploding', 'nonfinite'] as const) {
    const p = find(kind);
    if (p) verdicts.push({ kind, flagged: true, message: p.message });
  }
  return verdicts;
}
