import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { UsageError } from '../../src/util/errors.js';

/* Sweep specs with network.layers (issue 14): accepted with no hidden, checked on the data's shape before any run. */

const layers = [
  { type: 'conv2d', filters: 4, kernel: 3, padding: 'same' },
  { type: 'maxpool', size: 2 },
  { type: 'flatten' },
];
const base = { data: { name: 'blobs', seed: 1, features: 16, centers: 3 }, network: { activation: 'relu', layers } };

describe('sweep specs with network.layers', () => {
  it('a base with layers and no hidden has hidden [] (not the default [10, 5]) and expands over inits', () => {
    const runs = expandSweep(parseSweepSpec({ base, grid: { seeds: 1, init: ['torch:kaiming_normal', 'torch:xavier_normal'] } }, 'spec.yaml'));
    assert.equal(runs.length, 2);
    for (const r of runs) {
      assert.deepEqual(r.network.hidden, []);
      assert.deepEqual(r.network.layers, layers);
    }
  });

  const refuse = (spec: unknown, re: RegExp) =>
    assert.throws(() => parseSweepSpec(spec, 'spec.yaml'), (e: unknown) => e instanceof UsageError && re.test(e.message), String(re));

  it('refuses a layer that does not fit the data (16 features = 1×4×4), naming it', () => {
    refuse({ base: { ...base, network: { activation: 'relu', layers: [{ type: 'conv2d', filters: 2, kernel: 5 }] } } }, /spec\.yaml: spec\.base\.network: network\.layers\[0\]: a 5×5 kernel does not fit the height of 4/);
  });
  it('refuses an init that cannot fill a conv kernel, in the grid', () => {
    refuse({ base, grid: { init: ['torch:kaiming_normal', 'he'] } }, /'he' accepts 2-D tensors/);
  });
  it('refuses hidden and layers together', () => {
    refuse({ base: { ...base, network: { activation: 'relu', layers, hidden: [3] } } }, /either hidden \[3\] or layers/);
  });
});
