import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { runCli } from '../helpers/cli.js';
import { PNG_SIGNATURE, pngSize } from '../report/helpers.js';

interface Layer { layer: number; preStd: number; postStd: number; gradStd: number; deadFraction: number; saturatedFraction: number | null; predictedPreVar: number | null }
interface Doc { runs: { init: { name: string; scale?: number }; layers: Layer[]; verdicts: { kind: string; layers: number[]; value: number | string; message: string }[] }[] }

describe('initlab diagnose', () => {
  it('tanh: N(0, 0.01²) vanishes, N(0, 1) saturates near 0.98, zeros is symmetric; measured std beside theory', async () => {
    const r = await runCli(['diagnose', '--width', '256', '--depth', '6', '--batch', '1000', '--activation', 'tanh', '--inits', 'random:scale=0.01,random:scale=1,zeros', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Doc;
    const [small, big, zeros] = doc.runs;
    assert.equal(small!.layers.length, 6);
    validateDiagnosis(doc, 3, 6);
    assert.ok(small!.verdicts.some((v) => v.kind === 'vanishing'));
    assert.ok(big!.verdicts.some((v) => v.kind === 'saturated'));
    assert.ok(zeros!.verdicts.some((v) => v.kind === 'symmetry'));
    // Per layer, σ_w·√fan_in = 0.01·√256 = 0.16: the std shrinks by that factor (tanh is linear near 0).
    const last = small!.layers[5]!.preStd;
    assert.ok(last < 1e-3 && last > 1e-6, String(last));
    for (const l of big!.layers) assert.ok(Math.abs(l.postStd - 0.98) < 0.02, `post std ${l.postStd}`);
    // Theory (mean-field q^l) against the measured pre-activation std: at width 256 each layer's
    // weights move the variance by a few percent (and the batch's sample covariance), and that spread
    // accumulates over the 6 layers, so the bound is 5% (the issue's ~2% is for width 512, batch 1000).
    for (const run of [small!, big!]) for (const l of run.layers) {
      const predicted = Math.sqrt(l.predictedPreVar!);
      assert.ok(Math.abs(l.preStd / predicted - 1) < 0.05, `layer ${l.layer}: ${l.preStd} vs ${predicted}`);
    }
  });

  it('--data: the batch is the data set\'s first points (width = its features), and q¹ = σ_w²·mean(x²) of those points', async () => {
    const r = await runCli(['diagnose', '--data', 'moons:noise=0.1', '--width', '16', '--depth', '3', '--batch', '50', '--inits', 'he', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { config: { inputDim: number; batch: number; data: { name: string; noise: number; seed: number } }; runs: { layers: { predictedPreVar: number }[] }[] };
    assert.equal(doc.config.inputDim, 2);
    assert.equal(doc.config.batch, 50);
    assert.deepEqual(doc.config.data, { seed: 1, noise: 0.1, name: 'moons' });
    // The test's own mean square of the first 50 training points (feature-major), times He's σ_w² = 2.
    const train = makeDataset({ name: 'moons', seed: 1, noise: 0.1 }).train;
    let ms = 0;
    for (let f = 0; f < 2; f++) for (let j = 0; j < 50; j++) ms += train.x[f * train.nSamples + j]! ** 2;
    ms /= 100;
    assert.ok(Math.abs(doc.runs[0]!.layers[0]!.predictedPreVar / (2 * ms) - 1) < 1e-12);
    for (const bad of [['--data', 'nosuch'], ['--data', 'moons', '--input-dim', '5'], ['--data', 'moons:noise=abc']]) {
      const e = await runCli(['diagnose', '--width', '4', '--depth', '2', ...bad]);
      assert.equal(e.code, 2, bad.join(' '));
      assert.equal(e.stdout, '');
      assert.equal(e.stderr.trim().split('\n').length, 1, e.stderr);
    }
  });

  it('rejects bad input with one line and exit 2', async () => {
    for (const args of [['--depth', '0'], ['--activation', 'swish'], ['--hidden', '8,8', '--width', '8'], ['--inits', 'hee']]) {
      const r = await runCli(['diagnose', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  const tmp = mkdtempSync(join(tmpdir(), 'initlab-diagnose-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

  it('--out DIR writes diagnosis.json (the --json document: version, config, seed) and the figures as SVG and PNG', async () => {
    const out = join(tmp, 'diag');
    const args = ['diagnose', '--width', '24', '--depth', '3', '--batch', '50', '--seed', '4', '--inits', 'random:scale=0.01,zeros'];
    const r = await runCli([...args, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote 7 files to /);
    const names = ['activation-histograms', 'gradient-histograms', 'std-vs-depth'];
    assert.deepEqual(readdirSync(out).sort(), ['diagnosis.json', ...names.flatMap((n) => [`${n}.png`, `${n}.svg`])].sort());
    const json = readFileSync(join(out, 'diagnosis.json'), 'utf8');
    const doc = JSON.parse(json) as Doc & { initlab: { version: string }; config: Record<string, unknown> };
    assert.equal(doc.initlab.version, version);
    assert.deepEqual([doc.config.seed, doc.config.batch, doc.config.hidden, doc.config.activation], [4, 50, [24, 24, 24], 'tanh']);
    validateDiagnosis(doc, 2, 3);
    // The same document --json prints.
    const printed = await runCli([...args, '--json']);
    assert.equal(printed.stdout, json);
    for (const n of names) {
      const png = readFileSync(join(out, `${n}.png`));
      assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
      const { width, height } = pngSize(png);
      assert.ok(width >= 800 && width <= 3000 && height >= 300 && height <= 2000, `${n}.png is ${width} × ${height}`);
      assert.match(readFileSync(join(out, `${n}.svg`), 'utf8'), /^<svg[^>]*>/);
    }
  });

  it('--out naming a file: one line, exit 2, and nothing written (the file untouched, no partial folder)', async () => {
    const file = join(tmp, 'taken');
    writeFileSync(file, 'keep');
    const r = await runCli(['diagnose', '--width', '8', '--depth', '2', '--batch', '5', '--out', file]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--out .*taken: a file of that name exists/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(readFileSync(file, 'utf8'), 'keep');
    assert.deepEqual(readdirSync(tmp).filter((n) => n.includes('partial')), []);
  });

  it('bad input with --out leaves no folder behind', async () => {
    const out = join(tmp, 'never');
    const r = await runCli(['diagnose', '--inits', 'hee', '--out', out]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(out), false);
  });
});

const VERDICTS = ['symmetry', 'vanishing', 'exploding', 'dead', 'saturated', 'nonfinite'];

/** The --json shape the issue documents: runs[{init, layers[{layer, preStd, …, predictedPreVar}], verdicts[{kind, layers, value, message}]}]. */
function validateDiagnosis(doc: Doc, runs: number, depth: number): void {
  assert.equal(doc.runs.length, runs);
  for (const run of doc.runs) {
    assert.equal(typeof run.init.name, 'string');
    assert.equal(run.layers.length, depth);
    run.layers.forEach((l, i) => {
      assert.equal(l.layer, i + 1);
      for (const k of ['preStd', 'postStd', 'gradStd', 'deadFraction'] as const) assert.equal(typeof l[k], 'number', k);
      for (const k of ['saturatedFraction', 'predictedPreVar'] as const) assert.ok(l[k] === null || typeof l[k] === 'number', k);
    });
    for (const v of run.verdicts) {
      assert.ok(VERDICTS.includes(v.kind), v.kind);
      assert.ok(Array.isArray(v.layers) && v.layers.every((n) => Number.isInteger(n) && n >= 1 && n <= depth));
      assert.ok(typeof v.value === 'number' || v.value === 'NaN' || v.value === 'Infinity');
      assert.equal(typeof v.message, 'string');
    }
  }
}
