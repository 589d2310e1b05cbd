import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSchedule } from '../../src/train/schedules.js';
import { UsageError } from '../../src/util/errors.js';

describe('learning-rate schedules (closed forms of the update index t)', () => {
  it('constant (and no schedule) is lr at every t', () => {
    for (const s of [createSchedule(undefined, 0.3, 100), createSchedule({ name: 'constant' }, 0.3, 100)]) {
      for (const t of [0, 1, 99, 1000]) assert.equal(s.learningRate(t), 0.3);
    }
  });
  it('step: lr·gamma^⌊t/stepSize⌋ (gamma default 0.1)', () => {
    const s = createSchedule({ name: 'step', stepSize: 10, gamma: 0.5 }, 0.8, 100);
    assert.equal(s.learningRate(0), 0.8);
    assert.equal(s.learningRate(9), 0.8);
    assert.equal(s.learningRate(10), 0.4);
    assert.equal(s.learningRate(25), 0.2);
    const d = createSchedule({ name: 'step', stepSize: 3 }, 1, 100);
    assert.ok(Math.abs(d.learningRate(7) - 0.01) < 1e-17);
    assert.throws(() => createSchedule({ name: 'step' }, 1, 10), /needs 'stepSize'/);
    assert.throws(() => createSchedule({ name: 'step', stepSize: 0 }, 1, 10), UsageError);
  });
  it('cosine: minLr + (lr − minLr)(1 + cos(πt/T))/2, then minLr', () => {
    const s = createSchedule({ name: 'cosine', minLr: 0.1 }, 1.1, 100);
    assert.equal(s.learningRate(0), 1.1);
    assert.ok(Math.abs(s.learningRate(50) - 0.6) < 1e-15);
    assert.ok(Math.abs(s.learningRate(25) - (0.1 + (1 + Math.SQRT1_2) / 2)) < 1e-15);
    assert.equal(s.learningRate(100), 0.1);
    assert.equal(s.learningRate(150), 0.1);
    const own = createSchedule({ name: 'cosine', iterations: 10 }, 2, 100);
    assert.ok(Math.abs(own.learningRate(5) - 1) < 1e-15);
    assert.equal(own.learningRate(10), 0);
  });
  it('rejects unknown schedules and parameters', () => {
    assert.throws(() => createSchedule({ name: 'cosin' as 'cosine' }, 1, 10), /Did you mean 'cosine'/);
    assert.throws(() => createSchedule({ name: 'cosine', min_lr: 0 }, 1, 10), /unknown parameter 'min_lr'/);
    assert.throws(() => createSchedule({ name: 'cosine', minLr: -1 }, 1, 10), UsageError);
  });
});
