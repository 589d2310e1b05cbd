import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planLayout } from '../../src/kernels/layout.js';
import { UsageError } from '../../src/util/errors.js';
import { checkMemory, denseEngineBytes, formatBytes, MAX_ARRAY_LENGTH, parseByteSize } from '../../src/util/limits.js';
import { parseDecimal } from '../../src/util/numberText.js';
import { findForbiddenKey } from '../../src/util/untrustedKeys.js';

describe('limits: sizes and estimates', () => {
  it('parses --max-memory sizes in decimal and binary units', () => {
    assert.equal(parseByteSize('--max-memory', '512M'), 512e6);
    assert.equal(parseByteSize('--max-memory', '2G'), 2e9);
    assert.equal(parseByteSize('--max-memory', '1.5GiB'), 1.5 * 2 ** 30);
    assert.equal(parseByteSize('--max-memory', '4000000000'), 4e9);
    assert.equal(parseByteSize('--max-memory', '64 kib'), 65536);
    for (const bad of ['', 'G', '-1G', '0', '2X', '1e400', 'NaN']) assert.throws(() => parseByteSize('--max-memory', bad), UsageError, bad);
  });
  it('formats bytes with three significant digits', () => {
    assert.equal(formatBytes(999), '999 bytes');
    assert.equal(formatBytes(3040003008), '3.04 GB');
    assert.equal(formatBytes(4 * 1024 * 1024), '4.19 MB');
  });
  it("the engine estimate is the panel layout's own size, to within its 64-byte alignment", () => {
    // planLayout is what the engine really allocates (kernels/layout.ts); the estimate must not fall short of it.
    for (const [sizes, m] of [[[2, 10, 5, 1], 300], [[2, 10, 5, 1], 10_000_000], [[784, 256, 256, 1], 1000], [[3, 1], 1]] as const) {
      const real = planLayout(sizes, m, 0).end;
      const estimate = denseEngineBytes(sizes, m).bytes;
      const buffers = 2 + 4 * (sizes.length - 1) + 1; // descriptor, labels, input; per layer W′, G′, output, dz
      assert.ok(estimate <= real && real - estimate <= 64 * buffers + 64 * 20, `${String(sizes)} × ${m}: estimate ${estimate}, layout ${real}`);
    }
    // The case: 10^7 circles points through [2, 10, 5, 1] needed 3040003008 bytes.
    assert.ok(Math.abs(denseEngineBytes([2, 10, 5, 1], 10_000_000).bytes - 3040003008) < 4096);
  });
  it('refuses an estimate over the limit, and an array past 2^32 values whatever the limit', () => {
    const limit = { bytes: 1e9, source: '--max-memory 1G' };
    assert.doesNotThrow(() => checkMemory('x', { bytes: 1e9, largestArray: 1 }, limit));
    assert.throws(() => checkMemory('x', { bytes: 1e9 + 1, largestArray: 1 }, limit), /x needs an estimated 1 GB of memory, over the limit of 1 GB \(--max-memory 1G\)/);
    assert.throws(() => checkMemory('x', { bytes: 1, largestArray: MAX_ARRAY_LENGTH + 1 }, { bytes: Infinity, source: '' }), /the most one array can hold is 2\^32/);
  });
});

describe('numbers written as text', () => {
  it('reads decimals, and refuses the ones a double cannot hold as out of range', () => {
    assert.equal(parseDecimal('--lr', '1e308'), 1e308);
    assert.equal(parseDecimal('--lr', '-0.0'), -0);
    assert.equal(parseDecimal('--lr', '0e999'), 0);
    assert.equal(parseDecimal('--lr', '5e-324'), 5e-324);
    assert.equal(parseDecimal('--lr', 'abc'), undefined);
    assert.equal(parseDecimal('--lr', '0x10'), undefined);
    for (const t of ['1e400', '-1e400', '1.8e308', '1e-400', '2e-324']) assert.throws(() => parseDecimal('--lr', t), new RegExp(`--lr: '${t}' is out of range`), t);
  });
});

describe('__proto__ in parsed files', () => {
  it('is found at any depth, in objects and lists', () => {
    assert.equal(findForbiddenKey(JSON.parse('{"a": 1, "b": [{"c": 2}]}')), undefined);
    assert.deepEqual(findForbiddenKey(JSON.parse('{"__proto__": 1}')), { parent: '', key: '__proto__' });
    assert.deepEqual(findForbiddenKey(JSON.parse('{"grid": {"inits": [{"name": "he", "__proto__": {}}]}}')), { parent: '.grid.inits[0]', key: '__proto__' });
    assert.deepEqual(findForbiddenKey(JSON.parse('{"a b": {"__proto__": 1}}')), { parent: '["a b"]', key: '__proto__' });
  });
});
