import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isOrthogonalFamily, matrixView, nonZeroBlock, orthogonalityError, tensorStats } from '../../src/cli/sampleCommand.js';
import { listInitializers } from '../../src/init/index.js';
import { decodeCsv } from '../../src/io/csv.js';
import { decodeNpy } from '../../src/io/npy.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { translateShape } from '../../src/cli/explainCommand.js';
import { runCli } from '../helpers/cli.js';
import { readReference } from '../helpers/reference.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-sample-'));

interface SampleDoc {
  spec: Record<string, unknown>;
  shape: number[];
  fanIn: number;
  fanOut: number;
  expectedStd: number;
  stats: { mean: number; std: number; min: number; max: number; orthogonalityError?: number };
  values: number[];
}

async function sampleJson(args: string[]): Promise<SampleDoc> {
  const r = await runCli(['sample', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as SampleDoc;
}

/** Stats recomputed here, naively, from the printed values. */
function stats(values: readonly number[]): { mean: number; std: number; min: number; max: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return { mean, std: Math.sqrt(variance), min: values.reduce((a, b) => Math.min(a, b), Infinity), max: values.reduce((a, b) => Math.max(a, b), -Infinity) };
}

const close = (a: number, b: number, rel = 1e-12): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('initlab sample (end to end)', () => {
  it('--help documents every option', async () => {
    const r = await runCli(['sample', '--help']);
    assert.equal(r.code, 0);
    for (const s of ['<spec>', '--shape', '--seed', '--rng', '--json', '--format', '--out', '--dtype', 'npy', 'safetensors', 'csv', 'json', 'float32']) assert.ok(r.stdout.includes(s), s);
    const top = await runCli(['--help']);
    assert.match(top.stdout, /explain/);
    assert.match(top.stdout, /sample/);
  });

  it('he on 256x512: --json has exactly the documented keys, and closed-form statistics', async () => {
    const d = await sampleJson(['he', '--shape', '256x512', '--seed', '0']);
    assert.deepEqual(Object.keys(d), ['spec', 'shape', 'fanIn', 'fanOut', 'expectedStd', 'stats', 'values']);
    assert.deepEqual(Object.keys(d.stats), ['mean', 'std', 'min', 'max']);
    assert.deepEqual(d.spec, { name: 'he' });
    assert.deepEqual(d.shape, [256, 512]);
    assert.equal(d.fanIn, 512);
    assert.equal(d.fanOut, 256);
    const sigma = Math.sqrt(2 / 512);
    assert.equal(d.expectedStd, sigma);
    const n = 256 * 512;
    assert.equal(d.values.length, n);
    // the printed stats are the stats of the printed values (population std, /n)
    const s = stats(d.values);
    assert.ok(Math.abs(d.stats.mean - s.mean) < 1e-12 * sigma, `${d.stats.mean} vs ${s.mean}`);
    assert.ok(close(d.stats.std, s.std), `${d.stats.std} vs ${s.std}`);
    assert.equal(d.stats.min, s.min);
    assert.equal(d.stats.max, s.max);
    // N(0, σ²): mean within 6 standard errors σ/√n, std within 6 standard errors σ/√(2n)
    assert.ok(Math.abs(d.stats.mean) < 6 * sigma / Math.sqrt(n), `mean ${d.stats.mean}`);
    assert.ok(Math.abs(d.stats.std - sigma) < 6 * sigma / Math.sqrt(2 * n), `std ${d.stats.std} vs ${sigma}`);
    // the largest of 131072 normals is about 4.4σ; beyond 6σ has probability ~1e-4
    assert.ok(d.stats.max > 3 * sigma && d.stats.max < 6 * sigma, `max ${d.stats.max}`);
    assert.ok(d.stats.min < -3 * sigma && d.stats.min > -6 * sigma, `min ${d.stats.min}`);
  });

  it('xavier and random:scale=0.01 on 256x512 match their closed forms; zeros is all 0', async () => {
    const n = 256 * 512;
    for (const [spec, sigma] of [['xavier', Math.sqrt(1 / 512)], ['random:scale=0.01', 0.01]] as const) {
      const d = await sampleJson([spec, '--shape', '256x512', '--seed', '1']);
      assert.equal(d.expectedStd, sigma);
      assert.ok(Math.abs(d.stats.std - sigma) < 6 * sigma / Math.sqrt(2 * n), `${spec}: std ${d.stats.std} vs ${sigma}`);
      assert.ok(Math.abs(d.stats.mean) < 6 * sigma / Math.sqrt(n), `${spec}: mean ${d.stats.mean}`);
    }
    const z = await sampleJson(['zeros', '--shape', '3x4']);
    assert.deepEqual(z.stats, { mean: 0, std: 0, min: 0, max: 0 });
    assert.equal(z.expectedStd, 0);
    assert.deepEqual(z.values, new Array(12).fill(0));
  });

  it("--rng numpy reproduces numpy's np.random.seed(3); randn(10, 2) bit for bit", async () => {
    const ref = readReference<{ randn: { seed3_randn_10x2: number[][] } }>('numpy-legacy-vectors.json');
    const d = await sampleJson(['random:scale=1', '--shape', '10x2', '--seed', '3', '--rng', 'numpy']);
    assert.deepEqual(d.values, ref.randn.seed3_randn_10x2.flat());
  });

  it("the default --rng is 'default'; seeds give repeatable, distinct draws", async () => {
    const a = await sampleJson(['he', '--shape', '8x8', '--seed', '5']);
    const b = await sampleJson(['he', '--shape', '8x8', '--seed', '5', '--rng', 'default']);
    const c = await sampleJson(['he', '--shape', '8x8', '--seed', '6']);
    const np = await sampleJson(['he', '--shape', '8x8', '--seed', '5', '--rng', 'numpy']);
    assert.deepEqual(a.values, b.values);
    assert.notDeepEqual(a.values, c.values);
    assert.notDeepEqual(a.values, np.values);
    const noSeed = await sampleJson(['he', '--shape', '8x8']);
    const seed0 = await sampleJson(['he', '--shape', '8x8', '--seed', '0']);
    assert.deepEqual(noSeed.values, seed0.values);
  });

  it('prints the statistics in human mode', async () => {
    const r = await runCli(['sample', 'he', '--shape', '256x512', '--seed', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^he on 256x512 .*rng default, seed 0\n/);
    assert.match(r.stdout, /fan_in 512, fan_out 256, expected std 0\.0625/);
    for (const k of ['mean', 'std', 'min', 'max']) assert.match(r.stdout, new RegExp(`\\n  ${k} +-?\\d`));
  });

  it('writes npy, safetensors and csv files holding exactly the drawn values, atomically', async () => {
    const args = ['he', '--shape', '16x24', '--seed', '9', '--rng', 'numpy'];
    const d = await sampleJson(args);
    const dir = tmp();
    for (const format of ['npy', 'safetensors', 'csv']) {
      const file = join(dir, `w.${format}`);
      const r = await runCli(['sample', ...args, '--out', file]); // the format from the extension
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${format}, float64, 16x24\\)`));
    }
    const npy = decodeNpy(new Uint8Array(readFileSync(join(dir, 'w.npy'))));
    assert.deepEqual(npy.shape, [16, 24]);
    assert.deepEqual([...npy.values], d.values);
    const st = decodeSafetensors(new Uint8Array(readFileSync(join(dir, 'w.safetensors'))));
    assert.deepEqual(st.tensors['weight']!.shape, [16, 24]);
    assert.deepEqual([...st.tensors['weight']!.values], d.values);
    assert.equal(st.metadata['spec'], 'he');
    assert.equal(st.metadata['rng'], 'numpy');
    assert.equal(st.metadata['seed'], '9');
    assert.equal(st.metadata['fan_in'], '24');
    const csv = decodeCsv(readFileSync(join(dir, 'w.csv'), 'utf8'));
    assert.deepEqual(csv.shape, [16, 24]);
    assert.deepEqual([...csv.values], d.values);
    assert.deepEqual(readdirSync(dir).sort(), ['w.csv', 'w.npy', 'w.safetensors'], 'no temporary files left');
  });

  it('--dtype float32 writes float32; --json with --out prints the document and writes the file; missing folders are created', async () => {
    const dir = tmp();
    const file = join(dir, 'sub', 'deeper', 'w.npy');
    const r = await runCli(['sample', 'he', '--shape', '4x6', '--json', '--out', file, '--dtype', 'float32']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as SampleDoc;
    const npy = decodeNpy(new Uint8Array(readFileSync(file)));
    assert.equal(npy.dtype, 'f4');
    assert.deepEqual([...npy.values], d.values.map(Math.fround));
  });

  it('--out FILE.json writes the --json document; --dtype f4 (numpy code) and --output (deprecated) still work', async () => {
    const dir = tmp();
    const args = ['he', '--shape', '3x5', '--seed', '4'];
    const d = await sampleJson(args);
    const j = await runCli(['sample', ...args, '--out', join(dir, 'w.json')]);
    assert.equal(j.code, 0, j.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8')), d);
    const old = await runCli(['sample', ...args, '--format', 'npy', '--output', join(dir, 'old.npy'), '--dtype', 'f4']);
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stderr, 'initlab: note: --output is deprecated; use --out.\n');
    const npy = decodeNpy(new Uint8Array(readFileSync(join(dir, 'old.npy'))));
    assert.equal(npy.dtype, 'f4');
    assert.deepEqual([...npy.values], d.values.map(Math.fround));
    // --format names the format of a file whose name has no known extension.
    const bare = await runCli(['sample', ...args, '--format', 'csv', '--out', join(dir, 'weights')]);
    assert.equal(bare.code, 0, bare.stderr);
    assert.deepEqual([...decodeCsv(readFileSync(join(dir, 'weights'), 'utf8')).values], d.values);
  });

  it('reports the orthogonality error of every registered orthogonal initializer', async (t) => {
    const defs = listInitializers().filter((d) => isOrthogonalFamily(d) && !d.dataDependent);
    if (defs.length === 0) return t.skip('no orthogonal initializer is registered yet');
    let checked = 0;
    for (const def of defs) {
      // dense 128 → 64, 64 → 128 and a 3x3 conv 32 → 64, each in the initializer's own layout
      for (const base of [[64, 128], [128, 64], [64, 32, 3, 3]]) {
        const shape = translateShape(base, 'out-in', def.layout ?? 'out-in');
        const r = await runCli(['sample', def.name, '--shape', shape.join('x'), '--json']);
        if (r.code === 2) continue; // a shape rule of that initializer
        assert.equal(r.code, 0, r.stderr);
        checked += 1;
        const d = JSON.parse(r.stdout) as SampleDoc;
        assert.deepEqual(Object.keys(d.stats), ['mean', 'std', 'min', 'max', 'orthogonalityError']);
        assert.ok(d.stats.orthogonalityError! < 1e-10, `${def.name} ${shape.join('x')}: ${d.stats.orthogonalityError}`);
      }
    }
    assert.ok(checked >= defs.length, `${checked} orthogonal samples checked`);
  });

  it('refuses data-dependent initializers with a clear message', async (t) => {
    const def = listInitializers().find((d) => d.dataDependent);
    if (def === undefined) return t.skip('no data-dependent initializer is registered');
    const dir = tmp();
    const r = await runCli(['sample', def.name, '--shape', '10x5', '--out', join(dir, 'w.npy')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`'${def.name}' is data-dependent: it needs a network and a batch of data`));
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('initlab sample: bad input gets exit 2, one stderr line, nothing on stdout, no output file', () => {
  const cases: [string, string[], RegExp][] = [
    ['--format without --out', ['he', '--shape', '2x2', '--format', 'npy'], /--format npy: also pass --out FILE/],
    ['--out with an unknown extension and no --format', ['he', '--shape', '2x2', '--out', 'OUT.txt'], /--out .*w\.npy\.txt: name the format with the extension \(\.npy, \.safetensors, \.csv, \.json\) or pass --format/],
    ['--format contradicting the extension', ['he', '--shape', '2x2', '--format', 'csv', '--out', 'OUT'], /--format csv contradicts --out .*w\.npy \(a \.npy name\)/],
    ['an unknown format', ['he', '--shape', '2x2', '--format', 'xml', '--out', 'OUT'], /--format: expected 'npy', 'safetensors', 'csv', 'json', got 'xml'/],
    ['a bad dtype', ['he', '--shape', '2x2', '--out', 'OUT', '--dtype', 'f2'], /--dtype: expected 'float64' or 'float32' \(also 'f8', 'f4'\), got 'f2'/],
    ['--output and --out together', ['he', '--shape', '2x2', '--output', 'OUT', '--out', 'OUT'], /--output and --out are the same setting: give only --out/],
    ['--dtype without a file', ['he', '--shape', '2x2', '--dtype', 'f4'], /--dtype applies to the file/],
    ['a negative seed', ['he', '--shape', '2x2', '--seed', '-1', '--out', 'OUT'], /--seed: expected a whole number from 0 to 4294967295, got '-1'/],
    ['a seed above 2^32 − 1', ['he', '--shape', '2x2', '--seed', '4294967296', '--out', 'OUT'], /--seed: expected a whole number/],
    ['an unknown rng', ['he', '--shape', '2x2', '--rng', 'mt', '--out', 'OUT'], /--rng: expected 'numpy' or 'default', got 'mt'/],
    ['a zero dimension', ['he', '--shape', '0x5', '--out', 'OUT'], /--shape 0x5: every dimension must be a whole number ≥ 1/],
    ['a 1-D shape', ['he', '--shape', '5', '--out', 'OUT'], /--shape 5: 'he' accepts 2-D tensors/],
    ['a 3-D shape for a 2-D-only initializer', ['he', '--shape', '4x4x4', '--out', 'OUT'], /--shape 4x4x4: 'he' accepts 2-D tensors, not the 3-D shape/],
    ['no shape', ['he', '--out', 'OUT'], /--shape is required/],
    ['a shape too large to draw', ['he', '--shape', '100000x100000', '--out', 'OUT'], /10000000000 values; sample draws at most 16777216/],
    ['an unknown initializer', ['kaiming', '--shape', '2x2', '--out', 'OUT'], /unknown initializer 'kaiming'/],
    ['a bad parameter', ['random:scale=0', '--shape', '2x2', '--out', 'OUT'], /initializer 'random': parameter 'scale' must be a finite number in \(0, ∞\), got 0\./],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, async () => {
      const dir = tmp();
      const out = join(dir, 'w.npy');
      const r = await runCli(['sample', ...args.map((a) => (a === 'OUT' ? out : a === 'OUT.txt' ? `${out}.txt` : a))]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(existsSync(out), false);
      assert.deepEqual(readdirSync(dir), []);
    });
  }

  it('rejects --out naming a folder, or a path under a file, leaving both untouched', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'file'), 'keep');
    const a = await runCli(['sample', 'he', '--shape', '2x2', '--format', 'npy', '--out', join(dir, 'folder')]);
    assert.equal(a.code, 2);
    assert.equal(a.stdout, '');
    assert.match(a.stderr, /that is a folder; pass a file path/);
    const b = await runCli(['sample', 'he', '--shape', '2x2', '--out', join(dir, 'file', 'w.npy')]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /is a file, not a folder/);
    assert.deepEqual(readdirSync(join(dir, 'folder')), []);
    assert.equal(readFileSync(join(dir, 'file'), 'utf8'), 'keep');
    assert.deepEqual(readdirSync(dir).sort(), ['file', 'folder']);
  });
});

describe('sample helpers', () => {
  it('tensorStats: mean, population std, min, max', () => {
    assert.deepEqual(tensorStats(Float64Array.from([1, 2, 3, 4])), { mean: 2.5, std: Math.sqrt(1.25), min: 1, max: 4 });
  });
  it('orthogonalityError: exact for a permutation, rows and columns, with a gain', () => {
    // rows of a 2x3 partial permutation are orthonormal; its 3x2 transpose has orthonormal columns
    const w = Float64Array.from([0, 1, 0, 0, 0, 1]);
    assert.equal(orthogonalityError(w, 2, 3), 0);
    assert.equal(orthogonalityError(Float64Array.from([0, 0, 1, 0, 0, 1]), 3, 2), 0);
    assert.equal(orthogonalityError(w.map((x) => 2 * x), 2, 3, 2), 0);
    assert.equal(orthogonalityError(Float64Array.from([1, 0.5, 0, 1]), 2, 2), 0.5);
  });
  it('nonZeroBlock drops all-zero rows and columns (delta-orthogonal), and nothing else', () => {
    const w = Float64Array.from([0, 0, 0, 1, 0, 2, 0, 0, 0]);
    assert.deepEqual(nonZeroBlock(w, 3, 3), { values: Float64Array.from([1, 2]), rows: 1, cols: 2 });
    const full = Float64Array.from([1, 2, 3, 4]);
    assert.equal(nonZeroBlock(full, 2, 2).values, full);
  });
  it('matrixView follows the layout: (out, in, k…) rows = out; (k…, in, out) columns = out', () => {
    assert.deepEqual(matrixView([64, 32, 3, 3], 'out-in'), { rows: 64, cols: 288 });
    assert.deepEqual(matrixView([3, 3, 32, 64], 'in-out'), { rows: 288, cols: 64 });
  });
});
