import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runId } from '../../src/experiments/runId.js';
import type { RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import { assembleTrainability, defaultTrainabilitySettings, trainabilityRuns, type TrainabilitySettings } from '../../src/experiments/trainability.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { svgToRgba } from '../../src/report/index.js';
import { logCellEdges, renderTrainabilityFigure, trainabilityFigureSpec } from '../../src/report/trainabilityFigure.js';
import { pngSize, svgSize } from './helpers.js';

registerAllInitializers();

type Layer = { data?: { values: Array<Record<string, unknown>> }; mark: { type: string; shape?: string } };
const layersOf = (spec: unknown): Layer[] => (spec as { layer: Layer[] }).layer;

function record(c: RunConfig, train: number, status: 'ok' | 'diverged' = 'ok'): RunRecord {
  const point = { iteration: 10, trainLoss: 0.5, trainAccuracy: train, testLoss: 0.6, testAccuracy: train };
  return { id: runId(c), config: c, status, symmetric: false, metrics: [point], final: point, iterationsToTarget: null, seconds: 0, initlab: { version: 'test' } };
}

// tanh with σ_b² = 0 over σ_w² 0.5 … 2: the ordered side has the closed form ξ_c = −1/ln σ_w², the critical point is 1.
const settings: TrainabilitySettings = {
  ...defaultTrainabilitySettings(),
  width: 4,
  depths: [2, 8],
  axis: { kind: 'sigmaW2', sigmaW2: [0.5, 0.8, 2], sigmaB2: 0 },
  training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 10, logEvery: 5, batchSize: 0 },
  seeds: 1,
};

function doc() {
  const runs = trainabilityRuns(settings);
  const at = (depth: number, w: number) => runs.find((c) => c.network.hidden.length === depth && c.init['sigmaW2'] === w)!;
  return assembleTrainability(settings, [
    record(at(2, 0.5), 1),
    record(at(2, 0.8), 1),
    record(at(2, 2), 0.9, 'diverged'),
    record(at(8, 0.5), 0.5),
    record(at(8, 0.8), 0.75),
    // depth 8, σ_w² = 2: missing
  ]);
}

describe('trainability figure', () => {
  it('cells span half-way to their neighbours on a log axis (geometric midpoints), mirrored at the ends', () => {
    const edges = logCellEdges([1, 4, 16]);
    // midpoints √(1·4) = 2 and √(4·16) = 8; ends mirrored: 1·1/2 and 16·16/8
    assert.deepEqual(edges, [{ lo: 0.5, hi: 2 }, { lo: 2, hi: 8 }, { lo: 8, hi: 32 }]);
    const [one] = logCellEdges([4]);
    assert.ok(Math.abs(one!.lo - 4 / Math.SQRT2) < 1e-12 && Math.abs(one!.hi - 4 * Math.SQRT2) < 1e-12);
  });

  it('spec: a rectangle per finished cell, a label per cell (— missing, † diverged), the 6ξ_c line, the critical rule', () => {
    const layers = layersOf(trainabilityFigureSpec(doc()));
    const rects = layers.find((l) => l.mark.type === 'rect')!;
    assert.equal(rects.data!.values.length, 5);
    const texts = layers.find((l) => l.mark.type === 'text')!.data!.values.map((v) => v['text']).sort();
    assert.deepEqual(texts, ['0.50', '0.75', '0.90†', '1.00', '1.00', '—']);
    const lines = layers.filter((l) => l.mark.type === 'line');
    assert.equal(lines.length, 2, 'a dark casing and the white dashed line');
    const line = lines[0]!.data!.values as Array<{ sigmaW2: number; depth: number }>;
    for (const p of line.filter((q) => q.sigmaW2 < 0.99)) assert.ok(Math.abs(p.depth - -6 / Math.log(p.sigmaW2)) < 1e-9 * p.depth, `6ξ_c at ${p.sigmaW2}`);
    // The critical point's infinite 6ξ_c is drawn far above the frame (clipped), not dropped.
    const top = line.find((p) => Math.abs(p.sigmaW2 - 1) < 1e-6)!;
    assert.ok(top.depth > 1000, `critical point drawn at ${top.depth}`);
    const rule = layers.find((l) => l.mark.type === 'rule')!;
    assert.ok(Math.abs((rule.data!.values[0]!['sigmaW2'] as number) - 1) < 1e-6);
    // The labels are drawn after the line, so it never covers a number.
    assert.ok(layers.findIndex((l) => l.mark.type === 'text') > layers.findIndex((l) => l.mark.type === 'line'));
  });

  it('renders: PNG at 2× the SVG, with the viridis ends (#440154 at the lowest accuracy 0.5, #fde725 at 1.0) painted', async () => {
    const { svg, png } = await renderTrainabilityFigure(doc());
    const s = svgSize(svg);
    assert.deepEqual(pngSize(png), { width: 2 * s.width, height: 2 * s.height });
    assert.ok(svg.includes('6ξ_c') && svg.includes('0.90†'));
    const img = svgToRgba(svg);
    const count = (r: number, g: number, b: number) => {
      let n = 0;
      for (let i = 0; i < img.pixels.length; i += 4) if (img.pixels[i] === r && img.pixels[i + 1] === g && img.pixels[i + 2] === b) n++;
      return n;
    };
    // matplotlib's viridis runs from #440154 to #fde725; a cell is thousands of pixels at 2×.
    assert.ok(count(0x44, 0x01, 0x54) > 2000, `dark end: ${count(0x44, 0x01, 0x54)} px`);
    assert.ok(count(0xfd, 0xe7, 0x25) > 2000, `bright end: ${count(0xfd, 0xe7, 0x25)} px`);
  });

  it('init axis: a diamond at 6ξ_c inside the depth range, a triangle at the top when it lies above (∞ at criticality)', () => {
    const s: TrainabilitySettings = { ...settings, width: 8, depths: [1, 16], axis: { kind: 'init', inits: [{ name: 'xavier' }, { name: 'meanfield', sigmaW2: 0.5, sigmaB2: 0 }] } };
    const layers = layersOf(trainabilityFigureSpec(assembleTrainability(s, [])));
    const marks = layers.find((l) => l.mark.type === 'point')!.data!.values;
    // xavier: σ_w² = 1, σ_b² = 0 — tanh's critical point, ξ_c = ∞; meanfield 0.5: 6ξ_c = 6/ln 2 ≈ 8.66.
    assert.deepEqual(marks.map((m) => m['shape']), ['triangle-up', 'diamond']);
    assert.ok(Math.abs((marks[1]!['depth'] as number) - 6 / Math.LN2) < 1e-9);
    assert.equal(layers.filter((l) => l.mark.type === 'line').length, 0, 'no σ_w² line on an init axis');
  });

  it('edges stay finite for σ_w² up to 1e300 (no x² overflow): geometric midpoint √(1e4·1e300) = 1e152', () => {
    const edges = logCellEdges([1e4, 1e300]);
    for (const e of edges) assert.ok(Number.isFinite(e.lo) && Number.isFinite(e.hi) && e.lo > 0 && e.lo < e.hi, JSON.stringify(e));
    assert.ok(Math.abs(edges[0]!.hi / 1e152 - 1) < 1e-12 && Math.abs(edges[0]!.lo / 1e-144 - 1) < 1e-9);
    assert.equal(edges[1]!.hi, Number.MAX_VALUE, 'the mirrored end 1e448 is clamped to the largest double');
  });

  it('one depth below every 6ξ_c: the line is not drawn (it would be an empty clip, which crashed resvg) and the subtitle says so', async () => {
    const s: TrainabilitySettings = { ...settings, depths: [1], axis: { kind: 'sigmaW2', sigmaW2: [1e4, 1e300], sigmaB2: 0 } };
    const d = assembleTrainability(s, []);
    const spec = trainabilityFigureSpec(d);
    assert.equal(layersOf(spec).filter((l) => l.mark.type === 'line').length, 0);
    assert.ok(JSON.stringify(spec).includes('lies above every plotted depth'));
    const { svg, png } = await renderTrainabilityFigure(d);
    assert.deepEqual(pngSize(png), { width: 2 * svgSize(svg).width, height: 2 * svgSize(svg).height });
  });
});
