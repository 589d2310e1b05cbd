import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layersText } from '../../../src/nn/layers/describe.js';
import { flattenGroup, varyingFields } from '../../../src/experiments/sweep/summarize.js';

describe('layersText: network.layers as one line for tables, CSV and figure titles', () => {
  it('writes each layer with every field it gives, and runs of identical layers as n×layer', () => {
    const block = { type: 'residual', activation: 'linear', layers: [{ type: 'dense', units: 64 }, { type: 'dense', units: 64 }] };
    assert.equal(layersText([{ type: 'flatten' }, { type: 'dense', units: 64 }, ...new Array(25).fill(block)]), 'flatten, dense 64, 25×res[2×dense 64]/linear');
    assert.equal(
      layersText([{ type: 'conv2d', filters: 16, kernel: 3, stride: 2, padding: 'same', activation: 'tanh' }, { type: 'maxpool', size: 2 }, { type: 'batchnorm', momentum: 0.2, eps: 0.001 },
        { type: 'residual', skip: 'projection', layers: [{ type: 'conv2d', filters: 8, kernel: 1 }] }]),
      'conv 16k3 s2 psame/tanh, maxpool 2, batchnorm momentum 0.2 eps 0.001, res[conv 8k1] projection',
    );
  });

  it('keeps fields it does not know (as JSON) and anything that is not a list of layers, so different lists never read the same', () => {
    assert.equal(layersText([{ type: 'dense', units: 4, extra: 1 }]), 'dense 4 {"extra":1}');
    assert.equal(layersText([{ type: 'bogus' }]), '{"type":"bogus"}');
    assert.equal(layersText([1, 2]), '[1,2]');
    assert.notEqual(layersText([{ type: 'dense', units: 4 }]), layersText([{ type: 'dense', units: 4, activation: 'relu' }]));
  });

  it('the sweep summary shows it in place of the JSON, and a layers axis still varies', () => {
    const setting = (layers: unknown[]) => ({ data: { name: 'blobs', seed: 1 }, network: { hidden: [], activation: 'relu', layers }, training: { optimizer: { name: 'sgd' }, learningRate: 0.1, iterations: 1, logEvery: 1 } });
    const a = setting([{ type: 'dense', units: 4 }]);
    const b = setting([{ type: 'dense', units: 4 }, { type: 'batchnorm' }]);
    assert.deepEqual(flattenGroup(a as never, undefined).find(([k]) => k === 'network.layers'), ['network.layers', 'dense 4']);
    assert.deepEqual(varyingFields([{ setting: a, init: { name: 'he' } }, { setting: b, init: { name: 'he' } }] as never), ['network.layers']);
  });
});
