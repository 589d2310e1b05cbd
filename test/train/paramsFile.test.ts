import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DenseNetwork } from '../../src/nn/network.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { decodeParams, encodeParams, loadParamsInto, networkFromParams } from '../../src/train/paramsFile.js';
import { VERSION } from '../../src/version.js';
import { UsageError } from '../../src/util/errors.js';

// A parameters file holds the network's values exactly (F64 for float64, F32 for float32) and what
// rebuilds it; the reference is the network it was written from, compared bit for bit.

function network(dtype: 'float64' | 'float32', sizes = [2, 5, 3, 1]): DenseNetwork {
  const weights = sizes.slice(1).map((n, l) => Float64Array.from({ length: n * sizes[l]! }, (_, i) => Math.sin(1 + i * 0.7 + l) / 3));
  const biases = sizes.slice(1).map((n, l) => Float64Array.from({ length: n }, (_, i) => Math.cos(i + l) / 10));
  return new DenseNetwork({ layerSizes: sizes, activation: 'tanh', output: 'sigmoid', dtype }, { weights, biases });
}

const bits = (n: DenseNetwork) => [...n.params.weights, ...n.params.biases].map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex'));

describe('parameters files', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it(`round-trips a ${dtype} network bit for bit, as W1…/b1… of shape [out, in] and [out]`, () => {
      const net = network(dtype);
      const bytes = encodeParams(net, { iteration: 7 });
      const raw = decodeSafetensors(bytes);
      assert.deepEqual(raw.tensors['W2']!.shape, [3, 5]);
      assert.deepEqual(raw.tensors['b3']!.shape, [1]);
      assert.equal(raw.tensors['W1']!.dtype, dtype === 'float32' ? 'f4' : 'f8');
      const stored = decodeParams(bytes);
      assert.equal(stored.iteration, 7);
      assert.equal(stored.initlab, VERSION);
      const rebuilt = networkFromParams(bytes);
      assert.equal(rebuilt.dtype, dtype);
      assert.equal(rebuilt.activation, 'tanh');
      assert.deepEqual(bits(rebuilt), bits(net));
      const other = new DenseNetwork({ layerSizes: [2, 5, 3, 1], activation: 'tanh', output: 'sigmoid', dtype });
      loadParamsInto(other, bytes);
      assert.deepEqual(bits(other), bits(net));
    });
  }

  it('refuses a network of other sizes, and a file that is not one', () => {
    const bytes = encodeParams(network('float64'));
    const small = new DenseNetwork({ layerSizes: [2, 4, 1], activation: 'tanh', output: 'sigmoid' });
    assert.throws(() => loadParamsInto(small, bytes, 'p.safetensors'), (e: unknown) => e instanceof UsageError && /p\.safetensors: holds a network of layer sizes \[2, 5, 3, 1\], this one has \[2, 4, 1\]/.test(e.message));
    assert.throws(() => decodeParams(new Uint8Array(20), 'x.safetensors'), (e: unknown) => e instanceof UsageError && /^x\.safetensors: /.test(e.message));
  });
});
