import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denseBackwardInput, denseForward } from '../../src/diagnostics/denseSteps.js';
import { diagnose } from '../../src/diagnostics/diagnose.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { createGemm, gemmScratchBytes } from '../../src/kernels/index.js';
import { DefaultRandom } from '../../src/random/index.js';

registerAllInitializers();

/*
 * `diagnose --dtype float32`: the measured pass in float32. Its products are checked against the
 * engine's float32 GEMM kernels (an independent implementation: WebAssembly f32x4 lanes), bit for
 * bit; its statistics against the float64 pass of the same weights, to float32's precision.
 */

const rng = new DefaultRandom(11);
const randn32 = (n: number) => Float32Array.from({ length: n }, () => rng.standardNormal());

describe('diagnostics in float32', () => {
  it("denseForward / denseBackwardInput in float32 equal the engine's f32x4 kernels bit for bit", () => {
    const [n, k, m] = [13, 9, 21];
    const w = randn32(n * k);
    const b = randn32(n);
    const x = randn32(k * m);
    const dz = randn32(n * m);
    const g = createGemm('wasm');
    const a = g.arena;
    const at = (v: Float32Array) => {
      const off = a.alloc(v.length * 4);
      a.f32(off, v.length).set(v);
      return off;
    };
    const [wAt, bAt, xAt, dzAt] = [at(w), at(b), at(x), at(dz)];
    const zAt = a.alloc(n * m * 4);
    const daAt = a.alloc(k * m * 4);
    const scratch = a.alloc(gemmScratchBytes('float32', n, k, m));
    g.forward('float32', wAt, bAt, xAt, zAt, n, k, m, false, scratch);
    g.inputGrads('float32', wAt, dzAt, daAt, n, k, m, 0, scratch);
    const z = denseForward(w, b, x, n, k, m, 'float32');
    const da = denseBackwardInput(w, dz, n, k, m, 'float32');
    assert.ok(z instanceof Float32Array && da instanceof Float32Array);
    assert.deepEqual(Array.from(z), Array.from(a.f32(zAt, n * m)));
    assert.deepEqual(Array.from(da), Array.from(a.f32(daAt, k * m)));
  });

  it('diagnose --dtype float32 measures every layer within float32 precision of float64 (and not identically)', () => {
    const init = { name: 'he' };
    const base = { hidden: [64, 64, 64], inputDim: 32, activation: 'tanh' as const, batch: 200, seed: 3 };
    const f64 = diagnose(init, base);
    const f32 = diagnose(init, { ...base, dtype: 'float32' });
    let identical = true;
    f64.layers.forEach((l, i) => {
      const q = f32.layers[i]!;
      for (const [p, r] of [[l.preStd, q.preStd], [l.postStd, q.postStd], [l.gradStd, q.gradStd]] as const) {
        assert.ok(Math.abs(r - p) <= 1e-5 * Math.abs(p), `layer ${i + 1}: ${r} vs ${p}`);
        if (r !== p) identical = false;
      }
    });
    assert.equal(identical, false, 'the float32 pass really ran in float32');
  });
});
