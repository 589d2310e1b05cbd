import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '../../src/init/index.js';
import { defaultCompareConfig, resolveCompareConfig, validateCompareInput } from '../../src/experiments/config.js';
import { UsageError } from '../../src/util/errors.js';
import { readReference } from '../helpers/reference.js';

describe('compare config', () => {
  it('defaults equal the notebook experiment (coursera-initialization.json config)', () => {
    const ref = readReference<{ config: { data: Record<string, unknown>; network: { layers: number[] }; training: Record<string, unknown> } }>('coursera-initialization.json').config;
    const d = defaultCompareConfig();
    for (const key of ['trainSamples', 'testSamples', 'noise', 'trainSeed', 'testSeed'] as const) assert.equal(d.data[key], ref.data[key]);
    assert.deepEqual([2, ...d.network.hidden, 1], ref.network.layers);
    for (const key of ['learningRate', 'iterations', 'logEvery'] as const) assert.equal(d.training[key], ref.training[key]);
    assert.equal(d.initSeed, 3);
    assert.deepEqual(d.inits.map((i) => i.name), ['zeros', 'random', 'he']);
  });

  it('layers file values over defaults and flags over the file, and canonicalizes inits', () => {
    const c = resolveCompareConfig({ training: { iterations: 10, logEvery: 5 }, inits: [{ name: 'random' }] }, { training: { iterations: 20 } });
    assert.equal(c.training.iterations, 20);
    assert.equal(c.training.logEvery, 5);
    assert.equal(c.training.learningRate, 0.01);
    assert.deepEqual(c.inits, [{ name: 'random', scale: 10 }]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['negative sizes', { data: { trainSamples: -5 } }, /config\.data\.trainSamples: must be ≥ 2/],
    ['fractional iterations', { training: { iterations: 1.5 } }, /config\.training\.iterations: must be an integer/],
    ['lr ≤ 0', { training: { learningRate: 0 } }, /config\.training\.learningRate: must be > 0/],
    ['hidden sizes that are not positive', { network: { hidden: [10, 0] } }, /config\.network\.hidden\[1\]: must be ≥ 1/],
    ['unknown fields', { training: { epochs: 3 } }, /config\.training: unknown field 'epochs'/],
    ['a misspelled field', { trainig: {} }, /config: unknown field 'trainig' \(did you mean 'training'\?\) — remove or rename it/],
    ['a misspelled nested field', { training: { iteratons: 5 } }, /config\.training: unknown field 'iteratons' \(did you mean 'iterations'\?\)/],
    ['wrong types', { initSeed: 'three' }, /config\.initSeed: expected number/],
    ['seeds out of numpy\'s range', { initSeed: 2 ** 32 }, /config\.initSeed: must be < 2\^32/],
    ['empty init lists', { inits: [] }, /config\.inits: must list at least one/],
    ['inits without a name', { inits: [{ scale: 3 }] }, /config\.inits\[0\]\.name: expected string/],
    ['other data sets', { data: { name: 'moons' } }, /config\.data\.name: unknown data set 'moons'\. Known: circles/],
  ];
  for (const [what, raw, message] of bad) {
    it(`rejects ${what} naming the field path`, () => {
      assert.throws(() => validateCompareInput(raw), (err: Error) => err instanceof UsageError && message.test(err.message));
    });
  }

  it('rejects an unknown init name in the config with a suggestion', () => {
    assert.throws(() => resolveCompareConfig({ inits: [{ name: 'xavir' }] }), /unknown initializer 'xavir'.*'xavier'/);
  });
});
