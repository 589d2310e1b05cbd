import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fansFor, initialize, listInitializers, resolveInit } from '../../src/init/index.js';
import { convShape, initializeLayerNetwork } from '../../src/init/layerNetwork.js';
import { planLayers, type PlannedConv } from '../../src/nn/layers/plan.js';
import { DefaultRandom, NumpyRandomState } from '../../src/random/index.js';

/*
 * Conv kernels drawn by every registry initializer that accepts 4-D tensors, each in its framework's
 * layout with its fan rule: PyTorch (out, in, kh, kw) and Keras/TF.js/JAX (kh, kw, in, out). The
 * closed forms: fan_in = in·kh·kw, fan_out = out·kh·kw in both layouts (PyTorch's
 * _calculate_fan_in_and_fan_out; Keras's _compute_fans with receptive field kh·kw; JAX's
 * _compute_fans with in_axis −2, out_axis −1).
 */

const conv = planLayers([{ type: 'conv2d', filters: 6, kernel: 3, padding: 'same' }, { type: 'flatten' }], { c: 4, h: 5, w: 5 }, 'relu');
const convPlan = conv[0] as PlannedConv;
const fourD = listInitializers().filter((d) => !d.dataDependent && d.name !== 'fixup' && d.name !== 'skipinit' && (d.ranks ?? [2, 2])[0] <= 4 && (d.ranks ?? [2, 2])[1] >= 4);

describe('layer network initialization', () => {
  it('finds 4-D initializers of every framework', () => {
    for (const fw of ['torch', 'keras', 'tfjs', 'jax']) assert.ok(fourD.some((d) => d.framework === fw), fw);
  });

  for (const def of fourD) {
    it(`${def.name}: the conv kernel's fans are in·k² and out·k², and the kernel is the tensor drawn in its layout`, () => {
      const init = resolveInit(def.name);
      const shape = convShape(def, convPlan);
      assert.deepEqual(shape, def.layout === 'in-out' ? [3, 3, 4, 6] : [6, 4, 3, 3]);
      const fans = fansFor(def, shape, init.params);
      // dirac/delta-orthogonal-style rules need square spatial dims only; the fans are the framework's all the same.
      assert.deepEqual(fans, { fanIn: 4 * 9, fanOut: 6 * 9 });
      const params = initializeLayerNetwork(init, conv, new NumpyRandomState(), 7);
      const direct = initialize(init, shape, (() => { const r = new NumpyRandomState(); r.seed(7); return r; })()).values;
      const w = params.weights[0]!;
      for (let f = 0; f < 6; f++) for (let c = 0; c < 4; c++) for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
        const at = def.layout === 'in-out' ? ((ky * 3 + kx) * 4 + c) * 6 + f : ((f * 4 + c) * 3 + ky) * 3 + kx;
        assert.equal(w[((f * 4 + c) * 3 + ky) * 3 + kx], direct[at], `${def.name} [${f},${c},${ky},${kx}]`);
      }
    });
  }

  it("torch:kaiming_normal on a 64×32×3×3 conv has std √(2/(32·9)) (sample std within 3 standard errors)", () => {
    const net = planLayers([{ type: 'conv2d', filters: 64, kernel: 3 }], { c: 32, h: 5, w: 5 }, 'relu');
    const w = initializeLayerNetwork(resolveInit('torch:kaiming_normal'), net, new DefaultRandom(1), 3).weights[0]!;
    let ss = 0;
    for (const v of w) ss += v * v;
    const std = Math.sqrt(ss / w.length);
    const want = Math.sqrt(2 / (32 * 9));
    // The sample std of n normals has standard error ≈ σ/√(2n).
    assert.ok(Math.abs(std - want) < 3 * want / Math.sqrt(2 * w.length), `${std} vs ${want}`);
  });

  it('batchnorm starts at γ = 1, β = 0; SkipInit α at 0; projection kernels are drawn after their branch', () => {
    const layers = planLayers([
      { type: 'conv2d', filters: 2, kernel: 3, padding: 'same', activation: 'linear' }, { type: 'batchnorm' },
      { type: 'residual', layers: [{ type: 'conv2d', filters: 3, kernel: 3, padding: 'same' }] },
    ], { c: 1, h: 4, w: 4 }, 'relu');
    const p = initializeLayerNetwork(resolveInit('skipinit'), layers, new DefaultRandom(1), 3);
    assert.deepEqual(p.weights.map((w) => w.length), [2 * 9, 3 * 2 * 9, 3 * 2]);
    assert.deepEqual(p.biases.map((b) => [...b]), [[0, 0], [1, 1], [0, 0], [0, 0, 0], [0, 0, 0], [0]]);
  });

  it('refuses a dense-only initializer on a conv kernel, naming the layer', () => {
    assert.throws(() => initializeLayerNetwork(resolveInit('he'), conv, new DefaultRandom(1), 1), /network\.layers\[0\]: 'he' accepts 2-D tensors/);
  });
});
