import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestNames, didYouMean, editDistance } from '../../src/util/errors.js';

describe('name suggestions', () => {
  it('editDistance is the Levenshtein distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('he', 'he'), 0);
  });
  it('closestNames ranks plausible names and drops far ones', () => {
    assert.deepEqual(closestNames('hee', ['zeros', 'random', 'he', 'xavier']), ['he']);
    assert.deepEqual(closestNames('xavir', ['zeros', 'random', 'he', 'xavier']), ['xavier']);
    assert.deepEqual(closestNames('qqqqqqq', ['zeros', 'he']), []);
  });
  it('didYouMean reads as a sentence or is empty', () => {
    assert.equal(didYouMean('scal', ['scale']), " Did you mean 'scale'?");
    assert.equal(didYouMean('zzzzzz', ['he']), '');
  });
});
