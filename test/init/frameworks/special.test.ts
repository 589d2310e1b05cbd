import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TRUNC2_STD_FACTOR,
  erf,
  erfc,
  erfinv,
  normalCdf,
  normalQuantile,
  orthonormalColumns,
  truncatedStandardMoments,
} from '../../../src/init/sampling.js';
import { readReference } from '../../helpers/reference.js';
import { Phi, closedForm, erfSeries } from './stats.js';

interface Constants {
  constants: Record<string, number | string[]>;
  pytorch: { trunc_normal_: Record<string, Record<string, number>> };
}
const ref = readReference<Constants>('pytorch-init-values.json');

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Reference values from mpmath (40 significant digits, evaluated at the float64 arguments), an
// independent arbitrary-precision implementation: mpmath.erf, mpmath.erfc, mpmath.ncdf and
// √2·mpmath.erfinv(2p − 1) for Φ⁻¹.
const ERF: [number, number][] = [
  [0.1, 0.1124629160182848984],
  [0.5, 0.52049987781304653768],
  [1, 0.84270079294971486934],
  [1.5, 0.96610514647531072707],
  [2, 0.99532226501895273416],
  [3, 0.99997790950300141456],
  [4.5, 0.99999999980338395585],
];
const ERFC: [number, number][] = [
  [0.5, 0.4795001221869534623],
  [1.25, 0.077099871743541769863],
  [1.3, 0.06599205505934755415],
  [2, 0.0046777349810472658379],
  [3, 2.2090496998585441373e-5],
  [5, 1.5374597944280348502e-12],
  [8, 1.122429717298292708e-29],
];
const PHI: [number, number][] = [
  [-38, 2.8854283600687843084e-316],
  [-20, 2.7536241186062336951e-89],
  [-8, 6.2209605742717841235e-16],
  [-6, 9.865876450376981407e-10],
  [-3, 0.0013498980316300945267],
  [-1.75, 0.040059156863817090419],
  [-1.7, 0.044565462758543043664],
  [-1, 0.15865525393145705141],
  [0.3, 0.61791142218895263307],
  [1.5, 0.933192798731141934],
  [1.75, 0.95994084313618290958],
  [2, 0.9772498680518207928],
  [5, 0.99999971334842812081],
];
const PPF: [number, number][] = [
  [1e-12, -7.0344838253011319326],
  [0.001, -3.0902323061678135354],
  [0.025, -1.9599639845400542118],
  [0.3, -0.52440051270804081597],
  [0.5, 0],
  [0.9, 1.2815515655446005935],
  [0.999999, 4.7534243088170877657],
];

describe('special functions (src/init/sampling.ts) against mpmath', () => {
  it('erf and erf(−x) = −erf(x) to 4e-16 relative', () => {
    for (const [x, v] of ERF) {
      assert.ok(rel(erf(x), v) < 4e-16, `erf(${x}) = ${erf(x)} vs ${v}`);
      assert.equal(erf(-x), -erf(x));
    }
    assert.equal(erf(0), 0);
  });
  it('erfc keeps relative precision in the tail (< 6e-16 relative up to x = 8)', () => {
    for (const [x, v] of ERFC) assert.ok(rel(erfc(x), v) < 6e-16, `erfc(${x}) = ${erfc(x)} vs ${v}`);
    assert.ok(rel(erfc(-2), 2 - 0.004677734981047265) < 1e-15);
  });
  it('Φ to 1e-15 relative, also deep in the lower tail (subnormal at −38)', () => {
    for (const [x, v] of PHI) assert.ok(rel(normalCdf(x), v) < (v < 1e-307 ? 1e-9 : 1e-15), `Φ(${x}) = ${normalCdf(x)} vs ${v}`);
  });
  it('Φ⁻¹ to 1e-15 relative (absolute at 0.5), and Φ(Φ⁻¹(p)) = p', () => {
    for (const [p, v] of PPF) {
      const x = normalQuantile(p);
      if (v === 0) assert.ok(Math.abs(x) < 1e-16);
      else assert.ok(rel(x, v) < 1e-15, `Φ⁻¹(${p}) = ${x} vs ${v}`);
    }
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      assert.ok(Math.abs(normalCdf(normalQuantile(p)) - p) < 4e-16 * Math.max(1, p / (1 - p)) + 1e-17, `roundtrip at ${p}`);
    }
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
  });
  it('erfinv inverts erf to a few ulps, near 0 and near ±1', () => {
    for (const y of [1e-12, 1e-6, 0.1, 0.5, 0.9, 0.999, 1 - 1e-12]) {
      const x = erfinv(y);
      const back = y < 0.5 ? erf(x) : 1 - erfc(x);
      assert.ok(Math.abs(back - y) <= 1e-15 * y, `erf(erfinv(${y})) = ${back}`);
      assert.equal(erfinv(-y), -x);
    }
    assert.ok(rel(erfinv(0.5), 0.47693627620446987338) < 1e-15); // mpmath.erfinv(0.5)
  });
  it('the test-side erf series agrees with the known values (so the test CDFs are trustworthy)', () => {
    for (const [x, v] of ERF) assert.ok(Math.abs(erfSeries(x) - v) < 1e-9, `erfSeries(${x})`);
    for (const [x, v] of PHI) assert.ok(Math.abs(Phi(x) - v) < 1e-10, `Phi(${x})`); // absolute: the series cancels in the tail
  });
});

describe('truncation constants (pytorch-init-values.json constants, trunc_normal_)', () => {
  it('0.87962566103423978 = std of N(0,1) truncated to (−2, 2) (constants.trunc_normal_2sigma_std_factor_*)', () => {
    assert.equal(TRUNC2_STD_FACTOR, ref.constants['trunc_normal_2sigma_std_factor_literal_keras_jax']);
    const computed = truncatedStandardMoments(-2, 2).std;
    assert.ok(rel(computed, ref.constants['trunc_normal_2sigma_std_factor_scipy'] as number) < 1e-15, `computed ${computed}`);
    assert.ok(rel(computed ** 2, ref.constants['trunc_normal_2sigma_variance_factor'] as number) < 1e-15);
    assert.ok(rel(1 - truncatedStandardMoments(-2, 2).mass, ref.constants['prob_standard_normal_outside_2sigma'] as number) < 1e-13);
    // And from the test's own erf: √(1 − 4φ(2)/(Φ(2) − Φ(−2))).
    const c = Math.sqrt(1 - (4 * Math.exp(-2)) / Math.sqrt(2 * Math.PI) / (Phi(2) - Phi(-2)));
    assert.ok(rel(c, TRUNC2_STD_FACTOR) < 1e-12);
  });
  it("truncated moments match scipy's for trunc_normal_(mean=1, std=1, a=0, b=3) and (std=0.02, ±0.04)", () => {
    const asym = ref.pytorch.trunc_normal_['mean=1,std=1,a=0,b=3 (asymmetric, bounds absolute)']!;
    const m = truncatedStandardMoments(-1, 2);
    assert.ok(rel(1 + m.mean, asym['expected_mean']!) < 1e-14);
    assert.ok(rel(m.std, asym['expected_std']!) < 1e-14);
    const narrow = ref.pytorch.trunc_normal_['std=0.02, a=-0.04, b=0.04 (cut-off at +-2 sigma)']!;
    assert.ok(rel(0.02 * truncatedStandardMoments(-2, 2).std, narrow['expected_std']!) < 1e-14);
    const t = closedForm({ kind: 'truncnorm', mean: 1, std: 1, low: 0, high: 3 });
    assert.ok(rel(t.std, asym['expected_std']!) < 1e-9);
  });
  it('far-out bounds keep precision: N(0,1) on [8, 9] has mean ≈ 8.1197', () => {
    const m = truncatedStandardMoments(8, 9);
    assert.ok(m.mean > 8 && m.mean < 8.2, `mean ${m.mean}`);
    assert.ok(m.std > 0 && m.std < 0.2);
  });
});

describe('orthonormalColumns (Householder QR with the sign fix)', () => {
  it('Q·R = A with R upper triangular and positive diagonal on a small example', () => {
    const a = Float64Array.from([2, -1, 0, 1, 3, 1, -2, 0.5, 4, 1, 1, -1]); // 4×3
    const q = orthonormalColumns(a, 4, 3);
    // R = Qᵀ A
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let r = 0;
        for (let k = 0; k < 4; k++) r += q[k * 3 + i]! * a[k * 3 + j]!;
        if (i > j) assert.ok(Math.abs(r) < 1e-14, `R[${i}][${j}] = ${r}`);
        if (i === j) assert.ok(r > 0, `R[${i}][${i}] = ${r}`);
      }
    }
  });
});
