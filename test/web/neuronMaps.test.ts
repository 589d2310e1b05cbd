import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DenseNetwork } from '../../src/nn/network.js';
import type { Activation } from '../../src/experiments/runTypes.js';
import { dataParamHints } from '../../web/src/dataParamHints.js';
import { neuronColor, neuronGridInputs, neuronMaps, neuronViewProblem, squareSize } from '../../web/src/neurons.js';
import { articleState, dataParams } from '../../web/src/state.js';

/*
 * The neuron view's pure parts: the grid, the per-layer scaling, NaN reporting, the colours, which
 * nets get maps, and the circles hints. A [2, 2, 1, 1] net evaluated by hand on a 2 × 2 grid over
 * [0, 2] × [0, 4], whose cell centres are (0.5, 1), (1.5, 1), (0.5, 3), (1.5, 3):
 *   W1 = [[1, −1], [0.5, 2]], b1 = [0, −1]  → Z1 unit 1 = −0.5, 0.5, −2.5, −1.5; unit 2 = 1.25, 1.75, 5.25, 5.75
 *   W2 = [[1, −2]], b2 = [0.5]              → Z2 = Z1[1] − 2·Z1[2] + 0.5 (linear) = −2.5, −2.5, −12.5, −12.5
 */

const bounds = { xMin: 0, xMax: 2, yMin: 0, yMax: 4 };
const params = {
  weights: [Float64Array.from([1, -1, 0.5, 2]), Float64Array.from([1, -2]), Float64Array.from([3])],
  biases: [Float64Array.from([0, -1]), Float64Array.from([0.5]), Float64Array.from([0])],
};
const net = (activation: Activation, p = params) => new DenseNetwork({ layerSizes: [2, 2, 1, 1], activation, output: 'sigmoid' }, p);
const f32 = (xs: number[]) => xs.map((v) => Math.fround(v));

describe('neuron maps', () => {
  it('samples the cell centres row by row, bottom row first, feature-major', () => {
    assert.deepEqual([...neuronGridInputs(bounds, 2)], [0.5, 1.5, 0.5, 1.5, 1, 1, 3, 3]);
  });

  it('scales each layer by its max |A| (relu: the hand values; an all-zero layer stays 0, not NaN)', () => {
    const maps = neuronMaps(net('relu'), neuronGridInputs(bounds, 2), 2);
    assert.deepEqual(maps.units, [2, 1]);
    assert.deepEqual(maps.scale, [5.75, 0]);
    assert.deepEqual(maps.nonFinite, [0, 0]);
    // relu(Z1): unit 1 = 0, 0.5, 0, 0; unit 2 = 1.25 … 5.75; Z2 = relu(0 − 2.5 + 0.5, …) = 0 everywhere.
    assert.deepEqual([...maps.values], f32([0, 0.5 / 5.75, 0, 0, 1.25 / 5.75, 1.75 / 5.75, 5.25 / 5.75, 1, 0, 0, 0, 0]));
    assert.deepEqual([...maps.ranges], [0, 0.5, 1.25, 5.75, 0, 0]);
  });

  it('keeps the sign (linear activation: negative values scale into [−1, 0))', () => {
    const maps = neuronMaps(net('linear'), neuronGridInputs(bounds, 2), 2);
    assert.deepEqual(maps.scale, [5.75, 12.5]);
    assert.deepEqual([...maps.values.subarray(0, 4)], f32([-0.5 / 5.75, 0.5 / 5.75, -2.5 / 5.75, -1.5 / 5.75]));
    assert.deepEqual([...maps.values.subarray(8)], f32([-0.2, -0.2, -1, -1]));
    assert.deepEqual([...maps.ranges.subarray(4)], [-12.5, -2.5]);
  });

  it('units with the same weights (constant init) get identical maps', () => {
    const constant = new DenseNetwork({ layerSizes: [2, 3, 3, 1], activation: 'tanh', output: 'sigmoid' }, {
      weights: [new Float64Array(6).fill(0.7), new Float64Array(9).fill(-0.4), new Float64Array(3).fill(1)],
      biases: [new Float64Array(3).fill(0.1), new Float64Array(3).fill(0.2), new Float64Array(1)],
    });
    const maps = neuronMaps(constant, neuronGridInputs({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 6), 6);
    const unit = (k: number) => [...maps.values.subarray(k * 36, (k + 1) * 36)];
    for (const layer of [[0, 1, 2], [3, 4, 5]]) for (const k of layer.slice(1)) assert.deepEqual(unit(k), unit(layer[0]!));
    // …and they are not blank: tanh(0.7·(x0 + x1) + 0.1) varies over the plane.
    assert.ok(new Set(unit(0)).size > 5);
  });

  it('reports NaN and ∞ per layer, scales by the finite values only and keeps the bad values for the grey colour', () => {
    const bad = {
      weights: [Float64Array.from([Number.NaN, 0, 0.5, 2]), params.weights[1]!, params.weights[2]!],
      biases: params.biases,
    };
    const maps = neuronMaps(net('linear', bad), neuronGridInputs(bounds, 2), 2);
    // Unit 1 is NaN everywhere (NaN·x0), unit 2 finite (max 5.75); layer 2 sums unit 1, so NaN too.
    assert.deepEqual(maps.nonFinite, [4, 4]);
    assert.deepEqual(maps.scale, [5.75, 0]);
    assert.ok([...maps.values.subarray(0, 4)].every(Number.isNaN));
    assert.ok(Number.isNaN(maps.ranges[0]!) && Number.isNaN(maps.ranges[1]!));
    assert.deepEqual([...maps.ranges.subarray(2, 4)], [1.25, 5.75]);
    assert.deepEqual(neuronColor(Number.NaN), [70, 70, 70]);
    assert.deepEqual(neuronColor(Number.POSITIVE_INFINITY), [70, 70, 70]);
  });

  it('colours: white at 0, 90 % of the class colours at ±1 (orange (245,147,34) below, blue (8,119,189) above), √ intensity, clamped', () => {
    assert.deepEqual(neuronColor(0), [255, 255, 255]);
    // 255 + (c − 255)·0.9
    assert.deepEqual(neuronColor(1), [33, 133, 196]);
    assert.deepEqual(neuronColor(-1), [246, 158, 56]);
    assert.deepEqual(neuronColor(7), neuronColor(1));
    // t = 0.9·√0.5 = 0.63640: 255 − 247·t = 97.81 → 98, 255 − 136·t = 168.45 → 168, 255 − 66·t = 213.00 → 213
    assert.deepEqual(neuronColor(0.5), [98, 168, 213]);
    // t = 0.9·√0.64 = 0.72: 255 − 10·t = 247.8 → 248, 255 − 108·t = 177.24 → 177, 255 − 221·t = 95.88 → 96
    assert.deepEqual(neuronColor(-0.64), [248, 177, 96]);
  });

  it('small nets only: ≤ 16 units per hidden layer, at least one hidden layer', () => {
    assert.equal(neuronViewProblem([10, 5]), undefined);
    assert.equal(neuronViewProblem([16, 16, 16]), undefined);
    assert.match(neuronViewProblem([8, 17]) ?? '', /≤ 16 units per hidden layer\); this one has a layer of 17/);
    assert.match(neuronViewProblem([]) ?? '', /no hidden layer/);
    // Square sizes: 10 units fill the 260 px row at 24 px + 2 px gaps; 16 units take two rows of 8.
    assert.equal(squareSize(10), 24);
    assert.equal(squareSize(16), 30);
    assert.equal(squareSize(5), 48);
  });
});

describe('circles: which test-set control counts', () => {
  it("testSeed ≥ 0 (the article's split): testFraction unused, samples = training points", () => {
    const h = dataParamHints('circles', articleState().data.params);
    assert.equal(h.testFraction?.unused, true);
    assert.match(h.testFraction!.text, /testSeed 2 draws a separate test set/);
    assert.equal(h.samples?.unused, false);
    assert.equal(h.testSamples, undefined);
  });

  it('testSeed = −1 (the default): testSamples unused, testFraction counts', () => {
    const h = dataParamHints('circles', dataParams('circles'));
    assert.equal(h.testSamples?.unused, true);
    assert.equal(h.testFraction, undefined);
  });

  it('other data sets have one split only', () => {
    assert.deepEqual(dataParamHints('moons', dataParams('moons')), {});
  });
});
