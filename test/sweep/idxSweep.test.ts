import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

/*
 * `initlab sweep` end to end on IDX data written here: 60 images of 4×4 pixels in 3 classes, each
 * class a bright block in its own place (so a small network separates them), gzipped images and
 * plain labels, a test pair of 15. The runs train on the worker threads (each loads the files
 * itself) with a softmax head of 3 outputs.
 */
const dir = mkdtempSync(join(tmpdir(), 'initlab-idx-sweep-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function idxBytes(dims: number[], data: number[]): Uint8Array {
  const header = [0, 0, 8, dims.length];
  for (const d of dims) header.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Uint8Array.from([...header, ...data]);
}

/** n images: class k = i mod 3 lights pixels 5k … 5k+4 (of 16) at 200–250, the rest 0–30. */
function images(n: number, salt: number): { pixels: number[]; labels: number[] } {
  const pixels: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    labels.push(k);
    for (let p = 0; p < 16; p++) pixels.push(p >= 5 * k && p < 5 * k + 5 ? 200 + ((i * 7 + p + salt) % 51) : (i * 13 + p * 5 + salt) % 31);
  }
  return { pixels, labels };
}

describe('initlab sweep on IDX data', () => {
  it('trains every run of the grid on the files and records test accuracy over 3 classes', async () => {
    const train = images(60, 0);
    const test = images(15, 3);
    writeFileSync(join(dir, 'train-images.gz'), gzipSync(idxBytes([60, 4, 4], train.pixels)));
    writeFileSync(join(dir, 'train-labels'), idxBytes([60], train.labels));
    writeFileSync(join(dir, 'test-images'), idxBytes([15, 4, 4], test.pixels));
    writeFileSync(join(dir, 'test-labels.gz'), gzipSync(idxBytes([15], test.labels)));
    const spec = {
      name: 'idx-sweep',
      base: {
        data: { name: 'idx', seed: 0, images: join(dir, 'train-images.gz'), labels: join(dir, 'train-labels'), testImages: join(dir, 'test-images'), testLabels: join(dir, 'test-labels.gz'), samples: 45 },
        network: { hidden: [8], activation: 'relu' },
        training: { optimizer: 'adam', learningRate: 0.05, iterations: 150, logEvery: 50 },
      },
      grid: { inits: ['he', 'zeros'], seeds: 1 },
    };
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const out = join(dir, 'out');
    const r = await runCli(['sweep', specPath, '--out', out, '--workers', '2']);
    assert.equal(r.code, 0, r.stderr);
    const records = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { config: { init: { name: string } }; status: string; symmetric: boolean; final: { testAccuracy: number; trainLoss: number }; metrics: { iteration: number; trainLoss: number }[] });
    assert.equal(records.length, 2);
    const he = records.find((x) => x.config.init.name === 'he')!;
    const zeros = records.find((x) => x.config.init.name === 'zeros')!;
    assert.equal(he.status, 'ok');
    // 3 classes: the loss starts near ln 3 for a softmax over 3 near-equal logits; he separates the blocks
    assert.ok(Math.abs(zeros.metrics[0]!.trainLoss - Math.log(3)) < 1e-12, String(zeros.metrics[0]!.trainLoss));
    assert.equal(he.final.testAccuracy, 1);
    // zeros never breaks the hidden layer's symmetry
    assert.equal(zeros.symmetric, true);
  });

  it('a broken file in a spec: exit 2, one line naming the file and the byte, nothing written', async () => {
    writeFileSync(join(dir, 'cut-images'), idxBytes([60, 4, 4], images(60, 0).pixels).subarray(0, 100));
    const spec = {
      base: { data: { name: 'idx', seed: 0, images: join(dir, 'cut-images'), labels: join(dir, 'train-labels') }, network: { hidden: [4], activation: 'relu' } },
      grid: { inits: ['he'] },
    };
    const specPath = join(dir, 'bad.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const out = join(dir, 'bad-out');
    const r = await runCli(['sweep', specPath, '--out', out]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /file '.*cut-images', byte 100: truncated/);
    assert.equal(existsSync(out), false);
  });
});
