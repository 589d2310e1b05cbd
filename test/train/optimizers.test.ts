import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OptimizerSpec } from '../../src/experiments/runTypes.js';
import type { Parameters } from '../../src/kernels/types.js';
import { createOptimizer, resolveOptimizer } from '../../src/train/optimizers.js';
import { UsageError } from '../../src/util/errors.js';

/*
 * f(w) = w² on one parameter (gradient 2w), w₀ = 1: two steps of each optimizer against values worked
 * out by hand from its textbook / PyTorch formula (rmsprop and adam: evaluated in Python float64).
 */
function twoSteps(spec: OptimizerSpec, lr: number): [number, number] {
  const params: Parameters = { weights: [Float64Array.of(1)], biases: [new Float64Array(0)] };
  const grads: Parameters = { weights: [new Float64Array(1)], biases: [new Float64Array(0)] };
  const opt = createOptimizer(spec, params);
  const out: number[] = [];
  for (let t = 0; t < 2; t++) {
    grads.weights[0]![0] = 2 * params.weights[0]![0]!;
    assert.equal(opt.step(params, grads, lr), true);
    out.push(params.weights[0]![0]!);
  }
  assert.equal(opt.steps, 2);
  return [out[0]!, out[1]!];
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-15 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('optimizers: first two steps on w² from w = 1', () => {
  it('sgd: w ← w − lr·g', () => {
    const [w1, w2] = twoSteps({ name: 'sgd' }, 0.1);
    close(w1, 0.8, 'w1'); // 1 − 0.1·2
    close(w2, 0.64, 'w2'); // 0.8 − 0.1·1.6
  });
  it('momentum (PyTorch form): v ← βv + g, w ← w − lr·v, β = 0.9', () => {
    const [w1, w2] = twoSteps({ name: 'momentum' }, 0.1);
    close(w1, 0.8, 'w1'); // v1 = 2
    close(w2, 0.46, 'w2'); // v2 = 0.9·2 + 1.6 = 3.4
  });
  it('momentum with β = 0.5', () => {
    const [w1, w2] = twoSteps({ name: 'momentum', momentum: 0.5 }, 0.1);
    close(w1, 0.8, 'w1');
    close(w2, 0.54, 'w2'); // v2 = 1 + 1.6 = 2.6
  });
  it('nesterov: v ← βv + g, w ← w − lr·(g + βv)', () => {
    const [w1, w2] = twoSteps({ name: 'nesterov' }, 0.1);
    close(w1, 0.62, 'w1'); // 1 − 0.1·(2 + 0.9·2)
    close(w2, 0.2224, 'w2'); // g = 1.24, v = 3.04: 0.62 − 0.1·(1.24 + 2.736)
  });
  it('rmsprop: s ← ρs + (1−ρ)g², w ← w − lr·g/(√s + ε), ρ = 0.99, ε = 1e-8', () => {
    const [w1, w2] = twoSteps({ name: 'rmsprop' }, 0.01);
    close(w1, 0.9000000049999998, 'w1'); // 1 − 0.01·2/(0.2 + 1e-8)
    close(w2, 0.8329179679700331, 'w2');
  });
  it('adam: bias-corrected, β1 = 0.9, β2 = 0.999, ε = 1e-8', () => {
    const [w1, w2] = twoSteps({ name: 'adam' }, 0.01);
    close(w1, 0.99000000005, 'w1'); // 1 − 0.01·2/(2 + 1e-8)
    close(w2, 0.9800027459961475, 'w2');
  });
  it('adam with custom betas and eps follows the same formula', () => {
    const [w1] = twoSteps({ name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 }, 0.01);
    close(w1, 1 - (0.01 * 2) / (2 + 0.1), 'w1'); // m̂ = g, v̂ = g² on the first step whatever the betas
  });
});

describe('optimizers: divergence and validation', () => {
  it('step() reports a non-finite gradient or weight', () => {
    for (const name of ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const) {
      const params: Parameters = { weights: [Float64Array.of(1, 2)], biases: [Float64Array.of(0)] };
      const grads: Parameters = { weights: [Float64Array.of(0.1, NaN)], biases: [Float64Array.of(0)] };
      assert.equal(createOptimizer({ name }, params).step(params, grads, 0.1), false, name);
      const p2: Parameters = { weights: [Float64Array.of(1e308)], biases: [Float64Array.of(0)] };
      const g2: Parameters = { weights: [Float64Array.of(-1e308)], biases: [Float64Array.of(Infinity)] };
      assert.equal(createOptimizer({ name }, p2).step(p2, g2, 10), false, name);
    }
  });
  it('fills PyTorch defaults and rejects unknown names, parameters and bad values', () => {
    assert.deepEqual(resolveOptimizer({ name: 'adam' }).params, { beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    assert.deepEqual(resolveOptimizer({ name: 'rmsprop' }).params, { rho: 0.99, eps: 1e-8 });
    assert.deepEqual(resolveOptimizer({ name: 'momentum' }).params, { momentum: 0.9 });
    assert.deepEqual(resolveOptimizer({ name: 'sgd' }).params, {});
    assert.throws(() => resolveOptimizer({ name: 'adamw' as 'adam' }), UsageError);
    assert.throws(() => resolveOptimizer({ name: 'adam', beta: 0.9 }), /unknown parameter 'beta'.*beta1/);
    assert.throws(() => resolveOptimizer({ name: 'adam', beta2: 1 }), UsageError);
    assert.throws(() => resolveOptimizer({ name: 'momentum', momentum: '0.9' }), UsageError);
    assert.throws(() => resolveOptimizer({ name: 'sgd', momentum: 0.9 }), /takes no parameters/);
  });
});
