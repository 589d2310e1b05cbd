import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIRM_SECONDS, estimateCost, weightsOf } from '../../web/src/cost.js';
import { axisNumber, compact, count, duration } from '../../web/src/format.js';

/*
 * The playground's number formats (issue 15, defect 5: a loss of 6.505213034913038e+289 squeezed
 * the stats column) and its cost estimate (defect 2), against values worked out by hand.
 */

describe('playground number formats', () => {
  it('compact: 4 decimals in [0.001, 10⁴), two significant digits in exponent form outside', () => {
    assert.equal(compact(6.505213034913038e289), '6.5e+289');
    assert.equal(compact(0.6931471805599467), '0.6931');
    assert.equal(compact(12345.6), '1.2e+4');
    assert.equal(compact(0.0004), '4e-4');
    assert.equal(compact(0), '0');
    assert.equal(compact(Number.NaN), 'NaN');
    assert.equal(compact(Infinity), '∞');
  });
  it('axis labels fit in six characters', () => {
    assert.equal(axisNumber(6.505213034913038e289), '6.5e+289');
    assert.equal(axisNumber(0.05), '0.05');
    assert.equal(axisNumber(2.5), '2.5');
    assert.equal(axisNumber(1500), '1.5e+3');
  });
  it('counts and durations', () => {
    assert.equal(count(1_000_000), '1\u2009000\u2009000');
    assert.equal(duration(30), '30 s');
    assert.equal(duration(600), '10 min');
    assert.equal(duration(7200), '2.0 h');
    assert.equal(duration(86_400 * 3), '3.0 days');
  });
});

describe('playground cost estimate', () => {
  it("the article's net has (2+1)·10 + (10+1)·5 + (5+1)·1 = 91 weights", () => {
    assert.equal(weightsOf([2, 10, 5, 1]), 91);
  });
  it('6·batch·W per update plus 2·(train+test)·W per logged point, times panels; no question for the article', () => {
    const c = estimateCost({ layerSizes: [2, 10, 5, 1], nTrain: 300, nTest: 100, batchSize: 0, iterations: 15000, logEvery: 50, panels: 3, cores: 4 });
    assert.equal(c.flops, 3 * (15000 * 6 * 300 * 91 + 300 * 2 * 400 * 91));
    assert.equal(c.seconds, c.flops / (1e9 * 3));
    assert.equal(c.needsConfirm, false);
  });
  it('8 × 256 hidden units and a million updates ask first', () => {
    const c = estimateCost({ layerSizes: [2, 256, 256, 256, 256, 256, 256, 256, 256, 1], nTrain: 300, nTest: 100, batchSize: 0, iterations: 1_000_000, logEvery: 5000, panels: 1, cores: 2 });
    assert.equal(c.weights, 3 * 256 + 7 * 257 * 256 + 257);
    assert.ok(c.seconds > CONFIRM_SECONDS);
    assert.equal(c.needsConfirm, true);
    assert.match(c.text, /days/);
  });
});
