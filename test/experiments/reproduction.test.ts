import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { costValue, readReference, significantDigits, type CourseraReference } from '../helpers/reference.js';

// The acceptance test of the core issue: `initlab compare --json` on its defaults reproduces the
// course notebook's printed numbers (test/fixtures/reference/coursera-initialization.json, field notebook).
const ref = readReference<CourseraReference>('coursera-initialization.json');

interface Run {
  init: { name: string; scale?: number };
  costs: { iteration: number; cost: number | string }[];
  finalCost: number | string;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
  status: string;
}
interface Doc { config: { training: { iterations: number } }; runs: Run[] }

for (const backend of ['wasm', 'js'] as const) {
  describe(`notebook reproduction (${backend} backend)`, () => {
    let doc: Doc;
    before(async () => {
      const r = await runCli(['compare', '--json', '--backend', backend]);
      assert.equal(r.code, 0, r.stderr);
      doc = JSON.parse(r.stdout) as Doc;
    });
    const run = (name: string) => doc.runs.find((r) => r.init.name === name)!;

    it('records costs at 0, 1000, …, 14000 and then 15000', () => {
      for (const r of doc.runs) assert.deepEqual(r.costs.map((c) => c.iteration), [...Array.from({ length: 15 }, (_, i) => i * 1000), 15000]);
      assert.deepEqual(run('random').init, { name: 'random', scale: 10 });
    });

    it('he: every printed cost to ≥ 10 significant digits, accuracies 0.99333 / 0.96', () => {
      const he = run('he');
      for (const expected of ref.notebook.he.costs) {
        const got = he.costs.find((c) => c.iteration === expected.iteration)!;
        const digits = significantDigits(costValue(got.cost), costValue(expected.cost));
        assert.ok(digits >= 10, `iteration ${expected.iteration}: ${got.cost} vs ${expected.cost} (${digits.toFixed(1)} digits)`);
      }
      assert.equal(he.trainAccuracy, ref.notebook.he.trainAccuracy);
      assert.equal(he.testAccuracy, ref.notebook.he.testAccuracy);
    });

    it('zeros: cost 0.6931471805599453 ± 1e-12 at every log point, accuracy 0.5 / 0.5', () => {
      const zeros = run('zeros');
      for (const c of zeros.costs) assert.ok(Math.abs(costValue(c.cost) - 0.6931471805599453) <= 1e-12, `${c.iteration}: ${c.cost}`);
      assert.equal(zeros.trainAccuracy, ref.notebook.zeros.trainAccuracy);
      assert.equal(zeros.testAccuracy, ref.notebook.zeros.testAccuracy);
    });

    it('random ×10: cost "Infinity" at 0, accuracies exactly 0.83 / 0.86, cost @14000 within 5e-3', () => {
      const random = run('random');
      assert.equal(random.costs[0]!.cost, 'Infinity');
      assert.equal(random.trainAccuracy, ref.notebook.random.trainAccuracy);
      assert.equal(random.testAccuracy, ref.notebook.random.testAccuracy);
      const nb = costValue(ref.notebook.random.costs.find((c) => c.iteration === 14000)!.cost);
      const got = costValue(random.costs.find((c) => c.iteration === 14000)!.cost);
      assert.ok(Math.abs(got - nb) < 5e-3, `${got} vs ${nb}`);
    });
  });
}

describe('the same setup with random ×0.01 and xavier (coursera-initialization.json same_setup_other_inits_numpy)', () => {
  let doc: Doc;
  before(async () => {
    const r = await runCli(['compare', '--json', '--inits', 'random:scale=0.01,xavier']);
    assert.equal(r.code, 0, r.stderr);
    doc = JSON.parse(r.stdout) as Doc;
  });
  for (const [key, name] of [['random_small', 'random'], ['xavier', 'xavier']] as const) {
    it(`${key}: costs to ≥ 10 significant digits (15000 included), accuracies exact`, () => {
      const expected = ref.same_setup_other_inits_numpy.runs[key]!;
      const got = doc.runs.find((r) => r.init.name === name)!;
      assert.equal(got.costs.length, expected.costs.length);
      for (const e of expected.costs) {
        const g = got.costs.find((c) => c.iteration === e.iteration)!;
        const digits = significantDigits(costValue(g.cost), costValue(e.cost));
        assert.ok(digits >= 10, `iteration ${e.iteration}: ${g.cost} vs ${e.cost}`);
      }
      assert.equal(got.trainAccuracy, expected.trainAccuracy);
      assert.equal(got.testAccuracy, expected.testAccuracy);
    });
  }
});
