import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runId } from '../../src/experiments/runId.js';
import { defaultBaseConfig, expandSweep, parseSweepSpec, readSweepSpec, sweepSize } from '../../src/experiments/sweep/spec.js';
import { UsageError } from '../../src/util/errors.js';

const expand = (raw: unknown) => expandSweep(parseSweepSpec(raw, 'spec.yaml'));

describe('sweep spec: expansion', () => {
  it('an empty grid is the base run, defaults filled in', () => {
    const configs = expand({});
    assert.deepEqual(configs, [defaultBaseConfig()]);
  });

  it('the product of the axes, first key outermost, last innermost', () => {
    const configs = expand({ grid: { inits: ['zeros', 'he'], learningRate: [0.1, 0.01, 0.001], seeds: 2 } });
    assert.equal(configs.length, 12);
    assert.deepEqual(
      configs.map((c) => [c.init.name, c.training.learningRate, c.initSeed]),
      [
        ['zeros', 0.1, 0], ['zeros', 0.1, 1], ['zeros', 0.01, 0], ['zeros', 0.01, 1], ['zeros', 0.001, 0], ['zeros', 0.001, 1],
        ['he', 0.1, 0], ['he', 0.1, 1], ['he', 0.01, 0], ['he', 0.01, 1], ['he', 0.001, 0], ['he', 0.001, 1],
      ],
    );
    // Reordering the keys reorders the runs, not the set of runs.
    const other = expand({ grid: { seeds: 2, learningRate: [0.1, 0.01, 0.001], inits: ['zeros', 'he'] } });
    assert.deepEqual(other.map(runId).sort(), configs.map(runId).sort());
    assert.deepEqual(other.slice(0, 2).map((c) => [c.initSeed, c.training.learningRate, c.init.name]), [[0, 0.1, 'zeros'], [0, 0.1, 'he']]);
  });

  it('is deterministic and every run has a distinct id', () => {
    const raw = { grid: { inits: ['zeros', 'random:scale=10', 'he', { name: 'xavier' }], depth: [1, 2, 3], width: [4, 8], 'data.noise': [0.05, 0.2], seeds: 5 } };
    const a = expand(raw);
    const b = expand(structuredClone(raw));
    assert.equal(a.length, 4 * 3 * 2 * 2 * 5);
    assert.equal(sweepSize(parseSweepSpec(raw)), a.length);
    assert.deepEqual(a, b);
    assert.equal(new Set(a.map(runId)).size, a.length);
  });

  it('depth × width become network.hidden; a lone depth uses the base width', () => {
    const c = expand({ grid: { depth: [1, 3], width: [2, 5] } });
    assert.deepEqual(c.map((x) => x.network.hidden), [[2], [5], [2, 2, 2], [5, 5, 5]]);
    const d = expand({ base: { network: { hidden: [7, 7] } }, grid: { depth: [1, 4] } });
    assert.deepEqual(d.map((x) => x.network.hidden), [[7], [7, 7, 7, 7]]);
    const w = expand({ grid: { width: [3] } });
    assert.deepEqual(w[0]!.network.hidden, [3, 3]); // base [10, 5] has depth 2
  });

  it('seeds: a count starts at base.initSeed; a list is taken as is', () => {
    assert.deepEqual(expand({ base: { initSeed: 100 }, grid: { seeds: 3 } }).map((c) => c.initSeed), [100, 101, 102]);
    assert.deepEqual(expand({ grid: { seeds: [7, 3] } }).map((c) => c.initSeed), [7, 3]);
  });

  it('inits: spec strings and objects, canonicalized with their defaults', () => {
    const c = expand({ grid: { inits: ['random', 'torch:kaiming_normal:mode=fan_out', { name: 'he' }] } });
    assert.deepEqual(c[0]!.init, { name: 'random', scale: 10 });
    assert.equal(c[1]!.init.name, 'torch:kaiming_normal');
    assert.equal(c[1]!.init['mode'], 'fan_out');
    assert.deepEqual(c[2]!.init, { name: 'he' });
    assert.deepEqual(expand({ base: { init: 'random:scale=2' } })[0]!.init, { name: 'random', scale: 2 });
  });

  it('friendly keys and dotted paths reach the right fields; named values merge over the base', () => {
    const c = expand({
      base: { data: { name: 'circles', seed: 4, noise: 0.2, samples: 100 }, training: { optimizer: { name: 'adam', beta1: 0.8 } } },
      grid: { data: ['circles', 'moons'], optimizer: ['adam', 'sgd'], activation: ['tanh'], batchSize: [16], iterations: [50], 'training.l2': [0.001] },
    });
    assert.equal(c.length, 4);
    assert.deepEqual(c[0]!.data, { name: 'circles', seed: 4, noise: 0.2, samples: 100 });
    assert.deepEqual(c[0]!.training.optimizer, { name: 'adam', beta1: 0.8 });
    assert.deepEqual(c[1]!.training.optimizer, { name: 'sgd' });
    assert.deepEqual(c[2]!.data, { name: 'moons', seed: 4 });
    assert.equal(c[0]!.network.activation, 'tanh');
    assert.equal(c[0]!.training.batchSize, 16);
    assert.equal(c[0]!.training.iterations, 50);
    assert.equal(c[0]!.training.l2, 0.001);
    // data then data.noise: shorter paths first, whatever the key order
    const n = expand({ grid: { 'data.noise': [0.3], data: ['moons'] } });
    assert.deepEqual(n[0]!.data, { name: 'moons', seed: 1, noise: 0.3 });
  });

  it('reads JSON and YAML files by extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-spec-'));
    const yaml = join(dir, 's.yaml');
    writeFileSync(yaml, 'base:\n  training: { iterations: 10, logEvery: 5 }\ngrid:\n  inits: [zeros, "random:scale=10"]\n  learningRate: [1e-3, 0.1]\n');
    const json = join(dir, 's.json');
    writeFileSync(json, JSON.stringify({ base: { training: { iterations: 10, logEvery: 5 } }, grid: { inits: ['zeros', 'random:scale=10'], learningRate: [0.001, 0.1] } }));
    assert.deepEqual(expandSweep(readSweepSpec(yaml).spec), expandSweep(readSweepSpec(json).spec));
  });
});

describe('sweep spec: errors name the field path', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a bad grid value', { grid: { learningRate: [0.1, 0.01, -1] } }, /^spec\.yaml: spec\.grid\.learningRate\[2\]: must be > 0 \(got -1\)\.$/],
    ['a bad dotted-path value', { grid: { 'data.noise': [0.1, -0.5] } }, /spec\.grid\["data\.noise"\]\[1\]: data set 'circles': parameter 'noise'/],
    ['an unknown data parameter', { grid: { 'data.noize': [0.1] } }, /spec\.grid\["data\.noize"\]\[0\]: unknown parameter 'noize' for data set 'circles'; it accepts: .*\. Did you mean 'noise'/],
    ['an unknown data set', { grid: { data: ['circles', 'moon'] } }, /spec\.grid\.data\[1\]\.name: unknown data set 'moon'\. Did you mean 'moons'/],
    ['a bad base field', { base: { training: { learningRate: 0 } } }, /spec\.base\.training\.learningRate: must be > 0/],
    ['an unknown base field', { base: { training: { lr: 0.1 } } }, /spec\.base\.training: unknown field 'lr'/],
    ['a bad base data parameter', { base: { data: { name: 'moons', samples: 1 } } }, /spec\.base\.data: data set 'moons': parameter 'samples'/],
    ['an unknown top-level field', { grids: {} }, /spec: unknown field 'grids' \(did you mean 'grid'\?\)/],
    ['a misspelled base field', { base: { trainig: {} } }, /spec\.base: unknown field 'trainig' \(did you mean 'training'\?\) — remove or rename it/],
    ['a misspelled nested field', { base: { network: { hiden: [4] } } }, /spec\.base\.network: unknown field 'hiden' \(did you mean 'hidden'\?\)/],
    ['a far-off field gets no guess', { base: { training: { zzz: 1 } } }, /spec\.base\.training: unknown field 'zzz' — remove or rename it/],
    ['an unknown init', { grid: { inits: ['zeros', 'hee'] } }, /spec\.grid\.inits\[1\]: unknown initializer 'hee'\. Did you mean 'he'/],
    ['a bad init parameter', { grid: { inits: ['random:scale=-1'] } }, /spec\.grid\.inits\[0\]: initializer 'random': parameter 'scale' must be a finite number in \(0, ∞\), got -1\./],
    ['an unknown grid key', { grid: { learningrate: [0.1] } }, /spec\.grid\.learningrate: unknown grid key 'learningrate'\. Did you mean 'learningRate'/],
    ['an unknown config field by path', { grid: { 'training.foo': [1] } }, /spec\.grid\["training\.foo"\]: training has no field 'foo'/],
    ['a value that is not a list', { grid: { iterations: 5 } }, /spec\.grid\.iterations: expected a list of values/],
    ['an empty list', { grid: { iterations: [] } }, /spec\.grid\.iterations: must list at least one value/],
    ['a repeated value', { grid: { inits: ['he', { name: 'he' }] } }, /spec\.grid\.inits\[1\]: repeats spec\.grid\.inits\[0\]/],
    ['two keys for one field', { grid: { init: ['he'], inits: ['zeros'] } }, /spec\.grid: 'init' and 'inits' both set init/],
    ['depth with hidden', { grid: { depth: [1], hidden: [[3]] } }, /both set network\.hidden/],
    ['depth on a non-uniform base', { grid: { depth: [1, 2] } }, /spec\.grid\.depth: base\.network\.hidden \[10, 5\] has no single width/],
    ['a bad depth', { grid: { depth: [0], width: [4] } }, /spec\.grid\.depth\[0\]: depth must be a whole number from 1 to 10000/],
    ['a bad seed count', { grid: { seeds: 0 } }, /spec\.grid\.seeds: a seed count must be a whole number/],
    ['a fractional seed', { grid: { seeds: [1, 2.5] } }, /spec\.grid\.seeds\[1\]: must be an integer \(got 2\.5\)/],
    ['an unknown activation', { grid: { activation: ['relu', 'tanhh'] } }, /spec\.grid\.activation\[1\]: unknown activation 'tanhh'\. Did you mean 'tanh'/],
    ['a bad optimizer parameter', { grid: { optimizer: ['sgd', { name: 'adam', beta1: 2 }] } }, /spec\.grid\.optimizer\[1\]: optimizer 'adam': parameter 'beta1' must be a finite number in \[0, 1\), got 2\./],
    ['an invalid combination', { grid: { data: ['circles', 'blobs'], 'data.noise': [0.1] } }, /spec\.grid: the combination data=.*blobs.*data\.noise=0\.1 gives an invalid run: data: unknown parameter 'noise' for data set 'blobs'/],
    ['two combinations that are one run', { grid: { data: [{ name: 'circles', noise: 0.1 }, { name: 'circles', noise: 0.2 }], 'data.noise': [0.3] } }, /spec\.grid: the combinations .* give the same run/],
    ['a non-object spec', [1, 2], /spec: the file must hold an object/],
  ];
  for (const [what, raw, message] of cases) {
    it(`rejects ${what}`, () => {
      assert.throws(() => expand(raw), (err: unknown) => {
        assert.ok(err instanceof UsageError, String(err));
        assert.match(err.message, message);
        assert.equal(err.message.split('\n').length, 1);
        return true;
      });
    });
  }

  it('rejects files it cannot read or parse, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-spec-'));
    const bad = (name: string, text: string, message: RegExp) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      assert.throws(() => readSweepSpec(path), (err: unknown) => err instanceof UsageError && message.test(err.message) && err.message.startsWith(path) && !err.message.includes('\n'));
    };
    bad('a.yaml', 'grid: [1, 2\n', /not valid YAML/);
    bad('a.json', '{"grid": ', /not valid JSON/);
    bad('a.txt', '{}', /must be a \.json, \.yaml or \.yml file/);
    bad('b.yml', 'grid:\n  learningRate: [0.1, -1]\n', /b\.yml: spec\.grid\.learningRate\[1\]: must be > 0/);
    assert.throws(() => readSweepSpec(join(dir, 'missing.yaml')), /cannot read the file \(ENOENT\)/);
  });
});

describe('sweep spec: the documented example', () => {
  it('test/sweep/fixtures/example.yaml expands to 480 runs', () => {
    const { spec } = readSweepSpec(new URL('./fixtures/example.yaml', import.meta.url).pathname);
    const configs = expandSweep(spec);
    assert.equal(configs.length, 4 * 3 * 2 * 2 * 10);
    assert.equal(spec.name, 'init-vs-depth');
    assert.deepEqual(configs[0]!.network.hidden, [8]);
    assert.deepEqual(configs[configs.length - 1]!.network.hidden, [32, 32, 32, 32]);
    assert.deepEqual(configs[0]!.training, { optimizer: { name: 'sgd' }, learningRate: 0.01, iterations: 3000, logEvery: 100, targetLoss: 0.2 });
  });
});

describe('parseSweepSpec leaves its input alone', () => {
  it('does not rewrite the caller\'s object (sweep.json records the spec as written)', () => {
    const raw = { base: { training: { optimizer: 'sgd' }, data: 'moons' }, grid: { optimizer: ['sgd', 'adam'], data: ['moons', 'circles'] } };
    const before = JSON.stringify(raw);
    parseSweepSpec(raw);
    assert.equal(JSON.stringify(raw), before);
  });
});
