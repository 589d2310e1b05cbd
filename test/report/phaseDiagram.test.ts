import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_XI_CAP, heatCells, linePoints, phaseDiagramFigure, phaseDiagramSpec, phaseLabels } from '../../src/report/phaseDiagram.js';
import { meanField } from '../../src/theory/meanField.js';
import { phaseGrid, type PhaseGrid } from '../../src/theory/phaseGrid.js';
import { countColour, PNG_SIGNATURE, pngSize, rgba, svgSize } from './helpers.js';

/*
 * The phase grid evaluates the correlation map through its Hermite series on a fixed composite rule;
 * meanField() evaluates it with adaptive 2-D quadrature. The two are independent numerical paths, so
 * cells are checked against meanField at sampled points, and the critical line against the issue's
 * numbers (σ_b² = 0 → σ_w² = 1, where χ₁ = σ_w²·tanh'(0)²; σ_b² = 0.05 → 1.761, Schoenholz et al. 2017).
 */

// 12 × 6 cells over the default tanh range, and a critical line of 2 points (its cost is ≈ 80 ms a point).
const GRID = phaseGrid({ activation: 'tanh', sigmaW2: [0.5, 4], sigmaB2: [0, 0.3], cellsW: 12, cellsB: 6, linePoints: 3 });

describe('phase grid (tanh)', () => {
  it('cells at their centres, σ_b² rising by row, σ_w² within a row', () => {
    assert.equal(GRID.cells.length, 72);
    assert.ok(Math.abs(GRID.cells[0]!.sigmaW2 - (0.5 + 3.5 / 24)) < 1e-12);
    assert.ok(Math.abs(GRID.cells[0]!.sigmaB2 - 0.3 / 12) < 1e-12);
    assert.ok(Math.abs(GRID.cells[13]!.sigmaW2 - (0.5 + (3 * 3.5) / 24)) < 1e-12);
    assert.ok(Math.abs(GRID.cells[13]!.sigmaB2 - (3 * 0.3) / 12) < 1e-12);
  });

  it('ξ_c, χ₁, q* and c* equal meanField() at sampled cells (ordered and chaotic), to 1e-8', () => {
    const sample = [0, 5, 11, 30, 38, 47, 60, 71];
    const phases = new Set<string>();
    for (const i of sample) {
      const c = GRID.cells[i]!;
      const s = meanField('tanh', c.sigmaW2, c.sigmaB2);
      phases.add(c.phase);
      for (const key of ['qStar', 'chi1', 'cStar', 'chiC', 'xiC'] as const) {
        assert.ok(Math.abs(c[key] / s[key] - 1) < 1e-8, `cell ${i} (${c.sigmaW2}, ${c.sigmaB2}) ${key}: ${c[key]} vs ${s[key]}`);
      }
      assert.equal(c.phase, s.chi1 > 1 ? 'chaotic' : 'ordered');
    }
    assert.deepEqual([...phases].sort(), ['chaotic', 'ordered']);
  });

  it('ordered cells have c* = 1 and χ_c = χ₁; chaotic ones c* < 1 and χ_c < 1', () => {
    for (const c of GRID.cells) {
      if (c.phase === 'ordered') {
        assert.ok(c.chi1 <= 1 && c.cStar === 1 && c.chiC === c.chi1);
      } else {
        assert.ok(c.chi1 > 1 && c.cStar > 0 && c.cStar < 1 && c.chiC < 1, JSON.stringify(c));
      }
      assert.ok(Math.abs(c.xiC + 1 / Math.log(c.chiC)) <= 1e-12 * c.xiC);
    }
  });

  it('the critical line passes σ_b² = 0 → σ_w² = 1 and σ_b² = 0.05 → 1.761, and separates the phases', () => {
    const g = phaseGrid({ activation: 'tanh', sigmaW2: [0.5, 4], sigmaB2: [0, 0.05], cellsW: 2, cellsB: 2, linePoints: 2 });
    assert.deepEqual(g.criticalLine.map((p) => p.sigmaB2), [0, 0.05]);
    assert.ok(Math.abs(g.criticalLine[0]!.sigmaW2 - 1) < 1e-9);
    assert.ok(Math.abs(g.criticalLine[1]!.sigmaW2 - 1.761) < 5e-4, String(g.criticalLine[1]!.sigmaW2));
    // Line points of the small grid at σ_b² = 0, 0.075 (t² spacing: 0.3·(1/2)²), 0.3; cells left of the line
    // (linearly interpolated between them, with a margin for the line's curvature) are ordered, right of it chaotic.
    assert.deepEqual(GRID.criticalLine.map((p) => p.sigmaB2), [0, 0.075, 0.3]);
    const [p0, p1, p2] = GRID.criticalLine;
    const lineAt = (b: number) => (b <= p1!.sigmaB2
      ? p0!.sigmaW2 + ((b - p0!.sigmaB2) / (p1!.sigmaB2 - p0!.sigmaB2)) * (p1!.sigmaW2 - p0!.sigmaW2)
      : p1!.sigmaW2 + ((b - p1!.sigmaB2) / (p2!.sigmaB2 - p1!.sigmaB2)) * (p2!.sigmaW2 - p1!.sigmaW2));
    for (const c of GRID.cells) {
      const w = lineAt(c.sigmaB2);
      if (c.sigmaW2 < w - 0.3) assert.equal(c.phase, 'ordered', `(${c.sigmaW2}, ${c.sigmaB2})`);
      if (c.sigmaW2 > w + 0.3) assert.equal(c.phase, 'chaotic', `(${c.sigmaW2}, ${c.sigmaB2})`);
    }
  });

  it('erf too: its critical line starts at σ_w² = 1/erf\'(0)² = π/4', () => {
    const g = phaseGrid({ activation: 'erf', sigmaW2: [0.25, 3], sigmaB2: [0, 0.3], cellsW: 3, cellsB: 2, linePoints: 2 });
    assert.ok(Math.abs(g.criticalLine[0]!.sigmaW2 - Math.PI / 4) < 1e-9);
    for (const i of [0, 5]) {
      const c = g.cells[i]!;
      assert.ok(Math.abs(c.xiC / meanField('erf', c.sigmaW2, c.sigmaB2).xiC - 1) < 1e-8);
    }
  });

  it('refuses bad ranges, counts and activations', () => {
    const ok = { sigmaW2: [0.5, 4] as const, sigmaB2: [0, 0.3] as const, cellsW: 2, cellsB: 2 };
    assert.throws(() => phaseGrid({ ...ok, sigmaW2: [4, 0.5] }), RangeError);
    assert.throws(() => phaseGrid({ ...ok, sigmaW2: [0, 4] }), RangeError);
    assert.throws(() => phaseGrid({ ...ok, sigmaB2: [-0.1, 0.3] }), RangeError);
    assert.throws(() => phaseGrid({ ...ok, cellsW: 0 }), RangeError);
    assert.throws(() => phaseGrid({ ...ok, activation: 'relu' }), RangeError);
  });
});

describe('phase diagram spec', () => {
  it('heat cells tile the plane and carry ξ_c clamped to [1, cap] for the colour', () => {
    const cells = heatCells(GRID);
    assert.ok(Math.abs(cells[0]!.w0 - 0.5) < 1e-12 && Math.abs(cells[0]!.b0 - 0) < 1e-12);
    assert.ok(Math.abs(cells[71]!.w1 - 4) < 1e-12 && Math.abs(cells[71]!.b1 - 0.3) < 1e-12);
    assert.ok(Math.abs(cells[0]!.w1 - cells[1]!.w0) < 1e-12);
    for (let i = 0; i < 72; i++) {
      const xi = GRID.cells[i]!.xiC;
      assert.equal(cells[i]!.xiC, xi);
      assert.equal(cells[i]!.colour, Math.min(DEFAULT_XI_CAP, Math.max(1, xi)));
    }
    // ∞ (on the line) takes the top colour; NaN (undefined) none.
    const odd: PhaseGrid = { ...GRID, cellsW: 2, cellsB: 1, cells: [{ ...GRID.cells[0]!, xiC: Infinity }, { ...GRID.cells[1]!, xiC: Number.NaN }] };
    assert.deepEqual(heatCells(odd, 50).map((c) => [c.xiC, c.colour]), [[null, 50], [null, null]]);
  });

  it('the line inside the σ_w² range, the phases named at their cells\' centroids, a log colour scale', () => {
    assert.deepEqual(linePoints(GRID), GRID.criticalLine);
    const wide: PhaseGrid = { ...GRID, sigmaW2: [1.2, 4] };
    assert.deepEqual(linePoints(wide), GRID.criticalLine.slice(1));
    const labels = phaseLabels(GRID);
    assert.deepEqual(labels.map((l) => l.text), ['ordered (χ₁ < 1)', 'chaotic (χ₁ > 1)']);
    assert.ok(labels[0]!.sigmaW2 < labels[1]!.sigmaW2);
    const ordered = GRID.cells.filter((c) => c.phase === 'ordered');
    assert.ok(Math.abs(labels[0]!.sigmaW2 - ordered.reduce((s, c) => s + c.sigmaW2, 0) / ordered.length) < 1e-12);
    const spec = phaseDiagramSpec(GRID) as unknown as { layer: { data: { values: unknown[] }; encoding: { color?: { scale: { type: string; domain: number[] } } } }[] };
    const heat = spec.layer[0]!;
    assert.equal(heat.data.values.length, 72);
    assert.equal(heat.encoding.color!.scale.type, 'log');
    assert.equal(heat.encoding.color!.scale.domain[1], DEFAULT_XI_CAP);
    assert.deepEqual(spec.layer[2]!.data.values, GRID.criticalLine);
  });

  it('renders to SVG and PNG, the critical line drawn in red', async () => {
    const f = await phaseDiagramFigure(GRID);
    assert.equal(f.name, 'phase-diagram');
    assert.deepEqual([...f.png.subarray(0, 8)], PNG_SIGNATURE);
    const svg = svgSize(f.svg);
    assert.deepEqual(pngSize(f.png), { width: 2 * svg.width, height: 2 * svg.height });
    assert.ok(svg.width > 600 && svg.width < 1000 && svg.height > 380 && svg.height < 600, `${svg.width} × ${svg.height}`);
    assert.ok(countColour(rgba(f.svg, 1), '#d62728') > 100, 'red critical line');
    assert.match(f.svg, /ordered \(χ₁ &lt; 1\)|ordered \(χ₁ < 1\)/);
  });
});
