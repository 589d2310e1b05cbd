import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertRefused, caseDir, listFiles, refuses, runIn } from './cliCase.js';

/*
 * Hostile inputs, categories flags, configs, data files, specs and sizes (issue 12, items 6, 8–11,
 * 13–16; serve's Host check, item 17, is in serveHost.test.ts). Every case is refused with exit 2,
 * one line on stderr, nothing on stdout, no files — or, where the issue says so, runs (exit 0).
 */

/** A sweep spec of tiny runs (two updates of a 2-unit net) with `grid` and base overrides. */
function spec(grid: Record<string, unknown>, base: Record<string, unknown> = {}): string {
  return JSON.stringify({
    base: { network: { hidden: [2], activation: 'relu' }, training: { iterations: 2, logEvery: 1 }, ...base },
    grid,
  });
}

describe('hostile sizes (item 6): refused at once, naming the limit', () => {
  it('diagnose --depth 1000000000 (was a V8 heap abort, exit 134)', async () => {
    await refuses(['diagnose', '--width', '2', '--depth', '1000000000', '--out', 'd'], { message: /--depth: must be ≤ 10000 \(got 1000000000\)\./ });
  });
  it('diagnose --width 1000000 (was "Invalid typed array length")', async () => {
    await refuses(['diagnose', '--width', '1000000', '--depth', '1', '--batch', '8'], { message: /--width: must be ≤ 100000 \(got 1000000\)\./ });
  });
  it('diagnose --hidden with a width or a depth past the limits', async () => {
    await refuses(['diagnose', '--hidden', '4,200000'], { message: /--hidden: must be ≤ 100000 \(got 200000\)\./ });
    await refuses(['diagnose', '--hidden', Array.from({ length: 10_001 }, () => '1').join(',')], { message: /--hidden: must list at most 10000 layers/ });
    await refuses(['diagnose', '--input-dim', '100001', '--width', '2', '--depth', '1'], { message: /--input-dim: must be ≤ 100000 \(got 100001\)/ });
  });
  it('diagnose --batch 1000000000 (was "Invalid typed array length"): one array past 2^32 values', async () => {
    await refuses(['diagnose', '--width', '8', '--depth', '1', '--batch', '1000000000', '--max-memory', '100T'], {
      message: /needs one array of 8\.000e\+9 values \(estimated [\d.]+ GB in all\); the most one array can hold is 2\^32 = 4294967296 values/,
    });
  });
  it('diagnose beyond --max-memory: the estimate and the limit', async () => {
    // 2 layers of 1000 × batch 100000: Z and A alone are 2·2·1000·100000·8 B = 3.2 GB.
    await refuses(['diagnose', '--width', '1000', '--depth', '2', '--batch', '100000', '--max-memory', '100M'], {
      message: /diagnose \(2 layers of width up to 1000, batch 100000\) needs an estimated ([\d.]+) GB of memory, over the limit of 100 MB \(--max-memory 100M\)/,
    });
  });
  it('diagnose --max-memory that is not a size', async () => {
    await refuses(['diagnose', '--max-memory', '12X'], { message: /--max-memory: expected a size such as 512M, 2G or 1\.5GiB/ });
    await refuses(['diagnose', '--max-memory', '0'], { message: /--max-memory: expected a size/ });
  });
  it('compare --hidden 50000000 (was 40 s, 1.3 GB, then an internal error)', async () => {
    await refuses(['compare', '--hidden', '50000000'], { message: /--hidden: must be ≤ 100000 \(got 50000000\)\./ });
  });
  it('compare with more hidden layers than the limit', async () => {
    await refuses(['compare', '--hidden', Array.from({ length: 10_001 }, () => '1').join(',')], { message: /--hidden: must list at most 10000 layers/ });
  });
  it('compare --train-samples 10000000 over --max-memory (was "the engine needs 3040003008 bytes")', async () => {
    await refuses(['compare', '--train-samples', '10000000', '--max-memory', '1G', '--out', 'o'], {
      message: /compare \(10000000 training points, layers \[2, 10, 5, 1\], \d runs? at once\) needs an estimated [\d.]+ GB of memory, over the limit of 1 GB \(--max-memory 1G\)/,
    });
  });
  it('compare --backend wasm with an engine past the 2 GiB wasm memory', async () => {
    await refuses(['compare', '--train-samples', '10000000', '--backend', 'wasm'], {
      message: /--backend wasm: the network over 10000000 training points needs 4\.72 GB, and the wasm backend addresses at most 2 GiB: use --backend js/,
    });
  });
  it('compare within the limit runs (exit 0)', async () => {
    const dir = caseDir();
    try {
      const r = await runIn(dir, ['compare', '--train-samples', '50', '--test-samples', '20', '--iterations', '20', '--log-every', '10', '--max-memory', '200M', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(JSON.parse(r.stdout).config.data.trainSamples, 50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('diagnose random:scale=1e150 overflows: a nonfinite verdict, exit 0 (was "q0 must be a finite number", internal error)', async () => {
    const dir = caseDir();
    try {
      const r = await runIn(dir, ['diagnose', '--activation', 'relu', '--inits', 'random:scale=1e150', '--width', '16', '--depth', '3', '--batch', '10', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const doc = JSON.parse(r.stdout) as { runs: { verdicts: { kind: string }[]; layers: { predictedPreVar: number | null }[] }[] };
      assert.ok(doc.runs[0]!.verdicts.some((v) => v.kind === 'nonfinite'));
      // q¹ = 1e300·E[x²] is finite, q² = 1e300·q¹/2 overflows: no prediction from layer 2 on.
      assert.equal(typeof doc.runs[0]!.layers[0]!.predictedPreVar, 'number');
      assert.equal(doc.runs[0]!.layers[1]!.predictedPreVar, null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile iterations (item 9): one limit, 1e8, everywhere', () => {
  it('compare --iterations 1e12 (ran without end)', async () => {
    await refuses(['compare', '--iterations', '1e12'], { message: /--iterations: must be ≤ 100000000 \(got 1000000000000\)\./ });
  });
  it('a config file with iterations 1e12', async () => {
    await refuses(['compare', '--config', 'c.json'], { message: /c\.json: config\.training\.iterations: must be ≤ 100000000/ }, { 'c.json': '{"training": {"iterations": 1e12}}' });
  });
  it("a sweep grid 'iterations: [1e12]' and a base with 1e12", async () => {
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /s\.json: spec\.grid\.iterations\[1\]: must be ≤ 100000000 \(got 1000000000000\)\./ }, { 's.json': spec({ iterations: [2, 1e12] }) });
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.base\.training\.iterations: must be ≤ 100000000/ }, { 's.json': spec({ lr: [0.1] }, { training: { iterations: 1e12, logEvery: 1 } }) });
  });
  it('a sweep grid depth or width past the limits', async () => {
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid\.depth\[0\]: depth must be a whole number from 1 to 10000 \(got 20000\)/ }, { 's.json': spec({ depth: [20000] }) });
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid\.width\[0\]: width must be a whole number from 1 to 100000 \(got 1000000\)/ }, { 's.json': spec({ width: [1000000] }) });
  });
  it('trainability --iterations 1000000000', async () => {
    await refuses(['trainability', '--iterations', '1000000000', '--out', 't'], { message: /--iterations: must be ≤ 100000000 \(got 1000000000\)/ });
  });
});

describe('hostile config and spec files (item 8): size capped', () => {
  it('compare --config /dev/zero (grew to 8 GB)', async () => {
    await refuses(['compare', '--config', '/dev/zero'], { message: /--config \/dev\/zero: the file is larger than 4\.19 MB, the most a config or spec file may hold/ });
  });
  it('a 5 MB config file', async () => {
    await refuses(['compare', '--config', 'big.json'], { message: /--config big\.json: the file is larger than 4\.19 MB/ }, { 'big.json': `{"initSeed": 1${' '.repeat(5_000_000)}}` });
  });
  it('a sweep spec that is /dev/zero under a .json name', async () => {
    const dir = caseDir();
    try {
      symlinkSync('/dev/zero', join(dir, 'zero.json'));
      const r = await runIn(dir, ['sweep', 'zero.json', '--out', 'sw']);
      assertRefused(r, ['zero.json'], { message: /zero\.json: the file is larger than 4\.19 MB/ });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a config that is a folder or missing', async () => {
    await refuses(['compare', '--config', '.'], { message: /--config \.: cannot read the file \(EISDIR\)/ });
    await refuses(['compare', '--config', 'nope.json'], { message: /--config nope\.json: cannot read the file \(ENOENT\)/ });
  });
});

describe('hostile sweep grids (item 10): a limit on runs, before any expansion', () => {
  it('10^6 runs (spent 65 s and 1.3 GB before the first run)', async () => {
    const lrs = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid: 1000000 runs is more than 100000, the most one sweep may hold; split the sweep\./ }, {
      's.json': spec({ learningRate: lrs, seeds: 10000 }),
    });
  });
  it('a seed count past the limit', async () => {
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid: 2000000 runs is more than 100000/ }, { 's.json': spec({ seeds: 2000000 }) });
  });
});

describe("hostile '__proto__' keys (item 11): refused as unknown, never dropped", () => {
  it('--inits he:__proto__=1 and random:__proto__=5', async () => {
    await refuses(['compare', '--inits', 'he:__proto__=1'], { message: /--inits: unknown parameter '__proto__' for initializer 'he'; it takes no parameters\./ });
    await refuses(['compare', '--inits', 'random:__proto__=5'], { message: /--inits: unknown parameter '__proto__' for initializer 'random'; it accepts: scale\./ });
    await refuses(['diagnose', '--inits', 'xavier,random:__proto__=5'], { message: /unknown parameter '__proto__' for initializer 'random'/ });
  });
  it('--data and --optimizer name:__proto__=…', async () => {
    await refuses(['diagnose', '--data', 'moons:__proto__=1'], { message: /--data 'moons:__proto__=1': unknown parameter '__proto__' for data set 'moons'/ });
    await refuses(['trainability', '--optimizer', 'sgd:__proto__=1', '--out', 't'], { message: /--optimizer.*'__proto__'/ });
  });
  it('a config file with __proto__ at the top, in a section and in an init', async () => {
    await refuses(['compare', '--config', 'c.json'], { message: /c\.json: config: unknown field '__proto__'/ }, { 'c.json': '{"__proto__": {"x": 1}}' });
    await refuses(['compare', '--config', 'c.json'], { message: /c\.json: config\.training: unknown field '__proto__'/ }, { 'c.json': '{"training": {"__proto__": 1}}' });
    await refuses(['compare', '--config', 'c.json'], { message: /c\.json: config\.inits\[0\]: unknown field '__proto__'/ }, { 'c.json': '{"inits": [{"name": "he", "__proto__": 1}]}' });
  });
  it('a sweep spec (JSON and YAML) with __proto__ in the grid, the base data or the base init', async () => {
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /s\.json: spec\.grid: unknown field '__proto__' — remove it\./ }, { 's.json': spec({ lr: [0.1] }).replace('"lr"', '"__proto__":[1,2],"lr"') });
    await refuses(['sweep', 's.yaml', '--out', 'sw'], { message: /s\.yaml: spec\.grid: unknown field '__proto__'/ }, {
      's.yaml': 'base: {network: {hidden: [2]}, training: {iterations: 2, logEvery: 1}}\ngrid: {__proto__: [1, 2], learningRate: [0.1]}\n',
    });
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.base\.data: unknown field '__proto__'/ }, { 's.json': spec({ lr: [0.1] }).replace('"base":{', '"base":{"data":{"name":"circles","__proto__":1},') });
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid\.inits\[0\]: unknown field '__proto__'/ }, { 's.json': spec({ inits: [{ name: 'he' }] }).replace('{"name":"he"}', '{"name":"he","__proto__":1}') });
  });
});

describe('hostile numbers (item 15): overflow is "out of range"', () => {
  it('--lr 1e400 and 1e-400 (said "expected number (got null)")', async () => {
    await refuses(['compare', '--lr', '1e400'], { message: /--lr: '1e400' is out of range \(a number must lie within ±1\.8e308/ });
    await refuses(['compare', '--lr', '1e-400'], { message: /--lr: '1e-400' is out of range/ });
    await refuses(['trainability', '--lr', '1e400', '--out', 't'], { message: /--lr: '1e400' is out of range/ });
    await refuses(['trainability', '--sigma-w2', '1,1e309', '--out', 't'], { message: /--sigma-w2: '1e309' is out of range/ });
  });
  it('spec parameters: random:scale=1e400, moons:noise=1e999', async () => {
    await refuses(['compare', '--inits', 'random:scale=1e400'], { message: /initializer spec 'random:scale=1e400': parameter 'scale': '1e400' is out of range/ });
    await refuses(['diagnose', '--data', 'moons:noise=1e999'], { message: /--data 'moons:noise=1e999': parameter 'noise': '1e999' is out of range/ });
  });
  it('1e400 in a config file and in a sweep spec', async () => {
    await refuses(['compare', '--config', 'c.json'], { message: /config\.training\.learningRate: out of range \(got Infinity; a number must lie within ±1\.8e308\)/ }, { 'c.json': '{"training": {"learningRate": 1e400}}' });
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /spec\.grid\.learningRate\[0\]: out of range \(got Infinity/ }, { 's.json': spec({ lr: [0.1] }).replace('"lr":[0.1]', '"learningRate":[1e400]') });
  });
});

describe('hostile data files (items 14, 16)', () => {
  const secret = 'root:$6$S3CRETsalt$hash:19000:0:99999:7:::';
  it("a data.path that is not a CSV: the error names the file and row 1, never the content (was the file's first line)", async () => {
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /data set 'csv': file 'shadow' has no column 'label' \(the label column\)\. Row 1 must name the columns/, hides: 'S3CRET' }, {
      shadow: `${secret}\nbin:*:19000:0:99999:7:::\n`,
      's.json': spec({ lr: [0.1] }, { data: { name: 'csv', path: 'shadow' } }),
    });
    await refuses(['diagnose', '--data', 'csv:path=shadow'], { message: /file 'shadow' has no column 'label'/, hides: 'S3CRET' }, { shadow: `${secret}\n` });
    // A one-line secret with commas in it is not a header of names either.
    await refuses(['diagnose', '--data', 'csv:path=k'], { message: /file 'k' has no column 'label'/, hides: 'hunter2' }, { k: 'password=hunter2,token=abc\n1,2\n' });
  });
  it('a real CSV header is still listed, with the closest name', async () => {
    await refuses(['diagnose', '--data', 'csv:path=d.csv'], { message: /has no column 'label' \(the label column\)\. Did you mean 'lable'\? Its columns: x, lable\./ }, { 'd.csv': 'x,lable\n1,0\n2,1\n' });
  });
  it('/etc/shadow itself', async () => {
    const r = await refuses(['diagnose', '--data', 'csv:path=/etc/shadow'], { message: /file '\/etc\/shadow'/ });
    assert.doesNotMatch(r.stderr, /root:/);
  });
  it('a CSV with one label class (became a regression task with R² = 0)', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i / 10},${(i * 7) % 5},0`).join('\n');
    await refuses(['sweep', 's.json', '--out', 'sw'], { message: /file 'one\.csv': all 20 labels are 0, a single class: there is nothing to classify\. .*set task 'regression'/ }, {
      'one.csv': `a,b,label\n${rows}\n`,
      's.json': spec({ lr: [0.1] }, { data: { name: 'csv', path: 'one.csv' } }),
    });
    // An explicit classification task says the same in its own words.
    await refuses(['diagnose', '--data', 'csv:path=one.csv:task=classification'], { message: /task 'classification' needs labels 0 … k−1 with k ≥ 2, but there is only one class/ }, { 'one.csv': `a,b,label\n${rows}\n` });
  });
});

describe('hostile run records (item 13): a damaged metric is named, not left out', () => {
  it("summarize refuses a record whose testAccuracy is \"abc\" (was n = 11 of 12), and writes no --out file", async () => {
    const dir = caseDir({ 's.json': spec({ lr: [0.1, 0.2] }) });
    try {
      const made = await runIn(dir, ['sweep', 's.json', '--out', 'sw', '--workers', '1']);
      assert.equal(made.code, 0, made.stderr);
      const path = join(dir, 'sw', 'runs.jsonl');
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 2);
      const record = JSON.parse(lines[1]!) as { final: Record<string, unknown> };
      record.final['testAccuracy'] = 'abc';
      lines[1] = JSON.stringify(record);
      writeFileSync(path, lines.join('\n') + '\n');
      const before = listFiles(dir);
      const r = await runIn(dir, ['summarize', 'sw', '--out', 'summary.csv']);
      assertRefused(r, before, { message: /sw\/runs\.jsonl line 2: damaged record \(testAccuracy: expected a number\); remove that line, and its run will be done again\./ });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
