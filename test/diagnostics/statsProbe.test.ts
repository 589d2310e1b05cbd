import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Activation, OutputHead } from '../../src/core/runConfig.js';
import { moments3 } from '../../src/diagnostics/fusedMoments.js';
import { moments } from '../../src/diagnostics/statistics.js';
import { StatsProbe } from '../../src/diagnostics/statsProbe.js';
import { DenseNetwork } from '../../src/nn/network.js';

// The training-stats recorder's fast pass and fused moments must give the SAME BITS as the
// reference they replace (DenseNetwork.lossAndGradients and statistics.ts's moments): the recorded
// numbers may not change (issue 10, item 1). The hand-computed values are checked in trainingStatistics.test.ts.

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe('StatsProbe', () => {
  const sizes = [3, 7, 5, 4, 2];
  const m = 37;
  for (const activation of ['relu', 'tanh', 'leaky_relu', 'gelu'] as Activation[]) {
    for (const output of ['sigmoid', 'softmax', 'linear'] as OutputHead[]) {
      for (const [l2, l1] of [[0, 0], [0.03, 0], [0.03, 0.02]] as const) {
        it(`${activation}, ${output} head, λ = ${l2}, λ₁ = ${l1}: Z, A, ∂L/∂Z and hidden ∂L/∂W equal DenseNetwork's bit for bit`, () => {
          const r = lcg(sizes.length * 1000 + activation.length * 7 + output.length + l2 * 100);
          const x = Float64Array.from({ length: sizes[0]! * m }, r);
          const y = output === 'softmax' ? Float64Array.from({ length: m }, (_, s) => s % 2) : Float64Array.from({ length: 2 * m }, () => (r() > 0 ? 1 : 0));
          const params = {
            weights: sizes.slice(1).map((n, l) => Float64Array.from({ length: n * sizes[l]! }, () => 2 * r())),
            biases: sizes.slice(1).map((n) => Float64Array.from({ length: n }, () => 0.3 * r())),
          };
          const net = new DenseNetwork({ layerSizes: sizes, activation, output }, params);
          const ws = net.createWorkspace(m, true);
          net.lossAndGradients(x, y, ws, l2, l1);
          const probe = new StatsProbe({ layerSizes: sizes, activation, output }, x, y, m, l2, undefined, l1);
          probe.run(params);
          const L = sizes.length - 1;
          for (let l = 0; l < L; l++) {
            assert.deepEqual(probe.z[l], Float64Array.from(ws.z[l]!), `Z_${l + 1}`);
            assert.deepEqual(probe.g[l], Float64Array.from(ws.g[l]!), `∂L/∂Z_${l + 1}`);
            if (l < L - 1) {
              assert.deepEqual(probe.a[l], Float64Array.from(ws.a[l]!), `A_${l + 1}`);
              assert.deepEqual(probe.dw[l], Float64Array.from(net.grads.weights[l]!), `∂L/∂W_${l + 1}`);
            }
          }
        });
      }
    }
  }

  it('refuses parameters of the wrong shape', () => {
    const probe = new StatsProbe({ layerSizes: [2, 3, 1], activation: 'relu', output: 'sigmoid' }, new Float64Array(4), new Float64Array(2), 2);
    assert.throws(() => probe.run({ weights: [new Float64Array(6), new Float64Array(2)], biases: [new Float64Array(3), new Float64Array(1)] }), RangeError);
  });
});

describe('moments3', () => {
  const r = lcg(11);
  const cases: [string, Float64Array][] = [
    ['random', Float64Array.from({ length: 1001 }, r)],
    ['shifted', Float64Array.from({ length: 1001 }, () => 1e6 + r())],
    ['constant', new Float64Array(1001).fill(2.5)],
    ['NaN', Float64Array.from({ length: 1001 }, (_, i) => (i === 500 ? Number.NaN : r()))],
    ['infinite', Float64Array.from({ length: 1001 }, (_, i) => (i === 3 ? Infinity : r()))],
    ['huge', Float64Array.from({ length: 1001 }, () => 1e300 * r())],
    ['deviation overflows', Float64Array.from({ length: 1001 }, (_, i) => (i % 2 ? 1.7e308 : -1.7e308))],
  ];
  for (const [a, p] of cases) {
    for (const [b, q] of cases) {
      it(`${a} and ${b}: mean and std equal moments' bit for bit`, () => {
        const out = new Float64Array(6);
        moments3(p, q, cases[0]![1], p.length, out);
        for (const [i, v] of [p, q, cases[0]![1]].entries()) {
          const ref = moments(v);
          assert.ok(Object.is(out[2 * i], ref.mean), `mean ${i}: ${out[2 * i]} vs ${ref.mean}`);
          assert.ok(Object.is(out[2 * i + 1], ref.std), `std ${i}: ${out[2 * i + 1]} vs ${ref.std}`);
        }
      });
    }
  }
});
