import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import { PLOT_FONT } from './vegaRender.js';

/** One initializer's logged costs. Costs may be non-finite (random×10 starts at +∞). */
export interface CostSeries {
  label: string;
  costs: ReadonlyArray<{ iteration: number; cost: number }>;
}

/** Options of costCurveSpec: title, axis scale and size of the figure. */
export interface CostCurveOptions {
  /** Default: "Cost during training". */
  title?: string;
  /** Log-scaled cost axis (default false). Costs ≤ 0 cannot be drawn then and are noted like ∞. */
  logScale?: boolean;
  /** Plot area in SVG units (default 560 × 340). */
  width?: number;
  height?: number;
  /** Extra subtitle lines, shown before the notes on points not drawn. */
  subtitle?: string[];
}

/**
 * Tableau 10 with green moved up to third: the default order puts orange and red next to each
 * other, and the course's three inits would get exactly those two, hard to tell apart.
 */
export const SERIES_COLOURS = [
  '#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac',
] as const;

/** The notes for the points a series cannot draw, one line per series that has any. */
function undrawnNotes(runs: readonly CostSeries[], logScale: boolean): string[] {
  const notes: string[] = [];
  for (const run of runs) {
    // Group by what went wrong, so a series reads "cost = ∞ at iterations 0, 500".
    const byKind = new Map<string, number[]>();
    for (const { iteration, cost } of run.costs) {
      let kind: string | undefined;
      if (Number.isNaN(cost)) kind = 'cost = NaN';
      else if (cost === Infinity) kind = 'cost = ∞';
      else if (cost === -Infinity) kind = 'cost = −∞';
      else if (logScale && cost <= 0) kind = `cost = ${cost} (≤ 0, no log)`;
      if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), iteration]);
    }
    for (const [kind, its] of byKind) {
      const at = `iteration${its.length > 1 ? 's' : ''} ${its.join(', ')}`;
      // +∞ in this loss is log(0): the sigmoid output rounded to exactly 0 or 1.
      const why = kind === 'cost = ∞' ? ' (sigmoid saturated)' : '';
      notes.push(`${run.label}: ${kind} at ${at}${why}, not drawn`);
    }
  }
  return notes;
}

/**
 * A line chart of cost against iteration, one coloured line (with its logged points) per run.
 * Points that cannot be drawn (non-finite, or ≤ 0 on a log axis) are left out and listed in the
 * subtitle, so a plot never hides that a run started saturated.
 */
export function costCurveSpec(runs: readonly CostSeries[], opts: CostCurveOptions = {}): VegaLiteSpec {
  const logScale = opts.logScale ?? false;
  const values = runs.flatMap((run, order) =>
    run.costs
      .filter(({ cost }) => Number.isFinite(cost) && (!logScale || cost > 0))
      .map(({ iteration, cost }) => ({ label: run.label, order, iteration, cost })),
  );
  const subtitle = [...(opts.subtitle ?? []), ...undrawnNotes(runs, logScale)];
  const labels = runs.map((r) => r.label);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: opts.title ?? 'Cost during training',
      ...(subtitle.length > 0 ? { subtitle } : {}),
      anchor: 'start',
    },
    width: opts.width ?? 560,
    height: opts.height ?? 340,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 24 }, strokeWidth: 2 },
    encoding: {
      // nice: false ends the axis at the last iteration instead of rounding up past it.
      x: { field: 'iteration', type: 'quantitative', title: 'iteration', axis: { format: ',d' }, scale: { nice: false } },
      y: {
        field: 'cost',
        type: 'quantitative',
        title: logScale ? 'cost (log scale)' : 'cost',
        scale: logScale ? { type: 'log' } : { zero: false },
      },
      // An explicit domain keeps every run in the legend (and its colour fixed) even when none of
      // its points can be drawn.
      color: {
        field: 'label',
        type: 'nominal',
        title: 'initialization',
        legend: { labelLimit: 400 },
        scale: { domain: labels, range: [...SERIES_COLOURS] },
        sort: labels,
      },
      order: { field: 'iteration', type: 'quantitative' },
    },
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 } },
  };
  return spec;
}
