// The two pathological initializations of the course's experiment.
// Zeros: every unit of a layer computes the same thing, so the symmetry must stay exactly
// unbroken: output 0.5, hidden gradients 0, hidden weights still 0 after training.
// Huge weights (the course's randn·10, here ×1000): the sigmoid saturates to exactly 0 or 1
// (exp overflows to Infinity, 1/(1+Infinity) = 0) and nothing becomes NaN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/kernels/index.js';
import { BACKENDS, makeData, makeParams } from './support.js';

const sizes = [2, 10, 5, 1];
const m = 300;

function zeros() {
  return {
    weights: sizes.slice(1).map((n, l) => new Float64Array(n * sizes[l])),
    biases: sizes.slice(1).map((n) => new Float64Array(n)),
  };
}

for (const backend of BACKENDS) {
  test(`${backend}: zeros init keeps the symmetry exactly`, () => {
    const { x, y } = makeData(2, m, 5);
    const engine = createEngine(backend, sizes, x, y, m);
    engine.setParameters(zeros());
    assert.ok(engine.forward().every((a) => a === 0.5), 'output 0.5 everywhere');

    const g = engine.gradients();
    for (let l = 0; l < 2; l++) {
      assert.ok(g.weights[l].every((v) => v === 0) && g.biases[l].every((v) => v === 0), `hidden layer ${l + 1} gradients 0`);
    }
    assert.ok(g.weights[2].every((v) => v === 0), 'dW3 = dz3·a2ᵀ with a2 = 0');
    assert.notEqual(g.biases[2][0], 0, 'db3 = Σ dz3 is the only non-zero gradient');

    engine.train(100, 0.01);
    const p = engine.getParameters();
    for (let l = 0; l < 3; l++) assert.ok(p.weights[l].every((v) => v === 0), `W${l + 1} still exactly 0`);
    for (let l = 0; l < 2; l++) assert.ok(p.biases[l].every((v) => v === 0), `b${l + 1} still exactly 0`);
    for (let l = 1; l <= 2; l++) {
      const a = engine.activations(l);
      assert.ok(a.every((v) => v === a[0]), `all units of layer ${l} identical`);
    }
    const out = engine.forward();
    assert.ok(out.every((v) => v === out[0]), 'the same prediction for every sample');
  });

  test(`${backend}: weights ×1000 saturate the sigmoid to exactly 0 or 1 and never give NaN`, () => {
    const { x, y } = makeData(2, m, 6);
    const engine = createEngine(backend, sizes, x, y, m);
    engine.setParameters(makeParams(sizes, 7, 1000, 0));
    const a = engine.forward();
    assert.ok(a.every((v) => v === 0 || v === 1), 'outputs are exactly 0 or 1');
    assert.ok(a.some((v) => v === 0) && a.some((v) => v === 1), 'both saturations occur');
    const g = engine.gradients();
    assert.ok([...g.weights, ...g.biases].every((v) => v.every(Number.isFinite)), 'finite gradients');
    engine.train(1000, 0.01);
    const p = engine.getParameters();
    assert.ok([...p.weights, ...p.biases].every((v) => v.every(Number.isFinite)), 'finite parameters after training');
    assert.ok(engine.forward().every((v) => v >= 0 && v <= 1), 'outputs in [0, 1]');
  });
}
