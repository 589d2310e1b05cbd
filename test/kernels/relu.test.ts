import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGemm, type GemmDtype } from '../../src/kernels/gemm.js';

/*
 * The engine's ReLU kernel (GemmKernels.relu, assembly/gemm.ts reluF64/reluF32 and the TypeScript
 * twin): a = z > 0 ? z : +0 elementwise — the definition activateForward uses, written out here —
 * on every length whose SIMD tail differs (the float64 loop takes 4 at a time, float32 8), with
 * the values where a SIMD max would differ: NaN, −0, ±∞, subnormals.
 */

const SPECIAL = [Number.NaN, -0, 0, Infinity, -Infinity, 5e-324, -5e-324, 1.5, -1.5, 1e-45, -3.4e38, 3.4e38];

function expected(z: Float64Array | Float32Array): number[] {
  return Array.from(z, (x) => (x > 0 ? x : 0));
}

const bits = (xs: ArrayLike<number>, dtype: GemmDtype): string[] =>
  Array.from(xs, (x) => {
    const v = new DataView(new ArrayBuffer(8));
    if (dtype === 'float64') v.setFloat64(0, x);
    else v.setFloat32(0, x);
    return dtype === 'float64' ? v.getBigUint64(0).toString(16) : v.getUint32(0).toString(16);
  });

describe('relu kernel', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    for (const backend of ['wasm', 'js'] as const) {
      it(`${backend} ${dtype}: a = z > 0 ? z : +0, bit for bit, on every tail length and special value`, () => {
        const g = createGemm(backend);
        const e = dtype === 'float64' ? 8 : 4;
        for (let n = 1; n <= 21; n++) {
          const zAt = g.arena.alloc(n * e);
          const aAt = g.arena.alloc(n * e);
          const view = (at: number) => (dtype === 'float64' ? g.arena.f64(at, n) : g.arena.f32(at, n));
          const z = view(zAt);
          for (let i = 0; i < n; i++) z[i] = SPECIAL[(i * 7 + n) % SPECIAL.length]!;
          view(aAt).fill(123);
          g.relu(dtype, zAt, aAt, n);
          const want = expected(view(zAt));
          assert.deepEqual(bits(view(aAt), dtype), bits(want, dtype), `n = ${n}`);
          // In place (z and a the same buffer), as the kernel allows.
          g.relu(dtype, zAt, zAt, n);
          assert.deepEqual(bits(view(zAt), dtype), bits(want, dtype), `n = ${n}, in place`);
        }
      });
    }
    it(`refuses a region outside the memory (${dtype})`, () => {
      const g = createGemm('wasm');
      const at = g.arena.alloc(64);
      assert.throws(() => g.relu(dtype, at, at, 1e9), RangeError);
      assert.throws(() => g.relu(dtype, at, at, 0), RangeError);
    });
  }
});
