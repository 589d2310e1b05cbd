import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runId } from '../../src/experiments/runId.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { decideRung, parseMetric, rungsFor } from '../../src/experiments/sweep/earlyStop.js';
import { UsageError } from '../../src/util/errors.js';

// Random search's draws against numpy's legacy RandomState itself: the rows of
// test/sweep/fixtures/random-search.json come from scripts/random_search_fixture.py.
interface Fixture {
  spec: { seed: number; count: number; parameters: [string, Record<string, unknown>][] };
  rows: [number, number, string, number][];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/random-search.json', import.meta.url), 'utf8')) as Fixture;

const base = { data: { name: 'circles', seed: 1 }, network: { hidden: [8, 8], activation: 'relu' }, training: { iterations: 100, logEvery: 50 } };
const randomSpec = (seed: number, count = fixture.spec.count) => ({
  method: 'random',
  seed,
  count,
  base,
  parameters: Object.fromEntries(fixture.spec.parameters),
});
const expand = (raw: unknown) => expandSweep(parseSweepSpec(raw, 'spec.yaml'));

describe('sweep spec: method random', () => {
  it('draws what numpy draws from RandomState(seed), keys in spec order, one draw per key', () => {
    const configs = expand(randomSpec(fixture.spec.seed));
    assert.equal(configs.length, fixture.rows.length);
    configs.forEach((c, r) => {
      const [lr, depth, init, noise] = fixture.rows[r]!;
      // log_uniform goes through ln and exp: V8's and glibc's may differ in the last bit.
      assert.ok(Math.abs(c.training.learningRate - lr) <= 4 * Number.EPSILON * lr, `run ${r}: lr ${c.training.learningRate} vs numpy ${lr}`);
      assert.deepEqual(c.network.hidden, Array.from({ length: depth }, () => 8), `run ${r}: depth`);
      assert.equal(c.init.name, init, `run ${r}: init`);
      assert.equal(c.data['noise'], noise, `run ${r}: data.noise`);
    });
  });

  it('the same seed gives the same run ids; another seed other ones', () => {
    const a = expand(randomSpec(7)).map(runId);
    assert.deepEqual(expand(randomSpec(7)).map(runId), a);
    const b = expand(randomSpec(8)).map(runId);
    assert.equal(b.length, a.length);
    assert.equal(b.filter((id) => a.includes(id)).length, 0);
    assert.equal(new Set(a).size, a.length);
  });

  it('a repeated draw is drawn again; too few possible runs is refused', () => {
    const spec = (count: number) => ({ method: 'random', seed: 1, count, base, parameters: { inits: ['he', 'xavier'], depth: { distribution: 'int_uniform', min: 1, max: 2 } } });
    const four = expand(spec(4)).map((c) => `${c.init.name}/${c.network.hidden.length}`);
    assert.deepEqual([...four].sort(), ['he/1', 'he/2', 'xavier/1', 'xavier/2']);
    assert.throws(() => expand(spec(5)), (e: unknown) => e instanceof UsageError && /spec\.count: the parameters give only 4 different runs, fewer than count 5/.test(e.message));
  });

  it('refuses a bad spec with the field named', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...randomSpec(1), seed: undefined }, /spec\.seed: method random needs a seed/],
      [{ ...randomSpec(1), grid: { lr: [0.1] } }, /spec\.grid: belongs to method grid, but the spec's method is random/],
      [{ ...randomSpec(1), parameters: { lr: { distribution: 'normal', min: 0, max: 1 } } }, /spec\.parameters\.lr: distribution must be one of uniform, log_uniform, int_uniform, choice/],
      [{ ...randomSpec(1), parameters: { lr: { distribution: 'log_uniform', min: 0, max: 1 } } }, /log_uniform needs min > 0/],
      [{ ...randomSpec(1), parameters: { lr: { distribution: 'uniform', min: -1, max: 1 } } }, /spec\.parameters\.lr \(draw 1 gave -?[0-9.e-]+\): must be > 0/],
      [{ ...randomSpec(1), earlyStop: { type: 'hyperband', min_iter: 10 } }, /spec\.earlyStop: needs a metric/],
      [{ ...randomSpec(1), metric: { name: 'accuracy' } }, /spec\.metric: name must be one of trainLoss, trainAccuracy, testLoss, testAccuracy/],
    ];
    for (const [raw, pattern] of cases) assert.throws(() => expand(raw), (e: unknown) => e instanceof UsageError && pattern.test(e.message), String(pattern));
  });
});

describe('sweep spec: method list', () => {
  it('one run per entry, a key left out keeps the base value', () => {
    const configs = expand({ method: 'list', base, runs: [{ lr: 0.1 }, { inits: 'xavier', depth: 3 }, {}] });
    assert.deepEqual(
      configs.map((c) => [c.training.learningRate, c.init.name, c.network.hidden]),
      [
        [0.1, 'he', [8, 8]],
        [0.01, 'xavier', [8, 8, 8]],
        [0.01, 'he', [8, 8]],
      ],
    );
  });

  it('two entries that are the same run are refused', () => {
    assert.throws(() => expand({ method: 'list', base, runs: [{ lr: 0.01 }, {}] }), /spec\.runs: the combinations lr=0\.01 and the base alone give the same run/);
  });
});

describe('metric and early termination rules', () => {
  it('the goal defaults from the name', () => {
    assert.deepEqual(parseMetric({ name: 'testLoss' }), { name: 'testLoss', goal: 'minimize' });
    assert.deepEqual(parseMetric({ name: 'testAccuracy' }), { name: 'testAccuracy', goal: 'maximize' });
  });

  it('rungs at min_iter·eta^k below the run length', () => {
    assert.deepEqual(rungsFor({ type: 'hyperband', min_iter: 100, eta: 3 }, 900), [100, 300]);
    assert.deepEqual(rungsFor({ type: 'hyperband', min_iter: 100, eta: 3 }, 901), [100, 300, 900]);
    assert.deepEqual(rungsFor({ type: 'median', min_iter: 50, eta: 2 }, 50), []);
  });

  it('hyperband keeps the best max(1, ⌊n/eta⌋), ties in spec order; non-finite last', () => {
    const hb = { type: 'hyperband' as const, min_iter: 1, eta: 3 };
    const loss = { name: 'testLoss' as const, goal: 'minimize' as const };
    assert.deepEqual(decideRung(hb, loss, [0.5, 0.2, Number.NaN, 0.3, 0.1, 0.9]), [false, true, false, false, true, false]);
    assert.deepEqual(decideRung(hb, loss, [0.4, 0.4]), [true, false]);
    assert.deepEqual(decideRung(hb, { name: 'testAccuracy', goal: 'maximize' }, [0.5, 0.9, 0.7]), [false, true, false]);
  });

  it('median: worse than the median stops, a tie goes on, non-finite stops', () => {
    const md = { type: 'median' as const, min_iter: 1, eta: 2 };
    const loss = { name: 'testLoss' as const, goal: 'minimize' as const };
    // median of 0.1 0.2 0.3 0.4 is 0.25
    assert.deepEqual(decideRung(md, loss, [0.4, 0.1, 0.3, 0.2]), [false, true, false, true]);
    assert.deepEqual(decideRung(md, loss, [0.3, 0.1, 0.2]), [false, true, true]);
    assert.deepEqual(decideRung(md, loss, [Number.POSITIVE_INFINITY, 0.1, 0.2]), [false, true, true]);
  });
});
