import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { runId } from '../../src/experiments/runId.js';
import type { RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import { decideRung, pointAt } from '../../src/experiments/sweep/earlyStop.js';
import { runConfig, runSegment } from '../../src/experiments/sweep/realRunner.js';
import { runSweep } from '../../src/experiments/sweep/run.js';
import type { RunSegment } from '../../src/experiments/sweep/runner.js';
import { checkpointPath, initialParamsPath, paramsPath } from '../../src/experiments/sweep/runFiles.js';
import { expandSweep, parseSweepSpec, type SweepSpec } from '../../src/experiments/sweep/spec.js';
import { TrainingSession } from '../../src/experiments/training.js';
import { decodeParams } from '../../src/train/paramsFile.js';

// Early termination in a real sweep (issue 13 item 3): six runs, hyperband with min_iter 50 and
// eta 3 over 300 updates — rungs at 50 and 150 — so ⌊6/3⌋ = 2 go on at 50 and 1 at 150. The
// references are independent of the rung machinery: the rule applied by hand to the values the
// records hold, and each run trained straight through with a plain TrainingSession.

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-earlystop-'));

const raw = {
  method: 'list',
  base: {
    data: { name: 'moons', seed: 2, samples: 120, noise: 0.2 },
    network: { hidden: [8, 8], activation: 'tanh' },
    training: { optimizer: 'adam', learningRate: 0.01, iterations: 300, logEvery: 50, batchSize: 16 },
  },
  runs: [{ lr: 0.001 }, { lr: 0.003 }, { lr: 0.01 }, { lr: 0.03 }, { lr: 0.0003 }, { lr: 0.01, inits: 'xavier' }],
  metric: { name: 'testLoss', goal: 'minimize' },
  earlyStop: { type: 'hyperband', min_iter: 50, eta: 3 },
  saveInitial: true,
};
const spec: SweepSpec = parseSweepSpec(raw);
const configs = expandSweep(spec);
const options = { manifest: { spec: raw }, earlyStop: { spec: spec.earlyStop!, metric: spec.metric! }, saveInitial: true };

const withoutSeconds = (r: RunRecord) => JSON.stringify({ ...r, seconds: 0 });
const byId = (records: readonly RunRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1)).map(withoutSeconds);

/** A run trained straight through `updates` updates with a plain session: its parameters' bits. */
function straightBits(config: RunConfig, updates: number): string {
  const s = new TrainingSession(config, makeDataset(config.data));
  s.advance(updates);
  const p = s.network.params;
  return [...p.weights, ...p.biases].map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')).join('|');
}
function storedBits(path: string): string {
  const { params } = decodeParams(readFileSync(path), path);
  return [...params.weights, ...params.biases].map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')).join('|');
}

describe('sweep early termination', async () => {
  const one = tmp();
  const outcome = await runSweep(one, configs, { ...options, workers: 1 });
  const records = outcome.records;

  it('records stopped runs as such, at their rung, and the rule decides which', () => {
    assert.equal(records.length, 6);
    // In spec order.
    const rec = configs.map((c) => records.find((r) => r.id === runId(c))!);
    assert.deepEqual(records.map((r) => r.status).sort(), ['ok', 'stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    for (const r of records) {
      if (r.status !== 'stopped') continue;
      assert.ok(r.stoppedAt === 50 || r.stoppedAt === 150);
      assert.equal(r.final.iteration, r.stoppedAt);
      assert.equal(r.metrics[r.metrics.length - 1]!.iteration, r.stoppedAt);
    }
    // Rung 50: all six report; hyperband keeps the best ⌊6/3⌋ = 2 by testLoss, in spec order on ties.
    const at50 = rec.map((r) => pointAt(r.metrics, 50)!.testLoss);
    const go50 = decideRung(spec.earlyStop!, spec.metric!, at50);
    rec.forEach((r, n) => assert.equal(r.stoppedAt === 50, !go50[n], `run ${n} at rung 50`));
    // Rung 150: the two promoted ones; the best goes on.
    const promoted = rec.filter((_, n) => go50[n]);
    const go150 = decideRung(spec.earlyStop!, spec.metric!, promoted.map((r) => pointAt(r.metrics, 150)!.testLoss));
    promoted.forEach((r, k) => assert.equal(r.status, go150[k] ? 'ok' : 'stopped'));
    assert.ok(!existsSync(join(one, 'checkpoints')), 'no checkpoint is left once every run has its record');
  });

  it('a promoted run, paused twice and continued from its checkpoints, is the run never paused, bit for bit', () => {
    const winner = records.find((r) => r.status === 'ok')!;
    const straight = runConfig(winner.config);
    assert.equal(withoutSeconds(winner), withoutSeconds(straight));
    assert.equal(storedBits(paramsPath(one, winner.id)), straightBits(winner.config, 300));
  });

  it('stores every run’s last parameters and, with saveInitial, its initial ones, config and version in the metadata', () => {
    for (const r of records) {
      const final = decodeParams(readFileSync(paramsPath(one, r.id)));
      assert.deepEqual(final.config, r.config);
      assert.equal(final.iteration, r.final.iteration);
      assert.equal(final.initlab, r.initlab.version);
      assert.equal(storedBits(paramsPath(one, r.id)), straightBits(r.config, r.final.iteration));
      const initial = decodeParams(readFileSync(initialParamsPath(one, r.id)));
      assert.equal(initial.iteration, 0);
      assert.equal(storedBits(initialParamsPath(one, r.id)), straightBits(r.config, 0));
    }
  });

  it('the same records with 2 worker threads', async () => {
    const two = tmp();
    const again = await runSweep(two, configs, { ...options, workers: 2 });
    assert.deepEqual(byId(again.records), byId(records));
  });

  it('a sweep killed mid-rung resumes to the same records', async () => {
    const dir = tmp();
    let calls = 0;
    // Dies on its 8th run: phase 0 (six runs) is done and one promoted run has reached rung 150.
    const dying = {
      segment: (config: RunConfig, onProgress: ((d: number, t: number) => void) | undefined, segment: RunSegment) => {
        if (++calls === 8) throw new Error('killed');
        return runSegment(config, onProgress, segment);
      },
    };
    await assert.rejects(runSweep(dir, configs, { ...options, runner: dying, storeParams: true }), /killed/);
    const paused = configs.map(runId).filter((id) => existsSync(checkpointPath(dir, id)));
    assert.equal(paused.length, 2, 'the two promoted runs wait in checkpoints');
    const resumed = await runSweep(dir, configs, { ...options, runner: { segment: runSegment }, storeParams: true });
    assert.equal(resumed.skipped, 4);
    assert.deepEqual(byId(resumed.records), byId(records));
  });

  it('a sweep that fails before its first record leaves nothing, paused runs’ files included', async () => {
    const dir = join(tmp(), 'out');
    let calls = 0;
    const dying = {
      segment: (config: RunConfig, onProgress: ((d: number, t: number) => void) | undefined, segment: RunSegment) => {
        if (++calls === 3) throw new Error('killed');
        return runSegment(config, onProgress, segment);
      },
    };
    await assert.rejects(runSweep(dir, configs, { ...options, runner: dying, storeParams: true }), /killed/);
    assert.ok(!existsSync(dir), 'no folder left');
  });
});
