import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRange, parseTheoryNumber } from '../../src/cli/theoryCommand.js';
import { UsageError } from '../../src/util/errors.js';

// theory's number flags read the one decimal grammar (util/numberText.ts): hex and binary texts
// that Number() accepts are refused, and so is a decimal beyond a double's range.
describe('theory number flags', () => {
  it('read plain decimals', () => {
    assert.equal(parseTheoryNumber('--sigma-w2', ' 1.5 ', false), 1.5);
    assert.equal(parseTheoryNumber('--sigma-b2', '0', true), 0);
    assert.deepEqual(parseRange('--sigma-b2-range', '0, 3e-1', true), [0, 0.3]);
  });
  it('refuse what Number() alone would read', () => {
    for (const bad of ['0x10', '0b1', 'Infinity', '']) {
      assert.throws(() => parseTheoryNumber('--sigma-w2', bad, false), new RegExp(`: --sigma-w2 '${bad}': write a finite number > 0\\.$`), bad);
    }
    assert.throws(() => parseRange('--sigma-w2-range', '0x1,4', false), /: --sigma-w2-range '0x1,4': write LO,HI with 0 < LO < HI/);
  });
  it('refuse a decimal beyond a double instead of reading 0 or Infinity', () => {
    assert.throws(() => parseTheoryNumber('--sigma-w2', '1e400', false), (e: unknown) => e instanceof UsageError && /^--sigma-w2: '1e400' is out of range/.test(e.message));
    // 1e-400 would have been read as LO = 0, a valid σ_b² range start.
    assert.throws(() => parseRange('--sigma-b2-range', '1e-400,0.3', true), (e: unknown) => e instanceof UsageError && /^--sigma-b2-range '1e-400,0.3': '1e-400' is out of range/.test(e.message));
  });
});
