import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import '../../src/init/index.js';
import { runComparison } from '../../src/experiments/compare.js';
import { resolveCompareConfig, validateCompareInput } from '../../src/experiments/config.js';
import { costValue, significantDigits } from '../helpers/reference.js';

// Expected numbers come from an independent numpy float64 implementation of the course's code
// (bench/numpy_course.py, with sklearn's make_circles), committed as test/fixtures/numpy-course-runs.json.
// Regenerate with: bash scripts/gen-numpy-fixtures.sh
interface FixtureRun {
  init: { name: string };
  costs: { iteration: number; cost: number | string }[];
  trainAccuracy: number;
  testAccuracy: number;
}
interface Fixtures { cases: { id: string; config: unknown; expected: { runs: FixtureRun[] } }[] }
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/numpy-course-runs.json', import.meta.url), 'utf8')) as Fixtures;

/** A run is chaotic when the course's cost hit ∞ (a saturated sigmoid): then only ~3 digits survive across BLAS builds. */
const saturating = (run: FixtureRun) => run.costs.some((c) => !Number.isFinite(costValue(c.cost)));

describe('initlab vs an independent numpy run of the same configuration', () => {
  it('has fixtures to compare against', () => assert.ok(fixtures.cases.length >= 6));
  for (const c of fixtures.cases) {
    it(c.id, async () => {
      const config = resolveCompareConfig(validateCompareInput(c.config));
      const result = await runComparison(config, { workers: 1 });
      assert.equal(result.runs.length, c.expected.runs.length);
      c.expected.runs.forEach((expected, i) => {
        const got = result.runs[i]!;
        assert.equal(got.init.name, expected.init.name);
        assert.deepEqual(got.costs.map((p) => p.iteration), expected.costs.map((p) => p.iteration));
        assert.equal(got.trainAccuracy, expected.trainAccuracy, `${expected.init.name} train accuracy`);
        assert.equal(got.testAccuracy, expected.testAccuracy, `${expected.init.name} test accuracy`);
        if (saturating(expected)) {
          const last = expected.costs[expected.costs.length - 1]!;
          assert.ok(Math.abs(got.finalCost - costValue(last.cost)) < 5e-3, `${expected.init.name} final cost ${got.finalCost} vs ${String(last.cost)}`);
          return;
        }
        expected.costs.forEach((e, k) => {
          const g = got.costs[k]!.cost;
          const digits = significantDigits(g, costValue(e.cost));
          assert.ok(digits >= 9, `${expected.init.name} @${e.iteration}: ${g} vs ${String(e.cost)} (${digits.toFixed(1)} digits)`);
        });
      });
    });
  }
});
