// A network small enough to differentiate by hand: [1, 1, 1] with W1 = 2, b1 = −1, W2 = 3,
// b2 = 0.5 and two samples x = (1, 0.25), y = (1, 0).
//   sample 1: z1 = 2·1 − 1 = 1 → a1 = 1;     z2 = 3·1 + 0.5 = 3.5 → a2 = σ(3.5)
//   sample 2: z1 = 2·0.25 − 1 = −0.5 → a1 = 0; z2 = 0.5            → a2 = σ(0.5)
//   dz2 = ½(a2 − y) = (½(σ(3.5) − 1), ½σ(0.5))
//   dW2 = Σ dz2·a1 = ½(σ(3.5) − 1);            db2 = ½(σ(3.5) − 1) + ½σ(0.5)
//   dz1 = W2·dz2 masked by a1 > 0 = (3/2·(σ(3.5) − 1), 0)
//   dW1 = Σ dz1·x = 3/2·(σ(3.5) − 1);          db1 = 3/2·(σ(3.5) − 1)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/kernels/index.js';
import { BACKENDS } from './support.js';

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));
const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= 1e-15 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

const params = () => ({
  weights: [Float64Array.of(2), Float64Array.of(3)],
  biases: [Float64Array.of(-1), Float64Array.of(0.5)],
});

for (const backend of BACKENDS) {
  test(`${backend}: [1,1,1] forward, activations and gradients in closed form`, () => {
    const engine = createEngine(backend, [1, 1, 1], Float64Array.of(1, 0.25), Float64Array.of(1, 0), 2);
    engine.setParameters(params());
    const a = engine.forward();
    close(a[0], sigma(3.5), 'a2[0]');
    close(a[1], sigma(0.5), 'a2[1]');
    assert.deepEqual([...engine.activations(1)], [1, 0]);

    const g = engine.gradients();
    const e1 = 0.5 * (sigma(3.5) - 1);
    close(g.weights[1][0], e1, 'dW2');
    close(g.biases[1][0], e1 + 0.5 * sigma(0.5), 'db2');
    close(g.weights[0][0], 3 * e1, 'dW1');
    close(g.biases[0][0], 3 * e1, 'db1');
  });

  test(`${backend}: one training step is W − lr·dW on every parameter`, () => {
    const engine = createEngine(backend, [1, 1, 1], Float64Array.of(1, 0.25), Float64Array.of(1, 0), 2);
    engine.setParameters(params());
    engine.train(1, 0.1);
    const p = engine.getParameters();
    const e1 = 0.5 * (sigma(3.5) - 1);
    close(p.weights[0][0], 2 - 0.1 * 3 * e1, 'W1');
    close(p.biases[0][0], -1 - 0.1 * 3 * e1, 'b1');
    close(p.weights[1][0], 3 - 0.1 * e1, 'W2');
    close(p.biases[1][0], 0.5 - 0.1 * (e1 + 0.5 * sigma(0.5)), 'b2');
  });
}
