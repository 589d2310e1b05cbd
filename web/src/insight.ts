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

/** Where the run stands when its verdicts are made (the training's own numbers). */
export interface RunProgress {
  iteration: number;
  total: number;
  /** Train accuracy and loss now and at iteration 0 (undefined: not logged yet). */
  trainAccuracy: number | undefined;
  trainLoss: number | undefined;
  firstLoss: number | undefined;
  /** A regression run: its "accuracy" is R² (src/train/trainer.ts), said as such. */
  regression?: boolean;
}

/** A run learns when its train accuracy (or, for regression, its R²) reaches this. */
export const LEARNS_ACCURACY = 0.9;

/**
 * Whether a flagged finding hurts this run, judged from the run itself: before the first update
 * nothing is judged; afterwards the finding is harmless when the run reaches LEARNS_ACCURACY train
 * accuracy, and hurts it otherwise (said with the accuracy and the iteration).
 */
export function impactOf(p: RunProgress | undefined): Pick<Verdict, 'impact' | 'impactText'> {
  if (p === undefined || p.iteration === 0) return { impact: 'pending', impactText: 'whether it matters is judged once training starts.' };
  const acc = p.trainAccuracy;
  if (acc === undefined || !Number.isFinite(acc)) return { impact: 'hurts', impactText: `hurts this run: no finite accuracy at iteration ${p.iteration}.` };
  const pctText = p.regression === true ? `train R² ${acc.toFixed(3)} at iteration ${p.iteration}` : `${(100 * acc).toFixed(1)}% train accuracy at iteration ${p.iteration}`;
  if (acc >= LEARNS_ACCURACY) return { impact: 'harmless', impactText: `does not hurt this run: it still learns (${pctText}).` };
  return { impact: 'hurts', impactText: `likely hurts this run: ${pctText}${p.iteration < p.total ? ' so far' : ''}.` };
}

/** The four verdicts every panel shows (symmetry, vanishing, saturation, divergence), then any other detector that fires. */
export function verdictsFor(
  network: DenseNetwork,
  data: TrainingData,
  status: RunStatus,
  divergedAt: number | undefined,
  initLabel: string,
  progress?: RunProgress,
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
    // A unit is dead when its activation's derivative is 0 on every training point. Before the
    // first update that says only what the init is (zeros: every relu unit at 0), so it is judged
    // once training has started (issue 15, defect 9).
    if (kind === 'dead' && progress !== undefined && progress.iteration === 0) continue;
    if (p) verdicts.push({ kind, flagged: true, message: p.message });
  }
  const impact = impactOf(progress);
  return verdicts.map((v) => (v.flagged && v.kind !== 'divergence' ? { ...v, ...impact } : v.kind === 'divergence' && v.flagged ? { ...v, impact: 'hurts' as const, impactText: 'training stopped there.' } : v));
}
