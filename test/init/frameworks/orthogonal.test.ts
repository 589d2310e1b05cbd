import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialize } from '../../../src/init/index.js';
import { DefaultRandom } from '../../../src/random/xoshiro.js';
import { readReference } from '../../helpers/reference.js';
import { orthogonalityError } from './stats.js';

interface OrthoRef {
  pytorch: { orthogonal_: Record<string, { flattened_to?: number[]; expected_elem_std?: number }> };
}
const ref = readReference<OrthoRef>('pytorch-init-values.json').pytorch.orthogonal_;

/*
 * Orthogonality in float64: ‖QQᵀ − gain²·I‖∞ (max entry) < 1e-12 for the shapes of pytorch.orthogonal_
 * (measured there in float32 at ~4e-7). Which side is orthonormal follows each framework's flattening.
 */
interface Case {
  spec: string;
  shape: number[];
  rows: number;
  cols: number;
  of: 'rows' | 'cols';
  gain?: number;
}
const CASES: Case[] = [
  { spec: 'torch:orthogonal', shape: [256, 512], rows: 256, cols: 512, of: 'rows' },
  { spec: 'torch:orthogonal', shape: [512, 256], rows: 512, cols: 256, of: 'cols' },
  { spec: 'torch:orthogonal', shape: [256, 256], rows: 256, cols: 256, of: 'rows' },
  { spec: 'torch:orthogonal', shape: [64, 32, 3, 3], rows: 64, cols: 288, of: 'rows' },
  { spec: 'torch:orthogonal:gain=2', shape: [256, 512], rows: 256, cols: 512, of: 'rows', gain: 2 },
  { spec: 'orthogonal', shape: [256, 512], rows: 256, cols: 512, of: 'rows' },
  { spec: 'orthogonal:gain=1.4142135623730951', shape: [64, 32, 3, 3], rows: 64, cols: 288, of: 'rows', gain: Math.SQRT2 },
  { spec: 'keras:orthogonal', shape: [512, 256], rows: 512, cols: 256, of: 'cols' },
  { spec: 'keras:orthogonal', shape: [256, 512], rows: 256, cols: 512, of: 'rows' },
  { spec: 'keras:orthogonal', shape: [3, 3, 32, 64], rows: 288, cols: 64, of: 'cols' },
  { spec: 'tfjs:orthogonal:gain=2', shape: [512, 256], rows: 512, cols: 256, of: 'cols', gain: 2 },
  { spec: 'tfjs:orthogonal', shape: [3, 3, 32, 64], rows: 288, cols: 64, of: 'cols' },
  { spec: 'jax:orthogonal', shape: [512, 256], rows: 512, cols: 256, of: 'cols' },
  { spec: 'jax:orthogonal:scale=3', shape: [3, 3, 32, 64], rows: 288, cols: 64, of: 'cols', gain: 3 },
  // column_axis=0 on (64, 288): the 64 vectors along axis 0 are orthonormal, i.e. the rows of the matrix.
  { spec: 'jax:orthogonal:column_axis=0', shape: [64, 288], rows: 64, cols: 288, of: 'rows' },
];

describe('orthogonal initializers: ‖QQᵀ − g²I‖∞ < 1e-12 (float64)', () => {
  CASES.forEach((c, i) => {
    it(`${c.spec} on ${c.shape.join('x')}: ${c.of} orthonormal`, () => {
      const t = initialize(c.spec, c.shape, new DefaultRandom(300 + i));
      const g = c.gain ?? 1;
      const err = orthogonalityError(t.values, c.rows, c.cols, c.of, g);
      assert.ok(err < 1e-12 * g * g, `error ${err}`);
      // Element std gain/√max(rows, cols) (pytorch.orthogonal_ expected_elem_std).
      assert.ok(Math.abs(t.expectedStd - g / Math.sqrt(Math.max(c.rows, c.cols))) < 1e-15);
    });
  });
  it("expected element std matches pytorch.orthogonal_['(64, 32, 3, 3) gain=1.0'] and ['(256, 512) gain=2.0']", () => {
    const a = initialize('torch:orthogonal', [64, 32, 3, 3], new DefaultRandom(1));
    assert.deepEqual(ref['(64, 32, 3, 3) gain=1.0']!.flattened_to, [64, 288]);
    assert.ok(Math.abs(a.expectedStd - ref['(64, 32, 3, 3) gain=1.0']!.expected_elem_std!) < 1e-16);
    const b = initialize('torch:orthogonal:gain=2', [256, 512], new DefaultRandom(1));
    assert.ok(Math.abs(b.expectedStd - ref['(256, 512) gain=2.0']!.expected_elem_std!) < 1e-16);
  });
});

/** The N(0, 1) draws an initializer takes first from `seed`, as a row-major matrix. */
function draws(seed: number, count: number): Float64Array {
  const rng = new DefaultRandom(seed);
  const a = new Float64Array(count);
  for (let i = 0; i < count; i++) a[i] = rng.standardNormal();
  return a;
}

/** Asserts R (n×n, via `r(i, j)`) is upper triangular with a positive diagonal. */
function assertPositiveUpperTriangular(n: number, r: (i: number, j: number) => number): void {
  for (let i = 0; i < n; i++) {
    assert.ok(r(i, i) > 0, `R[${i}][${i}] = ${r(i, i)}`);
    for (let j = 0; j < i; j += 7) assert.ok(Math.abs(r(i, j)) < 1e-10, `R[${i}][${j}] = ${r(i, j)}`);
  }
}

describe('orthogonal: the QR factor with positive diag(R), of each framework\'s own draw', () => {
  it('torch (512, 256): A = the 512×256 draws, R = WᵀA', () => {
    const a = draws(7, 512 * 256);
    const w = initialize('torch:orthogonal', [512, 256], new DefaultRandom(7)).values;
    assertPositiveUpperTriangular(256, (i, j) => {
      let s = 0;
      for (let k = 0; k < 512; k++) s += w[k * 256 + i]! * a[k * 256 + j]!;
      return s;
    });
  });
  it('torch (256, 512): A = the 256×512 draws, transposed: Aᵀ = QR, W = Qᵀ, R = W·Aᵀ', () => {
    const a = draws(8, 256 * 512);
    const w = initialize('torch:orthogonal', [256, 512], new DefaultRandom(8)).values;
    assertPositiveUpperTriangular(256, (i, j) => {
      let s = 0;
      for (let k = 0; k < 512; k++) s += w[i * 512 + k]! * a[j * 512 + k]!;
      return s;
    });
  });
  it('keras (256, 512): A = the (max, min) = 512×256 draws = QR, W = Qᵀ, R = W·A', () => {
    const a = draws(9, 512 * 256);
    const w = initialize('keras:orthogonal', [256, 512], new DefaultRandom(9)).values;
    assertPositiveUpperTriangular(256, (i, j) => {
      let s = 0;
      for (let k = 0; k < 512; k++) s += w[i * 512 + k]! * a[k * 256 + j]!;
      return s;
    });
  });
});

describe('delta_orthogonal, identity (exact structure)', () => {
  it('jax:delta_orthogonal (3, 3, 4, 8): an orthonormal-row 4×8 matrix at spatial (1, 1), zeros elsewhere', () => {
    const t = initialize('jax:delta_orthogonal', [3, 3, 4, 8], new DefaultRandom(1));
    const slice = 4 * 8;
    const centre = (1 * 3 + 1) * slice;
    for (let i = 0; i < t.values.length; i++) if (i < centre || i >= centre + slice) assert.equal(t.values[i], 0);
    assert.ok(orthogonalityError(t.values.subarray(centre, centre + slice), 4, 8, 'rows') < 1e-14);
  });
  it('jax:delta_orthogonal centres even kernels at (k−1)//2: (4, 4, 4, 8) → (1, 1); 3-D (4, 2, 2) → 1; 5-D works', () => {
    const t = initialize('jax:delta_orthogonal:scale=2', [4, 4, 4, 8], new DefaultRandom(2));
    const centre = (1 * 4 + 1) * 32;
    const nonzero = [...t.values.keys()].filter((i) => t.values[i] !== 0);
    assert.ok(nonzero.every((i) => i >= centre && i < centre + 32) && nonzero.length === 32);
    assert.ok(orthogonalityError(t.values.subarray(centre, centre + 32), 4, 8, 'rows', 2) < 1e-13);
    const t3 = initialize('jax:delta_orthogonal', [4, 2, 2], new DefaultRandom(3));
    assert.ok([...t3.values.keys()].filter((i) => t3.values[i] !== 0).every((i) => i >= 4 && i < 8));
    assert.equal(initialize('jax:delta_orthogonal', [3, 3, 3, 2, 2], new DefaultRandom(4)).values.filter((v) => v !== 0).length, 4);
  });
  it('jax:delta_orthogonal refuses in > out, 2-D and 6-D', () => {
    assert.throws(() => initialize('jax:delta_orthogonal', [3, 3, 8, 4], new DefaultRandom(1)), /fan_in` must be less or equal than `fan_out`/);
    assert.throws(() => initialize('jax:delta_orthogonal', [4, 8], new DefaultRandom(1)), /3-D to 5-D/);
    assert.throws(() => initialize('jax:delta_orthogonal', [1, 1, 1, 1, 4, 8], new DefaultRandom(1)), /3-D to 5-D/);
  });
  it('keras:identity (3, 5) with gain 2 is 2·eye (non-square allowed); 3-D refused', () => {
    const t = initialize('keras:identity:gain=2', [3, 5], new DefaultRandom(1));
    assert.deepEqual(Array.from(t.values), [2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0]);
    assert.throws(() => initialize('keras:identity', [3, 3, 3], new DefaultRandom(1)), /accepts 2-D/);
  });
  it('tfjs:identity needs a square matrix', () => {
    assert.deepEqual(Array.from(initialize('tfjs:identity:gain=0.5', [2, 2], new DefaultRandom(1)).values), [0.5, 0, 0, 0.5]);
    assert.throws(() => initialize('tfjs:identity', [3, 5], new DefaultRandom(1)), /2D square matrices/);
  });
  it('the identity family has the exact entry std √(p(1−p))·gain', () => {
    const t = initialize('torch:eye', [4, 8], new DefaultRandom(1));
    const p = 4 / 32;
    assert.ok(Math.abs(t.expectedStd - Math.sqrt(p * (1 - p))) < 1e-16);
  });
});
