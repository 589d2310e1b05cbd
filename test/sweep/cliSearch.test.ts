import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

// `initlab sweep` with a random search, a metric and early termination, end to end.

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-sweepsearch-'));

const SPEC = `name: lr-search
method: random
count: 6
seed: 3
base:
  data: { name: moons, seed: 1, samples: 120, noise: 0.2 }
  network: { hidden: [8], activation: tanh }
  training: { optimizer: adam, iterations: 200, logEvery: 20, batchSize: 16 }
parameters:
  learningRate: { distribution: log_uniform, min: 0.0003, max: 0.1 }
  inits: [he, xavier]
metric: { name: testLoss, goal: minimize }
earlyStop: { type: median, min_iter: 40, eta: 2 }
`;

interface Rec { id: string; status: string; stoppedAt?: number; final: { iteration: number; testLoss: number } }
const records = (dir: string): Rec[] =>
  readFileSync(join(dir, 'runs.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Rec);

describe('initlab sweep: random search with early termination', () => {
  it('stops runs at rungs, records them as stopped, ranks by the metric; a re-run resumes nothing', async () => {
    const dir = tmp();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, SPEC);
    const out = join(dir, 'out');
    const r = await runCli(['sweep', spec, '--out', out, '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /lr-search: 6 runs in 6 groups \(mean ± 95% CI over init seeds; ranked across the sweep by testLoss, minimized\)/);
    const recs = records(out);
    assert.equal(recs.length, 6);
    const stopped = recs.filter((x) => x.status === 'stopped');
    assert.ok(stopped.length > 0, 'the median rule stops the worse half at the first rung');
    for (const x of stopped) {
      assert.ok([40, 80, 160].includes(x.stoppedAt!), String(x.stoppedAt));
      assert.equal(x.final.iteration, x.stoppedAt);
    }
    assert.ok(!existsSync(join(out, 'checkpoints')));
    // The table is the leaderboard: testLoss column in ascending order.
    const values = [...r.stdout.matchAll(/│ (\d+\.\d+|\d+) +│ \d+(?:\.\d+)?% +│ \d+(?:\.\d+)?% +│ \d+(?:\.\d+)?% +│ (\d+) +│\n/g)].map((m) => Number(m[1]));
    assert.equal(values.length, 6, r.stdout);
    assert.deepEqual(values, [...values].sort((a, b) => a - b));

    const s = await runCli(['summarize', out]);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /ranked across the sweep by testLoss, minimized/);
    const again = await runCli(['sweep', spec, '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 runs done \(6 finished earlier, skipped\)/);
  });

  it('a rung where nothing is logged: one line, exit 2, nothing written', async () => {
    const dir = tmp();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, SPEC.replace('min_iter: 40', 'min_iter: 30'));
    const out = join(dir, 'out');
    const r = await runCli(['sweep', spec, '--out', out]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^initlab: .*spec\.earlyStop: rung 30 \(min_iter 30 · eta\^k\) is not a multiple of training\.logEvery 20, so no metric is logged there; make min_iter a multiple of logEvery\n$/);
    assert.ok(!existsSync(out));
  });
});
