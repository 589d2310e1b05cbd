import type { Dataset } from '../data/types.js';
import type { CompareRunResult } from '../experiments/compareRun.js';
import type { Parameters } from '../kernels/types.js';
import { costCurveSpec } from './costCurves.js';
import { decisionBoundarySpec, decisionGrid } from './decisionBoundary.js';
import { COURSE_BOUNDS } from './decisionGrid.js';
import { renderVegaLiteToSvg, svgToPng } from './vegaRender.js';

/** A figure as files: a slug for file names plus SVG and PNG renderings. */
export interface RenderedFigure {
  name: string;
  svg: string;
  png: Uint8Array;
}

/** Anything that maps inputs (feature-major, nFeatures × m) to P(class 1) with given weights. */
export type Predictor = (parameters: Parameters, x: Float64Array, m: number) => Float64Array;

/** File-name slug of an init spec: `random:scale=10` → `random-scale-10`. */
export function figureSlug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The article's figures for a comparison: the cost curves of every init in one plot, and the
 * decision boundary of each trained network over the training points; with --stats-every also
 * layer-std and update-ratio (trainingStatsFigures.ts).
 */
export async function comparisonFigures(runs: readonly CompareRunResult[], train: Dataset, predict: Predictor): Promise<RenderedFigure[]> {
  const figures: RenderedFigure[] = [];
  const curves = costCurveSpec(runs.map((r) => ({ label: r.label, costs: r.costs })));
  const curvesSvg = await renderVegaLiteToSvg(curves);
  figures.push({ name: 'cost-curves', svg: curvesSvg, png: svgToPng(curvesSvg) });

  // The window the course's plot_decision_boundary shows for this data, widened if the data is wider.
  const m = train.nSamples;
  const bounds = { ...COURSE_BOUNDS };
  for (let s = 0; s < m; s++) {
    bounds.xMin = Math.min(bounds.xMin, train.x[s]! - 0.25); bounds.xMax = Math.max(bounds.xMax, train.x[s]! + 0.25);
    bounds.yMin = Math.min(bounds.yMin, train.x[m + s]! - 0.25); bounds.yMax = Math.max(bounds.yMax, train.x[m + s]! + 0.25);
  }
  const points = Array.from({ length: m }, (_, s) => ({ x0: train.x[s]!, x1: train.x[m + s]!, label: train.y[s]! }));
  for (const run of runs) {
    const grid = decisionGrid((x, n) => predict(run.parameters, x, n), bounds, 120, 120);
    const spec = decisionBoundarySpec({ title: `Decision boundary — ${run.label}`, grid, points });
    const svg = await renderVegaLiteToSvg(spec);
    const specName = [run.init.name, ...Object.entries(run.init).filter(([k]) => k !== 'name').map(([k, v]) => `${k}-${String(v)}`)].join('-');
    figures.push({ name: `decision-boundary-${figureSlug(specName)}`, svg, png: svgToPng(svg) });
  }
  // --stats-every: per-layer std and update ratio over training.
  const withStats = runs.filter((r) => r.stats !== undefined && r.stats.length > 0);
  if (withStats.length > 0) {
    const { trainingStatsFigures } = await import('./trainingStatsFigures.js');
    figures.push(...(await trainingStatsFigures(withStats.map((r) => ({ label: r.label, stats: r.stats! })))));
  }
  return figures;
}
