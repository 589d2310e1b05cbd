import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  boundsAround,
  COURSE_BOUNDS,
  decisionBoundarySpec,
  decisionGrid,
  gridRectangles,
  renderVegaLiteToSvg,
  svgToPng,
  svgToRgba,
  type LabelledPoint,
  type PlanePredictor,
} from '../../src/report/index.js';
import { countColour, markGroups, pngSize, svgSize } from './helpers.js';

/** P(class 1) high inside the circle of radius 0.9, like a trained course network. */
const disc: PlanePredictor = (x, m) => {
  const p = new Float64Array(m);
  for (let k = 0; k < m; k++) p[k] = 1 / (1 + Math.exp(20 * (Math.hypot(x[k]!, x[m + k]!) - 0.9)));
  return p;
};

/** Two rings of points: label 0 outside (r = 1), label 1 inside (r = 0.8), like make_circles. */
const rings: LabelledPoint[] = Array.from({ length: 60 }, (_, k) => {
  const t = (2 * Math.PI * (k % 30)) / 30;
  const r = k < 30 ? 1 : 0.8;
  return { x0: r * Math.cos(t), x1: r * Math.sin(t), label: k < 30 ? 0 : 1 };
});

test('decisionGrid: one predict call, feature-major cell centres, row-major result', () => {
  const calls: Array<{ x: Float64Array; m: number }> = [];
  const grid = decisionGrid((x, m) => {
    calls.push({ x: x.slice(), m });
    return Float64Array.from({ length: m }, (_, k) => k / m);
  }, { xMin: 0, xMax: 4, yMin: -1, yMax: 1 }, 4, 2);
  assert.equal(calls.length, 1);
  const { x, m } = calls[0]!;
  assert.equal(m, 8);
  assert.deepEqual([...grid.x0], [0.5, 1.5, 2.5, 3.5]);
  assert.deepEqual([...grid.x1], [-0.5, 0.5]);
  // Row 0 (y = -0.5) first, x varying fastest; first coordinates, then second coordinates.
  assert.deepEqual([...x.subarray(0, 8)], [0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5]);
  assert.deepEqual([...x.subarray(8)], [-0.5, -0.5, -0.5, -0.5, 0.5, 0.5, 0.5, 0.5]);
  assert.deepEqual([...grid.probabilities], [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k / 8));
  assert.equal(grid.nx, 4);
  assert.equal(grid.yMax, 1);
});

test('decisionGrid rejects bad sizes, bounds and predictors', () => {
  const ok: PlanePredictor = (_x, m) => new Float64Array(m);
  assert.throws(() => decisionGrid(ok, COURSE_BOUNDS, 0, 5), RangeError);
  assert.throws(() => decisionGrid(ok, COURSE_BOUNDS, 5, 2.5), RangeError);
  assert.throws(() => decisionGrid(ok, { xMin: 1, xMax: 1, yMin: 0, yMax: 1 }, 5, 5), RangeError);
  assert.throws(() => decisionGrid(() => new Float64Array(3), COURSE_BOUNDS, 5, 5), /3 values for 25 points/);
});

test('boundsAround widens the points\' box by the margin', () => {
  assert.deepEqual(boundsAround([{ x0: 0, x1: 1 }, { x0: 2, x1: -1 }], 0.5), { xMin: -0.5, xMax: 2.5, yMin: -1.5, yMax: 1.5 });
  assert.throws(() => boundsAround([]), RangeError);
});

test('gridRectangles: merged runs tile the plane exactly, with the course threshold P > 0.5', () => {
  // Left half class 0, right half class 1; P exactly 0.5 counts as class 0 (predict_dec: a3 > 0.5).
  const half = decisionGrid((x, m) => Float64Array.from({ length: m }, (_, k) => (x[k]! > 0 ? 0.9 : 0.5)), COURSE_BOUNDS, 10, 10);
  const rects = gridRectangles(half);
  assert.deepEqual(rects.map((r) => r.level), [0, 1]); // identical rows merge into one band
  assert.deepEqual(rects[0], { level: 0, x: -1.5, x2: 0, y: -1.5, y2: 1.5 });
  assert.deepEqual(rects[1], { level: 1, x: 0, x2: 1.5, y: -1.5, y2: 1.5 });

  const grid = decisionGrid(disc, COURSE_BOUNDS, 100, 100);
  const cells = gridRectangles(grid);
  const area = cells.reduce((s, c) => s + (c.x2 - c.x) * (c.y2 - c.y), 0);
  assert.ok(Math.abs(area - 9) < 1e-9, `area ${area}`);
  assert.ok(cells.length < 300, `${cells.length} rects for a disc`);
  const inside = cells.filter((c) => c.level === 1).reduce((s, c) => s + (c.x2 - c.x) * (c.y2 - c.y), 0);
  assert.ok(Math.abs(inside - Math.PI * 0.81) < 0.1, `class-1 area ${inside}`);
});

test('gridRectangles in probability mode uses ten bands', () => {
  const grid = decisionGrid((x, m) => Float64Array.from({ length: m }, (_, k) => (x[k]! + 1.5) / 3), COURSE_BOUNDS, 20, 3);
  assert.deepEqual(gridRectangles(grid, 'probability').map((c) => c.level), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('spec: equal units on both axes, the title, every point inside the window', async () => {
  const grid = decisionGrid(disc, { xMin: -1.5, xMax: 1.5, yMin: -1, yMax: 1 }, 60, 40);
  const spec = decisionBoundarySpec({ title: 'Model with He initialization', grid, points: [...rings, { x0: 5, x1: 0, label: 0 }] });
  assert.equal((spec as { width: number }).width, 360);
  assert.equal((spec as { height: number }).height, 240);
  const svg = await renderVegaLiteToSvg(spec);
  assert.ok(svg.includes('Model with He initialization'));
  const symbols = markGroups(svg, 'mark-symbol role-mark');
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0]!.match(/<path/g)?.length, rings.length); // the point at x0 = 5 is outside
  for (const t of ['predicted', 'class 0', 'class 1', 'training point', 'label 0', 'label 1']) assert.ok(svg.includes(`>${t}</text>`), t);
});

test('SVG stays small for a 100×100 grid', async () => {
  const grid = decisionGrid(disc, COURSE_BOUNDS, 100, 100);
  for (const fill of ['class', 'probability'] as const) {
    const svg = await renderVegaLiteToSvg(decisionBoundarySpec({ title: 't', grid, points: rings, fill }));
    assert.ok(svg.length < 200_000, `${fill}: ${svg.length} bytes`);
  }
});

test('PNG at 2× shows both regions and both point colours', async () => {
  const grid = decisionGrid(disc, COURSE_BOUNDS, 80, 80);
  const svg = await renderVegaLiteToSvg(decisionBoundarySpec({ title: 'Disc', grid, points: rings }));
  const size = svgSize(svg);
  assert.deepEqual(pngSize(svgToPng(svg)), { width: 2 * size.width, height: 2 * size.height });
  const img = svgToRgba(svg);
  // Region tints (light red / light blue) fill large areas; point colours appear in the dots' centres.
  for (const [hex, min] of [['#f7c4bd', 50_000], ['#c3d7ee', 50_000], ['#c62828', 100], ['#1f5fa8', 100]] as const) {
    const n = countColour(img, hex);
    assert.ok(n >= min, `${hex}: ${n} pixels`);
  }
});
