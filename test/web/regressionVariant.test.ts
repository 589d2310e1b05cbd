import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dataset } from '../../src/data/types.js';
import { dataForTask, generateData } from '../../web/src/data.js';
import { generateRegression } from '../../web/src/regressionData.js';
import { asRegression, regressionTarget } from '../../web/src/regressionVariant.js';
import { articleState, dataParams, GENERATOR_NAMES, isRegressionSet } from '../../web/src/state.js';

/*
 * The regression variant of every classification set of the playground (issue 15, build 1):
 * target 2c/(k − 1) − 1 for class c of k. The expected targets are worked out from each set's
 * geometry, noise-free, with the class read off the point itself (its radius, its quadrant, its
 * cell, its arm…), never from the generator's labels.
 */

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/** Every point of train and test as (x0, x1, target). */
function points(d: { train: Dataset; test: Dataset }): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const s of [d.train, d.test]) for (let i = 0; i < s.nSamples; i++) out.push([s.x[i]!, s.x[s.nSamples + i]!, s.y[i]!]);
  return out;
}

/** The variant of `name` with `params`, checked point by point against `expected(x0, x1)`. */
function check(name: string, params: Record<string, unknown>, expected: (x0: number, x1: number) => number | undefined): number {
  const data = { name, seed: 11, params: dataParams(name, params) };
  const v = dataForTask(generateData(data), 'regression');
  assert.equal(v.task, 'regression');
  let checked = 0;
  for (const [x0, x1, t] of points(v)) {
    const e = expected(x0, x1);
    if (e === undefined) continue;
    assert.equal(t, e, `${name} (${x0}, ${x1}): target ${t}, expected ${e}`);
    checked++;
  }
  return checked;
}

describe('the regression variant of the playground data sets', () => {
  it('target 2c/(k − 1) − 1: ±1 for two classes, evenly spaced on [−1, 1] for k', () => {
    assert.equal(regressionTarget(0, 2), -1);
    assert.equal(regressionTarget(1, 2), 1);
    assert.deepEqual([0, 1, 2].map((c) => regressionTarget(c, 3)), [-1, 0, 1]);
    assert.deepEqual([0, 1, 2, 3, 4].map((c) => regressionTarget(c, 5)), [-1, -0.5, 0, 0.5, 1]);
    assert.throws(() => regressionTarget(2, 2), /class index 0 … k−1/);
    assert.throws(() => regressionTarget(0.5, 2), /class index/);
  });

  it('circles: −1 on the outer circle (radius 1), +1 on the inner one (radius factor)', () => {
    const n = check('circles', { samples: 200, noise: 0, factor: 0.5 }, (a, b) => {
      const r = Math.hypot(a, b);
      return near(r, 1) ? -1 : near(r, 0.5) ? 1 : Number.NaN;
    });
    assert.equal(n, 200);
  });

  it('moons: −1 on the upper unit half circle, +1 on the lower one centred at (1, ½)', () => {
    const n = check('moons', { samples: 200, noise: 0 }, (a, b) => (near(Math.hypot(a, b), 1) && b >= -1e-12 ? -1 : near(Math.hypot(a - 1, b - 0.5), 1) && b <= 0.5 + 1e-12 ? 1 : Number.NaN));
    assert.equal(n, 200);
  });

  it('xor: the sign of x·y (+1 where x·y ≥ 0)', () => {
    assert.equal(check('xor', { samples: 200, noise: 0 }, (a, b) => (a * b >= 0 ? 1 : -1)), 200);
  });

  it('gauss (std 0): −1 at (−2, −2), +1 at (2, 2)', () => {
    assert.equal(check('gauss', { samples: 100, std: 0 }, (a, b) => (a === -2 && b === -2 ? -1 : a === 2 && b === 2 ? 1 : Number.NaN)), 100);
  });

  it('checkerboard: +1 on cells of odd parity, −1 on even ones', () => {
    const cells = 4;
    const cell = (v: number): number => Math.min(cells - 1, Math.max(0, Math.floor(((v + 1) / 2) * cells)));
    assert.equal(check('checkerboard', { samples: 200, cells, noise: 0 }, (a, b) => ((cell(a) + cell(b)) % 2 === 1 ? 1 : -1)), 200);
  });

  it('blobs (3 fixed centres, tiny spread): −1, 0, +1 by the nearest centre', () => {
    const centres = [[-5, 0], [0, 5], [5, 0]];
    const nearest = (a: number, b: number): number => centres.map(([cx, cy]) => Math.hypot(a - cx!, b - cy!)).reduce((best, d, i, ds) => (d < ds[best]! ? i : best), 0);
    assert.equal(check('blobs', { samples: 150, centers: centres.flat(), clusterStd: 0.01 }, (a, b) => [-1, 0, 1][nearest(a, b)]), 150);
  });

  it('spiral (4 straight arms: turns 0, noise 0): arm j at angle 2πj/4 gets 2j/3 − 1', () => {
    const arms = 4;
    const n = check('spiral', { samples: 200, arms, turns: 0, noise: 0 }, (a, b) => {
      // The arms all start at the centre, where the angle says nothing: those points are left out.
      if (Math.hypot(a, b) < 1e-9) return undefined;
      const j = Math.round((((Math.atan2(b, a) / (2 * Math.PI)) * arms) % arms + arms) % arms) % arms;
      return (2 * j) / (arms - 1) - 1;
    });
    assert.equal(n, 200 - arms, 'every point but the arms\' first (r = 0)');
  });

  it('every classification set the data select offers has a variant: the same points and split, targets on [−1, 1]', () => {
    const sets = GENERATOR_NAMES.filter((name) => !isRegressionSet(name));
    assert.deepEqual(sets, ['circles', 'moons', 'blobs', 'spiral', 'xor', 'gauss', 'checkerboard']);
    for (const name of sets) {
      const source = generateData({ name, seed: 5, params: dataParams(name) });
      const v = asRegression(source);
      assert.equal(v.task, 'regression', name);
      for (const part of ['train', 'test'] as const) {
        assert.equal(v[part].x, source[part].x, `${name}: the points are the set's own`);
        assert.equal(v[part].nSamples, source[part].nSamples);
        for (let s = 0; s < v[part].nSamples; s++) assert.equal(v[part].y[s], regressionTarget(source[part].y[s]!, source.nClasses), name);
      }
    }
  });

  it("the article's circles keep their 300 + 100 split; regression sets are left as they are", () => {
    const article = generateData(articleState().data);
    const v = dataForTask(article, 'regression');
    assert.equal(v.train.nSamples, 300);
    assert.equal(v.test.nSamples, 100);
    assert.equal(dataForTask(article, 'classification'), article);
    const plane = generateRegression('plane', 1, dataParams('plane'));
    assert.equal(asRegression(plane), plane);
  });
});
