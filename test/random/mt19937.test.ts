import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MT19937, MT_N } from '../../src/random/mt19937.js';
import { vectors } from './vectors.js';

const mt = vectors.mt19937;

function draw(g: MT19937, n: number): number[] {
  return Array.from({ length: n }, () => g.nextUint32());
}

describe('MT19937 words equal numpy 1.24 (numpy-legacy-vectors.json mt19937.*)', () => {
  it('init_genrand(3) state: mt19937.seed3_key_first5_after_seeding and seed3_key_last, pos = 624', () => {
    const state = new MT19937(3).getState();
    assert.deepEqual(Array.from(state.key.subarray(0, 5)), mt.seed3_key_first5_after_seeding);
    assert.equal(state.key[MT_N - 1], mt.seed3_key_last);
    assert.equal(state.pos, MT_N);
  });

  it('seed 3 first 10 words: mt19937.seed3_first10_uint32', () => {
    assert.deepEqual(draw(new MT19937(3), 10), mt.seed3_first10_uint32);
  });

  it('seed 0 and seed 1 first 5 words: mt19937.seed0_first5_uint32, seed1_first5_uint32', () => {
    assert.deepEqual(draw(new MT19937(0), 5), mt.seed0_first5_uint32);
    assert.deepEqual(draw(new MT19937(1), 5), mt.seed1_first5_uint32);
  });

  it('init_by_array([1, 2, 3]) first 5 words: mt19937.init_by_array_[1,2,3]_first5_uint32', () => {
    assert.deepEqual(draw(new MT19937([1, 2, 3]), 5), mt['init_by_array_[1,2,3]_first5_uint32']);
    const g = new MT19937(0);
    g.initByArray(Uint32Array.of(1, 2, 3));
    assert.deepEqual(draw(g, 5), mt['init_by_array_[1,2,3]_first5_uint32']);
  });

  it('words 623, 624, 625 of seed 42 (across the second twist): mt19937.seed42_uint32_index_623_624_625', () => {
    const g = new MT19937(42);
    draw(g, 623);
    assert.deepEqual(draw(g, 3), mt.seed42_uint32_index_623_624_625);
  });

  it('re-seeding restarts the stream; getState/setState round-trips mid-stream', () => {
    const g = new MT19937(1);
    draw(g, 700);
    g.initGenrand(3);
    assert.deepEqual(draw(g, 10), mt.seed3_first10_uint32);
    const h = new MT19937(3);
    draw(h, 4);
    const saved = h.getState();
    const next = draw(h, 650);
    h.setState(saved);
    assert.deepEqual(draw(h, 650), next);
    assert.deepEqual(next.slice(0, 6), mt.seed3_first10_uint32.slice(4, 10));
  });

  it('words are unsigned 32-bit integers', () => {
    const g = new MT19937(123);
    for (const w of draw(g, 2000)) assert.ok(Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
  });

  it('rejects seeds outside numpy\'s range with a RangeError naming the seed', () => {
    assert.throws(() => new MT19937(-1), /seed must be an integer between 0 and 2\*\*32 - 1/);
    assert.throws(() => new MT19937(2 ** 32), RangeError);
    assert.throws(() => new MT19937(1.5), RangeError);
    assert.throws(() => new MT19937([]), /non-empty/);
    assert.throws(() => new MT19937([1, -2]), /seed\[1\]/);
    assert.doesNotThrow(() => new MT19937(2 ** 32 - 1));
    assert.throws(() => new MT19937(0).setState({ key: new Uint32Array(3), pos: 0 }), RangeError);
  });
});
