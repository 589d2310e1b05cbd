import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runId } from '../../src/experiments/runId.js';
import type { RunnerRef } from '../../src/experiments/sweep/runner.js';
import { runSweep } from '../../src/experiments/sweep/run.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { UsageError } from '../../src/util/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-sweeprun-'));
const FAKE: RunnerRef = { module: new URL('./fakeRunner.ts', import.meta.url).href, export: 'runConfig' };
const manifest = { spec: {} };

/** runs.jsonl's lines sorted by id, without the timing field. */
function sortedRuns(dir: string): string[] {
  return readFileSync(join(dir, 'runs.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { id: string; seconds?: number })
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => JSON.stringify({ ...r, seconds: undefined }));
}

describe('runSweep on worker threads', () => {
  it('the same records with 1 and 3 workers (injected runner)', async () => {
    const cs = expandSweep(parseSweepSpec({ base: { training: { iterations: 40, logEvery: 10 } }, grid: { inits: ['zeros', 'he', 'xavier'], learningRate: [0.1, 10], seeds: 3 } }));
    const [a, b] = [tmp(), tmp()];
    const progress: number[] = [];
    const ra = await runSweep(a, cs, { workers: 1, runner: FAKE, manifest, onProgress: (i) => progress.push(i) });
    const rb = await runSweep(b, cs, { workers: 3, runner: FAKE, manifest });
    assert.equal(ra.ran, cs.length);
    assert.equal(rb.ran, cs.length);
    assert.ok(progress.length >= cs.length);
    assert.deepEqual(sortedRuns(a), sortedRuns(b));
    assert.deepEqual(sortedRuns(a).map((l) => (JSON.parse(l) as { id: string }).id), cs.map(runId).sort());
  });

  it("a run's UsageError stops the sweep with a message naming the run; finished runs stay stored", async () => {
    const cs = expandSweep(parseSweepSpec({ grid: { 'data.seed': [1, 666], seeds: 2 } }));
    const dir = tmp();
    await assert.rejects(runSweep(dir, cs, { workers: 1, runner: FAKE, manifest }), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /^run [0-9a-f]{16} \(init he, seed 0, data circles, hidden 10x5, lr 0\.01\): data seed 666 is cursed$/);
      return true;
    });
    assert.equal(sortedRuns(dir).length, 2);
  });

  it('the real runner: byte-identical records with 1 and 2 workers, ignoring time', async () => {
    const cs = expandSweep(
      parseSweepSpec({
        base: { data: { name: 'circles', seed: 3, samples: 80, noise: 0.1 }, network: { hidden: [4, 4] }, training: { learningRate: 0.5, iterations: 60, logEvery: 20 } },
        grid: { inits: ['zeros', 'random:scale=10', 'he'], seeds: 2, optimizer: ['sgd', 'adam'] },
      }),
    );
    const [a, b] = [tmp(), tmp()];
    const ra = await runSweep(a, cs, { workers: 1, manifest });
    await runSweep(b, cs, { workers: 2, manifest });
    assert.equal(ra.ran, 12);
    const sa = sortedRuns(a);
    assert.deepEqual(sa, sortedRuns(b));
    const first = JSON.parse(sa[0]!) as { config: unknown; metrics: unknown[]; symmetric: boolean };
    assert.equal(first.metrics.length, 4);
    const zeros = ra.records.filter((r) => r.config.init.name === 'zeros');
    assert.ok(zeros.every((r) => r.symmetric));
  });
});
