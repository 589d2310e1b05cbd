import type { TopLevelSpec } from 'vega-lite';
import { SERIES_COLOURS } from '../costCurves.js';
import { gridRectangles } from '../decisionBoundary.js';
import type { DecisionGrid } from '../decisionGrid.js';
import { PLOT_FONT } from '../vegaRender.js';

/*
 * The report's own Vega-Lite figures: loss curves with a band across seeds, a final metric against
 * depth or width, and small decision maps for a grid of them.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One logged iteration of a group, across its seeds. */
export interface BandPoint {
  iteration: number;
  mean: number;
  /** Lower and upper edge of the band (min and max over the seeds that logged this iteration). */
  lo: number;
  hi: number;
  /** Seeds that logged a finite value here. */
  n: number;
}

export interface BandSeries {
  label: string;
  points: readonly BandPoint[];
}

/** Mean, min and max of `value(run)` at every logged iteration, over the runs that logged it finite. */
export function bandPoints<T>(runs: ReadonlyArray<ReadonlyArray<T>>, iteration: (p: T) => number, value: (p: T) => number): BandPoint[] {
  const at = new Map<number, number[]>();
  for (const run of runs) {
    for (const p of run) {
      const v = value(p);
      if (!Number.isFinite(v)) continue;
      const k = iteration(p);
      const list = at.get(k);
      if (list) list.push(v);
      else at.set(k, [v]);
    }
  }
  return [...at.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, vs]) => ({ iteration: k, mean: vs.reduce((a, b) => a + b, 0) / vs.length, lo: Math.min(...vs), hi: Math.max(...vs), n: vs.length }));
}

const colour = (labels: readonly string[]) => ({
  field: 'label',
  type: 'nominal' as const,
  title: 'initialization',
  // Solid strokes in the legend: the translucent band would otherwise give it pale symbols.
  legend: { labelLimit: 360, orient: 'bottom' as const, columns: 2, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 },
  scale: { domain: [...labels], range: [...SERIES_COLOURS] },
  sort: [...labels],
});

/** Training loss against iteration: per init the mean over seeds as a line, min–max as a band. */
export function seedBandSpec(series: readonly BandSeries[], opts: { title: string; subtitle?: string[]; logScale?: boolean; yTitle?: string }): TopLevelSpec {
  const log = opts.logScale ?? true;
  const labels = series.map((s) => s.label);
  const values = series.flatMap((s) =>
    s.points.filter((p) => !log || (p.lo > 0 && p.mean > 0)).map((p) => ({ label: s.label, iteration: p.iteration, mean: p.mean, lo: p.lo, hi: p.hi, n: p.n })),
  );
  // '~g' labels a log axis 1e+10 rather than 10,000,000,000.
  const y = { type: 'quantitative' as const, scale: log ? { type: 'log' as const } : { zero: false }, ...(log ? { axis: { format: '~g' } } : {}) };
  return {
    $schema: SCHEMA,
    title: { text: opts.title, ...(opts.subtitle && opts.subtitle.length > 0 ? { subtitle: opts.subtitle } : {}), anchor: 'start' },
    width: 440,
    height: 240,
    data: { values },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration', axis: { format: '~s' }, scale: { nice: false } },
      color: colour(labels),
    },
    layer: [
      { mark: { type: 'area', opacity: 0.18, aria: false }, encoding: { y: { field: 'lo', ...y, title: `${opts.yTitle ?? 'train loss'}${log ? ' (log)' : ''}` }, y2: { field: 'hi' } } },
      { mark: { type: 'line', strokeWidth: 2, aria: false }, encoding: { y: { field: 'mean', ...y } } },
    ],
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  };
}

/** A group's final metric at one depth or width: mean and its 95% CI (or the mean alone, n < 2). */
export interface ShapePoint {
  x: number;
  accuracy: number | null;
  accuracyLo: number | null;
  accuracyHi: number | null;
  loss: number | null;
  lossLo: number | null;
  lossHi: number | null;
}

export interface ShapeSeries {
  label: string;
  points: readonly ShapePoint[];
}

/** Final test accuracy and final train loss against depth (or width), one line per init, CI bars. */
export function shapeMetricSpec(axis: 'depth' | 'width', series: readonly ShapeSeries[], opts: { title: string; subtitle?: string[]; accuracyTitle?: string }): TopLevelSpec {
  const labels = series.map((s) => s.label);
  const xTitle = axis === 'depth' ? 'hidden layers' : 'units per hidden layer';
  const rows = series.flatMap((s) => s.points.map((p) => ({ label: s.label, ...p })));
  // Ticks at the values the sweep has (a log-2 axis would otherwise label only the powers of two).
  const ticks = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const panel = (field: 'accuracy' | 'loss', title: string, log: boolean) => {
    const values = rows
      .filter((r) => r[field] !== null && Number.isFinite(r[field]) && (!log || r[field]! > 0))
      .map((r) => {
        const lo = r[`${field}Lo`];
        const hi = r[`${field}Hi`];
        const ok = (v: number | null) => v !== null && Number.isFinite(v) && (!log || v > 0);
        return { label: r.label, x: r.x, y: r[field]!, lo: ok(lo) ? lo! : r[field]!, hi: ok(hi) ? hi! : r[field]! };
      });
    const y = { type: 'quantitative' as const, scale: log ? { type: 'log' as const } : { zero: false }, ...(log ? { axis: { format: '~g' } } : {}) };
    return {
      width: 300,
      height: 220,
      data: { values },
      encoding: {
        x: { field: 'x', type: 'quantitative' as const, title: xTitle, scale: { type: 'log' as const, base: 2, nice: false }, axis: { format: 'd', values: ticks } },
        color: colour(labels),
      },
      layer: [
        { mark: { type: 'rule' as const, strokeWidth: 1.5, aria: false }, encoding: { y: { field: 'lo', ...y, title: `${title}${log ? ' (log)' : ''}` }, y2: { field: 'hi' } } },
        { mark: { type: 'line' as const, point: { filled: true, size: 30 }, strokeWidth: 2, aria: false }, encoding: { y: { field: 'y', ...y } } },
      ],
    };
  };
  return {
    $schema: SCHEMA,
    title: { text: opts.title, ...(opts.subtitle && opts.subtitle.length > 0 ? { subtitle: opts.subtitle } : {}), anchor: 'start' },
    hconcat: [panel('accuracy', opts.accuracyTitle ?? 'final test accuracy', false), panel('loss', 'final train loss', true)],
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  };
}

/** Region tints and point colours (class 0 red, class 1 blue as in the course's plots) for up to 10 classes (cycled beyond). */
const CLASS_POINTS = ['#c62828', '#1f5fa8', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#5d4037', '#9e9d24', '#455a64'];
const CLASS_REGIONS = ['#f7c4bd', '#c3d7ee', '#c8e6c9', '#ffe0b2', '#e1bee7', '#b2ebf2', '#f8bbd0', '#d7ccc8', '#f0f4c3', '#cfd8dc'];

/**
 * The predicted class over the plane, with the labelled training points on top: the course's
 * plot_decision_boundary for any number of classes, small and without legends so that many fit in a
 * grid (the page explains the colours once). `classes` holds the predicted class of each grid cell
 * (row-major, ny rows of nx).
 */
export function classMapSpec(input: {
  title: string;
  subtitle?: string[];
  grid: Omit<DecisionGrid, 'probabilities'>;
  classes: ArrayLike<number>;
  nClasses: number;
  points: ReadonlyArray<{ x0: number; x1: number; label: number }>;
  width?: number;
}): TopLevelSpec {
  const { grid, nClasses } = input;
  const width = input.width ?? 200;
  const height = Math.round((width * (grid.yMax - grid.yMin)) / (grid.xMax - grid.xMin));
  // gridRectangles merges equal neighbours by 'level'; its probability mode gives floor(10·p), so a
  // class c is passed as p = (c + 0.5)/10 and comes back as level c (up to 10 classes, cycled beyond).
  const encoded = Float64Array.from({ length: grid.nx * grid.ny }, (_, i) => ((input.classes[i]! % 10) + 0.5) / 10);
  const cells = gridRectangles({ ...grid, probabilities: encoded }, 'probability').map((c) => ({
    ...c,
    region: `class ${c.level}`,
    strokeColour: CLASS_REGIONS[c.level]!,
  }));
  const domain = Array.from({ length: Math.min(nClasses, 10) }, (_, c) => `class ${c}`);
  const x = { domain: [grid.xMin, grid.xMax], nice: false, zero: false };
  const y = { domain: [grid.yMin, grid.yMax], nice: false, zero: false };
  const points = input.points
    .filter((p) => p.x0 >= grid.xMin && p.x0 <= grid.xMax && p.x1 >= grid.yMin && p.x1 <= grid.yMax)
    .map((p) => ({ x0: p.x0, x1: p.x1, label: `class ${p.label % 10}` }));
  return {
    $schema: SCHEMA,
    title: { text: input.title, ...(input.subtitle ? { subtitle: input.subtitle } : {}) },
    width,
    height,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', strokeWidth: 0.6, aria: false },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: x, title: 'x₁' },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: y, title: 'x₂' },
          y2: { field: 'y2' },
          color: { field: 'region', type: 'ordinal', title: 'predicted', scale: { domain, range: CLASS_REGIONS.slice(0, domain.length) }, legend: null },
          stroke: { field: 'strokeColour', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 14, opacity: 1, stroke: 'white', strokeWidth: 0.3, aria: false },
        encoding: {
          x: { field: 'x0', type: 'quantitative', scale: x },
          y: { field: 'x1', type: 'quantitative', scale: y },
          color: { field: 'label', type: 'nominal', title: 'training point', scale: { domain, range: CLASS_POINTS.slice(0, domain.length) }, legend: null },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
    config: { font: PLOT_FONT, axis: { grid: false }, view: { stroke: '#888' } },
  };
}
