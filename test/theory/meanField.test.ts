import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chi1At,
  correlationMap,
  criticalSigmaW2,
  depthScale,
  fixedPointQ,
  meanField,
  predictVarianceSequence,
  theoryActivation,
  varianceMap,
} from '../../src/theory/index.js';
import { UsageError } from '../../src/util/errors.js';

const close = (got: number, want: number, tol: number, what: string): void =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

describe('mean-field theory: ReLU closed forms check the numeric path', () => {
  it('variance map q ↦ σ_w² q/2 + σ_b², χ₁ = σ_w²/2, q* = σ_b²/(1 − σ_w²/2)', () => {
    for (const [w, b] of [[1, 0.1], [1.5, 0.05], [1.9, 0.3]] as const) {
      for (const q of [1e-6, 0.3, 1e4]) close(varianceMap('relu', w, b, q), (w * q) / 2 + b, 1e-12 * (w * q + b), `V(${q})`);
      close(chi1At('relu', w, 0.7), w / 2, 1e-13, 'χ₁');
      close(fixedPointQ('relu', w, b), b / (1 - w / 2), 1e-12, 'q*');
      const s = meanField('relu', w, b);
      close(s.chi1, w / 2, 1e-13, 'summary χ₁');
      close(s.xiQ, -1 / Math.log(w / 2), 1e-9, 'ξ_q');
    }
  });

  it('He init (σ_w² = 2, σ_b² = 0) is critical: χ₁ = 1, every q fixed (q* NaN), ξ infinite', () => {
    const s = meanField('relu', 2, 0);
    close(s.chi1, 1, 1e-13, 'χ₁');
    assert.ok(Number.isNaN(s.qStar));
    assert.equal(s.xiQ, Infinity);
    assert.equal(criticalSigmaW2('relu', 0.3), 1 / chi1At('relu', 1, 1));
    close(criticalSigmaW2('relu', 0.3), 2, 1e-12, 'relu critical');
  });

  it('relu correlation map is the normalized arc-cosine kernel at q*', () => {
    const w = 1.5;
    const b = 0.1;
    const q = b / (1 - w / 2);
    for (const c of [0, 0.5, 0.9]) {
      const k = (q / (2 * Math.PI)) * (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c);
      close(correlationMap('relu', w, b, c), (w * k + b) / q, 1e-10, `c=${c}`);
    }
  });

  it('linear: V(q) = σ_w² q + σ_b², χ₁ = σ_w²', () => {
    close(varianceMap('linear', 0.8, 0.2, 3), 0.8 * 3 + 0.2, 1e-12, 'V');
    close(fixedPointQ('linear', 0.8, 0.2), 1, 1e-12, 'q*');
    close(meanField('linear', 0.8, 0.2).chi1, 0.8, 1e-13, 'χ₁');
  });
});

describe('mean-field theory: tanh', () => {
  it('critical line: σ_b² = 0.05 → σ_w² ≈ 1.761 (Schoenholz et al.), σ_b² = 0 → 1', () => {
    close(criticalSigmaW2('tanh', 0.05), 1.761, 2e-3, 'σ_b² = 0.05');
    close(criticalSigmaW2('tanh', 0), 1, 1e-6, 'σ_b² = 0');
    const w = criticalSigmaW2('tanh', 0.05);
    close(meanField('tanh', w, 0.05).chi1, 1, 1e-8, 'χ₁ on the line');
  });

  it('q* is a fixed point; the ordered phase has c* = 1, χ_c = χ₁', () => {
    const q = fixedPointQ('tanh', 1.5, 0.05);
    close(varianceMap('tanh', 1.5, 0.05, q), q, 1e-12, 'V(q*) = q*');
    const s = meanField('tanh', 1.5, 0.05);
    assert.ok(s.chi1 < 1);
    assert.equal(s.cStar, 1);
    close(s.chiC, s.chi1, 1e-10, 'χ_c = χ₁');
    close(s.xiC, -1 / Math.log(s.chi1), 1e-6, 'ξ_c');
    assert.ok(s.xiQ > 0 && s.xiQ < s.xiC, 'ξ_q is the shorter scale');
  });

  it('the chaotic phase has a c* < 1 that the correlation map fixes, with χ_c < 1 < χ₁', () => {
    const s = meanField('tanh', 3, 0.05);
    assert.ok(s.chi1 > 1 && s.cStar < 1 && s.cStar > 0 && s.chiC < 1, JSON.stringify(s));
    close(correlationMap('tanh', 3, 0.05, s.cStar), s.cStar, 1e-10, 'M(c*) = c*');
    // σ_b² = 0, chaotic: c* = 0 by symmetry.
    assert.equal(meanField('tanh', 2, 0).cStar, 0);
  });

  it('σ_b² = 0, σ_w² < 1: the signal dies (q* = 0, χ₁ = σ_w²)', () => {
    assert.equal(fixedPointQ('tanh', 0.8, 0), 0);
    close(meanField('tanh', 0.8, 0).chi1, 0.8, 1e-14, 'χ₁');
  });

  it('predictVarianceSequence iterates the map and converges to q*', () => {
    const seq = predictVarianceSequence('tanh', 1.5, 0.05, 2, 60);
    assert.equal(seq.length, 61);
    assert.equal(seq[0], 2);
    close(seq[1]!, varianceMap('tanh', 1.5, 0.05, 2), 0, 'first step');
    close(seq[60]!, fixedPointQ('tanh', 1.5, 0.05), 1e-10, 'converges');
    const relu = predictVarianceSequence('relu', 2, 0, 1.7, 5);
    for (const q of relu) close(q, 1.7, 1e-12, 'He keeps q');
    assert.throws(() => predictVarianceSequence('tanh', 1, 0, 1, -1), RangeError);
  });
});

describe('mean-field theory: other activations and inputs', () => {
  it('erf and sigmoid have finite fixed points', () => {
    for (const a of ['erf', 'sigmoid'] as const) {
      const s = meanField(a, 2, 0.1);
      close(varianceMap(a, 2, 0.1, s.qStar), s.qStar, 1e-12, `${a} q*`);
      assert.ok(s.cStar > 0 && s.cStar <= 1, `${a} c*`);
    }
  });

  it('depthScale: −1/ln χ, Infinity at χ ≥ 1', () => {
    close(depthScale(Math.exp(-0.5)), 2, 1e-14, 'e^{-1/2}');
    assert.equal(depthScale(1), Infinity);
    assert.equal(depthScale(1.2), Infinity);
    assert.ok(Number.isNaN(depthScale(Number.NaN)));
  });

  it('refuses unknown activations (UsageError) and bad σ² (RangeError)', () => {
    assert.throws(() => theoryActivation('tanhh'), (e: unknown) => e instanceof UsageError && /Did you mean 'tanh'/.test(e.message));
    assert.throws(() => meanField('tanh', 0, 0.1), RangeError);
    assert.throws(() => meanField('tanh', 1, -0.1), RangeError);
  });
});
