import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { runOne } from '../../src/experiments/runOne.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import type { DataSpec } from '../../src/experiments/runTypes.js';

/** Spins for `ms` milliseconds of wall time (a stand-in for slow work the clock must or must not see). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const [config] = expandSweep(
  parseSweepSpec({
    base: { data: { name: 'moons', seed: 1, samples: 40, noise: 0.1 }, network: { hidden: [4] }, training: { iterations: 6, logEvery: 2, learningRate: 0.1 } },
  }),
);

// issue 10, item 4: a record's `seconds` runs from after data loading and weight init to after the
// last metrics, every evaluation included.
describe("a run record's seconds", () => {
  it('leaves out making the data', () => {
    const slowData = (spec: DataSpec) => {
      spin(1500);
      return makeDataset(spec);
    };
    const record = runOne(config!, slowData);
    assert.ok(record.seconds < 1.5, `seconds ${record.seconds} counts the 1.5 s spent making the data`);
  });

  it('counts every logged evaluation, the first (iteration 0) and the last included', () => {
    const logged: number[] = [];
    const record = runOne(config!, makeDataset, { onLog: (p) => (logged.push(p.iteration), spin(100)) });
    // The hook runs inside each evaluation's log step: 0, 2, 4, 6.
    assert.deepEqual(logged, [0, 2, 4, 6]);
    assert.ok(record.seconds >= 0.4, `seconds ${record.seconds} misses some of the four 0.1 s evaluations`);
  });
});
