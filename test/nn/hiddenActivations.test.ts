import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hiddenActivations } from '../../src/nn/hiddenActivations.js';
import { DenseNetwork } from '../../src/nn/network.js';

/*
 * A [2, 2, 1, 1] net small enough to evaluate by hand:
 *   W1 = [[1, −1], [0.5, 2]], b1 = [0, −1];  W2 = [[1, −2]], b2 = [0.5];  W3 = [[3]], b3 = [0]
 * on the samples (1, 2), (3, −1), (0, 0):
 *   Z1 unit 0 = x0 − x1            → −1, 4, 0       relu → 0, 4, 0
 *   Z1 unit 1 = 0.5·x0 + 2·x1 − 1  → 3.5, −1.5, −1  relu → 3.5, 0, 0
 *   Z2 = A1[0] − 2·A1[1] + 0.5     → −6.5, 4.5, 0.5 relu → 0, 4.5, 0.5
 * and with the linear activation the pre-activations themselves.
 */

const params = {
  weights: [Float64Array.from([1, -1, 0.5, 2]), Float64Array.from([1, -2]), Float64Array.from([3])],
  biases: [Float64Array.from([0, -1]), Float64Array.from([0.5]), Float64Array.from([0])],
};
// Feature-major: x0 of the three samples, then x1.
const x = Float64Array.from([1, 3, 0, 2, -1, 0]);

describe('hiddenActivations', () => {
  it('returns A_l of every hidden layer, unit-major, as computed by hand (relu)', () => {
    const net = new DenseNetwork({ layerSizes: [2, 2, 1, 1], activation: 'relu', output: 'sigmoid' }, params);
    const a = hiddenActivations(net, x);
    assert.equal(a.length, 2);
    assert.deepEqual([...a[0]!], [0, 4, 0, 3.5, 0, 0]);
    assert.deepEqual([...a[1]!], [0, 4.5, 0.5]);
  });

  it('with the linear activation returns the pre-activations (hand values, second layer from the unclipped first)', () => {
    const net = new DenseNetwork({ layerSizes: [2, 2, 1, 1], activation: 'linear', output: 'sigmoid' }, params);
    const a = hiddenActivations(net, x);
    assert.deepEqual([...a[0]!], [-1, 4, 0, 3.5, -1.5, -1]);
    // Z2 = (x0 − x1) − 2·(0.5·x0 + 2·x1 − 1) + 0.5 = −5·x1 + 2.5 → −7.5, 7.5, 2.5
    assert.deepEqual([...a[1]!], [-7.5, 7.5, 2.5]);
  });

  it('reuses a given workspace and returns copies that a later call does not overwrite', () => {
    const net = new DenseNetwork({ layerSizes: [2, 2, 1, 1], activation: 'relu', output: 'sigmoid' }, params);
    const ws = net.createWorkspace(3, false);
    const first = hiddenActivations(net, x, ws);
    const second = hiddenActivations(net, Float64Array.from([0, 0, 0, 0, 0, 0]), ws);
    assert.deepEqual([...first[0]!], [0, 4, 0, 3.5, 0, 0]);
    // All-zero inputs: Z1 = b1 = (0, −1) → A1 = 0; Z2 = 0.5 → A2 = 0.5.
    assert.deepEqual([...second[0]!], [0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...second[1]!], [0.5, 0.5, 0.5]);
    assert.notEqual(second[0]!.buffer, ws.a[0]!.buffer);
  });

  it('a network without hidden layers has none', () => {
    const net = new DenseNetwork({ layerSizes: [2, 1], activation: 'relu', output: 'sigmoid' });
    assert.deepEqual(hiddenActivations(net, x), []);
  });

  it('refuses a batch that is not whole samples, or a workspace of another size', () => {
    const net = new DenseNetwork({ layerSizes: [2, 2, 1, 1], activation: 'relu', output: 'sigmoid' }, params);
    assert.throws(() => hiddenActivations(net, Float64Array.from([1, 2, 3])), /not a positive multiple of the 2 input features/);
    assert.throws(() => hiddenActivations(net, new Float64Array(0)), RangeError);
    assert.throws(() => hiddenActivations(net, x, net.createWorkspace(4, false)), /batches of 4 samples, x has 3/);
  });
});
