import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { DataSpec, RunConfig } from '../../src/experiments/runTypes.js';
import { canonicalJson, runId } from '../../src/experiments/runId.js';
import { runOne } from '../../src/experiments/runOne.js';
import { DefaultRandom } from '../../src/random/index.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { VERSION } from '../../src/version.js';

function makeData(spec: DataSpec): TrainingData {
  const make = (n: number, seed: number) => {
    const rng = new DefaultRandom(seed);
    const x = new Float64Array(2 * n);
    const y = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      x[s] = rng.uniform(-1, 1);
      x[n + s] = rng.uniform(-1, 1);
      y[s] = x[s]! * x[n + s]! > 0 ? 1 : 0;
    }
    return { nFeatures: 2, nSamples: n, x, y };
  };
  return { train: make(120, spec.seed), test: make(40, spec.seed + 1000), nClasses: 2, task: 'binary' };
}

const config: RunConfig = {
  data: { name: 'xor', seed: 5, noise: 0.1 },
  network: { hidden: [6], activation: 'tanh' },
  init: { name: 'xavier' },
  initSeed: 1,
  training: { optimizer: { name: 'adam', beta1: 0.8 }, learningRate: 0.05, iterations: 120, logEvery: 40, batchSize: 30 },
};

describe('canonicalJson and runId', () => {
  it('sorts keys recursively, keeps array order, drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    assert.equal(canonicalJson([{ b: 2, a: 1 }]), '[{"a":1,"b":2}]');
    assert.equal(canonicalJson('x'), '"x"');
  });
  it('is the first 16 hex digits of the SHA-256 of the canonical JSON, whatever the key order', () => {
    const id = runId(config);
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(id, createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 16));
    const reordered: RunConfig = {
      training: { batchSize: 30, logEvery: 40, iterations: 120, learningRate: 0.05, optimizer: { beta1: 0.8, name: 'adam' } },
      initSeed: 1,
      init: { name: 'xavier' },
      network: { activation: 'tanh', hidden: [6] },
      data: { noise: 0.1, seed: 5, name: 'xor' },
    };
    assert.equal(runId(reordered), id);
    assert.notEqual(runId({ ...config, initSeed: 2 }), id);
    assert.notEqual(runId({ ...config, network: { ...config.network, hidden: [6, 1] } }), id);
  });
});

describe('runOne', () => {
  it('makes the data from config.data, trains, and stamps id and version', () => {
    const seen: DataSpec[] = [];
    const record = runOne(config, (spec) => {
      seen.push(spec);
      return makeData(spec);
    });
    assert.deepEqual(seen, [config.data]);
    assert.equal(record.id, runId(config));
    assert.deepEqual(record.initlab, { version: VERSION });
    assert.deepEqual(record.config, config);
    assert.equal(record.status, 'ok');
    assert.deepEqual(record.metrics.map((p) => p.iteration), [0, 40, 80, 120]);
    assert.deepEqual(Object.keys(record), ['id', 'config', 'status', 'symmetric', 'metrics', 'final', 'iterationsToTarget', 'seconds', 'initlab']);
    // JSON round trip (a runs.jsonl line) keeps everything.
    assert.deepEqual(JSON.parse(JSON.stringify(record)), record);
  });
  it('gives identical records for the same config (but for seconds)', () => {
    const a = runOne(config, makeData);
    const b = runOne(structuredClone(config), makeData);
    assert.deepEqual({ ...a, seconds: 0 }, { ...b, seconds: 0 });
  });
});
