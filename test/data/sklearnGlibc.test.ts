import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCircles } from '../../src/data/circles.js';
import { makeMoons } from '../../src/data/moons.js';
import type { Dataset } from '../../src/data/types.js';
import { crCos, crSin } from '../../src/math/correctlyRounded.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import { decodeF64, differing, numpyGlibc, type DatasetCase } from '../random/numpyGlibcFixture.js';

type Trig = { cos?: (x: number) => number; sin?: (x: number) => number };

function generate(c: DatasetCase, trig: Trig = {}): Dataset {
  const rng = new NumpyRandomState(c.seed);
  const options = { nSamples: c.nSamples, noise: c.noise, ...trig };
  return c.name === 'circles' ? makeCircles(rng, options) : makeMoons(rng, options);
}

/** sklearn's X (n, 2) row-major from initlab's feature-major layout. */
function rowMajor(d: Dataset): Float64Array {
  const n = d.nSamples;
  const out = new Float64Array(2 * n);
  for (let s = 0; s < n; s++) {
    out[2 * s] = d.x[s]!;
    out[2 * s + 1] = d.x[n + s]!;
  }
  return out;
}

const seeds = new Set(numpyGlibc.datasets.map((c) => c.seed));

describe(`makeCircles / makeMoons equal sklearn ${numpyGlibc.sklearn} (numpy ${numpyGlibc.numpy}, glibc sin/cos) for ${seeds.size} seeds`, () => {
  it('the fixture has both generators with noise, several sizes, at least 8 seeds including 0, 42, 2024', () => {
    assert.ok(seeds.size >= 8);
    for (const s of [0, 42, 2024]) assert.ok(seeds.has(s));
    for (const name of ['circles', 'moons']) {
      const sizes = new Set(numpyGlibc.datasets.filter((c) => c.name === name).map((c) => c.nSamples));
      assert.ok(sizes.size >= 3, `${name}: ${[...sizes].join(', ')}`);
    }
  });

  for (const c of numpyGlibc.datasets) {
    it(`make_${c.name}(n_samples=${c.nSamples}, noise=${c.noise}, random_state=RandomState(${c.seed})): X and y bit for bit`, () => {
      const d = generate(c);
      assert.equal(d.nSamples, c.nSamples);
      assert.equal(Array.from(d.y).join(''), c.y);
      assert.deepEqual(differing(rowMajor(d), decodeF64(c.X)), []);
    });
  }

  it('correctly rounded cos/sin (the previous default) miss some coordinates: the fixture can tell', (t) => {
    let differ = 0;
    let total = 0;
    for (const c of numpyGlibc.datasets) {
      const want = decodeF64(c.X);
      differ += differing(rowMajor(generate(c, { cos: crCos, sin: crSin })), want).length;
      total += want.length;
    }
    t.diagnostic(`crCos/crSin: ${differ} of ${total} coordinates differ from sklearn`);
    assert.ok(differ > 0);
  });

  it('numpy’s default AVX512 sin/cos are another function: the recorded comparison says how far', (t) => {
    const cmp = numpyGlibc.defaultNumpyComparison;
    t.diagnostic(`default numpy: ${cmp.datasetCoordinatesDiffering} of ${cmp.datasetCoordinates} coordinates differ, max ${cmp.maxAbsDifference}`);
    assert.equal(cmp.normalsIdentical, true); // legacy_gauss's log is glibc's in both configurations
    assert.ok(cmp.maxAbsDifference < 1e-15);
  });
});
