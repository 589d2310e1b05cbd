import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import type { Diagnosis } from '../diagnostics/diagnose.js';
import type { Histogram } from '../diagnostics/statistics.js';
import { SERIES_COLOURS } from './costCurves.js';
import type { RenderedFigure } from './comparisonFigures.js';
import { PLOT_FONT, renderVegaLiteToSvg, svgToPng } from './vegaRender.js';

/*
 * The figures of `initlab diagnose --out`: per-layer histograms of the activations and of the
 * back-propagated gradients, inits side by side (as Glorot & Bengio 2010, figs. 3–7, drew them), and
 * the std against depth, measured beside mean-field theory's prediction (Poole et al. 2016;
 * Schoenholz et al. 2017). Spec builders are pure; diagnosisFigures renders them.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One diagnosed init with the label its column and legend entry carry. */
export interface LabelledDiagnosis {
  label: string;
  diagnosis: Diagnosis;
}

/** The context a figure's titles need. */
export interface DiagnosisFigureContext {
  activation: string;
  /** Units per hidden layer, for the subtitles ("256 inputs × 512 units"). */
  hidden: readonly number[];
  batch: number;
}

/** Which values a histogram panel shows: 'post' (activations A_l) or 'grad' (∂L/∂Z_l). */
export type HistogramKind = 'post' | 'grad';

/** One bar of a histogram panel: [x0, x1) holds `share` of the layer's entries. */
export interface HistogramBar {
  init: string;
  layer: number;
  x0: number;
  x1: number;
  share: number;
}

/** The text over one panel: the layer's measured std, and the share of entries outside the bins when there are any. */
export interface HistogramNote {
  init: string;
  layer: number;
  text: string;
}

const fmt = (x: number, digits = 2): string => {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(digits));
  return r !== 0 && Math.abs(r) < 1e-3 ? x.toExponential(digits - 1) : r.toString();
};

const entries = (h: Histogram): number => h.counts.reduce((a, b) => a + b, 0) + h.below + h.above + h.nonFinite;

/** The bin [edges[i], edges[i+1]) that holds 0 (the last bin is closed), or −1. */
function zeroBin(h: Histogram): number {
  const n = h.counts.length;
  if (!(h.edges[0]! <= 0 && 0 <= h.edges[n]!)) return -1;
  for (let i = 0; i < n; i++) if (0 < h.edges[i + 1]! || i === n - 1) return i;
  return -1;
}

/**
 * Bars of one histogram as shares of all its entries (counts, out-of-range and non-finite alike).
 * `exactZeros` entries (relu's inactive units: about half of them) are taken out of the bin holding 0,
 * where they would dwarf the rest of the distribution; the panel's text gives their share instead.
 */
export function histogramBars(init: string, layer: number, h: Histogram, exactZeros = 0): HistogramBar[] {
  const total = entries(h);
  const zb = exactZeros > 0 ? zeroBin(h) : -1;
  return h.counts.map((c, i) => ({ init, layer, x0: h.edges[i]!, x1: h.edges[i + 1]!, share: total > 0 ? (i === zb ? c - exactZeros : c) / total : 0 }));
}

function histogramNote(init: string, layer: number, h: Histogram, std: number, exactZeros: number): HistogramNote {
  const total = entries(h);
  const outside = h.below + h.above;
  const parts = [`std ${fmt(std)}`];
  if (exactZeros > 0 && zeroBin(h) >= 0) parts.push(`${fmt((100 * exactZeros) / total)}% = 0`);
  if (outside > 0) parts.push(`${fmt((100 * outside) / total)}% outside`);
  if (h.nonFinite > 0) parts.push(`${fmt((100 * h.nonFinite) / total)}% NaN/∞`);
  return { init, layer, text: parts.join(' · ') };
}

const KIND_TEXT: Record<HistogramKind, { title: (act: string) => string; axis: (act: string) => string; std: 'postStd' | 'gradStd' }> = {
  post: { title: (act) => `Activations ${act}(Z_l) per layer at initialization`, axis: () => 'activation value', std: 'postStd' },
  grad: { title: () => 'Back-propagated gradients ∂L/∂Z_l per layer at initialization', axis: () => 'gradient value', std: 'gradStd' },
};

/**
 * A grid of histograms, one row per hidden layer and one column per init. A column shares its bins
 * (and its x axis, drawn once at the bottom), so a distribution that narrows with depth is seen to
 * narrow; each panel's bar heights are scaled to its own tallest bar, and its text gives the layer's std.
 */
export function histogramGridSpec(runs: readonly LabelledDiagnosis[], kind: HistogramKind, ctx: DiagnosisFigureContext): VegaLiteSpec {
  const text = KIND_TEXT[kind];
  const samples = runs[0]?.diagnosis.histogramSamples ?? 0;
  const columns = runs.map((run, i) => {
    const bars = run.diagnosis.layers.flatMap((l) => histogramBars(run.label, l.layer, l.histograms[kind], l.exactZeros[kind]));
    const notes = run.diagnosis.layers.map((l) => histogramNote(run.label, l.layer, l.histograms[kind], l[text.std], l.exactZeros[kind]));
    const lo = Math.min(...bars.map((b) => b.x0));
    const hi = Math.max(...bars.map((b) => b.x1));
    // An invisible bar per panel at 1.4 × its tallest keeps the top of the panel free for the text.
    const headroom = run.diagnosis.layers.map((l) => ({
      init: run.label, layer: l.layer, x0: lo, x1: lo, share: 1.4 * Math.max(0, ...bars.filter((b) => b.layer === l.layer).map((b) => b.share)), row: 'bar',
    }));
    const values = [...bars.map((b) => ({ ...b, row: 'bar' })), ...headroom, ...notes.map((n) => ({ ...n, row: 'note', x: hi }))];
    return {
      title: { text: run.label, fontSize: 13, color: SERIES_COLOURS[i % SERIES_COLOURS.length], limit: 200 },
      data: { values },
      facet: {
        row: {
          field: 'layer',
          type: 'ordinal' as const,
          sort: 'ascending' as const,
          title: i === 0 ? 'hidden layer' : null,
          header: { labelAngle: 0, labelAlign: 'right' as const, labels: i === 0, labelFontSize: 11 },
        },
      },
      spacing: 4,
      spec: {
        width: 180,
        height: 34,
        layer: [
          {
            transform: [{ filter: "datum.row === 'bar'" }],
            mark: { type: 'rect' as const, color: SERIES_COLOURS[i % SERIES_COLOURS.length], aria: false },
            encoding: {
              // '~r' (rounded, trailing zeros trimmed): '~g' turns 40 into '4e+1' at the axis's one-digit precision.
              x: { field: 'x0', type: 'quantitative' as const, title: text.axis(ctx.activation), scale: { nice: false, zero: false }, axis: { format: '~r', labelFontSize: 9, tickCount: 4 } },
              x2: { field: 'x1' },
              y: { field: 'share', type: 'quantitative' as const, axis: null, scale: { zero: true } },
              y2: { datum: 0 },
            },
          },
          {
            transform: [{ filter: "datum.row === 'note'" }],
            mark: { type: 'text' as const, align: 'right' as const, baseline: 'top' as const, fontSize: 9, color: '#333', dx: -2, clip: true, aria: false },
            encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { value: 1 }, text: { field: 'text' } },
          },
        ],
      },
      resolve: { scale: { y: 'independent' as const } },
    };
  });
  const units = ctx.hidden.every((n) => n === ctx.hidden[0]) ? `${ctx.hidden[0]} units` : 'all units';
  return {
    $schema: SCHEMA,
    title: {
      text: text.title(ctx.activation),
      // Short lines: vega measures text without a canvas by a rough estimate, and a long line widens the whole figure.
      subtitle: [
        `${ctx.hidden.length} hidden ${ctx.activation} layers; each panel: ${samples} of the ${ctx.batch} standard-normal inputs × ${units}.`,
        "Bars: share of entries per bin, scaled to each panel's tallest bar; bins shared down a column.",
        "Text: the layer's std over the whole batch; '= 0': entries exactly 0, left out of the bars.",
      ],
      anchor: 'start',
    },
    hconcat: columns,
    spacing: 14,
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 }, view: { stroke: '#ccc' }, axis: { grid: false } },
  } as TopLevelSpec;
}

/** One measured and predicted std at a layer (null where there is nothing to draw). */
export interface DepthPoint {
  init: string;
  layer: number;
  measured: number | null;
  predicted: number | null;
}

/** Forward (pre-activation std and √q^l) and backward (std of ∂L/∂Z_l and its prediction) points per init and layer. */
export function depthPoints(runs: readonly LabelledDiagnosis[], direction: 'forward' | 'backward'): DepthPoint[] {
  const drawable = (v: number | null): number | null => (v !== null && Number.isFinite(v) && v > 0 ? v : null);
  return runs.flatMap((run) =>
    run.diagnosis.layers.map((l) => {
      const measured = direction === 'forward' ? l.preStd : l.gradStd;
      const variance = direction === 'forward' ? l.predictedPreVar : l.predictedGradVar;
      return { init: run.label, layer: l.layer, measured: drawable(measured), predicted: drawable(variance === null ? null : Math.sqrt(variance)) };
    }),
  );
}

/**
 * The std against depth, forward and backward side by side: measured values as points, mean-field
 * predictions as lines, one colour per init, on log axes (values span 1e-7 … 1e2 and more).
 * Values ≤ 0 or non-finite cannot be drawn on a log axis; the subtitle names the inits that have any.
 */
export function stdDepthSpec(runs: readonly LabelledDiagnosis[], ctx: DiagnosisFigureContext): VegaLiteSpec {
  const labels = runs.map((r) => r.label);
  const colour = {
    field: 'init',
    type: 'nominal' as const,
    title: 'initialization',
    scale: { domain: labels, range: labels.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
    legend: { orient: 'bottom' as const, labelLimit: 320, columns: Math.min(4, labels.length) },
  };
  const L = Math.max(1, ...runs.map((r) => r.diagnosis.layers.length));
  const x = { field: 'layer', type: 'quantitative' as const, title: 'hidden layer', scale: { domain: [1, L], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const undrawn = new Set<string>();
  const panel = (direction: 'forward' | 'backward') => {
    const points = depthPoints(runs, direction);
    for (const run of runs) {
      const mine = run.diagnosis.layers;
      const measured = direction === 'forward' ? mine.map((l) => l.preStd) : mine.map((l) => l.gradStd);
      if (measured.some((v) => !(Number.isFinite(v) && v > 0))) undrawn.add(run.label);
    }
    // One tick and grid line per decade: vega's own log ticks add unlabelled minor grid lines over many decades.
    const drawn = points.flatMap((p) => [p.measured, p.predicted]).filter((v): v is number => v !== null);
    const decades = drawn.length === 0 ? [] : range(Math.floor(Math.log10(Math.min(...drawn))), Math.ceil(Math.log10(Math.max(...drawn))));
    const y = { type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { format: '~e', values: decades.map((e) => Math.pow(10, e)) } };
    return {
      width: 330,
      height: 260,
      title: {
        text: direction === 'forward' ? 'forward: std of Z_l' : 'backward: std of ∂L/∂Z_l',
        subtitle: direction === 'forward' ? 'points measured, lines √q^l (mean-field)' : 'points measured, lines mean-field prediction',
        fontSize: 13,
      },
      encoding: { x, color: colour },
      layer: [
        {
          data: { values: points.filter((p) => p.predicted !== null) },
          mark: { type: 'line' as const, strokeWidth: 1.6, opacity: 0.85, aria: false },
          encoding: { y: { field: 'predicted', ...y, title: direction === 'forward' ? 'std of Z_l (log)' : 'std of ∂L/∂Z_l (log)' } },
        },
        {
          data: { values: points.filter((p) => p.measured !== null) },
          mark: { type: 'point' as const, filled: true, size: 42, opacity: 1, aria: false },
          encoding: { y: { field: 'measured', ...y } },
        },
      ],
    };
  };
  const panels = [panel('forward'), panel('backward')];
  const subtitle = [`${ctx.hidden.length} hidden ${ctx.activation} layers [${summarizeWidths(ctx.hidden)}], ${ctx.batch} standard-normal inputs.`];
  if (undrawn.size > 0) subtitle.push(`Not drawn (zero or non-finite on a log axis): some layers of ${[...undrawn].join(', ')}.`);
  return {
    $schema: SCHEMA,
    title: { text: 'Signal std against depth: measured and predicted', subtitle, anchor: 'start' },
    hconcat: panels,
    spacing: 24,
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  } as TopLevelSpec;
}

/** The whole numbers lo … hi, at most 40 of them (a log axis over more decades gets every ⌈n/40⌉-th). */
function range(lo: number, hi: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 40));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += step) out.push(e);
  return out;
}

function summarizeWidths(hidden: readonly number[]): string {
  return hidden.every((n) => n === hidden[0]) ? `${hidden[0]} × ${hidden.length}` : hidden.join(', ');
}

/** The three figures, rendered: histograms of activations and of gradients, and std against depth. */
export async function diagnosisFigures(runs: readonly LabelledDiagnosis[], ctx: DiagnosisFigureContext): Promise<RenderedFigure[]> {
  const specs: [string, VegaLiteSpec][] = [
    ['activation-histograms', histogramGridSpec(runs, 'post', ctx)],
    ['gradient-histograms', histogramGridSpec(runs, 'grad', ctx)],
    ['std-vs-depth', stdDepthSpec(runs, ctx)],
  ];
  const out: RenderedFigure[] = [];
  for (const [name, spec] of specs) {
    const svg = await renderVegaLiteToSvg(spec);
    out.push({ name, svg, png: svgToPng(svg) });
  }
  return out;
}
