import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import type { DecisionGrid } from './decisionGrid.js';
import { PLOT_FONT } from './vegaRender.js';

/** A 2-D point with its class label, drawn over a decision boundary. */
export interface LabelledPoint {
  x0: number;
  x1: number;
  /** 0 or 1. */
  label: number;
}

/** What decisionBoundarySpec draws: a title, the model's sampled predictions over the plane and the labelled points. */
export interface DecisionBoundaryInput {
  title: string;
  subtitle?: string | string[];
  grid: DecisionGrid;
  points: ReadonlyArray<LabelledPoint>;
  /**
   * 'class' (default) fills each cell with its predicted class (P > 0.5 → 1), like the course's
   * plot_decision_boundary; 'probability' shades P(class 1) in 10 bands.
   */
  fill?: 'class' | 'probability';
  /** Width of the plot area in SVG units (default 360); the height follows the bounds' aspect. */
  width?: number;
  axisTitles?: [string, string];
}

// Class 0 red, class 1 blue as in the course's Spectral colour map; regions are light tints of the
// same hues so that a point of the other class stands out on them.
const POINT_COLOURS = ['#c62828', '#1f5fa8'];
const REGION_COLOURS = ['#f7c4bd', '#c3d7ee'];
const BANDS = 10;
/** Light red (P near 0, class 0) through white to light blue (P near 1, class 1). */
const BAND_COLOURS = [
  '#e8a097', '#efb5ad', '#f5cac4', '#f9dedb', '#fcf1f0', '#f0f5fb', '#dbe7f4', '#c6d9ee', '#b1cae6', '#9cbcdf',
];
const bandName = (b: number) => `${(b / BANDS).toFixed(1)}–${((b + 1) / BANDS).toFixed(1)}`;

interface Cell {
  /** The cell's class (0/1) or probability band (0..BANDS-1). */
  level: number;
  x: number;
  x2: number;
  y: number;
  y2: number;
}

/** The level of one grid value: predicted class, or which tenth of [0, 1] the probability is in. */
function levelOf(p: number, fill: 'class' | 'probability'): number {
  if (fill === 'class') return p > 0.5 ? 1 : 0; // the course's predict_dec: a3 > 0.5
  if (!Number.isFinite(p)) return p > 0 ? BANDS - 1 : 0;
  return Math.min(BANDS - 1, Math.max(0, Math.floor(p * BANDS)));
}

/**
 * The grid as few rectangles: runs of equal level along each row, and runs of identical rows merged
 * into one band. A 100×100 grid of a two-class boundary becomes tens of rects instead of 10,000,
 * which keeps the SVG small and avoids hairline seams between equal neighbours.
 */
export function gridRectangles(grid: DecisionGrid, fill: 'class' | 'probability' = 'class'): Cell[] {
  const { nx, ny, xMin, xMax, yMin, yMax } = grid;
  if (grid.probabilities.length !== nx * ny) {
    throw new RangeError(`grid has ${grid.probabilities.length} probabilities, expected nx·ny = ${nx * ny}`);
  }
  const dx = (xMax - xMin) / nx;
  const dy = (yMax - yMin) / ny;
  const rowRuns = (j: number): Array<[number, number, number]> => {
    const runs: Array<[number, number, number]> = []; // [level, first column, last column]
    for (let i = 0; i < nx; i++) {
      const level = levelOf(grid.probabilities[j * nx + i]!, fill);
      const last = runs[runs.length - 1];
      if (last && last[0] === level) last[2] = i;
      else runs.push([level, i, i]);
    }
    return runs;
  };
  const cells: Cell[] = [];
  let bandStart = 0;
  let runs = ny > 0 ? rowRuns(0) : [];
  for (let j = 1; j <= ny; j++) {
    const next = j < ny ? rowRuns(j) : null;
    if (next && JSON.stringify(next) === JSON.stringify(runs)) continue;
    // The last column/row edges are the bounds themselves, not xMin + n·dx, so no sliver is left.
    for (const [level, i0, i1] of runs) {
      cells.push({
        level,
        x: xMin + i0 * dx,
        x2: i1 === nx - 1 ? xMax : xMin + (i1 + 1) * dx,
        y: yMin + bandStart * dy,
        y2: j === ny ? yMax : yMin + j * dy,
      });
    }
    bandStart = j;
    if (next) runs = next;
  }
  return cells;
}

/**
 * The predicted class (or probability) over the plane, with the labelled points on top: the
 * course's plot_decision_boundary as a Vega-Lite spec. Both axes use the same units per pixel, so
 * circles look round.
 */
export function decisionBoundarySpec(input: DecisionBoundaryInput): VegaLiteSpec {
  const { grid } = input;
  const fill = input.fill ?? 'class';
  const width = input.width ?? 360;
  const height = Math.round((width * (grid.yMax - grid.yMin)) / (grid.xMax - grid.xMin));
  const [xTitle, yTitle] = input.axisTitles ?? ['x₁', 'x₂'];
  const x = { domain: [grid.xMin, grid.xMax], nice: false, zero: false };
  const y = { domain: [grid.yMin, grid.yMax], nice: false, zero: false };

  const regionDomain = fill === 'class' ? ['class 0', 'class 1'] : Array.from({ length: BANDS }, (_, b) => bandName(b));
  const regionRange = fill === 'class' ? REGION_COLOURS : BAND_COLOURS;
  const cells = gridRectangles(grid, fill).map((c) => ({
    ...c,
    region: regionDomain[c.level]!,
    strokeColour: regionRange[c.level]!,
  }));
  // Points outside the window would be drawn over the axes; the window is the caller's choice.
  const points = input.points
    .filter((p) => p.x0 >= grid.xMin && p.x0 <= grid.xMax && p.x1 >= grid.yMin && p.x1 <= grid.yMax)
    .map((p) => ({ x0: p.x0, x1: p.x1, label: `label ${p.label}` }));

  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: input.title,
      ...(input.subtitle !== undefined ? { subtitle: input.subtitle } : {}),
    },
    width,
    height,
    layer: [
      {
        data: { values: cells },
        // A stroke in the fill colour covers the anti-aliasing seam where two rects meet.
        // aria: false drops a per-rect/per-point aria-label that would triple the SVG's size and
        // tell a screen reader nothing useful.
        mark: { type: 'rect', strokeWidth: 0.6, aria: false },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: x, title: xTitle },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: y, title: yTitle },
          y2: { field: 'y2' },
          color: {
            field: 'region',
            type: 'ordinal',
            title: fill === 'class' ? 'predicted' : 'P(class 1)',
            scale: { domain: regionDomain, range: [...regionRange] },
          },
          // The cell's own colour, unscaled: a stroke scale on the same field would merge into
          // (and, without a legend, hide) the colour legend.
          stroke: { field: 'strokeColour', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 22, opacity: 1, stroke: 'white', strokeWidth: 0.4, aria: false },
        encoding: {
          x: { field: 'x0', type: 'quantitative', scale: x },
          y: { field: 'x1', type: 'quantitative', scale: y },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'training point',
            scale: { domain: ['label 0', 'label 1'], range: POINT_COLOURS },
          },
        },
      },
    ],
    // Two colour legends: the regions' and the points'.
    resolve: { scale: { color: 'independent' } },
    config: { font: PLOT_FONT, axis: { grid: false }, view: { stroke: '#888' } },
  };
  return spec;
}

// The grid helper lives in its own file; re-exported so callers of the spec find it here too.
export { boundsAround, COURSE_BOUNDS, decisionGrid } from './decisionGrid.js';
export type { DecisionGrid, PlaneBounds, PlanePredictor, SampledDecisionGrid } from './decisionGrid.js';
