import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readSweepSpec, expandSweep } from '../../src/experiments/sweep/spec.js';
import { runConfig } from '../../src/experiments/sweep/realRunner.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { costValue, readReference, significantDigits, type CourseraReference } from '../helpers/reference.js';

// The course experiment is a preset of the general run config (issue 10, item 1): the sweep of
// examples/course-preset.yaml, run by the sweep's own runner, reproduces the notebook's printed
// numbers (test/fixtures/reference/coursera-initialization.json) as `compare` does.
const ref = readReference<CourseraReference>('coursera-initialization.json');

describe('examples/course-preset.yaml (exact: course) on the sweep runner', () => {
  registerAllInitializers();
  const file = fileURLToPath(new URL('../../examples/course-preset.yaml', import.meta.url));
  const configs = expandSweep(readSweepSpec(file).spec);
  const records = configs.map((c) => runConfig(c));
  const run = (name: string) => records.find((r) => r.config.init.name === name)!;

  it('he: every printed cost to ≥ 10 significant digits, accuracies 0.99333 / 0.96', () => {
    const he = run('he');
    for (const expected of ref.notebook.he.costs) {
      const got = he.metrics.find((p) => p.iteration === expected.iteration)!;
      const digits = significantDigits(got.trainLoss, costValue(expected.cost));
      assert.ok(digits >= 10, `iteration ${expected.iteration}: ${got.trainLoss} vs ${expected.cost}`);
    }
    assert.equal(he.final.trainAccuracy, ref.notebook.he.trainAccuracy);
    assert.equal(he.final.testAccuracy, ref.notebook.he.testAccuracy);
  });

  it('zeros stays at ln 2 with accuracy 0.5 and symmetric units; random ×10 starts at +∞ and ends at 0.83 / 0.86', () => {
    const zeros = run('zeros');
    for (const p of zeros.metrics) assert.ok(Math.abs(p.trainLoss - Math.LN2) <= 1e-12, `${p.iteration}: ${p.trainLoss}`);
    assert.equal(zeros.final.trainAccuracy, ref.notebook.zeros.trainAccuracy);
    assert.equal(zeros.symmetric, true);
    const random = run('random');
    assert.equal(random.metrics[0]!.trainLoss, Number.POSITIVE_INFINITY);
    assert.equal(random.status, 'ok');
    assert.equal(random.final.trainAccuracy, ref.notebook.random.trainAccuracy);
    assert.equal(random.final.testAccuracy, ref.notebook.random.testAccuracy);
  });
});
