/**
 * Mean-field theory at huge σ_w² (issue 12, item 2): q* ≈ σ_w², and every expectation of φ' concentrates within
 * |z| ≲ 1/√q*. The expected numbers come from scripts/mean_field_reference.py (mpmath, 40 digits; closed forms
 * for erf, 1-D integrals in x = √q z for tanh), committed as test/fixtures/mean-field-large-sigma.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { correlationDepthScale } from '../../src/experiments/trainability.js';
import { meanField, meanFieldNotes, type MeanFieldSummary } from '../../src/theory/index.js';

interface RefCase extends Record<keyof MeanFieldSummary, number | string> {
  activation: string;
  sigmaW2: number;
  sigmaB2: number;
}
const ref = JSON.parse(readFileSync(new URL('../fixtures/mean-field-large-sigma.json', import.meta.url), 'utf8')) as { cases: RefCase[] };
const KEYS = ['qStar', 'chi1', 'cStar', 'chiC', 'xiQ', 'xiC'] as const;
/** The issue asks for 1e-6; the quadrature reaches ~3e-15, so 1e-12 leaves room for other platforms' libm. */
const REL = 1e-12;

const relErr = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));

describe('mean-field theory at huge σ_w² against mpmath (test/fixtures/mean-field-large-sigma.json)', () => {
  it('covers σ_w² ∈ {1e4, 1e6, 1e7, 1e100, 1e200} for tanh and erf at σ_b² = 0 and 0.01', () => {
    for (const act of ['tanh', 'erf']) {
      for (const b of [0, 0.01]) {
        for (const w of [1e4, 1e6, 1e7, 1e100, 1e200]) assert.ok(ref.cases.some((c) => c.activation === act && c.sigmaW2 === w && c.sigmaB2 === b), `${act} ${w} ${b}`);
      }
    }
  });

  for (const c of ref.cases) {
    it(`${c.activation}, σ_w² = ${c.sigmaW2}, σ_b² = ${c.sigmaB2}: q*, χ₁, c*, χ_c, ξ_q, ξ_c within ${REL} relative`, () => {
      const s = meanField(c.activation, c.sigmaW2, c.sigmaB2);
      for (const k of KEYS) {
        const want = c[k] === 'Infinity' ? Infinity : (c[k] as number);
        assert.ok(Number.isFinite(s[k]), `${k} = ${s[k]} is not finite`);
        assert.ok(relErr(s[k], want) <= REL, `${k}: got ${s[k]}, mpmath ${want} (relative error ${relErr(s[k], want)})`);
      }
      assert.deepEqual(meanFieldNotes(c.activation, c.sigmaW2, c.sigmaB2, s), [], 'nothing to explain');
    });
  }

  it("trainability's ξ_c is the same finite number (6ξ_c was ∞ at σ_w² = 1e300)", () => {
    for (const c of ref.cases.filter((x) => x.sigmaB2 === 0 && (x.sigmaW2 === 1e4 || x.sigmaW2 === 1e300))) {
      const xi = correlationDepthScale(c.activation, c.sigmaW2, 0);
      assert.ok(xi !== null && relErr(xi, c.xiC as number) <= REL, `${c.activation} ${c.sigmaW2}: ${xi} vs ${c.xiC}`);
    }
  });
});

describe('mean-field theory at huge σ_w²: closed-form limits', () => {
  it('tanh and erf, σ_b² = 0: χ_c → 2/π and ξ_c → −1/ln(2/π) up to the largest double', () => {
    for (const act of ['tanh', 'erf']) {
      const s = meanField(act, Number.MAX_VALUE, 0);
      assert.equal(s.cStar, 0);
      assert.ok(relErr(s.qStar, Number.MAX_VALUE) < 1e-15, `${act} q* ${s.qStar}`);
      assert.ok(relErr(s.chiC, 2 / Math.PI) < 1e-14, `${act} χ_c ${s.chiC}`);
      assert.ok(relErr(s.xiC, -1 / Math.log(2 / Math.PI)) < 1e-13, `${act} ξ_c ${s.xiC}`);
    }
  });

  it('erf at σ_w² = 1e300: the variance-map slope 4σ_w²/(π(1 + 2q*)√(1 + 4q*)) gives ξ_q', () => {
    // E[erf(√q z)²] = (2/π) asin(2q/(1 + 2q)) (Williams 1997); its derivative is 4/(π(1 + 2q)√(1 + 4q)).
    const w = 1e300;
    const s = meanField('erf', w, 0);
    const slope = (((w / (1 + 2 * s.qStar)) * 4) / Math.PI) / Math.sqrt(1 + 4 * s.qStar);
    assert.ok(relErr(s.xiQ, -1 / Math.log(slope)) < 1e-13, `ξ_q ${s.xiQ}`);
  });

  it('sigmoid at σ_w² = 1e200 behaves as the step function H: c* = ½ + asin(c*)/π, χ_c = 1/(π√(1 − c*²))', () => {
    // E[H(u1)H(u2)] = ¼ + asin(c)/(2π) and E[H²] = ½, so the map is ½ + asin(c)/π; O(1/√q*) = 1e-100 corrections.
    let c = 0.5;
    for (let i = 0; i < 100; i++) c -= (0.5 + Math.asin(c) / Math.PI - c) / (1 / (Math.PI * Math.sqrt(1 - c * c)) - 1);
    const s = meanField('sigmoid', 1e200, 0);
    assert.ok(relErr(s.cStar, c) < 1e-10, `c* ${s.cStar} vs ${c}`);
    assert.ok(relErr(s.chiC, 1 / (Math.PI * Math.sqrt(1 - c * c))) < 1e-10, `χ_c ${s.chiC}`);
    // q* = σ_w² E[σ(√q z)²] = σ_w² (½ − 1/√(2πq) + O(q^{-3/2})): ∫(σ² − H) = −1.
    assert.ok(relErr(s.qStar, 0.5e200) < 1e-15, `q* ${s.qStar}`);
    // χ₁ = σ_w² E[σ'(√q z)²] ≈ σ_w² ∫σ'² / √(2πq*) = σ_w² / (6 √(2πq*)).
    assert.ok(relErr(s.chi1, 1e200 / (6 * Math.sqrt(2 * Math.PI * s.qStar))) < 1e-12, `χ₁ ${s.chi1}`);
  });
});

describe('mean-field theory: no bare NaN or ∞', () => {
  it('relu: He criticality (q* NaN), explosion (q* ∞) and χ_c = 1 without biases come with notes', () => {
    const he = meanField('relu', 2, 0);
    assert.ok(Number.isNaN(he.qStar));
    assert.match(meanFieldNotes('relu', 2, 0, he).join(' '), /every q is a fixed point/);
    const hot = meanField('relu', 3, 0);
    assert.equal(hot.qStar, Infinity, 'q = 0 is fixed but unstable: the variance explodes');
    assert.match(meanFieldNotes('relu', 3, 0, hot).join(' '), /grows by that factor per layer/);
    assert.match(meanFieldNotes('relu', 1, 0, meanField('relu', 1, 0)).join(' '), /χ_c = 1, ξ_c = ∞/);
  });

  it('tanh with σ_b² = 0 in the ordered phase: c*, χ_c, ξ_c NaN, explained with their σ_b² → 0⁺ limit', () => {
    const s = meanField('tanh', 0.5, 0);
    assert.ok(Number.isNaN(s.cStar) && Number.isNaN(s.xiC));
    const notes = meanFieldNotes('tanh', 0.5, 0, s);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /0\/0.*ξ_c = 1\.4427/);
  });

  it('every tanh/erf/sigmoid value is finite or explained over σ_w² ∈ [1e-3, 1e308], σ_b² ∈ {0, 1e-8}', () => {
    for (const act of ['tanh', 'erf', 'sigmoid']) {
      for (const w of [1e-3, 0.5, 1, 1.5, 1e3, 1e12, 1e50, 1e150, 1e250, 1e308]) {
        for (const b of [0, 1e-8]) {
          const s = meanField(act, w, b);
          const notes = meanFieldNotes(act, w, b, s).join(' ');
          for (const k of KEYS) {
            if (Number.isFinite(s[k])) continue;
            const name = { qStar: 'q*', chi1: 'χ₁', cStar: 'c*', chiC: 'χ_c', xiQ: 'ξ_q', xiC: 'ξ_c' }[k];
            assert.ok(notes.includes(name), `${act} σ_w² = ${w}, σ_b² = ${b}: ${k} = ${s[k]} unexplained`);
          }
          if (w >= 1e12) assert.ok(s.chiC > 0.5 && s.chiC < 0.65 && s.xiC > 1.4 && s.xiC < 2.3, `${act} ${w} ${b}: χ_c ${s.chiC}, ξ_c ${s.xiC}`);
        }
      }
    }
  });
});
