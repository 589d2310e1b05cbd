import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { runSweep } from '../../src/experiments/sweep/run.js';
import { paramsPath } from '../../src/experiments/sweep/runFiles.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { DenseNetwork } from '../../src/nn/network.js';
import type { LayerNetwork } from '../../src/nn/layers/network.js';
import { boundaryRun, predictClasses } from '../../src/report/html/replay.js';
import { decodeParams, encodeParams, networkFromParams } from '../../src/train/paramsFile.js';

// `report` draws decision boundaries from DIR/params (issue 13 item 4) without training. Proof:
// with the stored file replaced by other parameters (same run, same iteration), the boundary is
// the one those parameters give — training again would have given the recorded run's — and the
// mismatch with the record is reported, not hidden.

const raw = {
  base: { data: { name: 'circles', seed: 1, samples: 120, noise: 0.1 }, network: { hidden: [6], activation: 'relu' }, training: { learningRate: 0.5, iterations: 400, logEvery: 100 } },
  grid: { inits: ['he', 'xavier'] },
};

const grid = (() => {
  const n = 40;
  const x = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    x[j * n + i] = -1.5 + (3 * i) / (n - 1);
    x[n * n + j * n + i] = -1.5 + (3 * j) / (n - 1);
  }
  return { x, m: n * n };
})();
const bits = (n: DenseNetwork | LayerNetwork) => [...n.params.weights, ...n.params.biases].map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex'));
const classesOf = (net: DenseNetwork | LayerNetwork) => Array.from(predictClasses(net, grid.x, grid.m).classes);

describe('decision boundaries from stored parameters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-boundary-'));
  const { records } = await runSweep(dir, expandSweep(parseSweepSpec(raw)), { workers: 1, manifest: { spec: raw } });
  const data = makeDataset(records[0]!.config.data);

  it('loads the stored final parameters: the boundary is theirs, and they match the record', () => {
    for (const r of records) {
      const run = boundaryRun(dir, r, data);
      assert.equal(run.source, 'stored');
      assert.ok(run.matches, `train loss ${run.trainLoss} vs recorded ${r.final.trainLoss}`);
      const fromFile = networkFromParams(readFileSync(paramsPath(dir, r.id)));
      assert.deepEqual(classesOf(run.net), classesOf(fromFile));
    }
  });

  it('does not train: other parameters in the file give their boundary and a reported mismatch', () => {
    const [a, b] = records;
    // b's final parameters under a's name (a's config and final iteration in the metadata).
    const other = networkFromParams(readFileSync(paramsPath(dir, b!.id)));
    writeFileSync(paramsPath(dir, a!.id), encodeParams(other, { config: a!.config, iteration: a!.final.iteration }));
    const run = boundaryRun(dir, a!, data);
    assert.equal(run.source, 'stored');
    assert.equal(run.matches, false);
    assert.deepEqual(classesOf(run.net), classesOf(other));
    assert.deepEqual(bits(run.net), bits(other));
    assert.equal(decodeParams(readFileSync(paramsPath(dir, a!.id))).iteration, a!.final.iteration);
  });

  it('trains again only when the file is not this run’s, saying why', () => {
    const [a, b] = records;
    writeFileSync(paramsPath(dir, a!.id), readFileSync(paramsPath(dir, b!.id)));
    const run = boundaryRun(dir, a!, data);
    assert.equal(run.source, 'retrained');
    assert.match(run.storedProblem ?? '', /holds another run's parameters/);
    assert.ok(run.matches);
  });
});
