import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const SHORT = ['--iterations', '300', '--log-every', '100'];
const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-cli-'));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('initlab compare (end to end)', () => {
  it('--help lists every option and exits 0; --version prints package.json\'s version', async () => {
    const help = await runCli(['compare', '--help']);
    assert.equal(help.code, 0);
    for (const flag of ['--config', '--inits', '--hidden', '--lr', '--iterations', '--log-every', '--train-samples', '--test-samples', '--noise', '--train-seed', '--test-seed', '--seed', '--wide', '--json', '--out', '--workers', '--backend']) {
      assert.ok(help.stdout.includes(flag), flag);
    }
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('prints the table and one finding per init in human mode', async () => {
    const r = await runCli(['compare', ...SHORT]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cost @0/);
    assert.match(r.stdout, /cost @200/);
    assert.match(r.stdout, /cost @300/);
    assert.match(r.stdout, /zeros: all hidden units identical .* symmetry never broken/);
    assert.match(r.stdout, /random \(randn×10\): sigmoid saturated at iteration 0/);
    assert.match(r.stdout, /he \(randn·√\(2\/fan_in\)\): cost fell from 0\.8831 to/);
    assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
  });

  it('--json prints only the results document, with config, version and non-finite costs as strings', async () => {
    const r = await runCli(['compare', '--json', ...SHORT, '--inits', 'random:scale=10,he', '--hidden', '10,5']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { initlab: { version: string }; config: { network: { hidden: number[] }; initSeed: number }; runs: { init: unknown; costs: { iteration: number; cost: unknown }[]; seconds: number; finalParameters: { weights: number[][] } }[] };
    assert.deepEqual(doc.config.network.hidden, [10, 5]);
    assert.equal(doc.config.initSeed, 3);
    assert.ok(doc.initlab.version.length > 0);
    assert.deepEqual(doc.runs.map((x) => x.init), [{ name: 'random', scale: 10 }, { name: 'he' }]);
    assert.deepEqual(doc.runs[0]!.costs.map((c) => c.iteration), [0, 100, 200, 300]);
    assert.equal(doc.runs[0]!.costs[0]!.cost, 'Infinity');
    assert.deepEqual(doc.runs[1]!.finalParameters.weights.map((w) => w.length), [20, 50, 5]);
    assert.ok(doc.runs.every((x) => x.seconds > 0));
  });

  it('--config reads a JSON file and flags override it; init objects equal spec strings', async () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ training: { iterations: 50, logEvery: 25, learningRate: 0.05 }, inits: [{ name: 'random', scale: 0.5 }], initSeed: 7 }));
    const a = await runCli(['compare', '--json', '--config', file, '--iterations', '100', '--hidden', '4']);
    const b = await runCli(['compare', '--json', '--lr', '0.05', '--iterations', '100', '--log-every', '25', '--inits', 'random:scale=0.5', '--seed', '7', '--hidden', '4']);
    assert.equal(a.code, 0, a.stderr);
    const da = JSON.parse(a.stdout) as { config: unknown; runs: { costs: unknown; trainAccuracy: number }[] };
    const db = JSON.parse(b.stdout) as typeof da;
    assert.deepEqual(da.config, db.config);
    assert.deepEqual(da.runs[0]!.costs, db.runs[0]!.costs);
    assert.equal((da.config as { training: { iterations: number } }).training.iterations, 100);
    assert.deepEqual((da.config as { network: { hidden: number[] } }).network.hidden, [4]);
  });

  it('gives the same numbers with 1 and 3 workers and with either backend to rounding', async () => {
    const one = await runCli(['compare', '--json', ...SHORT, '--workers', '1']);
    const three = await runCli(['compare', '--json', ...SHORT, '--workers', '3']);
    const js = await runCli(['compare', '--json', ...SHORT, '--backend', 'js']);
    type D = { runs: { costs: { cost: number | string }[]; finalParameters: unknown }[] };
    const [d1, d3, dj] = [one, three, js].map((r) => JSON.parse(r.stdout) as D);
    assert.deepEqual(d1!.runs.map((r) => [r.costs, r.finalParameters]), d3!.runs.map((r) => [r.costs, r.finalParameters]));
    d1!.runs.forEach((r, i) => r.costs.forEach((c, k) => {
      const other = dj!.runs[i]!.costs[k]!.cost;
      if (typeof c.cost === 'string') assert.equal(other, c.cost);
      else assert.ok(Math.abs(c.cost - (other as number)) <= 1e-12 * Math.abs(c.cost), `${c.cost} vs ${String(other)}`);
    }));
  });

  it('--out writes results.json and the figures as SVG and PNG', async () => {
    const dir = join(tmp(), 'out');
    const r = await runCli(['compare', ...SHORT, '--out', dir]);
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, [
      'cost-curves.png', 'cost-curves.svg',
      'decision-boundary-he.png', 'decision-boundary-he.svg',
      'decision-boundary-random-scale-10.png', 'decision-boundary-random-scale-10.svg',
      'decision-boundary-zeros.png', 'decision-boundary-zeros.svg',
      'results.json',
    ]);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { config: { training: { iterations: number } } };
    assert.equal(results.config.training.iterations, 300);
    for (const f of files.filter((f) => f.endsWith('.png'))) assert.deepEqual([...readFileSync(join(dir, f)).subarray(0, 8)], PNG_SIGNATURE);
    assert.match(readFileSync(join(dir, 'cost-curves.svg'), 'utf8'), /^<svg/);
  });
});

describe('initlab compare: bad input gets one line on stderr, exit 2, no stdout, no output folder', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown init', ['--inits', 'zeros,hee'], /unknown initializer 'hee'\. Did you mean 'he'.*Known initializers: zeros, random, he, xavier/],
    ['an unknown init parameter', ['--inits', 'random:scal=2'], /unknown parameter 'scal'.*'scale'/],
    ['negative sizes', ['--train-samples', '-5'], /--train-samples: must be ≥ 2/],
    ['negative hidden sizes', ['--hidden', '10,-5'], /--hidden: must be ≥ 1/],
    ['lr ≤ 0', ['--lr', '0'], /--lr: must be > 0/],
    ['fractional iterations', ['--iterations', '1.5'], /--iterations: must be an integer/],
    ['a non-number', ['--noise', 'lots'], /--noise: expected a number, got 'lots'/],
    ['negative noise', ['--noise', '-0.1'], /--noise: must be ≥ 0/],
    ['a bad worker count', ['--workers', '0'], /--workers: expected a whole number ≥ 1/],
    ['a bad backend', ['--backend', 'gpu'], /--backend: expected 'wasm' or 'js'/],
    ['an unknown option', ['--iters', '5'], /unknown option '--iters'/],
    ['an unreadable config', ['--config', '/nonexistent/c.json'], /--config \/nonexistent\/c\.json: cannot read the file \(ENOENT\)/],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, async () => {
      const dir = tmp();
      const out = join(dir, 'out');
      const r = await runCli(['compare', ...args, '--out', out]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(existsSync(out), false);
      assert.deepEqual(readdirSync(dir), []);
    });
  }

  const configCases: [string, string, RegExp][] = [
    ['invalid JSON', '{"training": {', /not valid JSON/],
    ['a non-object', '[1, 2]', /must hold a JSON object/],
    ['a bad field, named by its path', '{"training": {"learningRate": -1}}', /config\.training\.learningRate: must be > 0/],
    ['an unknown field', '{"data": {"samples": 3}}', /config\.data: unknown field 'samples'/],
    ['an unknown init', '{"inits": [{"name": "kaiming"}]}', /unknown initializer 'kaiming'/],
  ];
  for (const [what, text, message] of configCases) {
    it(`rejects a config file with ${what}`, async () => {
      const dir = tmp();
      const file = join(dir, 'config.json');
      writeFileSync(file, text);
      const r = await runCli(['compare', '--config', file, '--out', join(dir, 'out')]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /config\.json/);
      assert.deepEqual(readdirSync(dir), ['config.json']);
    });
  }

  it('rejects --out naming an existing file, leaving it untouched', async () => {
    const dir = tmp();
    const file = join(dir, 'taken');
    writeFileSync(file, 'keep');
    const r = await runCli(['compare', ...SHORT, '--out', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a file of that name exists/);
    assert.equal(readFileSync(file, 'utf8'), 'keep');
  });
});
