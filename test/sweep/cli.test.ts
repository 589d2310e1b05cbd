import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI, runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-sweepcli-'));

/** 3 inits × 2 depths × 3 seeds = 18 tiny runs. */
const TINY = `name: tiny
base:
  data: { name: circles, seed: 1, samples: 120, noise: 0.1 }
  network: { hidden: [4, 4], activation: relu }
  training: { optimizer: sgd, learningRate: 0.5, iterations: 200, logEvery: 50, targetLoss: 0.45 }
grid:
  inits: [zeros, "random:scale=10", he]
  depth: [1, 2]
  seeds: 3
`;

function specFile(dir: string, text = TINY, name = 'spec.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Rec { id: string; seconds: number; config: { initSeed: number } }
const records = (dir: string): Rec[] =>
  readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Rec);
const sortedWithoutTime = (dir: string) =>
  records(dir).sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => JSON.stringify({ ...r, seconds: undefined }));

describe('initlab sweep / summarize (end to end)', () => {
  it('--help lists the options', async () => {
    const r = await runCli(['sweep', '--help']);
    assert.equal(r.code, 0);
    for (const flag of ['--out', '--workers', '--json']) assert.ok(r.stdout.includes(flag), flag);
    const s = await runCli(['summarize', '--help']);
    for (const flag of ['--json', '--out', '--wide']) assert.ok(s.stdout.includes(flag), flag);
  });

  it('runs every config, writes the folder, prints the summary table; a re-run skips everything', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await runCli(['sweep', specFile(dir), '--out', out, '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
    assert.match(r.stdout, /tiny: 18 runs in 6 groups/);
    assert.match(r.stdout, /he \(randn·√\(2\/fan_in\)\)/);
    assert.match(r.stdout, /18 runs done; records in/);
    assert.deepEqual(readdirSync(out).sort(), ['params', 'runs.jsonl', 'summary.csv', 'summary.json', 'sweep.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { runs: number; ids: string[]; spec: { name: string } };
    // Every run's final parameters (issue 13 item 4).
    assert.deepEqual(readdirSync(join(out, 'params')).sort(), manifest.ids.map((id) => `${id}.safetensors`).sort());
    assert.equal(manifest.runs, 18);
    assert.equal(manifest.spec.name, 'tiny');
    const before = readFileSync(join(out, 'runs.jsonl'));
    assert.deepEqual(records(out).map((x) => x.id).sort(), [...manifest.ids].sort());

    const again = await runCli(['sweep', specFile(dir), '--out', out]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 runs done \(18 finished earlier, skipped\)/);
    assert.deepEqual(readFileSync(join(out, 'runs.jsonl')), before);
  });

  it('--json prints the summary document; summarize DIR gives the same, and --out FILE.csv writes the CSV', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await runCli(['sweep', specFile(dir), '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    type Doc = { runs: number; expected: number; groups: { init: { name: string }; runs: number; testAccuracy: { n: number; mean: number }; iterationsToTarget: { reached: number } | null; symmetric: number; rank: number }[]; rankings: unknown[] };
    const doc = JSON.parse(r.stdout) as Doc;
    assert.equal(doc.runs, 18);
    assert.equal(doc.expected, 18);
    assert.equal(doc.groups.length, 6);
    assert.equal(doc.rankings.length, 2);
    assert.ok(doc.groups.every((g) => g.runs === 3 && g.testAccuracy.n === 3 && g.iterationsToTarget !== null));
    assert.ok(doc.groups.filter((g) => g.init.name === 'zeros').every((g) => g.symmetric === 1));

    const s = await runCli(['summarize', out, '--json']);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(JSON.parse(s.stdout), doc);
    const csvPath = join(dir, 'summary.csv');
    const t = await runCli(['summarize', out, '--out', csvPath]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /18 runs in 6 groups/);
    const csv = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    assert.equal(csv.length, 7);
    assert.ok(csv[0]!.startsWith('data.name,'));
    assert.equal(readFileSync(csvPath, 'utf8'), readFileSync(join(out, 'summary.csv'), 'utf8'));
  });

  it('--workers 1 and --workers 2 give byte-identical runs.jsonl once sorted by id, ignoring time', async () => {
    const dir = tmp();
    const spec = specFile(dir);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const ra = await runCli(['sweep', spec, '--out', a, '--workers', '1', '--json']);
    const rb = await runCli(['sweep', spec, '--out', b, '--workers', '2', '--json']);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    assert.deepEqual(sortedWithoutTime(a), sortedWithoutTime(b));
    assert.equal(ra.stdout, rb.stdout, 'the summaries are identical too');
  });

  it('kill -9 half-way loses at most the runs in flight; the re-run completes with exactly one record per run', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    // 40 runs of ~1500 updates each: a few seconds on one worker.
    const spec = specFile(dir, `base:
  data: { name: circles, seed: 2, samples: 200, noise: 0.1 }
  network: { hidden: [8, 8] }
  training: { learningRate: 0.3, iterations: 1500, logEvery: 500 }
grid:
  inits: [he, xavier]
  seeds: 20
`);
    const child = spawn(process.execPath, [CLI, 'sweep', spec, '--out', out, '--workers', '1'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const runsFile = join(out, 'runs.jsonl');
    let finished = false;
    void exited.then(() => (finished = true));
    while (!finished) {
      if (existsSync(runsFile) && readFileSync(runsFile, 'utf8').includes('\n')) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const signal = await exited;
    assert.equal(signal, 'SIGKILL', 'the sweep finished before it could be killed');
    const partial = records(out).length;
    assert.ok(partial >= 1 && partial < 40, `${partial} runs stored at the kill`);
    assert.ok(existsSync(join(out, '.sweep.lock')), 'the killed sweep left its lock');

    const r = await runCli(['sweep', spec, '--out', out, '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    const done = records(out);
    const ids = done.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'one record per run id');
    assert.equal(ids.length, 40);
    const manifest = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { ids: string[] };
    assert.deepEqual([...ids].sort(), [...manifest.ids].sort());
    assert.ok(r.stdout.includes(`${40 - partial} runs done (${partial} finished earlier, skipped)`), r.stdout);
    assert.equal(existsSync(join(out, '.sweep.lock')), false);
  });
});

describe('initlab sweep: bad input gets one line on stderr, exit 2, nothing written', () => {
  const cases: [string, string, string[], RegExp][] = [
    ['a bad grid value', 'grid:\n  learningRate: [0.1, 0.2, -1]\n', [], /spec\.yaml: spec\.grid\.learningRate\[2\]: must be > 0 \(got -1\)/],
    ['an unknown init', 'grid:\n  inits: [zeros, hee]\n', [], /spec\.grid\.inits\[1\]: unknown initializer 'hee'/],
    ['an unknown grid key', 'grid:\n  lerningRate: [0.1]\n', [], /unknown grid key 'lerningRate'\. Did you mean 'learningRate'/],
    ['a bad data parameter', 'base:\n  data: { name: circles, noise: -1 }\n', [], /spec\.base\.data: data set 'circles': parameter 'noise'/],
    ['invalid YAML', 'grid: [1, 2\n', [], /spec\.yaml: not valid YAML/],
    ['a bad worker count', 'grid: {}\n', ['--workers', '0'], /--workers: expected a whole number ≥ 1/],
  ];
  for (const [what, text, extra, message] of cases) {
    it(`rejects ${what}`, async () => {
      const dir = tmp();
      const spec = specFile(dir, text);
      const r = await runCli(['sweep', spec, '--out', join(dir, 'out'), ...extra]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.deepEqual(readdirSync(dir), ['spec.yaml']);
    });
  }

  it('rejects a missing spec file, a missing --out and an --out that is a file', async () => {
    const dir = tmp();
    const missing = await runCli(['sweep', join(dir, 'nope.yaml'), '--out', join(dir, 'out')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: cannot read the file \(ENOENT\)/);
    const noOut = await runCli(['sweep', specFile(dir)]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out/);
    writeFileSync(join(dir, 'taken'), 'keep');
    const file = await runCli(['sweep', specFile(dir), '--out', join(dir, 'taken')]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /a file of that name exists/);
    assert.equal(readFileSync(join(dir, 'taken'), 'utf8'), 'keep');
    assert.deepEqual(readdirSync(dir).sort(), ['spec.yaml', 'taken']);
  });

  it('summarize rejects a folder that is not a sweep', async () => {
    const dir = tmp();
    const r = await runCli(['summarize', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a sweep folder/);
    const none = await runCli(['summarize', join(dir, 'nope')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no such folder/);
  });
});
