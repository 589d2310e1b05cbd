import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSeed, MAX_SEED, parseSeedText } from '../../src/util/seed.js';
import { UsageError } from '../../src/util/errors.js';

// numpy's legacy RandomState.seed accepts 0 … 2**32 − 1 (np.random.seed(2**32) raises ValueError).
describe('seed bound', () => {
  it('is 2^32 − 1', () => assert.equal(MAX_SEED, 2 ** 32 - 1));
  it('accepts integers 0 … 2^32 − 1 and nothing else', () => {
    for (const s of [0, 1, 3, 2 ** 32 - 1]) assert.equal(isSeed(s), true, String(s));
    for (const s of [-1, 2 ** 32, 0.5, Number.NaN, Infinity, '3', null]) assert.equal(isSeed(s), false, String(s));
  });
  it('reads seeds from text, refusing signs, points, exponents and out-of-range values by name', () => {
    assert.equal(parseSeedText('--seed', ' 42 '), 42);
    assert.equal(parseSeedText('--seed', '4294967295'), 4294967295);
    for (const bad of ['-1', '4294967296', '1.5', '1e3', '', 'abc']) {
      assert.throws(() => parseSeedText('--seed', bad), (e: unknown) => e instanceof UsageError && e.message.startsWith('--seed: expected a whole number from 0 to 4294967295'));
    }
  });
});
