import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWholeText } from '../../src/util/numberText.js';
import { UsageError } from '../../src/util/errors.js';

function refuses(run: () => unknown, message: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
    assert.equal(e.message, message);
    return true;
  });
}

describe('parseWholeText', () => {
  it('reads digits, blanks around them ignored', () => {
    assert.equal(parseWholeText('--workers', '4', 1), 4);
    assert.equal(parseWholeText('--workers', ' 12 ', 1), 12);
    assert.equal(parseWholeText('--n', '0'), 0);
    assert.equal(parseWholeText('--n', '9007199254740991'), 2 ** 53 - 1);
    assert.equal(parseWholeText('--depth', '1000', 1, 1000), 1000);
  });
  it('refuses signs, points, exponents, hex and the empty text, naming the flag and the range', () => {
    for (const bad of ['', ' ', '-1', '+2', '2.0', '1e3', '0x10', 'four', '1 2']) {
      refuses(() => parseWholeText('--workers', bad, 1), `--workers: expected a whole number ≥ 1, got '${bad}'.`);
    }
  });
  it('refuses values outside min … max', () => {
    refuses(() => parseWholeText('--workers', '0', 1), "--workers: expected a whole number ≥ 1, got '0'.");
    refuses(() => parseWholeText('--depth', '1001', 1, 1000), "--depth: expected a whole number from 1 to 1000, got '1001'.");
  });
  it('refuses digits past 2^53 − 1 instead of reading a rounded number (99999999999999999999 → 1e20)', () => {
    refuses(() => parseWholeText('--max-jobs', '9007199254740992', 1), "--max-jobs: expected a whole number ≥ 1 (at most 9007199254740991), got '9007199254740992'.");
    refuses(() => parseWholeText('--max-jobs', '99999999999999999999', 1), "--max-jobs: expected a whole number ≥ 1 (at most 9007199254740991), got '99999999999999999999'.");
  });
});
