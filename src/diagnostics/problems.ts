import type { Activation } from '../core/runConfig.js';
import { ACTIVATION_TABLE } from '../nn/activations.js';
import type { LayerStatistics, NetworkStatistics } from './statistics.js';

/*
 * Verdicts on `layerStatistics`: what is wrong with a network at initialization, which layers, the
 * number that says so, and what to try instead. Thresholds (all overridable):
 *
 *  - vanishing: forward ratio  pre-activation std of layer L / of layer 1 < 1e-2, or backward ratio
 *    std(∂L/∂Z_1) / std(∂L/∂Z_L) < 1e-2 (needs ≥ 2 hidden layers; the value is the smaller ratio);
 *  - exploding: either ratio > 1e2 (the value is the larger ratio);
 *  - dead: a layer with more than 50% dead units (f′ = 0 on the whole batch); value = worst fraction;
 *  - saturated: a layer with more than 50% of its entries saturated (tanh/sigmoid); value = worst fraction;
 *  - symmetry: a layer whose units all have identical incoming weights and bias (unitsIdentical):
 *    gradient descent keeps them identical forever; value = number of such layers;
 *  - nonfinite: a NaN or ±∞ among the statistics (value = number of such layers).
 *
 * A ratio with a zero or non-finite denominator is not judged (zeros init: symmetry says it instead).
 */

/** What detectProblems can find in the per-layer statistics of a network at initialization. */
export type ProblemKind = 'symmetry' | 'vanishing' | 'exploding' | 'dead' | 'saturated' | 'nonfinite';

/** One detected problem: its kind, the hidden layers concerned, the measured value and a one-line message with a suggestion. */
export interface Problem {
  kind: ProblemKind;
  /** 1-based hidden layers concerned. */
  layers: number[];
  value: number;
  message: string;
}

/**
 * Where detectProblems draws its lines: `vanishingRatio` / `explodingRatio` bound the forward ratio
 * std(Z_L)/std(Z_1) and the backward ratio std(∂L/∂Z_1)/std(∂L/∂Z_L); `deadFraction` is the share of
 * a layer's units with f′ = 0 on the whole batch, `saturatedFraction` the share of its entries in
 * tanh's or sigmoid's saturated region.
 */
export interface ProblemThresholds {
  vanishingRatio: number;
  explodingRatio: number;
  deadFraction: number;
  saturatedFraction: number;
}

/** The thresholds detectProblems uses unless told otherwise: a 100× shrink or growth across the network, half the units dead or saturated. */
export const DEFAULT_THRESHOLDS: Readonly<ProblemThresholds> = {
  vanishingRatio: 1e-2,
  explodingRatio: 1e2,
  deadFraction: 0.5,
  saturatedFraction: 0.5,
};

/** What detectProblems knows besides the statistics: the initializer (for suggestions) and thresholds to override. */
export interface ProblemContext {
  /** The initializer's name or spec (e.g. 'xavier', 'random:scale=0.01'), used in suggestions. */
  init?: string;
  thresholds?: Partial<ProblemThresholds>;
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));
const pct = (x: number): string => `${fmt(100 * x)}%`;
const list = (layers: number[]): string => (layers.length === 1 ? `layer ${layers[0]}` : `layers ${layers.join(', ')}`);

/** The gain σ_w·√fan_in that keeps the forward variance constant, and the init that gives it, by the activation's family. */
function criticalGain(activation: Activation): { gain: number; init: string } {
  const family = ACTIVATION_TABLE[activation].family;
  if (family === 'rectifier') return { gain: Math.SQRT2, init: 'he' };
  if (family === 'self-normalizing') return { gain: 1, init: 'lecun' };
  return { gain: 1, init: 'xavier' };
}

/** Mean over layers of weightStd·√fanIn (the per-layer gain of a zero-mean init). */
function meanGain(layers: readonly LayerStatistics[]): number {
  let s = 0;
  for (const l of layers) s += l.weightStd * Math.sqrt(l.fanIn);
  return s / layers.length;
}

function scaleSuggestion(stats: NetworkStatistics, init: string | undefined, direction: 'vanishing' | 'exploding'): string {
  const act = stats.activation;
  const crit = criticalGain(act);
  const gain = meanGain(stats.layers);
  const initName = init?.split(':')[0]?.toLowerCase() ?? '';
  if (direction === 'vanishing' && act === 'relu' && /xavier|glorot|lecun/.test(initName)) {
    return `activation is relu and init is ${initName}: std halves every ~2 layers; he keeps it constant`;
  }
  if (direction === 'exploding' && act === 'tanh' && gain > crit.gain) {
    return `σ_w·√fan_in ≈ ${fmt(gain)} > ${fmt(crit.gain)} puts tanh in its chaotic regime: backward signals grow layer by layer; ${crit.init} (σ_w·√fan_in = ${fmt(crit.gain)}) keeps them steady`;
  }
  const side = gain < crit.gain ? 'below' : 'above';
  return `σ_w·√fan_in ≈ ${fmt(gain)} is ${side} the ≈${fmt(crit.gain)} that keeps ${act} signals steady${init ? ` (init ${init})` : ''}; ${crit.init} sets it`;
}

const finite = (l: LayerStatistics): boolean =>
  [l.pre.mean, l.pre.std, l.post.mean, l.post.std, l.gradZStd, l.gradWStd, l.weightStd].every(Number.isFinite);

/** Verdicts on a network's statistics, most fundamental first (nonfinite, symmetry, then the rest). */
export function detectProblems(stats: NetworkStatistics, context: ProblemContext = {}): Problem[] {
  const t: ProblemThresholds = { ...DEFAULT_THRESHOLDS, ...context.thresholds };
  const layers = stats.layers;
  const out: Problem[] = [];
  if (layers.length === 0) return out;

  const bad = layers.filter((l) => !finite(l)).map((l) => l.layer);
  if (bad.length > 0) {
    out.push({
      kind: 'nonfinite',
      layers: bad,
      value: bad.length,
      message: `non-finite statistics (NaN or ∞) in ${list(bad)}: activations or gradients overflowed — scale the weights down (${criticalGain(stats.activation).init} for ${stats.activation}).`,
    });
  }

  const sym = layers.filter((l) => l.identicalUnits).map((l) => l.layer);
  if (sym.length > 0) {
    out.push({
      kind: 'symmetry',
      layers: sym,
      value: sym.length,
      message: `all units of ${list(sym)} have identical incoming weights and biases${context.init ? ` (init ${context.init})` : ''}: they compute the same function and get the same gradient, so training never tells them apart — use a random init (e.g. ${criticalGain(stats.activation).init}).`,
    });
  }

  if (layers.length >= 2) {
    const first = layers[0]!;
    const last = layers[layers.length - 1]!;
    const depth = layers.length - 1;
    const ratio = (num: number, den: number): number => (den > 0 && Number.isFinite(den) && Number.isFinite(num) ? num / den : Number.NaN);
    const fwd = ratio(last.pre.std, first.pre.std);
    const bwd = ratio(first.gradZStd, last.gradZStd);
    const perLayer = (r: number): string => fmt(Math.pow(r, 1 / depth));
    const describe = (r: number, dir: 'forward' | 'backward'): string =>
      dir === 'forward'
        ? `forward pre-activation std goes from ${fmt(first.pre.std)} at layer ${first.layer} to ${fmt(last.pre.std)} at layer ${last.layer} (×${fmt(r)}, ×${perLayer(r)} per layer)`
        : `backward std(∂L/∂Z) goes from ${fmt(last.gradZStd)} at layer ${last.layer} to ${fmt(first.gradZStd)} at layer ${first.layer} (×${fmt(r)}, ×${perLayer(r)} per layer)`;
    const span = [first.layer, last.layer];

    const vanish: string[] = [];
    let vValue = Infinity;
    if (fwd < t.vanishingRatio) { vanish.push(describe(fwd, 'forward')); vValue = Math.min(vValue, fwd); }
    if (bwd < t.vanishingRatio) { vanish.push(describe(bwd, 'backward')); vValue = Math.min(vValue, bwd); }
    if (vanish.length > 0) {
      out.push({ kind: 'vanishing', layers: span, value: vValue, message: `vanishing signal: ${vanish.join('; ')} — ${scaleSuggestion(stats, context.init, 'vanishing')}.` });
    }

    const explode: string[] = [];
    let eValue = -Infinity;
    if (fwd > t.explodingRatio) { explode.push(describe(fwd, 'forward')); eValue = Math.max(eValue, fwd); }
    if (bwd > t.explodingRatio) { explode.push(describe(bwd, 'backward')); eValue = Math.max(eValue, bwd); }
    if (explode.length > 0) {
      out.push({ kind: 'exploding', layers: span, value: eValue, message: `exploding signal: ${explode.join('; ')} — ${scaleSuggestion(stats, context.init, 'exploding')}.` });
    }
  }

  const dead = layers.filter((l) => l.deadFraction > t.deadFraction);
  if (dead.length > 0) {
    const worst = Math.max(...dead.map((l) => l.deadFraction));
    out.push({
      kind: 'dead',
      layers: dead.map((l) => l.layer),
      value: worst,
      message: `dead units in ${list(dead.map((l) => l.layer))} (up to ${pct(worst)} of units have zero ${stats.activation} derivative on the whole batch): they pass no gradient — check for negative biases or collapsed inputs, or try leaky_relu.`,
    });
  }

  const sat = layers.filter((l) => l.saturatedFraction !== null && l.saturatedFraction > t.saturatedFraction);
  if (sat.length > 0) {
    const worst = Math.max(...sat.map((l) => l.saturatedFraction ?? 0));
    const crit = criticalGain(stats.activation);
    out.push({
      kind: 'saturated',
      layers: sat.map((l) => l.layer),
      value: worst,
      message: `${stats.activation} saturated in ${list(sat.map((l) => l.layer))} (up to ${pct(worst)} of activations beyond ${ACTIVATION_TABLE[stats.activation].saturation?.text ?? 'its saturation thresholds'}), where its derivative is ≈ 0 — σ_w·√fan_in ≈ ${fmt(meanGain(layers))}; ${crit.init} (≈ ${fmt(crit.gain)}) keeps pre-activations in the responsive range.`,
    });
  }
  return out;
}
