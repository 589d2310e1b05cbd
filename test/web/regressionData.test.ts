import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaussianLabel, generateRegression, planeLabel } from '../../web/src/regressionData.js';

/* TF Playground's regression sets in the playground (issue 15): labels worked out by hand from its definitions. */

describe('playground regression data sets', () => {
  it('plane: (x + y) / 10', () => {
    assert.equal(planeLabel(3, 2), 0.5);
    assert.equal(planeLabel(-6, -6), -1.2);
  });
  it('gaussian: the signed bump of largest magnitude, 1 − d/2 clamped to [0, 1]', () => {
    assert.equal(gaussianLabel(-4, 2.5), 1);
    assert.equal(gaussianLabel(0, 2.5), -1);
    assert.equal(gaussianLabel(1, 2.5), -0.5); // d = 1 from (0, 2.5, −1); d = 3 from (4, 2.5, +1) gives 0
    assert.equal(gaussianLabel(0, 0), 0); // every bump is 2.5 or more away
  });
  it('draws 400 points split 300 / 100; without noise every label is its point\'s', () => {
    for (const name of ['plane', 'gaussian']) {
      const d = generateRegression(name, 1, { samples: 400, noise: 0, testFraction: 0.25 });
      assert.equal(d.task, 'regression');
      assert.equal(d.train.nSamples, 300);
      assert.equal(d.test.nSamples, 100);
      const f = name === 'plane' ? (x: number, y: number) => (x + y) / 10 : gaussianLabel;
      for (const set of [d.train, d.test]) {
        for (let s = 0; s < set.nSamples; s++) {
          const x = set.x[s]!;
          const y = set.x[set.nSamples + s]!;
          assert.ok(Math.abs(x) <= 6 && Math.abs(y) <= 6);
          assert.equal(set.y[s], f(x, y));
        }
      }
    }
  });
  it('the same seed gives the same points; noise moves the labels', () => {
    const a = generateRegression('plane', 7, { samples: 40, noise: 0.2, testFraction: 0.25 });
    const b = generateRegression('plane', 7, { samples: 40, noise: 0.2, testFraction: 0.25 });
    assert.deepEqual(a, b);
    let moved = 0;
    for (let s = 0; s < a.train.nSamples; s++) if (a.train.y[s] !== planeLabel(a.train.x[s]!, a.train.x[a.train.nSamples + s]!)) moved++;
    assert.ok(moved > 0);
  });
});
