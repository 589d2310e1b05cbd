import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './vegaSpec.js';
import type { TrainabilityDocument } from '../experiments/trainability.js';
import { PLOT_FONT, renderVegaLiteToSvg, svgToPng } from './vegaRender.js';

/*
 * The trainability heat map, after Schoenholz et al. 2017 ("Deep information propagation", the
 * figures of accuracy over depth × σ_w² with 6ξ_c drawn over them): final accuracy per cell, the
 * theory's 6ξ_c as a line (σ_w² axis) or as a marker per initializer (init axis). Depth and σ_w² are
 * on log axes, so cells of a doubling grid are the same size and 6ξ_c's steep rise near the critical
 * point stays readable; each cell spans half-way (geometrically) to its neighbours.
 */

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 540;
const HEIGHT = 360;

/** Edges of the cells around sorted positive values on a log axis: geometric midpoints, mirrored at the ends. */
export function logCellEdges(values: readonly number[]): { lo: number; hi: number }[] {
  const v = [...values];
  // Geometric means and mirrors without overflow (σ_w² may reach 1e300), clamped to finite doubles so the
  // renderer never gets an infinite coordinate.
  const finite = (x: number) => Math.min(Number.MAX_VALUE, Math.max(Number.MIN_VALUE, x));
  if (v.length === 1) return [{ lo: finite(v[0]! / Math.SQRT2), hi: finite(v[0]! * Math.SQRT2) }];
  const mids = v.slice(1).map((x, i) => Math.sqrt(x) * Math.sqrt(v[i]!));
  return v.map((x, i) => ({
    lo: finite(i === 0 ? x * (x / mids[0]!) : mids[i - 1]!),
    hi: finite(i === v.length - 1 ? x * (x / mids[i - 1]!) : mids[i]!),
  }));
}

/** Text of a cell: the accuracy to 2 decimals, † when a run diverged, — when no run finished. */
function cellText(accuracy: number | null, diverged: number): string {
  return `${accuracy === null ? '—' : accuracy.toFixed(2)}${diverged > 0 ? '†' : ''}`;
}

/** The lower end of the colour scale: 0.5 (chance for two classes) or lower, in steps of 0.1, so no cell is clamped. */
function colourFloor(doc: TrainabilityDocument): number {
  const values = doc.accuracy.flat().filter((a): a is number => a !== null && Number.isFinite(a));
  const min = values.length > 0 ? Math.min(...values) : 0.5;
  return Math.min(0.5, Math.floor(min * 10 + 1e-9) / 10);
}

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

/** The Vega-Lite spec of the heat map (pure: same document, same spec). */
export function trainabilityFigureSpec(doc: TrainabilityDocument): VegaLiteSpec {
  const sigmaAxis = doc.axis === 'sigmaW2';
  const depths = [...doc.depths].sort((a, b) => a - b);
  const depthEdges = new Map(depths.map((d, i) => [d, logCellEdges(depths)[i]!]));
  const yDomain = [depthEdges.get(depths[0]!)!.lo, depthEdges.get(depths[depths.length - 1]!)!.hi];
  const colLo = colourFloor(doc);
  const textDark = colLo + 0.6 * (1 - colLo);
  const metricTitle = `final ${doc.metric} accuracy`;

  const xs = doc.columns.map((c) => c.sigmaW2 ?? Number.NaN);
  const sortedX = [...xs].sort((a, b) => a - b);
  const xEdges = sigmaAxis ? logCellEdges(sortedX) : [];
  const xEdge = (x: number) => xEdges[sortedX.indexOf(x)]!;
  const xDomain = sigmaAxis ? [xEdges[0]!.lo, xEdges[xEdges.length - 1]!.hi] : [];

  const cells = doc.cells.map((c) => {
    const col = doc.columns[c.column]!;
    const accuracy = doc.accuracy[doc.depths.indexOf(c.depth)]![c.column] ?? null;
    const dy = depthEdges.get(c.depth)!;
    return {
      depth: c.depth,
      y0: dy.lo,
      y1: dy.hi,
      column: col.label,
      ...(sigmaAxis ? { sigmaW2: col.sigmaW2!, x0: xEdge(col.sigmaW2!).lo, x1: xEdge(col.sigmaW2!).hi } : {}),
      accuracy,
      text: cellText(accuracy, c.diverged),
      dark: accuracy !== null && accuracy < textDark ? 'light text' : 'dark text',
      runs: c.initSeeds.length,
    };
  });

  const yScale = { type: 'log' as const, base: 2, domain: yDomain, nice: false };
  const y = { field: 'y0', type: 'quantitative' as const, title: 'hidden layers (depth)', scale: yScale, axis: { values: depths, format: 'd', grid: false } };
  const xScale = { type: 'log' as const, domain: xDomain, nice: false };
  const x = sigmaAxis
    ? { field: 'x0', type: 'quantitative' as const, title: 'σ_w² (weights N(0, σ_w²/fan_in))', scale: xScale, axis: { values: sortedX, format: '~g', grid: false } }
    : { field: 'column', type: 'nominal' as const, title: 'initializer', sort: doc.columns.map((c) => c.label), axis: { labelAngle: -30, labelLimit: 280 } };
  const colour = {
    field: 'accuracy',
    type: 'quantitative' as const,
    title: metricTitle,
    scale: { scheme: 'viridis', domain: [colLo, 1], clamp: true },
    legend: { orient: 'right' as const, gradientLength: HEIGHT - 40 },
  };

  // Cell labels go on top of the theory's line, so the line never hides a number (the inits' markers go on top of both).
  const labels = {
    data: { values: cells },
    mark: { type: 'text', fontSize: 10, aria: false },
    encoding: {
      x: sigmaAxis ? { field: 'sigmaW2', type: 'quantitative', scale: xScale } : { field: 'column', type: 'nominal', sort: doc.columns.map((c) => c.label) },
      y: { field: 'depth', type: 'quantitative', scale: yScale },
      text: { field: 'text', type: 'nominal' },
      color: { field: 'dark', type: 'nominal', scale: { domain: ['light text', 'dark text'], range: ['white', 'black'] }, legend: null },
    },
  };
  const layers: unknown[] = [
    {
      data: { values: cells.filter((c) => c.accuracy !== null) },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5, aria: false },
      encoding: sigmaAxis ? { x, x2: { field: 'x1' }, y, y2: { field: 'y1' }, color: colour } : { x, y, y2: { field: 'y1' }, color: colour },
    },
  ];

  const subtitle: string[] = [];
  const theory = doc.theory;
  const capped = (v: number) => Math.min(Number.isFinite(v) ? v : Number.MAX_VALUE, yDomain[1]! * 1e3);
  if (sigmaAxis && theory) {
    // Above the plot 6ξ_c is capped, so the clipped line climbs out of the frame near the critical point instead of breaking.
    const line = theory.curve.map((p) => ({ sigmaW2: p.sigmaW2, depth: Math.max(capped(p.sixXiC), yDomain[0]! / 1e3) }));
    const lineEncoding = { x: { field: 'sigmaW2', type: 'quantitative', scale: xScale }, y: { field: 'depth', type: 'quantitative', scale: yScale } };
    // A line wholly above or below the plotted depths is clipped to nothing, and resvg panics on an empty clip:
    // draw it only where it meets the frame, and otherwise say where it is.
    const above = line.every((p) => p.depth > yDomain[1]!);
    const below = line.every((p) => p.depth < yDomain[0]!);
    if (!above && !below) {
      layers.push(
        { data: { values: line }, mark: { type: 'line', clip: true, color: 'black', strokeWidth: 4, opacity: 0.55, aria: false }, encoding: lineEncoding },
        { data: { values: line }, mark: { type: 'line', clip: true, color: 'white', strokeWidth: 2, strokeDash: [7, 4], aria: false }, encoding: lineEncoding },
      );
    } else {
      subtitle.push(`6ξ_c lies ${above ? 'above' : 'below'} every plotted depth here (not drawn);`);
    }
    const crit = theory.criticalSigmaW2;
    const critShown = Number.isFinite(crit) && crit >= xDomain[0]! && crit <= xDomain[1]!;
    if (critShown) {
      layers.push({
        data: { values: [{ sigmaW2: crit }] },
        mark: { type: 'rule', color: '#d62728', strokeWidth: 1.5, strokeDash: [2, 3], aria: false },
        encoding: { x: { field: 'sigmaW2', type: 'quantitative', scale: xScale } },
      });
    }
    // Short lines: vega sizes the view by an estimate of the text's width, generous with long lines.
    subtitle.push(`white dashed: 6ξ_c of mean-field theory (${theory.activation}, σ_b² = ${fmt(theory.sigmaB2)});`);
    if (critShown) subtitle.push(`red dotted: the critical σ_w² = ${fmt(crit)} (χ₁ = 1), where ξ_c diverges.`);
    subtitle.push('Schoenholz et al. 2017: networks train where depth ≲ 6ξ_c.');
    layers.push(labels);
  } else if (!sigmaAxis) {
    layers.push(labels);
    // 6ξ_c inside the depth range: a diamond there; above it (∞ at criticality): a triangle at the top edge.
    const marks = doc.columns
      .filter((c) => c.sixXiC !== null && !Number.isNaN(c.sixXiC) && c.sixXiC >= yDomain[0]!)
      .map((c) => ({ column: c.label, depth: Math.min(c.sixXiC!, yDomain[1]! / 1.06), shape: c.sixXiC! <= yDomain[1]! ? 'diamond' : 'triangle-up' }));
    if (marks.length > 0) {
      layers.push({
        data: { values: marks },
        mark: { type: 'point', filled: true, size: 110, fill: 'white', opacity: 1, stroke: 'black', strokeWidth: 1.2, aria: false },
        encoding: {
          x: { field: 'column', type: 'nominal', sort: doc.columns.map((c) => c.label) },
          y: { field: 'depth', type: 'quantitative', scale: yScale },
          shape: { field: 'shape', type: 'nominal', scale: { domain: ['diamond', 'triangle-up'], range: ['diamond', 'triangle-up'] }, legend: null },
        },
      });
      subtitle.push("◆ 6ξ_c of mean-field theory at the initializer's σ_w² = Var[W]·fan_in", 'and σ_b² (Schoenholz et al. 2017: trainable where depth ≲ 6ξ_c);');
      subtitle.push('▲ 6ξ_c above the deepest row (∞ at the critical point).');
    }
  } else layers.push(labels);
  const seeds = doc.config.initSeeds.length;
  const t = doc.config.training;
  subtitle.push(
    `${doc.config.activation}, width ${doc.config.width}, ${doc.config.data.name}; ${t.optimizer.name} lr ${t.learningRate}${t.batchSize ? `, batch ${t.batchSize}` : ''}, ` +
      `${t.iterations} iterations; ${seeds === 1 ? 'one seed per cell' : `mean of ${seeds} seeds`}.`,
  );
  if (doc.runs.diverged > 0) subtitle.push('† a run diverged (non-finite values): its accuracy is', 'that of its last finite evaluation.');
  if (doc.runs.finished < doc.runs.expected) subtitle.push(`${doc.runs.expected - doc.runs.finished} of ${doc.runs.expected} runs missing (cells marked —).`);

  return {
    $schema: SCHEMA,
    title: { text: `Trainability: ${metricTitle} over depth × ${sigmaAxis ? 'σ_w²' : 'initializer'}`, subtitle, anchor: 'start' },
    width: sigmaAxis ? WIDTH : Math.max(WIDTH / 2, 70 * doc.columns.length),
    height: HEIGHT,
    layer: layers,
    resolve: { scale: { color: 'independent' } },
    config: { font: PLOT_FONT, title: { subtitleColor: '#555', subtitleFontSize: 11 }, view: { stroke: null } },
  } as TopLevelSpec;
}

/** The heat map as SVG and PNG. */
export async function renderTrainabilityFigure(doc: TrainabilityDocument): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderVegaLiteToSvg(trainabilityFigureSpec(doc));
  return { svg, png: svgToPng(svg) };
}
