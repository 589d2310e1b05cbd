import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaussianExpectation, gaussianExpectation2d, integrateAdaptive } from '../../src/theory/quadrature.js';

/** Independent check: composite Simpson with n (even) panels of E_z[f(√q z)] on z ∈ [−40, 40]. */
function simpson(f: (x: number) => number, q: number, n = 2_000_000): number {
  const a = -40;
  const h = 80 / n;
  const s = Math.sqrt(q);
  const g = (z: number): number => f(s * z) * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  let sum = g(a) + g(a + n * h);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * g(a + i * h);
  return (sum * h) / 3;
}

const sech2 = (x: number): number => 1 / Math.cosh(x) ** 2;
const close = (got: number, want: number, tol: number, what: string): void =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} (diff ${Math.abs(got - want)})`);

describe('gaussianExpectation (adaptive Gauss–Kronrod)', () => {
  it('integrates polynomials and splits exactly', () => {
    close(integrateAdaptive((x) => x ** 3 - x, [0, 0.5, 2]), 4 - 2, 1e-13, '∫₀² x³ − x');
  });

  it('E[z²·q] = q over q ∈ [1e-6, 1e4]', () => {
    for (const q of [1e-6, 1e-3, 0.5, 1, 7, 500, 1e4]) close(gaussianExpectation((x) => x * x, q), q, 1e-12 * q, `q=${q}`);
  });

  it('E[relu(√q z)²] = q/2 and E[relu(√q z)] = √(q/2π)', () => {
    for (const q of [1e-6, 1, 500, 1e4]) {
      close(gaussianExpectation((x) => (x > 0 ? x * x : 0), q), q / 2, 1e-12 * q, `relu² q=${q}`);
      close(gaussianExpectation((x) => (x > 0 ? x : 0), q), Math.sqrt(q / (2 * Math.PI)), 1e-12 * Math.sqrt(q), `relu q=${q}`);
    }
  });

  it('variance 0 gives f(0); the total mass is 1', () => {
    assert.equal(gaussianExpectation((x) => x + 3, 0), 3);
    for (const q of [1e-6, 1, 1e4]) close(gaussianExpectation(() => 1, q), 1, 1e-13, `mass q=${q}`);
  });

  it("E[tanh'(√q z)], E[tanh'²], E[tanh²] match a 2e6-point Simpson rule to 1e-8, even at q = 500", () => {
    for (const q of [1e-6, 0.1, 1, 500, 1e4]) {
      for (const [name, f] of [
        ['sech²', sech2],
        ['sech⁴', (x: number) => sech2(x) ** 2],
        ['tanh²', (x: number) => Math.tanh(x) ** 2],
      ] as const) {
        close(gaussianExpectation(f, q), simpson(f, q), 1e-8, `${name} q=${q}`);
      }
    }
  });

  it('E[tanh(√q z)²] at small q follows its series q − 2q² + 17q³/3 − 62q⁴/3 + 92.1q⁵', () => {
    const q = 1e-3;
    close(gaussianExpectation((x) => Math.tanh(x) ** 2, q), q - 2 * q * q + (17 / 3) * q ** 3 - (62 / 3) * q ** 4 + (1382 * 945 / 14175) * q ** 5, 1e-15, 'series');
  });

  it('2-D: E[u1 u2] = qc, E[relu relu] is the arc-cosine kernel, c = ±1 reduce to 1-D', () => {
    const relu = (x: number): number => (x > 0 ? x : 0);
    for (const c of [-1, -0.5, 0, 0.3, 0.9, 0.999, 1]) {
      close(gaussianExpectation2d((a, b) => a * b, 2, c), 2 * c, 1e-11, `E[u1u2] c=${c}`);
      const arc = (2 / (2 * Math.PI)) * (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c);
      close(gaussianExpectation2d((a, b) => relu(a) * relu(b), 2, c), arc, 1e-11, `arccos c=${c}`);
    }
    const t500 = gaussianExpectation((x) => Math.tanh(x) ** 2, 500);
    close(gaussianExpectation2d((a, b) => Math.tanh(a) * Math.tanh(b), 500, 1), t500, 1e-11, 'tanh c=1');
    close(gaussianExpectation2d((a, b) => Math.tanh(a) * Math.tanh(b), 500, -1), -t500, 1e-11, 'tanh c=-1');
    // sign(u1)sign(u2) at q large: (2/π) asin c.
    for (const c of [0.2, 0.7]) {
      const got = gaussianExpectation2d((a, b) => Math.sign(a) * Math.sign(b), 1, c);
      close(got, (2 / Math.PI) * Math.asin(c), 1e-9, `sign kernel c=${c}`);
    }
  });

  it('refuses a negative variance and a correlation outside [−1, 1]', () => {
    assert.throws(() => gaussianExpectation((x) => x, -1), RangeError);
    assert.throws(() => gaussianExpectation2d((a, b) => a * b, 1, 1.5), RangeError);
  });
});
