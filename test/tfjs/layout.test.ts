import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeSpec, unescapeSpec } from '../../src/tfjs/config.js';
import { frameworkShape, toTfjsOrder } from '../../src/tfjs/layout.js';

// These helpers are pure: this file never loads @tensorflow/tfjs.

describe('frameworkShape', () => {
  it('keeps the TF.js shape for in-out initializers', () => {
    assert.deepEqual(frameworkShape([4, 3], 'in-out'), [4, 3]);
    assert.deepEqual(frameworkShape([3, 3, 2, 5], 'in-out'), [3, 3, 2, 5]);
  });
  it('maps (in, out) → (out, in) and (kh, kw, in, out) → (out, in, kh, kw) for out-in initializers', () => {
    assert.deepEqual(frameworkShape([4, 3], 'out-in'), [3, 4]);
    assert.deepEqual(frameworkShape([3, 5, 2, 7], 'out-in'), [7, 2, 3, 5]);
    assert.deepEqual(frameworkShape([6], 'out-in'), [6]);
  });
});

describe('toTfjsOrder', () => {
  it('transposes a dense (out, in) matrix into (in, out)', () => {
    // W (out=2, in=3) = [[1,2,3],[4,5,6]] → kernel (in=3, out=2) = [[1,4],[2,5],[3,6]].
    assert.deepEqual(Array.from(toTfjsOrder([1, 2, 3, 4, 5, 6], [3, 2], 'out-in')), [1, 4, 2, 5, 3, 6]);
  });
  it('copies in-out values unchanged', () => {
    assert.deepEqual(Array.from(toTfjsOrder([1, 2, 3, 4, 5, 6], [3, 2], 'in-out')), [1, 2, 3, 4, 5, 6]);
  });
  it('permutes a conv kernel (out, in, kh, kw) into (kh, kw, in, out) element by element', () => {
    const [kh, kw, cin, cout] = [2, 3, 4, 5];
    const torch = new Float64Array(cout * cin * kh * kw);
    // Encode each element's torch index in its value.
    const code = (o: number, i: number, h: number, w: number) => o * 1000 + i * 100 + h * 10 + w;
    let n = 0;
    for (let o = 0; o < cout; o++) for (let i = 0; i < cin; i++) for (let h = 0; h < kh; h++) for (let w = 0; w < kw; w++) torch[n++] = code(o, i, h, w);
    const tf = toTfjsOrder(torch, [kh, kw, cin, cout], 'out-in');
    n = 0;
    for (let h = 0; h < kh; h++) for (let w = 0; w < kw; w++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) {
      assert.equal(tf[n++], code(o, i, h, w));
    }
  });
  it('rejects a value count that does not match the shape', () => {
    assert.throws(() => toTfjsOrder([1, 2, 3], [2, 2], 'out-in'), RangeError);
  });
});

describe('escapeSpec', () => {
  // TF.js's own rewrites of string values on save (toSnakeCase) and load (toCamelCase), copied from
  // tfjs-layers 4.22 src/utils/generic_utils.ts, to show why the spec is escaped.
  const toSnakeCase = (name: string) => {
    const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    return s[0] !== '_' ? s : 'private' + s;
  };
  const toCamelCase = (id: string) => (id.length <= 1 || !id.includes('_') ? id : id.replace(/[_]+(\w|$)/g, (_m, p1: string) => p1.toUpperCase()));

  it('leaves simple specs readable and escapes _ as %5f', () => {
    assert.equal(escapeSpec('he'), 'he');
    assert.equal(escapeSpec('keras:he_normal'), 'keras:he%5fnormal');
    assert.equal(escapeSpec('tfjs:heNormal'), 'tfjs:he%4eormal');
    assert.equal(escapeSpec('random:scale=0.01'), 'random:scale=0.01');
  });
  for (const spec of ['torch:kaiming_normal:mode=fan_out:nonlinearity=leaky_relu:a=0', 'tfjs:heNormal', 'x:s=100%', 'keras:he_normal']) {
    it(`survives TF.js's save/load rewrites: ${spec}`, () => {
      const stored = escapeSpec(spec);
      assert.equal(toSnakeCase(stored), stored, 'saved as it is');
      assert.equal(toCamelCase(stored), stored, 'loaded as it is');
      assert.equal(unescapeSpec(toCamelCase(toSnakeCase(stored))), spec);
      // Without escaping the spec would not come back.
      if (spec.includes('_')) assert.notEqual(toCamelCase(toSnakeCase(spec)), spec);
    });
  }
  it('reads an unescaped hand-written spec as it is', () => {
    assert.equal(unescapeSpec('keras:he_normal'), 'keras:he_normal');
  });
});
