import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { FASHION_MNIST_DIR } from '../../src/data/idxData.js';
import { runCli } from '../helpers/cli.js';
import { ensureDebianPackage } from '../helpers/debianPackage.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-diagnose-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

interface Doc {
  config: { hidden: number[]; activation: string; inputDim: number; batch: number; data: Record<string, unknown>; inits: { name: string }[] };
  runs: { init: { name: string; scale?: number }; layers: { predictedPreVar: number }[] }[];
}

/** The test's own mean square of a data set's first `batch` training points (feature-major). */
function meanSquare(spec: { name: string; seed: number; [k: string]: string | number | boolean | number[] }, batch: number): number {
  const train = makeDataset(spec).train;
  let ms = 0;
  for (let f = 0; f < train.nFeatures; f++) for (let j = 0; j < batch; j++) ms += train.x[f * train.nSamples + j]! ** 2;
  return ms / (train.nFeatures * batch);
}

async function diagnoseJson(args: string[]): Promise<Doc> {
  const r = await runCli(['diagnose', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Doc;
}

describe('initlab diagnose --config', () => {
  it('a run config: its network, its data and its init; q¹ = σ_w²·mean(x²) of the data', async () => {
    const config = write(
      'run.json',
      JSON.stringify({
        data: { name: 'moons', seed: 2, noise: 0.1, samples: 200 },
        network: { hidden: [12, 7, 5], activation: 'tanh' },
        init: 'xavier',
        initSeed: 4,
        training: { optimizer: 'sgd', learningRate: 0.1, iterations: 10, logEvery: 5 },
      }),
    );
    const doc = await diagnoseJson(['--config', config, '--batch', '40']);
    assert.deepEqual(doc.config.hidden, [12, 7, 5]);
    assert.equal(doc.config.activation, 'tanh');
    assert.equal(doc.config.inputDim, 2);
    assert.equal(doc.config.batch, 40);
    assert.deepEqual(doc.config.data, { name: 'moons', seed: 2, noise: 0.1, samples: 200 });
    assert.deepEqual(doc.runs.map((r) => r.init.name), ['xavier']);
    // xavier: σ_w² = fan_in·Var[W] = 1
    const ms = meanSquare({ name: 'moons', seed: 2, noise: 0.1, samples: 200 }, 40);
    assert.ok(Math.abs(doc.runs[0]!.layers[0]!.predictedPreVar / ms - 1) < 1e-12);
    // --inits replaces the config's init
    const other = await diagnoseJson(['--config', config, '--batch', '40', '--inits', 'he,random:scale=0.5']);
    assert.deepEqual(other.runs.map((r) => r.init.name), ['he', 'random']);
  });

  it("a sweep spec: the grid's first setting, with every init of the grid", async () => {
    const spec = write(
      'spec.yaml',
      [
        'base:',
        '  data: { name: circles, seed: 1, samples: 100 }',
        '  network: { activation: relu }',
        '  training: { optimizer: sgd, learningRate: 0.1, iterations: 10, logEvery: 5 }',
        'grid:',
        '  depth: [3, 5]',
        '  width: [8, 16]',
        '  inits: [he, "random:scale=0.01", xavier]',
        '  seeds: 2',
        '',
      ].join('\n'),
    );
    const doc = await diagnoseJson(['--config', spec, '--batch', '30']);
    assert.deepEqual(doc.config.hidden, [8, 8, 8]);
    assert.equal(doc.config.activation, 'relu');
    assert.deepEqual(doc.runs.map((r) => r.init.name), ['he', 'random', 'xavier']);
    assert.equal(doc.runs[1]!.init.scale, 0.01);
  });

  it('Fashion-MNIST: the input width is 784 pixels', async () => {
    ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
    const config = write(
      'fmnist.json',
      JSON.stringify({
        data: { name: 'fashion-mnist', seed: 0, samples: 300, testSamples: 50 },
        network: { hidden: [32, 32], activation: 'relu' },
        init: 'he',
        initSeed: 0,
        training: { optimizer: 'sgd', learningRate: 0.1, iterations: 10, logEvery: 5 },
      }),
    );
    const doc = await diagnoseJson(['--config', config, '--batch', '100']);
    assert.equal(doc.config.inputDim, 784);
    const ms = meanSquare({ name: 'fashion-mnist', seed: 0, samples: 300, testSamples: 50 }, 100);
    assert.ok(Math.abs(doc.runs[0]!.layers[0]!.predictedPreVar / (2 * ms) - 1) < 1e-12);
  });

  it('refuses, with one line and exit 2: flags it replaces, a bad field, a missing file', async () => {
    const good = write('ok.json', JSON.stringify({ network: { hidden: [4], activation: 'relu' } }));
    const bad = write('bad.json', JSON.stringify({ network: { hidden: [4], activation: 'rleu' } }));
    const badData = write('badData.json', JSON.stringify({ data: { name: 'mnist', seed: 0, dir: join(dir, 'none') } }));
    const cases: [string[], RegExp][] = [
      [['--config', good, '--width', '8'], /--width cannot be combined with --config/],
      [['--config', good, '--input-dim', '8'], /--input-dim cannot be combined with --config/],
      [['--config', bad], /bad\.json: spec\.base\.network\.activation: unknown activation 'rleu'/],
      [['--config', badData], /directory '.*none' does not exist/],
      [['--config', join(dir, 'absent.yaml')], /absent\.yaml/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(['diagnose', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, pattern);
    }
  });

  it('a network.layers config: a row per layer (a residual block is one), the predicted rms 3^(k/2)·√mean(x²) under He, measured beside it', async () => {
    const data = { name: 'blobs', seed: 3, samples: 200, features: 16, centers: 3 };
    const blk = { type: 'residual', activation: 'linear', layers: [{ type: 'dense', units: 16 }, { type: 'dense', units: 16 }] };
    const config = write('layers.json', JSON.stringify({
      data, network: { activation: 'relu', layers: [{ type: 'dense', units: 16 }, blk, blk, blk] }, init: 'torch:kaiming_normal',
    }));
    const r = await runCli(['diagnose', '--config', config, '--batch', '100', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { config: { batch: number }; runs: { init: { name: string }; layers: { path: string; kind: string; rms: number; predictedRms: number | null; gradStd: number | null }[] }[] };
    assert.equal(doc.config.batch, 100);
    const rows = doc.runs[0]!.layers;
    assert.deepEqual(rows.map((l) => l.kind), ['dense', 'residual', 'residual', 'residual', 'dense']);
    assert.deepEqual(rows.map((l) => l.path), ['network.layers[0]', 'network.layers[1]', 'network.layers[2]', 'network.layers[3]', 'output layer']);
    // He: the stem keeps the mean square (2 × ½), each block multiplies it by 1 + 2; blobs' 3 classes: a softmax output of 3.
    const ms = meanSquare(data, 100);
    for (let k = 0; k <= 3; k++) assert.ok(Math.abs(rows[k]!.predictedRms! / Math.sqrt(3 ** k * ms) - 1) < 1e-12, `row ${k}`);
    for (const l of rows.slice(0, 4)) assert.ok(l.rms > 0 && l.gradStd! > 0);
    assert.equal(rows[4]!.gradStd, null);
    // the table: the same rows, and fixup's blocks pass the stem's rms through
    const t = await runCli(['diagnose', '--config', config, '--batch', '100', '--inits', 'fixup']);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /predicted rms/);
    assert.equal(t.stdout.match(/│ layers\[\d\] +│ residual/g)?.length, 3);
  });

  it('a network.layers config refuses --out (the figures are for network.hidden) with one line and exit 2', async () => {
    const config = write('layersOut.json', JSON.stringify({ data: { name: 'blobs', seed: 1, features: 4 }, network: { activation: 'relu', layers: [{ type: 'dense', units: 4 }] } }));
    const out = join(dir, 'figs');
    const r = await runCli(['diagnose', '--config', config, '--out', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--out: the figures are drawn for network\.hidden networks only/);
    assert.equal(existsSync(out), false);
  });
});
