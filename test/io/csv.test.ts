import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCsv, encodeCsv } from '../../src/io/csv.js';

describe('encodeCsv', () => {
  it('writes a 2-D tensor as one line per row after a # shape line', () => {
    assert.equal(encodeCsv(Float64Array.from([1, -0.5, 0.1, 2, 3e-20, 1 / 3]), [2, 3]), '# shape: 2x3\n1,-0.5,0.1\n2,3e-20,0.3333333333333333\n');
  });
  it('flattens N-D tensors to (shape[0], rest) rows; 1-D is one value per line; 0-d one line', () => {
    const v = Float64Array.from({ length: 12 }, (_, i) => i);
    assert.equal(encodeCsv(v, [2, 3, 2]), '# shape: 2x3x2\n0,1,2,3,4,5\n6,7,8,9,10,11\n');
    assert.equal(encodeCsv(Float64Array.from([4, 5]), [2]), '# shape: 2\n4\n5\n');
    assert.equal(encodeCsv(Float64Array.from([7]), []), '# shape: scalar\n7\n');
  });
  it('round-trips float64 values exactly', () => {
    const v = new Float64Array(4 * 3 * 5).map((_, i) => Math.sin(i * 7.1) / 3);
    assert.deepEqual(decodeCsv(encodeCsv(v, [4, 3, 5])), { values: v, shape: [4, 3, 5] });
  });
  it('refuses text that does not match its shape line', () => {
    assert.throws(() => decodeCsv('1,2\n'), /first line/);
    assert.throws(() => decodeCsv('# shape: 2x2\n1,2\n'), /needs 2 data lines/);
    assert.throws(() => decodeCsv('# shape: 1x2\n1,x\n'), /not a number/);
  });
});
