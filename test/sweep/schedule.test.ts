import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunConfig, RunRecord } from '../../src/experiments/runTypes.js';
import { runId } from '../../src/experiments/runId.js';
import { runSweep } from '../../src/experiments/sweep/run.js';
import { estimatedRunCost, longestFirst } from '../../src/experiments/sweep/schedule.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { runConfig as fakeRun } from './fakeRunner.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-schedule-'));
const manifest = { spec: {} };

/** A config of the given hidden widths, iterations and batch size on 100 points of 3 features. */
function config(hidden: number[], iterations: number, batchSize?: number): RunConfig {
  const [c] = expandSweep(
    parseSweepSpec({
      base: {
        data: { name: 'blobs', seed: 1, samples: 100, features: 3 },
        network: { hidden },
        training: { iterations, logEvery: 5, ...(batchSize !== undefined ? { batchSize } : {}) },
      },
    }),
  );
  return c!;
}

describe('sweep schedule: most expensive runs first', () => {
  it('estimates a run by weights × samples seen (worked by hand)', () => {
    // Widths 3-4-5-1: 3·4 + 4·5 + 5·1 = 37 weights. 10 updates of 20 samples, plus
    // ⌊10/5⌋ + 2 = 4 passes over the 100 points: 200 + 400 = 600 samples. 37 · 600 = 22200.
    assert.equal(estimatedRunCost(config([4, 5], 10, 20)), 22200);
    // Full batch (no batchSize): 10 · 100 + 400 = 1400 samples; 37 · 1400 = 51800.
    assert.equal(estimatedRunCost(config([4, 5], 10)), 51800);
    // A batch larger than the data is the full batch.
    assert.equal(estimatedRunCost(config([4, 5], 10, 1000)), 51800);
  });

  it('orders by estimated cost, largest first, ties in the given order', () => {
    const cs = [config([4], 10), config([8, 8], 10), config([4], 10), config([8, 8], 100), config([8, 8], 10)];
    assert.deepEqual(longestFirst(cs), [3, 1, 4, 0, 2]);
    assert.deepEqual(longestFirst([]), []);
  });

  it('runSweep trains the most expensive runs first and reports pending indices in expansion order', async () => {
    const cs = expandSweep(parseSweepSpec({ base: { training: { iterations: 20, logEvery: 10 } }, grid: { width: [2, 16, 4], depth: [1, 3], seeds: 1 } }));
    const trained: string[] = [];
    const recorded: number[] = [];
    const runner = (c: RunConfig): RunRecord => {
      trained.push(runId(c));
      return fakeRun(c);
    };
    await runSweep(tmp(), cs, { runner, manifest, onRecord: (r, i) => {
      assert.equal(r.id, runId(cs[i]!), 'onRecord gets the pending index of its run');
      recorded.push(i);
    } });
    // Weights with 2 inputs and 1 output (width × depth): 16×3: 32 + 256 + 256 + 16 = 560; 16×1: 48;
    // 4×3: 8 + 16 + 16 + 4 = 44; 2×3: 4 + 4 + 4 + 2 = 14; 4×1: 12; 2×1: 6. Same data and length for all.
    const widthDepth = recorded.map((i) => `${cs[i]!.network.hidden[0]}x${cs[i]!.network.hidden.length}`);
    assert.deepEqual(widthDepth, ['16x3', '16x1', '4x3', '2x3', '4x1', '2x1']);
    assert.deepEqual(trained, recorded.map((i) => runId(cs[i]!)));
  });

  it('the real runner on runs of different sizes: the same records, seconds apart, with 1 and 2 workers', async () => {
    const cs = expandSweep(
      parseSweepSpec({
        base: { data: { name: 'moons', seed: 2, samples: 60, noise: 0.1 }, training: { learningRate: 0.1, iterations: 30, logEvery: 10, batchSize: 16 } },
        grid: { inits: ['he', 'xavier'], width: [3, 12], depth: [1, 2], seeds: 1 },
      }),
    );
    const [a, b] = [tmp(), tmp()];
    await runSweep(a, cs, { workers: 1, manifest });
    await runSweep(b, cs, { workers: 2, manifest });
    const lines = (dir: string) =>
      readFileSync(join(dir, 'runs.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.replace(/"seconds":[^,}]+/, '"seconds":0'))
        .sort();
    const la = lines(a);
    assert.equal(la.length, 8);
    assert.deepEqual(la, lines(b));
    // With one worker the file is in schedule order: the 2×12 nets first.
    const first = JSON.parse(readFileSync(join(a, 'runs.jsonl'), 'utf8').split('\n')[0]!) as RunRecord;
    assert.deepEqual(first.config.network.hidden, [12, 12]);
  });
});
