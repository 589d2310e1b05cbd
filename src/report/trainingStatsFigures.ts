import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import type { TrainingLayerStats, TrainingStatsPoint } from '../diagnostics/trainingStatistics.js';
import { SERIES_COLOURS } from './costCurves.js';
import { renderVegaLiteToSvg, svgToPng, PLOT_FONT } from './vegaRender.js';

/*
 * Layer statistics over training (issue 5, part 5), in the manner of Glorot & Bengio (2010), who
 * watched per-layer activation and gradient spreads evolve as a network trains: one panel per
 * initialization, one line per hidden layer, on log axes (the spreads differ by orders of magnitude
 * between inits). Values that a log axis cannot show — exactly 0 (the zeros init's hidden layers)
 * or not finite (recorded as null) — are left out and named in the subtitle, never drawn as garbage.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One initializer's records. */
export interface StatsSeries {
  label: string;
  stats: readonly TrainingStatsPoint[];
}

type Quantity = { key: keyof TrainingLayerStats; name: string };

const STD_QUANTITIES: readonly Quantity[] = [
  { key: 'postStd', name: 'activation std' },
  { key: 'gradZStd', name: 'gradient std ∂L/∂Z' },
];
const RATIO: Quantity = { key: 'updateRatio', name: 'update ratio ‖ΔW‖/‖W‖' };

interface Row {
  label: string;
  layer: string;
  iteration: number;
  /** null only in a placeholder row that keeps an init's panel when none of its values can be drawn. */
  value: number | null;
}

function layerNames(series: readonly StatsSeries[]): string[] {
  const n = Math.max(0, ...series.flatMap((s) => s.stats.map((p) => p.layers.length)));
  return Array.from({ length: n }, (_, i) => `layer ${i + 1}`);
}

/** Drawable rows of one quantity, and a note per series for what was left out. */
function rowsOf(series: readonly StatsSeries[], q: Quantity, skipFirst: boolean): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const s of series) {
    const zero = new Set<number>();
    const nonFinite = new Set<number>();
    const undefinedAt = new Set<number>();
    let total = 0;
    let drawn = 0;
    for (const p of s.stats) {
      if (skipFirst && p.iteration === 0) continue;
      for (const l of p.layers) {
        total++;
        const v = l[q.key] as number | null;
        if (v === null) (q.key === 'updateRatio' ? undefinedAt : nonFinite).add(l.layer);
        else if (v <= 0) zero.add(l.layer);
        else {
          drawn++;
          rows.push({ label: s.label, layer: `layer ${l.layer}`, iteration: p.iteration, value: v });
        }
      }
    }
    // An empty panel (with the note) says more than a missing one.
    if (drawn === 0) rows.push({ label: s.label, layer: 'layer 1', iteration: s.stats[0]?.iteration ?? 0, value: null });
    if (drawn === total) continue;
    const list = (set: Set<number>) => `layer${set.size > 1 ? 's' : ''} ${[...set].sort((a, b) => a - b).join(', ')}`;
    const parts: string[] = [];
    if (zero.size > 0) parts.push(`0 in ${list(zero)}`);
    if (nonFinite.size > 0) parts.push(`not finite in ${list(nonFinite)}`);
    if (undefinedAt.size > 0) parts.push(`undefined (‖W‖ = 0 before the update) in ${list(undefinedAt)}`);
    notes.push(`${s.label}: ${q.name} ${parts.join('; ')} at ${total - drawn} of ${total} points — not drawn`);
  }
  return { rows, notes };
}

function facetChart(rows: readonly Row[], labels: readonly string[], layers: readonly string[], yTitle: string, showHeader: boolean) {
  return {
    data: { values: rows },
    facet: { column: { field: 'label', type: 'nominal' as const, sort: [...labels], title: null, header: showHeader ? { labelFontSize: 12, labelLimit: 260 } : { labels: false } } },
    spec: {
      width: 220,
      height: 150,
      mark: { type: 'line' as const, point: { filled: true, size: 14 }, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'iteration', type: 'quantitative' as const, title: 'iteration', axis: { format: ',d' }, scale: { nice: false } },
        y: { field: 'value', type: 'quantitative' as const, title: `${yTitle} (log)`, scale: { type: 'log' as const }, axis: { format: '~g' } },
        color: {
          field: 'layer',
          type: 'nominal' as const,
          title: 'hidden layer',
          scale: { domain: [...layers], range: [...SERIES_COLOURS] },
          sort: [...layers],
        },
        order: { field: 'iteration', type: 'quantitative' as const },
      },
    },
  };
}

function notesBlock(notes: string[]): string[] {
  return notes.length > 6 ? [...notes.slice(0, 6), `… and ${notes.length - 6} more`] : notes;
}

/** Activation std (top row) and gradient std (bottom row) per hidden layer over training, one column per init. */
export function layerStdSpec(series: readonly StatsSeries[], opts: { title?: string; subtitle?: string[] } = {}): VegaLiteSpec {
  const labels = series.map((s) => s.label);
  const layers = layerNames(series);
  const parts = STD_QUANTITIES.map((q) => ({ q, ...rowsOf(series, q, false) }));
  const subtitle = [...(opts.subtitle ?? ['population std over the training set of A_l = f(Z_l) (top) and of the real ∂L/∂Z_l (bottom)']), ...notesBlock(parts.flatMap((p) => p.notes))];
  return {
    $schema: SCHEMA,
    title: { text: opts.title ?? 'Layer statistics during training', subtitle, anchor: 'start' },
    vconcat: parts.map((p, i) => facetChart(p.rows, labels, layers, p.q.name, i === 0)),
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  } as TopLevelSpec;
}

/** ‖W_l(k) − W_l(k−1)‖/‖W_l(k−1)‖ per hidden layer over training, one panel per init. */
export function updateRatioSpec(series: readonly StatsSeries[], opts: { title?: string; subtitle?: string[] } = {}): VegaLiteSpec {
  const labels = series.map((s) => s.label);
  const layers = layerNames(series);
  const { rows, notes } = rowsOf(series, RATIO, true);
  const subtitle = [...(opts.subtitle ?? ['relative size of the single update that produced the weights at each recorded iteration']), ...notesBlock(notes)];
  return {
    $schema: SCHEMA,
    title: { text: opts.title ?? 'Update-to-weight ratio per layer', subtitle, anchor: 'start' },
    ...facetChart(rows, labels, layers, 'update ratio', true),
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  } as TopLevelSpec;
}

/** The two figures as SVG + PNG: `layer-std` and `update-ratio`. */
export async function trainingStatsFigures(series: readonly StatsSeries[]): Promise<{ name: string; svg: string; png: Uint8Array }[]> {
  const out: { name: string; svg: string; png: Uint8Array }[] = [];
  for (const [name, spec] of [['layer-std', layerStdSpec(series)], ['update-ratio', updateRatioSpec(series)]] as const) {
    const svg = await renderVegaLiteToSvg(spec);
    out.push({ name, svg, png: svgToPng(svg) });
  }
  return out;
}
