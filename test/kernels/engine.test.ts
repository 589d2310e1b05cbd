// The FullBatchEngine contract around the numbers: copies in and out, predict, activations,
// validation, memory growth, independent engines, precompiled modules and backend selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileKernels, compileKernelsAsync, createEngine, defaultBackend, wasmSimdAvailable } from '../../src/kernels/index.js';
import { BACKENDS, bitIdentical, flatten, makeData, makeParams, referenceForward, relativeError } from './support.js';

const sizes = [2, 10, 5, 1];

test('WebAssembly SIMD is available in Node 20 and chosen by default', async () => {
  assert.equal(wasmSimdAvailable(), true);
  assert.equal(defaultBackend(), 'wasm');
  assert.equal(compileKernels(), compileKernels(), 'the compiled module is memoized');
  assert.equal(await compileKernelsAsync(), compileKernels(), 'sync and async compilation share it');
});

for (const backend of BACKENDS) {
  test(`${backend}: engine properties, parameters start at zero and round-trip as copies`, () => {
    const { x, y } = makeData(2, 21, 1);
    const engine = createEngine(backend, sizes, x, y, 21);
    assert.equal(engine.backend, backend);
    assert.deepEqual([...engine.layerSizes], sizes);
    assert.equal(engine.samples, 21);
    assert.ok(flatten(engine.getParameters()).every((v) => v === 0));

    const p = makeParams(sizes, 2);
    engine.setParameters(p);
    const got = engine.getParameters();
    assert.ok(bitIdentical(flatten(got), flatten(p)));
    assert.deepEqual(got.weights.map((w) => w.length), [20, 50, 5]);
    got.weights[0][0] = 123;
    p.biases[1][0] = 456;
    assert.notEqual(engine.getParameters().weights[0][0], 123, 'getParameters returns copies');
    assert.notEqual(engine.getParameters().biases[1][0], 456, 'setParameters copies in');
  });

  test(`${backend}: predict on the training set equals forward; on another set it matches the course's forward`, () => {
    const m = 45;
    const { x, y } = makeData(2, m, 3);
    const engine = createEngine(backend, sizes, x, y, m);
    const p = makeParams(sizes, 4);
    engine.setParameters(p);
    assert.ok(bitIdentical(engine.predict(x, m), engine.forward()));
    for (const m2 of [1, 7, 100, 20000]) { // 20000 samples grow the memory past its initial size
      const other = makeData(2, m2, 5 + m2).x;
      const expected = referenceForward(sizes, p, other, m2)[3][0];
      assert.ok(relativeError(engine.predict(other, m2), expected) < 1e-14, `predict m=${m2}`);
    }
    // The training buffers survive predict (and memory growth).
    assert.ok(bitIdentical(engine.predict(x, m), engine.forward()));
    engine.train(10, 0.1);
    assert.ok(bitIdentical(engine.predict(x, m), engine.forward()), 'predict uses the trained parameters');
  });

  test(`${backend}: activations returns units × m, post-activation`, () => {
    const m = 9;
    const { x, y } = makeData(2, m, 6);
    const engine = createEngine(backend, sizes, x, y, m);
    engine.setParameters(makeParams(sizes, 7));
    assert.equal(engine.activations(1).length, 10 * m);
    assert.equal(engine.activations(2).length, 5 * m);
    assert.ok(engine.activations(2).every((v) => v >= 0), 'relu');
    assert.ok(bitIdentical(engine.activations(3), engine.forward()));
    assert.throws(() => engine.activations(0), RangeError);
    assert.throws(() => engine.activations(4), RangeError);
  });

  test(`${backend}: invalid shapes are rejected`, () => {
    const { x, y } = makeData(2, 10, 8);
    assert.throws(() => createEngine(backend, [2], x, y, 10), RangeError);
    assert.throws(() => createEngine(backend, [2, 3, 2], x, y, 10), RangeError, 'one output unit');
    assert.throws(() => createEngine(backend, [2, 0, 1], x, y, 10), RangeError);
    assert.throws(() => createEngine(backend, [3, 4, 1], x, y, 10), RangeError, 'x length');
    assert.throws(() => createEngine(backend, [2, 4, 1], x, y.subarray(1), 10), RangeError, 'y length');
    assert.throws(() => createEngine(backend, [2, 4, 1], x, y, 0), RangeError);
    const engine = createEngine(backend, [2, 4, 1], x, y, 10);
    assert.throws(() => engine.setParameters({ weights: [new Float64Array(8)], biases: [new Float64Array(4)] }), RangeError);
    assert.throws(() => engine.setParameters({
      weights: [new Float64Array(8).fill(1), new Float64Array(3)], biases: [new Float64Array(4), new Float64Array(1)],
    }), RangeError);
    assert.ok(flatten(engine.getParameters()).every((v) => v === 0), 'a rejected setParameters writes nothing');
    assert.throws(() => engine.train(1.5, 0.1), RangeError);
    assert.throws(() => engine.train(1, Number.NaN), RangeError);
    assert.throws(() => engine.predict(x, 11), RangeError);
  });

  test(`${backend}: train(0) changes nothing; dispose makes the engine unusable`, () => {
    const { x, y } = makeData(2, 10, 9);
    const engine = createEngine(backend, sizes, x, y, 10);
    const p = makeParams(sizes, 10);
    engine.setParameters(p);
    engine.train(0, 0.1);
    assert.ok(bitIdentical(flatten(engine.getParameters()), flatten(p)));
    engine.dispose();
    assert.throws(() => engine.forward(), /disposed/);
    assert.throws(() => engine.train(1, 0.1), /disposed/);
  });
}

test('wasm engines are independent, and accept a precompiled module', () => {
  const { x, y } = makeData(2, 50, 11);
  const a = createEngine('wasm', sizes, x, y, 50);
  const b = createEngine('wasm', sizes, x, y, 50, compileKernels());
  const c = createEngine('js', sizes, x, y, 50);
  const p = makeParams(sizes, 12);
  for (const e of [a, b, c]) e.setParameters(p);
  a.train(30, 0.1);
  b.train(10, 0.1);
  b.train(20, 0.1);
  c.train(30, 0.1);
  assert.ok(bitIdentical(flatten(a.getParameters()), flatten(b.getParameters())), 'train(10)+train(20) = train(30)');
  assert.ok(bitIdentical(flatten(a.getParameters()), flatten(c.getParameters())));
  b.setParameters(p);
  assert.ok(!bitIdentical(flatten(a.getParameters()), flatten(b.getParameters())), 'resetting b leaves a alone');
});
