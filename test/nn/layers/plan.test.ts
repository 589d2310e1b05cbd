import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputShapeFor, planLayers, type PlannedConv, type PlannedResidual } from '../../../src/nn/layers/plan.js';
import { UsageError } from '../../../src/util/errors.js';

/* network.layers resolved to shapes by the frameworks' rules, and every user mistake a UsageError naming the layer and the fix. */

const img = { c: 1, h: 28, w: 28 };

describe('planning network.layers', () => {
  it('shapes: PyTorch valid/numeric padding, TensorFlow same padding, pooling floors', () => {
    const p = planLayers([
      { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' }, // 28 → 28, pad 1 / 1
      { type: 'maxpool', size: 2 }, // 14
      { type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same' }, // ⌈14/2⌉ = 7, total pad (7−1)·2 + 3 − 14 = 1: top 0
      { type: 'conv2d', filters: 8, kernel: 3 }, // valid: 5
      { type: 'avgpool', size: 2 }, // ⌊(5 − 2)/2⌋ + 1 = 2
      { type: 'conv2d', filters: 4, kernel: 2, padding: 1 }, // 2 + 2 − 2 + 1 = 3
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'tanh' },
    ], img, 'relu');
    assert.deepEqual(p.map((l) => [l.out.c, l.out.h, l.out.w]), [[16, 28, 28], [16, 14, 14], [8, 7, 7], [8, 5, 5], [8, 2, 2], [4, 3, 3], [36, 1, 1], [10, 1, 1]]);
    const c = p[2] as PlannedConv;
    assert.deepEqual([c.padTop, c.padLeft], [0, 0]);
    assert.deepEqual([(p[0] as PlannedConv).padTop, (p[0] as PlannedConv).activation], [1, 'relu']);
  });

  it('residual: identity when the branch keeps the shape, a strided 1×1 projection when it does not, a linear one for dense', () => {
    const [a, b] = planLayers([
      { type: 'residual', layers: [{ type: 'conv2d', filters: 1, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 1, kernel: 3, padding: 'same' }] },
      { type: 'residual', layers: [{ type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' }] },
    ], img, 'relu') as PlannedResidual[];
    assert.equal(a!.projection, null);
    assert.deepEqual(a!.branch.map((l) => (l as PlannedConv).activation), ['relu', 'linear']);
    const proj = b!.projection as PlannedConv;
    assert.deepEqual([proj.kernel, proj.stride, proj.out.c, proj.out.h], [1, 2, 4, 14]);
    const [d] = planLayers([{ type: 'residual', layers: [{ type: 'dense', units: 5 }] }], { c: 7, h: 1, w: 1 }, 'relu') as PlannedResidual[];
    assert.equal(d!.projection!.kind, 'dense');
  });

  it('input shapes: explicit, a square image, or a vector', () => {
    assert.deepEqual(inputShapeFor(784), { c: 1, h: 28, w: 28 });
    assert.deepEqual(inputShapeFor(12, [3, 2, 2]), { c: 3, h: 2, w: 2 });
    assert.deepEqual(inputShapeFor(10), { c: 10, h: 1, w: 1 });
    assert.throws(() => inputShapeFor(10, [3, 2, 2]), /holds 12 values, but the data has 10 features/);
  });

  const refuse = (layers: unknown, re: RegExp, input = img) =>
    assert.throws(() => planLayers(layers, input, 'relu'), (e: unknown) => e instanceof UsageError && re.test(e.message), String(re));

  it('refuses mistakes, naming the layer and the fix', () => {
    refuse([], /must be a non-empty list/);
    refuse([{ type: 'conv2d', filter: 3, kernel: 3 }], /network\.layers\[0\]: unknown field 'filter' for a conv2d layer\. Did you mean 'filters'/);
    refuse([{ type: 'conv2d', kernel: 3 }], /network\.layers\[0\]: a conv2d layer needs 'filters'/);
    refuse([{ type: 'conv2d', filters: 2, kernel: 3, padding: 'full' }], /padding must be 'same', 'valid' or a whole number/);
    refuse([{ type: 'maxpool', size: 40 }], /a 40×40 window does not fit the 1×28×28 input/);
    refuse([{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernel: 1 }], /network\.layers\[1\]: conv2d needs an image input .* flat vector of 784 values/);
    refuse([{ type: 'conv2d', filters: 2, kernel: 1 }], /not a square image; set network\.inputShape/, { c: 10, h: 1, w: 1 });
    refuse([{ type: 'residual', layers: [1, 2, 3, 4].map(() => ({ type: 'dense', units: 3 })) }], /holds 1–3 conv2d or dense layers .* got 4/);
    refuse([{ type: 'residual', layers: [{ type: 'dense', units: 784, activation: 'relu' }] }], /last layer of a residual branch has no activation/);
    refuse([{ type: 'residual', layers: [{ type: 'maxpool', size: 2 }] }], /holds 1–3 conv2d or dense layers .* got 0/);
    refuse([{ type: 'batchnorm', momentum: 2 }], /momentum must be a number in \[0, 1\]/);
    refuse([{ type: 'dense', units: 4, activation: 'rellu' }], /unknown activation "rellu"\. Did you mean 'relu'/);
  });
});
