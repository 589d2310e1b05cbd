import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseSweepSpec, expandSweep } from '../../src/experiments/sweep/spec.js';
import { runId } from '../../src/experiments/sweep/ids.js';
import { runCli } from '../helpers/cli.js';

// --stats-every in `initlab compare`, training.statsEvery in `initlab sweep`, and the report's section
// (issue 5, part 5). Small runs: a few hundred updates on the course circles.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const work = mkdtempSync(join(tmpdir(), 'initlab-stats-'));
after(() => rmSync(work, { recursive: true, force: true }));

const LAYER_KEYS = ['layer', 'preMean', 'preStd', 'postMean', 'postStd', 'deadFraction', 'saturatedFraction', 'gradZStd', 'gradWStd', 'weightStd', 'updateRatio'];

interface StatsDoc {
  runs: { label: string; costs: unknown; stats?: { iteration: number; layers: Record<string, number | null>[] }[] }[];
}

describe('initlab compare --stats-every', () => {
  it('records stats at 0, k, 2k, … and the last iteration in results.json, with the two figures, and changes no cost', async () => {
    const dir = join(work, 'cmp');
    const args = ['compare', '--iterations', '250', '--log-every', '50', '--workers', '1', '--json'];
    const on = await runCli([...args, '--stats-every', '100', '--out', dir]);
    assert.equal(on.code, 0, on.stderr);
    const off = await runCli(args);
    assert.equal(off.code, 0, off.stderr);
    const docOn = JSON.parse(on.stdout) as StatsDoc & { config: { training: { statsEvery?: number } } };
    const docOff = JSON.parse(off.stdout) as StatsDoc;
    assert.equal(docOn.config.training.statsEvery, 100);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')), docOn);
    for (const [i, run] of docOn.runs.entries()) {
      assert.deepEqual(run.costs, docOff.runs[i]!.costs, `${run.label}: costs changed`);
      assert.equal(docOff.runs[i]!.stats, undefined);
      assert.deepEqual(run.stats!.map((p) => p.iteration), [0, 100, 200, 250]);
      for (const p of run.stats!) {
        assert.equal(p.layers.length, 2); // hidden [10, 5]
        for (const l of p.layers) assert.deepEqual(Object.keys(l), LAYER_KEYS);
      }
    }
    // zeros: every hidden weight stays 0 (std 0, update ratio undefined); He: a finite, positive ratio.
    const zeros = docOn.runs[0]!.stats!;
    assert.ok(zeros.every((p) => p.layers.every((l) => l['weightStd'] === 0 && l['postStd'] === 0 && l['updateRatio'] === null)));
    const he = docOn.runs[2]!.stats!;
    assert.ok(he.slice(1).every((p) => p.layers.every((l) => typeof l['updateRatio'] === 'number' && l['updateRatio']! > 0)));
    assert.ok(he[0]!.layers.every((l) => l['updateRatio'] === null));
    for (const f of ['layer-std', 'update-ratio']) {
      assert.ok(readFileSync(join(dir, `${f}.svg`), 'utf8').includes('<svg'));
      assert.deepEqual([...readFileSync(join(dir, `${f}.png`)).subarray(0, 8)], PNG_SIGNATURE);
    }
  });

  it('without the flag: no stats in the document and no stats figures', async () => {
    const dir = join(work, 'plain');
    const r = await runCli(['compare', '--iterations', '100', '--workers', '1', '--out', dir]);
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(dir);
    assert.ok(!files.some((f) => f.startsWith('layer-std') || f.startsWith('update-ratio')), files.join(', '));
    assert.ok(!readFileSync(join(dir, 'results.json'), 'utf8').includes('"stats"'));
  });

  for (const [value, expected] of [['0', /--stats-every: must be ≥ 1/], ['-1', /--stats-every: must be ≥ 1/], ['abc', /--stats-every: expected a whole number, got 'abc'/], ['2.5', /--stats-every: must be an integer/]] as const) {
    it(`--stats-every ${value}: one-line error, exit 2, no output`, async () => {
      const dir = join(work, `bad-${value}`);
      const r = await runCli(['compare', '--iterations', '10', `--stats-every=${value}`, '--out', dir]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, expected);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(existsSync(dir), false);
    });
  }

  it('a config file with training.statsEvery 0 is refused naming the field', async () => {
    const file = join(work, 'bad.json');
    writeFileSync(file, JSON.stringify({ training: { statsEvery: 0 } }));
    const r = await runCli(['compare', '--config', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /config\.training\.statsEvery: must be ≥ 1/);
  });
});

const SPEC = `base:
  data: { name: circles, seed: 1, samples: 120, noise: 0.08 }
  network: { hidden: [6, 6], activation: tanh }
  training: { optimizer: sgd, learningRate: 0.5, iterations: 120, logEvery: 40 }
grid:
  inits: [zeros, xavier]
  seeds: 2
`;

describe('initlab sweep with training.statsEvery, and initlab report', () => {
  it('leaves the run ids of a spec without statsEvery unchanged', () => {
    // The id hashes the canonical JSON of the config; a spec without statsEvery must expand to configs
    // without the key at all (not even undefined-valued), i.e. the same text as before the field existed.
    const without = expandSweep(parseSweepSpec({ base: { training: { iterations: 10 } }, grid: { seeds: 2 } }));
    assert.ok(without.every((c) => !Object.keys(c.training).includes('statsEvery')));
    assert.ok(without.every((c) => !JSON.stringify(c).includes('statsEvery')));
    const ids = without.map(runId);
    const withStats = expandSweep(parseSweepSpec({ base: { training: { iterations: 10, statsEvery: 5 } }, grid: { seeds: 2 } })).map(runId);
    assert.notDeepEqual(withStats, ids);
    assert.throws(() => parseSweepSpec({ base: { training: { statsEvery: 0 } } }), /spec\.base\.training\.statsEvery: must be ≥ 1/);
  });

  it('writes stats into every run record; the report shows the section only when they are there', async () => {
    const specFile = join(work, 'spec.yaml');
    writeFileSync(specFile, SPEC.replace('logEvery: 40 }', 'logEvery: 40, statsEvery: 50 }'));
    const out = join(work, 'sweep');
    const r = await runCli(['sweep', specFile, '--out', out, '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    const records = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { stats: { iteration: number; layers: unknown[] }[] });
    assert.equal(records.length, 4);
    for (const rec of records) {
      assert.deepEqual(rec.stats.map((p) => p.iteration), [0, 50, 100, 120]);
      assert.ok(rec.stats.every((p) => p.layers.length === 2));
    }
    const rep = await runCli(['report', out, '--no-boundaries']);
    assert.equal(rep.code, 0, rep.stderr);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /<section id="layer-stats"><h2>Layer statistics during training<\/h2>/);
    assert.match(html, /href="#layer-stats"/);
    assert.ok(existsSync(join(out, 'figures', 'layer-std-01.png')) && existsSync(join(out, 'figures', 'update-ratio-01.png')));

    const plainSpec = join(work, 'plain.yaml');
    writeFileSync(plainSpec, SPEC);
    const plain = join(work, 'plain-sweep');
    assert.equal((await runCli(['sweep', plainSpec, '--out', plain, '--workers', '2'])).code, 0);
    assert.ok(!readFileSync(join(plain, 'runs.jsonl'), 'utf8').includes('"stats"'));
    assert.equal((await runCli(['report', plain, '--no-boundaries'])).code, 0);
    assert.ok(!readFileSync(join(plain, 'report.html'), 'utf8').includes('layer-stats'));
  });
});
