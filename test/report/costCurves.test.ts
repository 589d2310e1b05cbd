import assert from 'node:assert/strict';
import { test } from 'node:test';
import { costCurveSpec, renderVegaLiteToSvg, svgToPng, svgToRgba, type CostSeries } from '../../src/report/index.js';
import { distinctColours, markGroups, pngSize, svgSize } from './helpers.js';

// The course's three runs, abridged (costs from the notebook).
const course: CostSeries[] = [
  { label: 'zeros', costs: [0, 1000, 2000, 3000].map((iteration) => ({ iteration, cost: 0.6931471805599453 })) },
  {
    label: 'random×10',
    costs: [
      { iteration: 0, cost: Infinity },
      { iteration: 1000, cost: 0.6247924745506072 },
      { iteration: 2000, cost: 0.5980258056061102 },
      { iteration: 3000, cost: 0.5637539062842213 },
    ],
  },
  {
    label: 'he',
    costs: [
      { iteration: 0, cost: 0.8830537463419761 },
      { iteration: 1000, cost: 0.6879825919728063 },
      { iteration: 2000, cost: 0.6751286264523371 },
      { iteration: 3000, cost: 0.6526117768893805 },
    ],
  },
];

const dataValues = (spec: ReturnType<typeof costCurveSpec>) => {
  const data = (spec as { data?: { values?: Array<{ label: string; cost: number }> } }).data;
  assert.ok(data?.values);
  return data.values;
};

test('non-finite costs are dropped from the data and named in the subtitle', () => {
  const spec = costCurveSpec(course);
  const values = dataValues(spec);
  assert.equal(values.length, 11);
  assert.ok(values.every((v) => Number.isFinite(v.cost)));
  const title = spec.title as { text: string; subtitle: string[] };
  assert.equal(title.text, 'Cost during training');
  assert.deepEqual(title.subtitle, ['random×10: cost = ∞ at iteration 0 (sigmoid saturated), not drawn']);
});

test('several undrawable points of a series are listed together; NaN is named', () => {
  const spec = costCurveSpec([
    { label: 'a', costs: [{ iteration: 0, cost: Infinity }, { iteration: 5, cost: Infinity }, { iteration: 10, cost: NaN }, { iteration: 15, cost: 0.5 }] },
  ], { subtitle: ['lr 0.01'] });
  assert.deepEqual((spec.title as { subtitle: string[] }).subtitle, [
    'lr 0.01',
    'a: cost = ∞ at iterations 0, 5 (sigmoid saturated), not drawn',
    'a: cost = NaN at iteration 10, not drawn',
  ]);
});

test('no subtitle when every point can be drawn', () => {
  const spec = costCurveSpec([course[2]!], { title: 'He only' });
  assert.deepEqual(spec.title, { text: 'He only', anchor: 'start' });
});

test('log scale: cost ≤ 0 cannot be drawn and is noted; the axis says log', () => {
  const spec = costCurveSpec([{ label: 'x', costs: [{ iteration: 0, cost: 0 }, { iteration: 1, cost: 0.1 }] }], { logScale: true });
  assert.equal(dataValues(spec).length, 1);
  assert.deepEqual((spec.title as { subtitle: string[] }).subtitle, ['x: cost = 0 (≤ 0, no log) at iteration 0, not drawn']);
  const y = (spec as { encoding: { y: { title: string; scale: { type: string } } } }).encoding.y;
  assert.equal(y.title, 'cost (log scale)');
  assert.equal(y.scale.type, 'log');
});

test('SVG: the title and exactly one line path per series', async () => {
  const svg = await renderVegaLiteToSvg(costCurveSpec(course, { title: 'Course runs' }));
  assert.ok(svg.includes('Course runs'));
  assert.ok(svg.includes('random×10: cost = ∞ at iteration 0'));
  const lines = markGroups(svg, 'mark-line role-mark');
  assert.equal(lines.length, 3);
  for (const g of lines) assert.equal(g.match(/<path/g)?.length, 1);
  for (const label of ['zeros', 'random×10', 'he']) assert.ok(svg.includes(`>${label}</text>`), `legend lacks ${label}`);
});

test('a series with no drawable point keeps its legend entry but draws no line', async () => {
  const runs: CostSeries[] = [course[2]!, { label: 'diverged', costs: [{ iteration: 0, cost: NaN }] }];
  const svg = await renderVegaLiteToSvg(costCurveSpec(runs, { logScale: true }));
  assert.equal(markGroups(svg, 'mark-line role-mark').length, 1);
  assert.ok(svg.includes('>diverged</text>'));
});

test('PNG at 2×, with the three series colours present', async () => {
  const svg = await renderVegaLiteToSvg(costCurveSpec(course));
  const png = svgToPng(svg);
  const size = svgSize(svg);
  assert.deepEqual(pngSize(png), { width: 2 * size.width, height: 2 * size.height });
  const img = svgToRgba(svg);
  assert.ok(distinctColours(img) > 50);
});
