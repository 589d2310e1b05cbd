import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeRuns, summaryCsv } from '../../src/experiments/sweep/summarize.js';
import { formatSummary } from '../../src/experiments/sweep/table.js';
import type { RunRecord } from '../../src/experiments/runTypes.js';
import { config, record } from './helpers.js';

const T975_1 = 12.706204736;
const T975_4 = 2.776445105;
const close = (a: number | null | undefined, b: number, tol = 1e-9) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** he: 5 seeds, test acc 0.90 … 0.98; zeros: 2 seeds, symmetric; random: 2 seeds, one diverged. */
function records(): RunRecord[] {
  const he = [0.9, 0.92, 0.94, 0.96, 0.98].map((acc, seed) => record(config('he', seed), { trainLoss: 0.1 * (seed + 1), trainAccuracy: acc + 0.01, testAccuracy: acc }));
  const zeros = [0, 1].map((seed) => record(config('zeros', seed), { trainLoss: 0.69, trainAccuracy: 0.5, testAccuracy: 0.5 }, { symmetric: true }));
  const random = [
    record(config('random', 0), { trainLoss: 0.4, trainAccuracy: 0.8, testAccuracy: 0.7 }),
    record(config('random', 1), { trainLoss: Number.NaN, trainAccuracy: 0.5, testAccuracy: 0.6 }, { status: 'diverged', divergedAt: 10 }),
  ];
  return [...zeros, ...random, ...he];
}

describe('summarize', () => {
  it('groups by everything but the seed, with mean, sample std and t-based 95% CI', () => {
    const s = summarizeRuns(records());
    assert.equal(s.runs, 9);
    assert.equal(s.groups.length, 3);
    const he = s.groups.find((g) => g.init.name === 'he')!;
    assert.equal(he.runs, 5);
    assert.deepEqual(he.seeds, [0, 1, 2, 3, 4]);
    // test acc 0.90, 0.92, 0.94, 0.96, 0.98: mean 0.94, s² = (4+1+0+1+4)·0.0004/4 = 0.001
    close(he.testAccuracy.mean, 0.94, 1e-15);
    close(he.testAccuracy.std, Math.sqrt(0.001), 1e-15);
    const half = (T975_4 * Math.sqrt(0.001)) / Math.sqrt(5);
    close(he.testAccuracy.ci95![0], 0.94 - half);
    close(he.testAccuracy.ci95![1], 0.94 + half);
    close(he.testAccuracy.min, 0.9, 0);
    close(he.testAccuracy.max, 0.98, 0);
    // loss 0.1 … 0.5: mean 0.3, s² = 0.025
    close(he.finalTrainLoss.mean, 0.3, 1e-15);
    close(he.finalTrainLoss.std, Math.sqrt(0.025), 1e-15);
    close(he.trainAccuracy.mean, 0.95, 1e-15);
    assert.equal(he.diverged, 0);
    assert.equal(he.symmetric, 0);
    assert.equal(he.iterationsToTarget, null); // no targetLoss in the config

    const zeros = s.groups.find((g) => g.init.name === 'zeros')!;
    assert.equal(zeros.symmetric, 1);
    assert.equal(zeros.testAccuracy.std, 0);

    // random: the diverged run's NaN loss is left out of the loss stats, its accuracy is not
    const random = s.groups.find((g) => g.init.name === 'random')!;
    assert.equal(random.diverged, 0.5);
    assert.equal(random.finalTrainLoss.n, 1);
    assert.equal(random.finalTrainLoss.mean, 0.4);
    assert.equal(random.finalTrainLoss.std, null);
    assert.equal(random.testAccuracy.n, 2);
    close(random.testAccuracy.mean, 0.65, 1e-15);
    close(random.testAccuracy.std, Math.sqrt(0.005), 1e-15);
    close(random.testAccuracy.ci95![1] - 0.65, (T975_1 * Math.sqrt(0.005)) / Math.SQRT2);
    assert.equal(random.label, 'random (randn×10)');
  });

  it('ranks the inits of each setting by mean test accuracy, ties by mean final loss', () => {
    const s = summarizeRuns(records());
    assert.equal(s.rankings.length, 1);
    assert.deepEqual(s.rankings[0]!.inits.map((r) => [r.rank, r.init.name]), [[1, 'he'], [2, 'random'], [3, 'zeros']]);
    // A tie on accuracy is broken by the loss; a tie on both shares the rank.
    const tie = [
      record(config('he', 0), { trainLoss: 0.3, trainAccuracy: 1, testAccuracy: 0.9 }),
      record(config('xavier', 0), { trainLoss: 0.2, trainAccuracy: 1, testAccuracy: 0.9 }),
      record(config('zeros', 0), { trainLoss: 0.3, trainAccuracy: 1, testAccuracy: 0.9 }),
    ];
    const t = summarizeRuns(tie);
    assert.deepEqual(t.rankings[0]!.inits.map((r) => [r.rank, r.init.name]), [[1, 'xavier'], [2, 'he'], [2, 'zeros']]);
  });

  it('ranks within each setting separately; the varying fields are found', () => {
    const lr = (v: number) => (c: ReturnType<typeof config>) => void (c.training.learningRate = v);
    const rs = [
      record(config('he', 0, lr(0.1)), { trainLoss: 0.1, trainAccuracy: 1, testAccuracy: 0.9 }),
      record(config('zeros', 0, lr(0.1)), { trainLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.5 }),
      record(config('he', 0, lr(1)), { trainLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.4 }),
      record(config('zeros', 0, lr(1)), { trainLoss: 0.7, trainAccuracy: 0.5, testAccuracy: 0.5 }),
    ];
    const s = summarizeRuns(rs);
    assert.equal(s.rankings.length, 2);
    assert.deepEqual(s.rankings.map((r) => r.inits.map((i) => i.init.name)), [['he', 'zeros'], ['zeros', 'he']]);
    assert.deepEqual(s.varying, ['init', 'training.learningRate']);
    assert.match(formatSummary(s), /learningRate/);
  });

  it('iterations to target: stats over the runs that reached it, and the fraction that did', () => {
    const target = (c: ReturnType<typeof config>) => void (c.training.targetLoss = 0.2);
    const rs = [100, 300, null, 200].map((it, seed) => record(config('he', seed, target), { trainLoss: 0.1, trainAccuracy: 1, testAccuracy: 1 }, { iterationsToTarget: it }));
    const g = summarizeRuns(rs).groups[0]!;
    assert.equal(g.iterationsToTarget!.reached, 0.75);
    assert.equal(g.iterationsToTarget!.n, 3);
    assert.equal(g.iterationsToTarget!.mean, 200);
    assert.equal(g.iterationsToTarget!.std, 100);
    assert.equal(g.iterationsToTarget!.targetLoss, 0.2);
  });

  it('does not depend on the order of the records; follows the expansion order when given', () => {
    const rs = records();
    const a = summarizeRuns(rs);
    const b = summarizeRuns([...rs].reverse());
    assert.deepEqual(a, b);
    const order = [...rs].reverse().map((r) => r.id);
    const c = summarizeRuns(rs, { order });
    assert.deepEqual(c.groups.map((g) => g.init.name), ['he', 'random', 'zeros']);
    assert.equal(c.expected, 9);
    // Records outside the spec are left out and counted.
    const d = summarizeRuns(rs, { order: order.slice(0, 5) });
    assert.equal(d.runs, 5);
    assert.equal(d.outside, 4);
  });

  it('writes CSV: every setting field, then the statistics; missing values are empty cells', () => {
    const csv = summaryCsv(summarizeRuns(records()));
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    const header = lines[0]!.split(',');
    for (const col of ['data.name', 'network.hidden', 'init', 'training.optimizer', 'runs', 'testAccuracy.mean', 'testAccuracy.ci95Low', 'finalTrainLoss.std', 'diverged', 'symmetric', 'rank']) {
      assert.ok(header.includes(col), col);
    }
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
    const random = rows.find((r) => r['init'] === 'random:scale=10')!;
    assert.equal(random['network.hidden'], '10x5');
    assert.equal(random['finalTrainLoss.std'], '');
    assert.equal(random['diverged'], '0.5');
    assert.equal(random['runs'], '2');
    assert.ok(csv.endsWith('\n'));
  });
});
