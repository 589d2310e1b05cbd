import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutputHead } from '../../../src/core/runConfig.js';
import type { Shape } from '../../../src/nn/layers/plan.js';
import { DefaultRandom } from '../../../src/random/index.js';
import { checkGradients, labels, randn, randomNetwork } from './helpers.js';

/* Finite-difference checks of every layer type's backward pass (issue 14, "Done when": the conv,
 * pool, residual and batchnorm layers pass finite-difference gradient tests). Tolerance: helpers.ts. */

function check(name: string, layers: unknown, input: Shape, opts: { head?: OutputHead; nOut?: number; m?: number; l2?: number; skipInit?: boolean; activation?: 'tanh' | 'softplus' | 'elu' | 'relu' } = {}): void {
  it(name, () => {
    const m = opts.m ?? 3;
    const head = opts.head ?? 'softmax';
    const nOut = head === 'softmax' ? (opts.nOut ?? 3) : 1;
    const net = randomNetwork({ layers, input, nOutputs: nOut, output: head, activation: opts.activation ?? 'tanh', skipInit: opts.skipInit ?? false, backend: 'js' }, 11);
    const rng = new DefaultRandom(5);
    const x = randn(rng, input.c * input.h * input.w * m);
    const y = labels(head, nOut, m);
    const r = checkGradients(net, x, y, m, opts.l2 ?? 0);
    assert.ok(r.checked > 20, `only ${r.checked} values checked`);
    assert.ok(r.worst <= 1, `finite differences disagree (${r.worst.toFixed(2)}× the tolerance) at ${r.where}`);
  });
}

describe('layer network gradients (float64, central differences)', () => {
  const img = { c: 2, h: 6, w: 6 };
  check('conv2d same/stride 1 and valid/stride 2, then dense', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 5 },
  ], img);
  check('conv2d with numeric padding, even kernel, stride 2 on a non-square image (l2 on)', [
    { type: 'conv2d', filters: 3, kernel: 2, stride: 2, padding: 1, activation: 'softplus' },
    { type: 'conv2d', filters: 2, kernel: 3, stride: 1, padding: 'same', activation: 'elu' },
    { type: 'flatten' },
  ], { c: 2, h: 5, w: 7 }, { l2: 0.1 });
  check("conv2d 'same' with stride 2 (TensorFlow's uneven padding)", [
    { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same' },
    { type: 'conv2d', filters: 2, kernel: 1 },
  ], { c: 1, h: 7, w: 6 });
  // ReLU runs inside the GEMM and masks dy by its output; the kinks are met with probability 0 on random data.
  check('relu convolutions (fused into the GEMM) with max pooling, the benchmark net in small', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
  ], { c: 1, h: 8, w: 8 }, { activation: 'relu', m: 4 });
  check('maxpool and avgpool (overlapping windows)', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'maxpool', size: 2 },
    { type: 'conv2d', filters: 2, kernel: 1 },
    { type: 'avgpool', size: 2, stride: 1 },
    { type: 'dense', units: 4 },
  ], img);
  check('maxpool with stride < size', [
    { type: 'conv2d', filters: 2, kernel: 3 },
    { type: 'maxpool', size: 3, stride: 1 },
  ], { c: 1, h: 7, w: 7 }, { head: 'sigmoid' });
  check('residual conv block, identity skip (2 layers)', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'residual', layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }] },
    { type: 'residual', layers: [{ type: 'conv2d', filters: 3, kernel: 1 }] },
  ], img);
  check('residual conv block with a strided 1×1 projection (3 layers)', [
    { type: 'conv2d', filters: 2, kernel: 3, padding: 'same' },
    { type: 'residual', layers: [
      { type: 'conv2d', filters: 4, kernel: 1 },
      { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' },
      { type: 'conv2d', filters: 3, kernel: 1 },
    ] },
  ], img);
  check('residual as the first layer (no input gradient) and dense residuals with a linear projection', [
    { type: 'residual', layers: [{ type: 'conv2d', filters: 2, kernel: 3, padding: 'same' }] },
    { type: 'flatten' },
    { type: 'residual', layers: [{ type: 'dense', units: 6 }, { type: 'dense', units: 5 }] },
    { type: 'residual', layers: [{ type: 'dense', units: 5 }, { type: 'dense', units: 5 }] },
  ], img);
  check('SkipInit: residual blocks with a trainable α', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'residual', layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }] },
    { type: 'flatten' },
    { type: 'residual', layers: [{ type: 'dense', units: 4 }] },
  ], img, { skipInit: true });
  check('batchnorm after conv (per channel) and after dense (per feature), training statistics', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same', activation: 'linear' },
    { type: 'batchnorm', activation: 'tanh' },
    { type: 'maxpool', size: 2 },
    { type: 'dense', units: 5, activation: 'linear' },
    { type: 'batchnorm' },
  ], img, { m: 4 });
  check('batchnorm inside residual branches', [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
    { type: 'residual', layers: [
      { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { type: 'batchnorm' },
      { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { type: 'batchnorm' },
    ] },
  ], img, { m: 4 });
});
