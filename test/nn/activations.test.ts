import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Activation } from '../../src/experiments/runTypes.js';
import { theoryActivation } from '../../src/theory/activations.js';
import {
  ACTIVATION_TABLE, ACTIVATIONS, boundedRange, SELU_ALPHA, SELU_SCALE, activateBackward, activateForward, activationDerivative, activationValue, sigmoid, softplus,
} from '../../src/nn/activations.js';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

/** Points away from every kink (relu, leaky_relu, elu, selu have one at 0). */
const POINTS = [-6, -3.3, -1, -0.4, -1e-3, 1e-3, 0.25, 0.7, 1, 2.5, 5.5];

describe('activations: known values', () => {
  it('match closed forms and PyTorch constants', () => {
    assert.equal(activationValue('selu', 1), 1.0507009873554805);
    assert.equal(SELU_SCALE, 1.0507009873554805);
    assert.equal(SELU_ALPHA, 1.6732632423543772);
    close(activationValue('selu', -1), SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1), 1e-15, 'selu(-1)');
    close(activationValue('selu', -1), -1.1113307378125625, 1e-15, 'selu(-1) literal');
    close(activationValue('gelu', 1), 0.8413447460685429, 2e-16, 'gelu(1)');
    close(activationValue('gelu', -1), -0.15865525393145707, 1e-15, 'gelu(-1)');
    close(activationValue('gelu', 2), 2 * 0.9772498680518208, 1e-15, 'gelu(2)');
    assert.equal(activationValue('gelu', 0), 0);
    close(activationValue('elu', -1), Math.exp(-1) - 1, 1e-16, 'elu(-1)');
    assert.equal(activationValue('elu', 2), 2);
    assert.equal(activationValue('relu', -3), 0);
    assert.equal(activationValue('relu', 3), 3);
    assert.equal(activationValue('leaky_relu', -2), -0.02);
    assert.equal(activationValue('leaky_relu', -2, 0.2), -0.4);
    assert.equal(activationValue('tanh', 0.5), Math.tanh(0.5));
    assert.equal(activationValue('sigmoid', 0), 0.5);
    close(activationValue('sigmoid', 2), 1 / (1 + Math.exp(-2)), 1e-16, 'sigmoid(2)');
    assert.equal(activationValue('softplus', 0), Math.LN2);
    assert.equal(activationValue('linear', -7.5), -7.5);
  });
  it('stay finite and accurate at extremes (stable sigmoid and softplus)', () => {
    assert.equal(sigmoid(-1000), 0);
    assert.equal(sigmoid(1000), 1);
    close(sigmoid(-40), Math.exp(-40), 1e-15, 'sigmoid(-40) relative');
    assert.equal(softplus(1000), 1000);
    assert.equal(softplus(-1000), 0);
    assert.ok(Math.abs(softplus(-30) / Math.exp(-30) - 1) < 1e-12, 'softplus(-30) ≈ e^-30 to full relative precision');
    assert.equal(activationValue('gelu', -40), -0);
    assert.equal(activationValue('elu', -1000), -1);
    for (const a of ACTIVATIONS) {
      for (const x of [-1e4, -700, 700, 1e4]) {
        assert.ok(Number.isFinite(activationValue(a, x)), `${a}(${x}) finite`);
        assert.ok(Number.isFinite(activationDerivative(a, x)), `${a}'(${x}) finite`);
      }
    }
  });
  it('have PyTorch\'s derivatives at the kink x = 0', () => {
    assert.equal(activationDerivative('relu', 0), 0);
    assert.equal(activationDerivative('leaky_relu', 0), 0.01);
    assert.equal(activationDerivative('elu', 0), 1);
    assert.equal(activationDerivative('selu', 0), SELU_SCALE * SELU_ALPHA);
    assert.equal(activationDerivative('gelu', 0), 0.5);
    assert.equal(activationDerivative('tanh', 0), 1);
    assert.equal(activationDerivative('sigmoid', 0), 0.25);
    assert.equal(activationDerivative('softplus', 0), 0.5);
  });
});

describe('activations: derivatives vs central differences', () => {
  for (const a of ACTIVATIONS) {
    it(a, () => {
      const h = 1e-6;
      for (const x of POINTS) {
        const fd = (activationValue(a, x + h, 0.07) - activationValue(a, x - h, 0.07)) / (2 * h);
        close(activationDerivative(a, x, 0.07), fd, 1e-8, `${a}'(${x})`);
      }
    });
  }
});

describe('activations: slice forms agree with the scalar forms', () => {
  for (const a of ACTIVATIONS) {
    it(`${a}: forward and backward on a slice, in place and out of place, without touching outside it`, () => {
      const n = POINTS.length;
      const z = Float64Array.from([99, ...POINTS, 99]);
      const out = new Float64Array(n + 2).fill(-5);
      activateForward(a, z, out, 1, n + 1, 0.2);
      assert.equal(out[0], -5);
      assert.equal(out[n + 1], -5);
      for (let i = 0; i < n; i++) assert.equal(out[i + 1], activationValue(a, POINTS[i]!, 0.2));
      const inPlace = z.slice();
      activateForward(a as Activation, inPlace, inPlace, 1, n + 1, 0.2);
      assert.deepEqual(inPlace.subarray(1, n + 1), out.subarray(1, n + 1));

      const da = Float64Array.from({ length: n + 2 }, (_, i) => 0.3 + 0.1 * i);
      const dz = new Float64Array(n + 2).fill(-5);
      activateBackward(a, z, out, da, dz, 1, n + 1, 0.2);
      assert.equal(dz[0], -5);
      assert.equal(dz[n + 1], -5);
      for (let i = 0; i < n; i++) close(dz[i + 1]!, da[i + 1]! * activationDerivative(a, POINTS[i]!, 0.2), 1e-14, `${a} backward at ${POINTS[i]}`);
      const daInPlace = da.slice();
      activateBackward(a, z, out, daInPlace, daInPlace, 1, n + 1, 0.2);
      assert.deepEqual(daInPlace.subarray(1, n + 1), dz.subarray(1, n + 1));
    });
  }
});

// The one activation table (issue 10, item 5): bounds, saturation and family against closed forms.
describe('the activation table', () => {
  const grid = Array.from({ length: 4001 }, (_, i) => -50 + i / 40);
  it('every value lies within its entry\'s bounds, and finite bounds are approached', () => {
    for (const a of ACTIVATIONS) {
      const [lo, hi] = ACTIVATION_TABLE[a].bounds;
      assert.equal(ACTIVATION_TABLE[a].name, a);
      for (const x of grid) {
        const v = activationValue(a, x, 0.2);
        assert.ok(v >= lo && v <= hi, `${a}(${x}) = ${v} outside [${lo}, ${hi}]`);
      }
    }
    // Closed forms: tanh → ±1, sigmoid → 0 and 1, elu → −α = −1, selu → −λα, as x → ±∞.
    assert.deepEqual(ACTIVATION_TABLE.tanh.bounds, [-1, 1]);
    assert.deepEqual(ACTIVATION_TABLE.sigmoid.bounds, [0, 1]);
    assert.deepEqual(ACTIVATION_TABLE.elu.bounds, [-1, Infinity]);
    close(ACTIVATION_TABLE.selu.bounds[0], -1.7580993408473766, 1e-16, 'selu infimum −λα (mpmath: −1.758099340847376681…)');
    // GELU's minimum, x·Φ(x) at x = −0.75179…: −0.16997120747990366169… (mpmath, 40 digits).
    const geluMin = ACTIVATION_TABLE.gelu.bounds[0];
    assert.ok(geluMin <= -0.16997120747990366 && geluMin > -0.16997120747990366 - 1e-16, `gelu bound ${geluMin}`);
    assert.ok(activationValue('gelu', -0.7517915246935645) - geluMin < 1e-16);
    assert.deepEqual(boundedRange('tanh'), [-1, 1]);
    assert.equal(boundedRange('gelu'), null);
  });

  it('only tanh and sigmoid saturate, at |z| > atanh(0.99) = ½ln 199 and |z| > ln 99', () => {
    assert.deepEqual(ACTIVATIONS.filter((a) => ACTIVATION_TABLE[a].saturation !== null), ['tanh', 'sigmoid']);
    const saturated = (a: Activation, z: number) => {
      const s = ACTIVATION_TABLE[a].saturation!;
      const v = activationValue(a, z);
      return v < s.below || v > s.above;
    };
    const tanhEdge = 0.5 * Math.log(199); // 2.6466524123622457
    const sigmoidEdge = Math.log(99); // 4.59511985013459
    for (const [a, edge] of [['tanh', tanhEdge], ['sigmoid', sigmoidEdge]] as const) {
      for (const sign of [-1, 1]) {
        assert.equal(saturated(a, sign * edge * (1 + 1e-9)), true, `${a} just beyond ${sign * edge}`);
        assert.equal(saturated(a, sign * edge * (1 - 1e-9)), false, `${a} just inside ${sign * edge}`);
      }
    }
  });

  it('families: rectifiers (He), SELU (LeCun), sigmoidal and linear (Glorot)', () => {
    const family = (f: string) => ACTIVATIONS.filter((a) => ACTIVATION_TABLE[a].family === f);
    assert.deepEqual(family('rectifier'), ['relu', 'leaky_relu', 'elu', 'gelu', 'softplus']);
    assert.deepEqual(family('self-normalizing'), ['selu']);
    assert.deepEqual(family('sigmoidal'), ['tanh', 'sigmoid']);
    assert.deepEqual(family('linear'), ['linear']);
  });

  it("agrees with mean-field theory's table where both have the activation (sup φ², homogeneity)", () => {
    for (const name of ['tanh', 'relu', 'linear', 'sigmoid'] as const) {
      const t = theoryActivation(name);
      const [lo, hi] = ACTIVATION_TABLE[name].bounds;
      assert.equal(t.supSquare, Number.isFinite(lo) && Number.isFinite(hi) ? Math.max(lo * lo, hi * hi) : null, name);
      assert.equal(t.homogeneous, ACTIVATION_TABLE[name].family === 'linear' || name === 'relu', name);
    }
  });
});
