// The two backends against each other and against the naive course implementation in
// support.ts. Shapes exercise every tail of the wasm blocking: odd m (padding to 16 samples),
// odd row counts (the 1-row panel and gradient paths), fanIn + 1 ≡ 0..3 mod 4 (the 2×C tiles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/kernels/index.js';
import {
  bitIdentical, flatten, makeData, makeParams, referenceForward, referenceGradients, referenceTrain, relativeError,
} from './support.js';

const shapes = [
  { sizes: [2, 10, 5, 1], m: 300 },
  { sizes: [2, 3, 1], m: 7 },
  { sizes: [4, 16, 8, 4, 1], m: 101 },
  { sizes: [2, 10, 5, 1], m: 301 },
  { sizes: [1, 1, 1], m: 1 },
  { sizes: [5, 7, 2, 1], m: 16 },
  { sizes: [3, 9, 6, 1], m: 17 },
  { sizes: [6, 1, 1], m: 33 },
];

for (const { sizes, m } of shapes) {
  const label = `layers [${sizes}], m=${m}`;

  test(`wasm and js agree on forward, gradients and 1000 training steps: ${label}`, () => {
    const { x, y } = makeData(sizes[0], m, 1000 + m);
    const p = makeParams(sizes, 2000 + m);
    const wasm = createEngine('wasm', sizes, x, y, m);
    const js = createEngine('js', sizes, x, y, m);
    for (const e of [wasm, js]) e.setParameters(p);

    const fw = wasm.forward();
    const fj = js.forward();
    assert.ok(relativeError(fw, fj) <= 1e-12, 'forward');
    const gw = flatten(wasm.gradients());
    const gj = flatten(js.gradients());
    assert.ok(relativeError(gw, gj) <= 1e-12, 'gradients');
    for (const e of [wasm, js]) e.train(1000, 0.01);
    const pw = flatten(wasm.getParameters());
    const pj = flatten(js.getParameters());
    assert.ok(relativeError(pw, pj) <= 1e-12, 'parameters after 1000 steps');

    // Stronger, by design: both backends add in the same order and share the fdlibm exp, so
    // every number is the same double.
    assert.ok(bitIdentical(fw, fj), 'forward bit-identical');
    assert.ok(bitIdentical(gw, gj), 'gradients bit-identical');
    assert.ok(bitIdentical(pw, pj), 'parameters bit-identical');
  });

  for (const backend of ['wasm', 'js'] as const) {
    test(`${backend} matches the naive course implementation: ${label}`, () => {
      const { x, y } = makeData(sizes[0], m, 3000 + m);
      const p = makeParams(sizes, 4000 + m);
      const engine = createEngine(backend, sizes, x, y, m);
      engine.setParameters(p);

      const acts = referenceForward(sizes, p, x, m);
      assert.ok(relativeError(engine.forward(), acts[sizes.length - 1][0]) < 1e-14, 'forward');
      for (let l = 1; l < sizes.length; l++) {
        assert.ok(relativeError(engine.activations(l), acts[l].flat()) < 1e-14, `activations(${l})`);
      }
      assert.ok(relativeError(flatten(engine.gradients()), flatten(referenceGradients(sizes, p, x, y, m))) < 1e-12, 'gradients');
      engine.train(50, 0.05);
      const expected = referenceTrain(sizes, p, x, y, m, 50, 0.05);
      assert.ok(relativeError(flatten(engine.getParameters()), flatten(expected)) < 1e-10, 'parameters after 50 steps');
    });
  }
}
