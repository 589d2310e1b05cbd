import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import type { PhaseGrid } from '../theory/phaseGrid.js';
import type { RenderedFigure } from './comparisonFigures.js';
import { PLOT_FONT, renderVegaLiteToSvg, svgToPng } from './vegaRender.js';

/*
 * The order-to-chaos phase diagram of a deep random network (Poole et al. 2016, fig. 2; Schoenholz et
 * al. 2017, fig. 1): the depth scale ξ_c of the correlation map over the (σ_w², σ_b²) plane as a heat
 * map, and the critical line χ₁ = 1 between the ordered phase (inputs' correlations all go to 1) and
 * the chaotic one (they settle at c* < 1). ξ_c diverges on the line, so the colour scale is log and capped.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colour cap of ξ_c: cells with ξ_c above it (and ∞, on the line) get the top colour. */
export const DEFAULT_XI_CAP = 1000;

/** One rectangle of the heat map: its σ_w² and σ_b² extent and the ξ_c it is coloured by (null: undefined). */
export interface HeatCell {
  w0: number;
  w1: number;
  b0: number;
  b1: number;
  xiC: number | null;
  /** ξ_c clamped to [1, cap] for the colour (null where ξ_c is NaN). */
  colour: number | null;
  phase: string;
}

/** The cells of the grid as rectangles around their centres, ξ_c clamped to the colour range. */
export function heatCells(grid: PhaseGrid, cap = DEFAULT_XI_CAP): HeatCell[] {
  const dw = (grid.sigmaW2[1] - grid.sigmaW2[0]) / grid.cellsW;
  const db = (grid.sigmaB2[1] - grid.sigmaB2[0]) / grid.cellsB;
  return grid.cells.map((c) => ({
    w0: c.sigmaW2 - dw / 2,
    w1: c.sigmaW2 + dw / 2,
    b0: c.sigmaB2 - db / 2,
    b1: c.sigmaB2 + db / 2,
    xiC: Number.isFinite(c.xiC) ? c.xiC : null,
    colour: Number.isNaN(c.xiC) ? null : Math.min(cap, Math.max(1, c.xiC)),
    phase: c.phase,
  }));
}

/** The critical line's points inside the plotted σ_w² range. */
export function linePoints(grid: PhaseGrid): { sigmaW2: number; sigmaB2: number }[] {
  return grid.criticalLine.filter((p) => Number.isFinite(p.sigmaW2) && p.sigmaW2 >= grid.sigmaW2[0] && p.sigmaW2 <= grid.sigmaW2[1]);
}

/** Where each phase's label goes: the centroid of that phase's cells (none for a phase without cells). */
export function phaseLabels(grid: PhaseGrid): { sigmaW2: number; sigmaB2: number; text: string }[] {
  const out: { sigmaW2: number; sigmaB2: number; text: string }[] = [];
  for (const [phase, text] of [['ordered', 'ordered (χ₁ < 1)'], ['chaotic', 'chaotic (χ₁ > 1)']] as const) {
    const cells = grid.cells.filter((c) => c.phase === phase);
    if (cells.length === 0) continue;
    const w = cells.reduce((s, c) => s + c.sigmaW2, 0) / cells.length;
    const b = cells.reduce((s, c) => s + c.sigmaB2, 0) / cells.length;
    out.push({ sigmaW2: w, sigmaB2: b, text });
  }
  return out;
}

/** The heat map of ξ_c with the critical line and the phases' names over it. */
export function phaseDiagramSpec(grid: PhaseGrid, opts: { cap?: number } = {}): VegaLiteSpec {
  const cap = opts.cap ?? DEFAULT_XI_CAP;
  const cells = heatCells(grid, cap);
  const minXi = Math.min(cap, ...cells.filter((c) => c.colour !== null).map((c) => c.colour!));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(1, minXi))));
  const x = { type: 'quantitative' as const, scale: { domain: [...grid.sigmaW2], nice: false, zero: false } };
  const y = { type: 'quantitative' as const, scale: { domain: [...grid.sigmaB2], nice: false, zero: false } };
  const undefinedCells = cells.filter((c) => c.colour === null);
  const labels = phaseLabels(grid);
  const label = (halo: boolean) => ({
    data: { values: labels },
    mark: {
      type: 'text' as const,
      fontSize: 15,
      fontWeight: 'bold' as const,
      color: halo ? 'white' : '#111',
      ...(halo ? { stroke: 'white', strokeWidth: 4, strokeJoin: 'round' as const, opacity: 0.85 } : {}),
      aria: false,
    },
    encoding: { x: { field: 'sigmaW2', ...x }, y: { field: 'sigmaB2', ...y }, text: { field: 'text' } },
  });
  const subtitle = [
    `${grid.activation} network, weights N(0, σ_w²/fan_in), biases N(0, σ_b²); ${grid.cellsW} × ${grid.cellsB} cells.`,
    `Colour: depth scale ξ_c = −1/ln χ_c (log scale, capped at ${cap}).`,
    'Red line: the critical line χ₁ = 1, where ξ_c diverges.',
  ];
  if (undefinedCells.length > 0) subtitle.push(`Grey: ξ_c undefined (${undefinedCells.length} cells).`);
  return {
    $schema: SCHEMA,
    title: { text: `Order-to-chaos phase diagram of ${grid.activation} (mean-field theory)`, subtitle, anchor: 'start' },
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: cells.filter((c) => c.colour !== null) },
        // A stroke of the cell's own colour hides the hairline seams anti-aliasing leaves between cells.
        mark: { type: 'rect' as const, strokeWidth: 0.6, aria: false },
        encoding: {
          stroke: { field: 'colour', type: 'quantitative' as const, scale: { type: 'log' as const, domain: [lo, cap], scheme: 'viridis' }, legend: null },
          x: { field: 'w0', ...x, title: 'σ_w² (weight variance × fan_in)' },
          x2: { field: 'w1' },
          y: { field: 'b0', ...y, title: 'σ_b² (bias variance)' },
          y2: { field: 'b1' },
          color: {
            field: 'colour',
            type: 'quantitative' as const,
            title: ['ξ_c', '(layers)'],
            scale: { type: 'log' as const, domain: [lo, cap], scheme: 'viridis' },
            legend: { format: '~g', gradientLength: 300 },
          },
        },
      },
      ...(undefinedCells.length > 0
        ? [{ data: { values: undefinedCells }, mark: { type: 'rect' as const, color: '#bbbbbb', aria: false }, encoding: { x: { field: 'w0', ...x }, x2: { field: 'w1' }, y: { field: 'b0', ...y }, y2: { field: 'b1' } } }]
        : []),
      {
        data: { values: linePoints(grid) },
        mark: { type: 'line' as const, color: 'white', strokeWidth: 5, clip: true, aria: false },
        encoding: { x: { field: 'sigmaW2', ...x }, y: { field: 'sigmaB2', ...y }, order: { field: 'sigmaB2' } },
      },
      {
        data: { values: linePoints(grid) },
        mark: { type: 'line' as const, color: '#d62728', strokeWidth: 2.5, clip: true, aria: false },
        encoding: { x: { field: 'sigmaW2', ...x }, y: { field: 'sigmaB2', ...y }, order: { field: 'sigmaB2' } },
      },
      label(true),
      label(false),
    ],
    resolve: { legend: { stroke: 'independent' } },
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 }, axis: { grid: false } },
  } as TopLevelSpec;
}

/** The phase diagram rendered as SVG and PNG. */
export async function phaseDiagramFigure(grid: PhaseGrid, opts: { cap?: number } = {}): Promise<RenderedFigure> {
  const svg = await renderVegaLiteToSvg(phaseDiagramSpec(grid, opts));
  return { name: 'phase-diagram', svg, png: svgToPng(svg) };
}
