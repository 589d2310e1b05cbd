import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { makeBlobs } from '../../src/data/blobs.js';
import { makeCircles } from '../../src/data/circles.js';
import { makeDataset } from '../../src/data/makeDataset.js';
import { linspace, makeMoons } from '../../src/data/moons.js';
import { trainTestSplit } from '../../src/data/split.js';
import type { Dataset } from '../../src/data/types.js';
import type { DataSpec } from '../../src/experiments/runTypes.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { ulpDistance } from '../math/ulp.js';

interface Case {
  name: 'moons' | 'blobs' | 'circles';
  seed: number;
  kwargs: Record<string, number | number[] | number[][]>;
  testSize: number;
  X: number[][];
  y: number[];
  trainX: number[][];
  trainY: number[];
  testX: number[][];
  testY: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/data/sklearn-generators.json', import.meta.url), 'utf8')) as {
  numpy: string;
  sklearn: string;
  cases: Case[];
};

/** Worst ulp distance between a feature-major data set and sklearn's (n, d) rows; labels must be equal. */
function compare(d: Dataset, rows: number[][], labels: number[]): { exact: number; total: number; maxUlp: number } {
  assert.equal(d.nSamples, rows.length);
  assert.deepEqual(Array.from(d.y), labels);
  let exact = 0;
  let total = 0;
  let maxUlp = 0;
  rows.forEach((row, s) => {
    assert.equal(row.length, d.nFeatures);
    row.forEach((v, f) => {
      const got = d.x[f * d.nSamples + s]!;
      total++;
      if (Object.is(got, v)) exact++;
      maxUlp = Math.max(maxUlp, ulpDistance(got, v));
    });
  });
  return { exact, total, maxUlp };
}

function generate(c: Case, rng: NumpyRandomState): Dataset {
  const k = c.kwargs;
  switch (c.name) {
    case 'moons':
      return makeMoons(rng, { nSamples: k['n_samples'] as number, noise: (k['noise'] as number | undefined) ?? null });
    case 'circles':
      return makeCircles(rng, { nSamples: k['n_samples'] as number, noise: k['noise'] as number, factor: k['factor'] as number });
    case 'blobs':
      return makeBlobs(rng, {
        nSamples: k['n_samples'] as number,
        nFeatures: (k['n_features'] as number | undefined) ?? 2,
        centers: (k['centers'] as number | number[][] | undefined) ?? 3,
        clusterStd: (k['cluster_std'] as number | number[] | undefined) ?? 1.0,
        centerBox: (k['center_box'] as [number, number] | undefined) ?? [-10, 10],
      });
  }
}

function label(c: Case): string {
  return `${c.name}(${JSON.stringify(c.kwargs)}, seed ${c.seed})`;
}

describe(`generators equal scikit-learn ${fixture.sklearn} on numpy ${fixture.numpy}'s legacy stream`, () => {
  for (const c of fixture.cases) {
    it(`${label(c)}: X, y bit for bit, then train_test_split(test_size=${c.testSize}) on the same stream`, (t) => {
      const rng = new NumpyRandomState(c.seed);
      const d = generate(c, rng);
      const all = compare(d, c.X, c.y);
      t.diagnostic(`${all.exact} of ${all.total} coordinates exact, worst ${all.maxUlp} ulp`);
      assert.equal(all.exact, all.total);
      const { train, test } = trainTestSplit(d, rng, c.testSize);
      assert.equal(compare(train, c.trainX, c.trainY).exact, c.trainX.length * d.nFeatures);
      assert.equal(compare(test, c.testX, c.testY).exact, c.testX.length * d.nFeatures);
    });
  }
});

/** The DataSpec makeDataset needs for a fixture case (undefined: not expressible, e.g. noise=None). */
function specFor(c: Case): DataSpec | undefined {
  const k = c.kwargs;
  const base = { name: c.name, seed: c.seed, samples: k['n_samples'] as number, testFraction: c.testSize };
  if (c.name === 'moons') return k['noise'] === undefined ? undefined : { ...base, noise: k['noise'] as number };
  if (c.name === 'circles') return { ...base, noise: k['noise'] as number, factor: k['factor'] as number };
  const spec: DataSpec = { ...base };
  if (k['n_features'] !== undefined) spec['features'] = k['n_features'] as number;
  if (k['centers'] !== undefined) spec['centers'] = typeof k['centers'] === 'number' ? k['centers'] : (k['centers'] as number[][]).flat();
  if (k['cluster_std'] !== undefined) spec['clusterStd'] = k['cluster_std'] as number | number[];
  if (k['center_box'] !== undefined) spec['centerBox'] = k['center_box'] as number[];
  return spec;
}

describe('makeDataset reproduces make_X(random_state=rs) + train_test_split(random_state=rs)', () => {
  for (const c of fixture.cases) {
    const spec = specFor(c);
    if (spec === undefined) continue;
    it(`${JSON.stringify(spec)}`, () => {
      const b = makeDataset(spec);
      const nf = c.trainX[0]!.length;
      assert.equal(compare(b.train, c.trainX, c.trainY).exact, c.trainX.length * nf);
      assert.equal(compare(b.test, c.testX, c.testY).exact, c.testX.length * nf);
      const k = new Set(c.y).size;
      assert.equal(b.nClasses, k);
      assert.equal(b.task, k === 2 ? 'binary' : 'multiclass');
      assert.deepEqual(b.featureNames, Array.from({ length: nf }, (_, f) => `x${f}`));
    });
  }
});

describe('linspace (numpy 1.24, endpoint=True)', () => {
  it('i·step + start, last element = stop exactly, num 0 and 1', () => {
    assert.deepEqual(Array.from(linspace(0, Math.PI, 0)), []);
    assert.deepEqual(Array.from(linspace(0, Math.PI, 1)), [0]);
    assert.deepEqual(Array.from(linspace(0, Math.PI, 2)), [0, Math.PI]);
    const l = linspace(0, Math.PI, 25);
    const step = Math.PI / 24;
    for (let i = 0; i < 24; i++) assert.equal(l[i], i * step);
    assert.equal(l[24], Math.PI);
    // numpy: np.linspace(0, 1, 7)[5] == 5 * (1/6) == 0.8333333333333333 (not 5/6 = 0.8333333333333334)
    assert.equal(linspace(0, 1, 7)[5], 0.8333333333333333);
  });
});
