import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnosis, DiagnosedLayer } from '../../src/diagnostics/diagnose.js';
import { diagnose } from '../../src/diagnostics/diagnose.js';
import type { Histogram } from '../../src/diagnostics/statistics.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { SERIES_COLOURS } from '../../src/report/costCurves.js';
import { depthPoints, diagnosisFigures, histogramBars, histogramGridSpec, stdDepthSpec } from '../../src/report/diagnosisFigures.js';
import { countColour, PNG_SIGNATURE, pngSize, rgba, svgSize } from './helpers.js';

registerAllInitializers();

/** A histogram over [−1, 1] in 4 bins. */
const hist = (counts: number[], extra: Partial<Histogram> = {}): Histogram => ({ edges: [-1, -0.5, 0, 0.5, 1], counts, below: 0, above: 0, nonFinite: 0, ...extra });

function layer(n: number, over: Partial<DiagnosedLayer> = {}): DiagnosedLayer {
  return {
    layer: n,
    preStd: 1,
    postStd: 0.5,
    gradStd: 1e-3,
    deadFraction: 0,
    saturatedFraction: 0,
    predictedPreVar: 1,
    predictedGradVar: 1e-6,
    histograms: { pre: hist([1, 1, 1, 1]), post: hist([0, 2, 2, 0]), grad: hist([0, 1, 3, 0]) },
    exactZeros: { pre: 0, post: 0, grad: 0 },
    ...over,
  };
}

const fake = (name: string, layers: DiagnosedLayer[]): Diagnosis => ({ init: { name }, layers, verdicts: [], histogramSamples: 4 });
const CTX = { activation: 'tanh', hidden: [8, 8], batch: 10 };

interface Column { title: { text: string; color: string }; data: { values: Record<string, unknown>[] }; facet: { row: { field: string } } }

describe('histogram bars', () => {
  it('shares of all entries, out-of-range and non-finite ones included in the total', () => {
    // 1 + 2 + 3 + 4 in the bins, 1 below, 1 above, 2 non-finite: 14 entries.
    const bars = histogramBars('he', 3, hist([1, 2, 3, 4], { below: 1, above: 1, nonFinite: 2 }));
    assert.deepEqual(bars.map((b) => b.share), [1 / 14, 2 / 14, 3 / 14, 4 / 14]);
    assert.deepEqual(bars.map((b) => [b.x0, b.x1]), [[-1, -0.5], [-0.5, 0], [0, 0.5], [0.5, 1]]);
    assert.ok(bars.every((b) => b.init === 'he' && b.layer === 3));
  });

  it('entries exactly 0 leave the bin that holds 0 ([0, 0.5) here; the last bin when 0 is the upper edge)', () => {
    assert.deepEqual(histogramBars('he', 1, hist([1, 2, 5, 2]), 4).map((b) => b.share), [0.1, 0.2, 0.1, 0.2]);
    const upper: Histogram = { edges: [-2, -1, 0], counts: [1, 3], below: 0, above: 0, nonFinite: 0 };
    assert.deepEqual(histogramBars('x', 1, upper, 2).map((b) => b.share), [0.25, 0.25]);
    const away: Histogram = { edges: [1, 2, 3], counts: [1, 3], below: 0, above: 0, nonFinite: 0 };
    assert.deepEqual(histogramBars('x', 1, away, 2).map((b) => b.share), [0.25, 0.75]);
  });
});

describe('histogram grid spec', () => {
  const runs = [
    { label: 'he', diagnosis: fake('he', [layer(1), layer(2, { exactZeros: { pre: 0, post: 1, grad: 0 }, histograms: { pre: hist([1, 1, 1, 1]), post: hist([0, 0, 3, 1], { above: 4 }), grad: hist([0, 1, 3, 0]) } })]) },
    { label: 'zeros', diagnosis: fake('zeros', [layer(1), layer(2)]) },
  ];

  it('one column per init, coloured as its legend entry, one facet row per layer, the layer std and special shares in the text', () => {
    const spec = histogramGridSpec(runs, 'post', CTX) as unknown as { hconcat: Column[] };
    assert.equal(spec.hconcat.length, 2);
    assert.deepEqual(spec.hconcat.map((c) => c.title.text), ['he', 'zeros']);
    assert.deepEqual(spec.hconcat.map((c) => c.title.color), [SERIES_COLOURS[0], SERIES_COLOURS[1]]);
    const he = spec.hconcat[0]!;
    assert.equal(he.facet.row.field, 'layer');
    const rows = he.data.values;
    const bars = rows.filter((r) => r.row === 'bar' && r.x1 !== r.x0);
    assert.equal(bars.length, 8);
    // Layer 2: 3 + 1 in the bins + 4 above = 8 entries, 1 of them exactly 0 (in [0, 0.5)).
    assert.deepEqual(bars.filter((b) => b.layer === 2).map((b) => b.share), [0, 0, 2 / 8, 1 / 8]);
    const notes = rows.filter((r) => r.row === 'note');
    assert.deepEqual(notes.map((n) => n.text), ['std 0.5', 'std 0.5 · 13% = 0 · 50% outside']);
    const grad = histogramGridSpec(runs, 'grad', CTX) as unknown as { hconcat: Column[] };
    assert.deepEqual(grad.hconcat[0]!.data.values.filter((r) => r.row === 'note').map((n) => n.text), ['std 0.001', 'std 0.001']);
  });
});

describe('std against depth', () => {
  it('forward: measured pre-activation std and √q^l; backward: std of ∂L/∂Z and √(predicted variance); values ≤ 0 are not drawn', () => {
    const d = fake('random', [layer(1, { preStd: 0.2, predictedPreVar: 0.04, gradStd: 3e-9, predictedGradVar: 1e-17 }), layer(2, { preStd: 0, predictedPreVar: 0, gradStd: Number.NaN, predictedGradVar: null })]);
    const runs = [{ label: 'random', diagnosis: d }];
    assert.deepEqual(depthPoints(runs, 'forward'), [
      { init: 'random', layer: 1, measured: 0.2, predicted: 0.2 },
      { init: 'random', layer: 2, measured: null, predicted: null },
    ]);
    const back = depthPoints(runs, 'backward');
    assert.equal(back[0]!.measured, 3e-9);
    assert.ok(Math.abs(back[0]!.predicted! / Math.sqrt(1e-17) - 1) < 1e-15);
    assert.deepEqual([back[1]!.measured, back[1]!.predicted], [null, null]);
    const spec = stdDepthSpec(runs, CTX) as unknown as { title: { subtitle: string[] }; hconcat: { layer: { data: { values: unknown[] }; encoding: { y: { scale: { type: string } } } }[] }[] };
    assert.equal(spec.hconcat.length, 2);
    for (const panel of spec.hconcat) for (const l of panel.layer) assert.equal(l.encoding.y.scale.type, 'log');
    assert.equal(spec.hconcat[0]!.layer[1]!.data.values.length, 1);
    assert.match(spec.title.subtitle.join(' '), /Not drawn .*random/);
  });
});

describe('diagnosis figures, rendered', () => {
  it('three SVG + PNG figures of a real diagnosis', async () => {
    const options = { hidden: [32, 32, 32], inputDim: 32, activation: 'tanh' as const, batch: 60, seed: 1 };
    const runs = ['random:scale=0.01', 'xavier'].map((s) => ({ label: s, diagnosis: diagnose(s, options) }));
    const figures = await diagnosisFigures(runs, { activation: 'tanh', hidden: options.hidden, batch: options.batch });
    assert.deepEqual(figures.map((f) => f.name), ['activation-histograms', 'gradient-histograms', 'std-vs-depth']);
    for (const f of figures) {
      assert.deepEqual([...f.png.subarray(0, 8)], PNG_SIGNATURE);
      const png = pngSize(f.png);
      const svg = svgSize(f.svg);
      // 2× raster of the SVG; the figures are a few hundred units each way.
      assert.deepEqual(png, { width: Math.ceil(2 * svg.width), height: Math.ceil(2 * svg.height) });
      assert.ok(svg.width > 400 && svg.width < 1400 && svg.height > 150 && svg.height < 1000, `${f.name}: ${svg.width} × ${svg.height}`);
      assert.match(f.svg, /random:scale=0\.01/);
      assert.match(f.svg, /xavier/);
    }
    // Each init's bars are painted in its colour (the rect marks of column i use SERIES_COLOURS[i]).
    const img = rgba(figures[0]!.svg, 1);
    assert.ok(countColour(img, SERIES_COLOURS[0]) > 200, 'blue bars');
    assert.ok(countColour(img, SERIES_COLOURS[1]) > 200, 'orange bars');
  });
});
