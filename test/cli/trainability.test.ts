import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-trainability-'));

/** 2 depths × 2 σ_w² × 2 seeds = 8 runs of a width-4 tanh net, 20 updates each: a second or two. */
const TINY = ['trainability', '--depth', '1,2', '--sigma-w2', '0.5,0.8', '--sigma-b2', '0', '--width', '4', '--iterations', '20', '--seeds', '2', '--workers', '2'];

interface Column { label: string; init: Record<string, unknown>; sigmaW2: number; sigmaB2: number; xiC: number | string; sixXiC: number | string }
interface Cell { depth: number; column: number; initSeeds: number[]; trainAccuracy: number[]; testAccuracy: number[]; meanTrainAccuracy: number; diverged: number }
interface Doc {
  initlab: { version: string };
  experiment: string;
  axis: string;
  metric: string;
  config: { activation: string; width: number; depths: number[]; sigmaW2: number[]; sigmaB2: number; initSeeds: number[]; data: { name: string; seed: number }; training: { iterations: number } };
  depths: number[];
  columns: Column[];
  accuracy: (number | null)[][];
  cells: Cell[];
  theory: { criticalSigmaW2: number; curve: { sigmaW2: number; sixXiC: number | string }[] } | null;
  runs: { expected: number; finished: number };
}
interface Rec { config: { network: { hidden: number[] }; init: { sigmaW2: number }; initSeed: number }; final: { trainAccuracy: number } }

describe('initlab trainability (end to end; needs npm run build)', () => {
  it('σ_w² = 1e4 and 1e300 at σ_b² = 0: 6ξ_c is finite, 6 × mpmath ξ_c (1e300 printed ∞ before)', async () => {
    const ref = (JSON.parse(readFileSync(new URL('../fixtures/mean-field-large-sigma.json', import.meta.url), 'utf8')) as { cases: { activation: string; sigmaW2: number; sigmaB2: number; xiC: number }[] }).cases;
    const r = await runCli(['trainability', '--depth', '1,2', '--sigma-w2', '1e4,1e300', '--sigma-b2', '0', '--width', '4', '--iterations', '5', '--workers', '1', '--out', join(tmp(), 'big'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    for (const col of doc.columns) {
      const want = 6 * ref.find((c) => c.activation === 'tanh' && c.sigmaW2 === col.sigmaW2 && c.sigmaB2 === 0)!.xiC;
      assert.ok(typeof col.sixXiC === 'number' && Math.abs(col.sixXiC - want) <= 1e-12 * want, `σ_w² ${col.sigmaW2}: 6ξ_c ${col.sixXiC} vs ${want}`);
    }
  });

  it('--seeds takes a list as a sweep grid does, --seed one seed; each run trains with the seed listed', async () => {
    const base = ['trainability', '--depth', '1', '--sigma-w2', '0.5', '--sigma-b2', '0', '--width', '4', '--iterations', '5', '--workers', '1', '--json'];
    const listed = await runCli([...base, '--seeds', '7,3', '--out', join(tmp(), 'list')]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual((JSON.parse(listed.stdout) as Doc).config.initSeeds, [3, 7]);
    const one = await runCli([...base, '--seed', '5', '--out', join(tmp(), 'one')]);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual((JSON.parse(one.stdout) as Doc).cells[0]!.initSeeds, [5]);
    const both = await runCli([...base, '--seed', '5', '--seeds', '2', '--out', join(tmp(), 'both')]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--seed and --seeds both choose the init seeds/);
  });

  it('runs the grid as a sweep folder, writes trainability.json/.svg/.png, and --json prints the document', async () => {
    const out = join(tmp(), 'grid');
    const r = await runCli([...TINY, '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['sweep.json', 'runs.jsonl', 'trainability.json', 'trainability.svg', 'trainability.png']) assert.ok(existsSync(join(out, f)), f);
    assert.ok(!readdirSync(out).some((f) => f.includes('partial')));
    const doc = JSON.parse(r.stdout) as Doc;
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'trainability.json'), 'utf8')), doc);

    assert.equal(doc.experiment, 'trainability');
    assert.equal(doc.axis, 'sigmaW2');
    assert.equal(doc.metric, 'train');
    assert.match(doc.initlab.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(doc.config.initSeeds, [0, 1]);
    assert.deepEqual(doc.config.depths, [1, 2]);
    assert.deepEqual(doc.config.sigmaW2, [0.5, 0.8]);
    assert.equal(doc.config.activation, 'tanh');
    assert.equal(doc.config.training.iterations, 20);
    assert.deepEqual(doc.runs, { expected: 8, finished: 8, diverged: 0, nonFinite: 0 });
    assert.deepEqual(doc.columns.map((c) => c.init), [{ name: 'meanfield', sigmaW2: 0.5, sigmaB2: 0 }, { name: 'meanfield', sigmaW2: 0.8, sigmaB2: 0 }]);

    // The theory line: tanh at σ_b² = 0 and σ_w² < 1 has ξ_c = −1/ln σ_w² exactly (c* = 1, χ_c = σ_w²).
    doc.columns.forEach((c) => {
      assert.ok(Math.abs((c.sixXiC as number) + 6 / Math.log(c.sigmaW2)) < 1e-9, `${c.label}: ${String(c.sixXiC)}`);
    });
    assert.ok(doc.theory && doc.theory.curve.length >= 2);

    // Each cell's mean is the mean of its runs' final training accuracies, read back from runs.jsonl.
    const recs = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
    assert.equal(recs.length, 8);
    doc.depths.forEach((depth, row) => {
      doc.columns.forEach((col, c) => {
        const accs = recs.filter((x) => x.config.network.hidden.length === depth && x.config.init.sigmaW2 === col.sigmaW2).map((x) => x.final.trainAccuracy);
        assert.equal(accs.length, 2);
        const want = (accs[0]! + accs[1]!) / 2;
        assert.ok(Math.abs(doc.accuracy[row]![c]! - want) < 1e-15, `depth ${depth}, ${col.label}`);
        assert.ok(want >= 0 && want <= 1);
      });
    });
    const png = readFileSync(join(out, 'trainability.png'));
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    // Re-running resumes: nothing is trained again, the table is printed, and summarize reads the folder.
    const again = await runCli([...TINY, '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 runs in .*\(8 finished earlier, skipped\)/);
    assert.match(again.stdout, /6ξ_c\s+8\.7\s+26\.9/);
    assert.equal(readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').length, 8);
    const summary = await runCli(['summarize', out, '--json']);
    assert.equal(summary.code, 0, summary.stderr);
    assert.ok(JSON.parse(summary.stdout));
  });

  it('--inits puts initializers on the x axis; xavier on tanh (σ_w² = 1, σ_b² = 0) is critical: 6ξ_c = ∞', async () => {
    const out = join(tmp(), 'inits');
    const r = await runCli(['trainability', '--inits', 'xavier,meanfield:sigmaW2=0.5', '--depth', '1', '--width', '4', '--iterations', '5', '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    assert.equal(doc.axis, 'init');
    assert.equal(doc.theory, null);
    assert.deepEqual(doc.columns.map((c) => c.sigmaW2), [1, 0.5]);
    assert.equal(doc.columns[0]!.sixXiC, 'Infinity');
    assert.ok(Math.abs((doc.columns[1]!.sixXiC as number) - 6 / Math.LN2) < 1e-9);
    assert.ok(existsSync(join(out, 'trainability.png')));
  });

  for (const [what, args, message] of [
    ['a σ_w² of zero', ['--sigma-w2', '0,1'], /--sigma-w2: must be > 0 \(got 0\)/],
    ['a depth that is not a number', ['--depth', '2,x'], /--depth: expected a whole number/],
    ['a repeated depth', ['--depth', '2,2'], /--depth: 2 is listed twice/],
    ['both axes', ['--inits', 'he', '--sigma-w2', '1'], /--inits and --sigma-w2 both set the x axis/],
    ['--sigma-b2 with --inits', ['--inits', 'he', '--sigma-b2', '0.1'], /--sigma-b2 sets the biases of the σ_w² axis/],
    ['an unknown metric', ['--metric', 'val'], /--metric: expected 'train'/],
    ['an unknown data set', ['--data', 'moonz'], /--data: unknown data set 'moonz'.*moons/],
    ['a bad data parameter', ['--data', 'moons:noise=-1'], /--data 'moons:noise=-1'/],
    ['an unknown activation', ['--activation', 'tahn'], /--activation: unknown activation 'tahn'.*tanh/],
    ['an unknown initializer', ['--inits', 'hee'], /hee/],
    ['zero workers', ['--workers', '0'], /--workers: expected a whole number ≥ 1/],
    ['a negative learning rate', ['--lr', '-0.1'], /--lr: must be > 0 \(got -0.1\)/],
  ] as const) {
    it(`refuses ${what}: exit 2, one stderr line, nothing written`, async () => {
      const out = join(tmp(), 'never');
      const r = await runCli(['trainability', ...args, '--out', out]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!existsSync(out), 'no output folder');
    });
  }
});
