import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDataset } from '../../src/data/makeDataset.js';
import { DATASETS } from '../../src/data/registry.js';
import { checkerboardCell, makeCheckerboard, makeGauss, makeSpiral, makeXor } from '../../src/data/synthetic.js';
import type { Dataset } from '../../src/data/types.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

function counts(d: Dataset, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const v of d.y) c[v] = c[v]! + 1;
  return c;
}

function point(d: Dataset, s: number): [number, number] {
  return [d.x[s]!, d.x[d.nSamples + s]!];
}

/** Angle difference reduced to (−π, π]. */
function wrap(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  if (r <= -Math.PI) r += 2 * Math.PI;
  return r;
}

describe('spiral', () => {
  it('noise-free: every point with r > 0 lies on its arm: atan2 − 2π·turns·r ≡ 2πj/k; radii linspace(0, 1)', () => {
    for (const [arms, turns] of [[2, 1], [3, 0.64], [5, 2.5]] as const) {
      const d = makeSpiral(new NumpyRandomState(3), { nSamples: 101, arms, turns, noise: 0 });
      assert.deepEqual(counts(d, arms), Array.from({ length: arms }, (_, j) => Math.floor(101 / arms) + (j < 101 % arms ? 1 : 0)));
      const radii: number[][] = Array.from({ length: arms }, () => []);
      for (let s = 0; s < d.nSamples; s++) {
        const [a, b] = point(d, s);
        const r = Math.hypot(a, b);
        assert.ok(r <= 1 + 1e-15);
        const j = d.y[s]!;
        radii[j]!.push(r);
        if (r < 1e-12) continue;
        const off = wrap(Math.atan2(b, a) - 2 * Math.PI * turns * r - (2 * Math.PI * j) / arms);
        assert.ok(Math.abs(off) < 1e-9, `arm ${j}, r ${r}: off by ${off}`);
        // and no other arm fits
        for (let other = 0; other < arms; other++) {
          if (other === j) continue;
          assert.ok(Math.abs(wrap(Math.atan2(b, a) - 2 * Math.PI * turns * r - (2 * Math.PI * other) / arms)) > 0.1);
        }
      }
      for (const rs of radii) {
        rs.sort((x, y) => x - y);
        const m = rs.length;
        rs.forEach((r, i) => assert.ok(Math.abs(r - i / (m - 1)) < 1e-12));
      }
    }
  });
  it('noise moves the angle only: radii unchanged, points off the noise-free arm', () => {
    const clean = makeSpiral(new NumpyRandomState(1), { nSamples: 60, arms: 3, noise: 0, shuffle: false });
    const noisy = makeSpiral(new NumpyRandomState(1), { nSamples: 60, arms: 3, noise: 0.3, shuffle: false });
    let moved = 0;
    for (let s = 0; s < 60; s++) {
      const [a, b] = point(clean, s);
      const [c, e] = point(noisy, s);
      assert.ok(Math.abs(Math.hypot(a, b) - Math.hypot(c, e)) < 1e-12);
      if (Math.abs(a - c) + Math.abs(b - e) > 1e-6) moved++;
    }
    assert.ok(moved > 50);
  });
  it('rejects fewer samples than arms', () => {
    assert.throws(() => makeSpiral(new NumpyRandomState(0), { nSamples: 2, arms: 3 }), RangeError);
  });
});

describe('xor', () => {
  it('noise-free: label = [x0·x1 ≥ 0], |x| in [padding, 1 + padding], both classes near half', () => {
    const d = makeXor(new NumpyRandomState(0), { nSamples: 2000, padding: 0.1, noise: 0 });
    for (let s = 0; s < d.nSamples; s++) {
      const [a, b] = point(d, s);
      assert.equal(d.y[s], a * b >= 0 ? 1 : 0);
      for (const v of [a, b]) assert.ok(Math.abs(v) >= 0.1 && Math.abs(v) <= 1.1, String(v));
    }
    const [c0, c1] = counts(d, 2);
    assert.ok(Math.abs(c0! - c1!) < 200, `${c0} vs ${c1}`);
  });
  it('noise keeps the labels of the noise-free points', () => {
    const clean = makeXor(new NumpyRandomState(9), { nSamples: 300, noise: 0 });
    const noisy = makeXor(new NumpyRandomState(9), { nSamples: 300, noise: 0.2 });
    assert.deepEqual(Array.from(noisy.y), Array.from(clean.y));
    let flipped = 0;
    for (let s = 0; s < 300; s++) {
      const [a, b] = point(noisy, s);
      if ((a * b >= 0 ? 1 : 0) !== noisy.y[s]) flipped++;
    }
    assert.ok(flipped > 0, 'noise 0.2 puts some points in the other quadrant');
  });
});

describe('gauss', () => {
  it('class 0 around (−2, −2) with ⌈n/2⌉ points, class 1 around (2, 2); sample std ≈ std', () => {
    const d = makeGauss(new NumpyRandomState(4), { nSamples: 4001, std: 0.5 });
    assert.deepEqual(counts(d, 2), [2001, 2000]);
    for (const c of [0, 1]) {
      const centre = c === 0 ? -2 : 2;
      for (let f = 0; f < 2; f++) {
        const vals: number[] = [];
        for (let s = 0; s < d.nSamples; s++) if (d.y[s] === c) vals.push(d.x[f * d.nSamples + s]!);
        const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
        const sd = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / vals.length);
        assert.ok(Math.abs(mean - centre) < 0.05, `mean ${mean}`);
        assert.ok(Math.abs(sd - 0.5) < 0.03, `sd ${sd}`);
      }
    }
  });
  it('std 0 puts every point on its centre', () => {
    const d = makeGauss(new NumpyRandomState(4), { nSamples: 10, std: 0 });
    for (let s = 0; s < 10; s++) assert.deepEqual(point(d, s), d.y[s] === 0 ? [-2, -2] : [2, 2]);
  });
});

describe('checkerboard', () => {
  it('noise-free: label = cell parity, points in [−1, 1)², classes near half', () => {
    for (const cells of [2, 3, 4, 8]) {
      const d = makeCheckerboard(new NumpyRandomState(cells), { nSamples: 3000, cells, noise: 0 });
      for (let s = 0; s < d.nSamples; s++) {
        const [a, b] = point(d, s);
        assert.ok(a >= -1 && a < 1 && b >= -1 && b < 1);
        const i = Math.floor(((a + 1) * cells) / 2);
        const j = Math.floor(((b + 1) * cells) / 2);
        assert.equal(d.y[s], (i + j) % 2, `cells ${cells}, point ${a}, ${b}`);
      }
      const [c0, c1] = counts(d, 2);
      const expected0 = cells % 2 === 0 ? 0.5 : (cells * cells + 1) / 2 / (cells * cells);
      assert.ok(Math.abs(c0! / 3000 - expected0) < 0.04, `cells ${cells}: ${c0}/${c1}`);
    }
  });
  it('checkerboardCell clamps to 0 … cells − 1', () => {
    assert.equal(checkerboardCell(-1, 4), 0);
    assert.equal(checkerboardCell(-0.5, 4), 1);
    assert.equal(checkerboardCell(0, 4), 2);
    assert.equal(checkerboardCell(0.9999999999999999, 4), 3);
    assert.equal(checkerboardCell(1.2, 4), 3);
    assert.equal(checkerboardCell(-1.2, 4), 0);
  });
});

const GENERATED = DATASETS.filter((d) => d.kind === 'generator').map((d) => d.name);

describe('makeDataset on every generator', () => {
  for (const name of GENERATED) {
    it(`${name}: defaults, split sizes, reproducible, seed-dependent, finite, labels in range`, () => {
      const a = makeDataset({ name, seed: 11 });
      const b = makeDataset({ name, seed: 11 });
      const c = makeDataset({ name, seed: 12 });
      assert.equal(a.train.nSamples, 225);
      assert.equal(a.test.nSamples, 75);
      assert.deepEqual(a.train, b.train);
      assert.deepEqual(a.test, b.test);
      assert.notDeepEqual(a.train.x, c.train.x);
      assert.equal(a.featureNames.length, a.train.nFeatures);
      assert.equal(a.train.x.length, a.train.nFeatures * a.train.nSamples);
      for (const d of [a.train, a.test]) {
        assert.ok(d.x.every((v) => Number.isFinite(v)));
        assert.ok(d.y.every((v) => Number.isInteger(v) && v >= 0 && v < a.nClasses));
      }
      const all = new Set([...a.train.y, ...a.test.y]);
      assert.equal(all.size, a.nClasses, 'every class occurs');
      assert.equal(a.task, a.nClasses === 2 ? 'binary' : 'multiclass');
    });
  }
  it('split sizes follow ⌈testFraction·n⌉ (sklearn), including its float rounding', () => {
    for (const [samples, testFraction, nTest] of [[300, 0.25, 75], [10, 0.25, 3], [30, 0.1, 3], [100, 0.07, 8], [2, 0.5, 1], [7, 0.8, 6]] as const) {
      const b = makeDataset({ name: 'moons', seed: 0, samples, testFraction });
      assert.equal(b.test.nSamples, nTest, `${samples} × ${testFraction}`);
      assert.equal(b.train.nSamples, samples - nTest);
    }
  });
  it('train and test partition the generated points (no sample lost or repeated)', () => {
    const b = makeDataset({ name: 'checkerboard', seed: 5, samples: 101, testFraction: 0.3 });
    const key = (d: Dataset, s: number): string => `${d.x[s]},${d.x[d.nSamples + s]},${d.y[s]}`;
    const keys = new Set<string>();
    for (const d of [b.train, b.test]) for (let s = 0; s < d.nSamples; s++) keys.add(key(d, s));
    assert.equal(keys.size, 101);
  });
  it('multiclass: blobs centers=5 and spiral arms=4', () => {
    const blobs = makeDataset({ name: 'blobs', seed: 1, centers: 5, features: 3 });
    assert.equal(blobs.nClasses, 5);
    assert.equal(blobs.task, 'multiclass');
    assert.equal(blobs.train.nFeatures, 3);
    assert.deepEqual(blobs.featureNames, ['x0', 'x1', 'x2']);
    const spiral = makeDataset({ name: 'spiral', seed: 1, arms: 4, samples: 400 });
    assert.equal(spiral.nClasses, 4);
    const c = [0, 0, 0, 0];
    for (const d of [spiral.train, spiral.test]) for (const v of d.y) c[v] = c[v]! + 1;
    assert.deepEqual(c, [100, 100, 100, 100]);
    const bin = makeDataset({ name: 'blobs', seed: 1, centers: 2 });
    assert.equal(bin.task, 'binary');
  });
  it('parameters as strings (a command line) give the same data; resolved parameters are reported', () => {
    const a = makeDataset({ name: 'blobs', seed: 3, samples: 90, clusterStd: [0.5, 1, 2], centerBox: [-2, 2], centers: 3 });
    const b = makeDataset({ name: 'blobs', seed: 3, samples: '90', clusterStd: '0.5,1,2', centerBox: '-2,2', centers: '3' });
    assert.deepEqual(a.train, b.train);
    assert.deepEqual(a.parameters, { samples: 90, centers: 3, features: 2, clusterStd: [0.5, 1, 2], centerBox: [-2, 2], testFraction: 0.25 });
    const m = makeDataset({ name: 'moons', seed: 0 });
    assert.deepEqual(m.parameters, { samples: 300, noise: 0.1, testFraction: 0.25 });
  });
});
