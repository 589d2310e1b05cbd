import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeNpy, encodeNpy, type FloatDtype } from '../../src/io/npy.js';
import { UsageError } from '../../src/util/errors.js';

/** The arrays scripts/gen-io-fixtures.sh saved with numpy's own np.save (numpy 1.24.2). */
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/io/${name}`, import.meta.url)));

/** v[i] = (i − 2.5) / 3, the fixture script's "ramp". */
function ramp(shape: readonly number[], dtype: FloatDtype = 'f8'): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = dtype === 'f8' ? (i - 2.5) / 3 : Math.fround((i - 2.5) / 3);
  return v;
}

const FIXTURES: [string, number[], FloatDtype][] = [
  ['ramp-2x3-f8', [2, 3], 'f8'],
  ['ramp-3-f8', [3], 'f8'],
  ['ramp-scalar-f8', [], 'f8'],
  ['ramp-4x2x3-f8', [4, 2, 3], 'f8'],
  ['ramp-2x3-f4', [2, 3], 'f4'],
  ['ramp-1000x3-f8', [1000, 3], 'f8'],
  ['empty-pad64-f8', [0, 100, 10, 10, 10, 10, 10, 10, 10, 10, 10], 'f8'],
];
const SPECIAL = [0, -0, 5e-324, 1.7976931348623157e308, Infinity, -Infinity, 1 / 3];

describe('encodeNpy writes the bytes of numpy 1.24\'s np.save', () => {
  for (const [name, shape, dtype] of FIXTURES) {
    it(`${name} (shape (${shape.join(', ')}), <${dtype})`, () => {
      assert.deepEqual(encodeNpy(ramp(shape, dtype), shape, dtype), fixture(`${name}.npy`));
    });
  }
  it('special values (±0, the smallest subnormal, the largest double, ±∞)', () => {
    assert.deepEqual(encodeNpy(Float64Array.from(SPECIAL), [7]), fixture('special-7-f8.npy'));
  });
  it('pads the header to a multiple of 64 bytes and ends it with a newline', () => {
    for (const shape of [[1], [256, 512], [64, 32, 3, 3], [123456789012, 0]]) {
      const bytes = encodeNpy(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
      const hlen = bytes[8]! + 256 * bytes[9]!;
      assert.equal((10 + hlen) % 64, 0);
      assert.equal(bytes[10 + hlen - 1], 0x0a);
    }
  });
  it('rounds values to float32 for f4', () => {
    const decoded = decodeNpy(encodeNpy(Float64Array.from([0.1, 1 / 3]), [2], 'f4'));
    assert.deepEqual([...decoded.values], [Math.fround(0.1), Math.fround(1 / 3)]);
    assert.equal(decoded.dtype, 'f4');
  });
  it('refuses a shape that does not match the values', () => {
    assert.throws(() => encodeNpy(new Float64Array(5), [2, 3]), RangeError);
  });
});

describe('decodeNpy', () => {
  for (const [name, shape, dtype] of FIXTURES) {
    it(`reads numpy's ${name}`, () => {
      const d = decodeNpy(fixture(`${name}.npy`));
      assert.deepEqual(d.shape, shape);
      assert.equal(d.dtype, dtype);
      assert.deepEqual(d.values, ramp(shape, dtype));
    });
  }
  it('reads ±0 and ±∞ exactly', () => {
    const d = decodeNpy(fixture('special-7-f8.npy'));
    assert.deepEqual([...d.values], SPECIAL);
    assert.ok(Object.is(d.values[1], -0));
  });
  it('reads big-endian data and Fortran order, returning C order', () => {
    const be = decodeNpy(fixture('ramp-2x3-f8-bigendian.npy'));
    assert.deepEqual(be.values, ramp([2, 3]));
    const f = decodeNpy(fixture('ramp-3x4-f8-fortran.npy'));
    assert.deepEqual(f.shape, [3, 4]);
    assert.deepEqual(f.values, ramp([3, 4]));
  });
  it('round-trips random float64 tensors bit for bit', () => {
    const v = new Float64Array(6 * 5 * 4).map((_, i) => Math.sin(i * 12.9898) * 43758.5453);
    const d = decodeNpy(encodeNpy(v, [6, 5, 4]));
    assert.deepEqual(d, { values: v, shape: [6, 5, 4], dtype: 'f8' });
  });
  it('refuses other files with a UsageError', () => {
    assert.throws(() => decodeNpy(new TextEncoder().encode('hello, world')), UsageError);
    const ints = fixture('ramp-2x3-f8.npy').slice();
    ints.set(new TextEncoder().encode("'<i8'"), 19); // descr → '<i8'
    assert.throws(() => decodeNpy(ints), /dtype '<i8' is not supported/);
    assert.throws(() => decodeNpy(fixture('ramp-2x3-f8.npy').subarray(0, 150)), /truncated/);
  });
});
