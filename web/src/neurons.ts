import { hiddenActivations } from '../../src/nn/hiddenActivations.js';
import type { DenseNetwork, Workspace } from '../../src/nn/network.js';
import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import { classColor } from './colors.js';

/*
 * The "neurons" view (issue 6 §3, TensorFlow Playground's per-neuron heat maps): every hidden
 * unit's activation A_l,u over the same input plane as the panel's decision map, on a coarse
 * NEURON_GRID × NEURON_GRID grid so it costs about one training step of the article net. Only for
 * small nets: TF Playground caps layers at 8 units; 16 keeps a layer within two rows of a panel.
 * Pure (no DOM): the worker computes the maps, the page only colours them (neuronsView.ts).
 */

export const NEURON_GRID = 24;
export const MAX_NEURON_UNITS = 16;

export interface NeuronMaps {
  /** Cells per side. */
  n: number;
  /** Units of each hidden layer. */
  units: number[];
  /**
   * Every hidden unit's map, layer by layer and unit by unit (n² values each; row j at height
   * bounds.yMin + (j + ½)·dy, as the decision map), divided by its layer's `scale`, so a finite
   * value is in [−1, 1]; NaN and ±∞ are kept as they are.
   */
  values: Float32Array;
  /** Per layer: max |A| over its finite values (0 when there are none or all are 0). */
  scale: number[];
  /** Per unit (same order as `values`): the smallest and largest finite activation, [lo₀, hi₀, lo₁, …]; NaN when none is finite. */
  ranges: Float64Array;
  /** Per layer: how many values are NaN or ±∞. */
  nonFinite: number[];
}

/** What a snapshot says about the view: off, on but not drawable for this net (and why), or the maps. */
export type NeuronsPart = { view: 'off' } | { view: 'unavailable'; reason: string } | { view: 'maps'; maps: NeuronMaps };

/** Why a net with these hidden widths gets no neuron maps, or undefined when it does. */
export function neuronViewProblem(hidden: readonly number[]): string | undefined {
  if (hidden.length === 0) return 'no hidden layer: there are no neurons to draw.';
  const widest = Math.max(...hidden);
  if (widest > MAX_NEURON_UNITS) return `neuron maps are drawn for small nets only (≤ ${MAX_NEURON_UNITS} units per hidden layer); this one has a layer of ${widest}.`;
  return undefined;
}

/** The n × n cell centres over `bounds`, feature-major (x0 of every point, then x1), row j = height j. */
export function neuronGridInputs(bounds: PlaneBounds, n: number): Float64Array {
  const m = n * n;
  const x = new Float64Array(2 * m);
  const dx = (bounds.xMax - bounds.xMin) / n;
  const dy = (bounds.yMax - bounds.yMin) / n;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      x[j * n + i] = bounds.xMin + (i + 0.5) * dx;
      x[m + j * n + i] = bounds.yMin + (j + 0.5) * dy;
    }
  }
  return x;
}

/**
 * Every hidden unit's activation at the grid points `x` (from neuronGridInputs, n × n points),
 * scaled per layer. One shared scale per layer, not per unit: units that compute the same function
 * (the symmetry of zeros or any constant init) get identical maps, pixel for pixel.
 */
export function neuronMaps(net: DenseNetwork, x: Float64Array, n: number, ws?: Workspace): NeuronMaps {
  const m = n * n;
  const layers = hiddenActivations(net, x, ws);
  const units = layers.map((a) => a.length / m);
  const total = units.reduce((s, u) => s + u, 0);
  const values = new Float32Array(total * m);
  const ranges = new Float64Array(2 * total);
  const scale: number[] = [];
  const nonFinite: number[] = [];
  let unit = 0;
  for (const a of layers) {
    let max = 0;
    let bad = 0;
    for (let k = 0; k < a.length; k++) {
      const v = a[k]!;
      if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
      else bad++;
    }
    scale.push(max);
    nonFinite.push(bad);
    for (let u = 0; u < a.length / m; u++, unit++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < m; k++) {
        const v = a[u * m + k]!;
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
          values[unit * m + k] = max > 0 ? v / max : 0;
        } else values[unit * m + k] = v;
      }
      ranges[2 * unit] = lo <= hi ? lo : Number.NaN;
      ranges[2 * unit + 1] = lo <= hi ? hi : Number.NaN;
    }
  }
  return { n, units, values, scale, ranges, nonFinite };
}

/** CSS size of a layer's squares in a 260 px panel with 2 px gaps: up to 10 in a row (two rows for 11–16 units), 24 to 48 px. */
export function squareSize(units: number): number {
  const perRow = units > 10 ? Math.ceil(units / 2) : units;
  return Math.max(24, Math.min(48, Math.floor((260 - 2 * (perRow - 1)) / perRow)));
}

/** The colour of a NaN or ±∞ activation: dark grey, which the diverging scale never reaches. */
export const NON_FINITE_COLOR: readonly [number, number, number] = [70, 70, 70];

/**
 * A scaled activation v ∈ [−1, 1] → colour, TensorFlow Playground's convention: orange below 0,
 * white at 0, blue above (the class colours of the decision map). Intensity √|v|: with one scale
 * per layer a unit far below the layer's maximum would otherwise be nearly white; the square root
 * keeps the order and makes its shape visible.
 */
export function neuronColor(v: number): [number, number, number] {
  if (!Number.isFinite(v)) return [...NON_FINITE_COLOR] as [number, number, number];
  const t = Math.sqrt(Math.min(1, Math.abs(v))) * 0.9;
  const c = classColor(v < 0 ? 0 : 1);
  return [0, 1, 2].map((k) => Math.round(255 + (c[k]! - 255) * t)) as [number, number, number];
}
