// The general GEMM kernels (assembly/gemm.ts through src/kernels/gemm.ts, and the TypeScript
// fallback src/kernels/gemmJs.ts) against independent references:
//  - float64: src/nn/matmul.ts (the trainer's kernels, whose bits the project's tests rely on),
//    compared with Object.is on every element (so +0 and −0 are told apart), and a naive triple
//    loop written here in the same summation order;
//  - float32: a naive triple loop here with Math.fround after every multiply and add, the TS
//    fallback, and closeness to float64 within the a-priori bound γ_{n+1}·Σ|terms| (Higham,
//    Accuracy and Stability of Numerical Algorithms, §3.1).
// Shapes hit every tail of the blocking: rows ≡ 0..3 mod 4, columns below and between vector
// widths, odd batches, depth above one and two 256-deep chunks, more rows than one row block
// (128 float64 / 256 float32 rows), thin first/last layers (in = 2,
// out = 1), batches up to 10,000, and random shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affineForward, gemmRows, inputGradients, weightGradients } from '../../src/nn/matmul.js';
import { activateBackward } from '../../src/nn/activations.js';
import { createGemm, gemmScratchBytes, type GemmDtype, type GemmKernels } from '../../src/kernels/gemm.js';
import { instantiateKernels } from '../../src/kernels/wasmModule.js';
import { seeded, normals } from './support.js';

type Shape = readonly [out: number, inn: number, m: number];

const fixed: Shape[] = [
  [1, 1, 1], [1, 2, 3], [2, 1, 1], [3, 5, 7], [4, 4, 4], [5, 7, 9], [1, 10, 300], [10, 2, 300], [2, 10, 300],
  [7, 3, 1], [9, 13, 2], [16, 16, 16], [17, 33, 65], [33, 300, 31], [300, 5, 3], [6, 4, 513], [64, 64, 64],
  [13, 270, 45], [1, 1, 10000], [3, 2, 10000], [8, 9, 11], [12, 1, 5], [1, 520, 6], [11, 6, 600],
  [300, 20, 9], [261, 33, 40], [10, 300, 17], [130, 70, 3],
];
const rand = seeded(20240607);
const randomShapes: Shape[] = Array.from({ length: 24 }, () => [
  1 + Math.floor(rand() * 40), 1 + Math.floor(rand() * 40), 1 + Math.floor(rand() * 70),
] as const);
const shapes = [...fixed, ...randomShapes];

/** Normals with exact zeros and negative zeros mixed in (−0 + −0 = −0 must survive where the order makes it). */
function values(n: number, seed: number, round: (x: number) => number): Float64Array {
  const u = seeded(seed);
  const g = normals(u);
  return Float64Array.from({ length: n }, () => {
    const r = u();
    return r < 0.05 ? 0 : r < 0.1 ? -0 : round(g());
  });
}

/** mask: the layer below's z for the fused ReLU derivative (zeros, −0 and NaN included). */
interface Operands { w: Float64Array; b: Float64Array; a: Float64Array; dz: Float64Array; mask: Float64Array }

function operands([out, inn, m]: Shape, seed: number, dtype: GemmDtype): Operands {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  return {
    w: values(out * inn, seed, round), b: values(out, seed + 1, round),
    a: values(inn * m, seed + 2, round), dz: values(out * m, seed + 3, round),
    mask: values(inn * m, seed + 4, round).map((v, i) => (i % 17 === 5 ? NaN : v)),
  };
}

interface Results {
  z: Float64Array; zNoBias: Float64Array; zRelu: Float64Array; dw: Float64Array; db: Float64Array; da: Float64Array; daMasked: Float64Array;
}

/** Runs all products on `k` with the operands copied into its arena; returns copies of the outputs. */
function runKernels(k: GemmKernels, dtype: GemmDtype, [out, inn, m]: Shape, o: Operands): Results {
  const e = dtype === 'float64' ? 8 : 4;
  const mark = k.arena.mark();
  const at = (n: number) => k.arena.alloc(n * e);
  const w = at(out * inn), b = at(out), a = at(inn * m), dz = at(out * m), mask = at(inn * m);
  const z = at(out * m), z0 = at(out * m), zr = at(out * m), dw = at(out * inn), db = at(out), da = at(inn * m), dam = at(inn * m);
  const scratch = k.arena.alloc(gemmScratchBytes(dtype, out, inn, m));
  const view = (off: number, n: number) => (dtype === 'float64' ? k.arena.f64(off, n) : k.arena.f32(off, n));
  view(w, out * inn).set(o.w); view(b, out).set(o.b); view(a, inn * m).set(o.a); view(dz, out * m).set(o.dz); view(mask, inn * m).set(o.mask);
  k.forward(dtype, w, b, a, z, out, inn, m, false, scratch);
  k.forward(dtype, w, 0, a, z0, out, inn, m, false, scratch);
  k.forward(dtype, w, b, a, zr, out, inn, m, true, scratch);
  k.weightGrads(dtype, dz, a, dw, db, out, inn, m, scratch);
  k.inputGrads(dtype, w, dz, da, out, inn, m, 0, scratch);
  k.inputGrads(dtype, w, dz, dam, out, inn, m, mask, scratch);
  const copy = (off: number, n: number) => Float64Array.from(view(off, n));
  const r = {
    z: copy(z, out * m), zNoBias: copy(z0, out * m), zRelu: copy(zr, out * m),
    dw: copy(dw, out * inn), db: copy(db, out), da: copy(da, inn * m), daMasked: copy(dam, inn * m),
  };
  k.arena.release(mark);
  return r;
}

/** The naive triple loops, one entry at a time in inner-index order; `r` rounds each operation. */
function naive([out, inn, m]: Shape, o: Operands, r: (x: number) => number): Results {
  const z = new Float64Array(out * m), zNoBias = new Float64Array(out * m), zRelu = new Float64Array(out * m);
  const dw = new Float64Array(out * inn), db = new Float64Array(out), da = new Float64Array(inn * m);
  const daMasked = new Float64Array(inn * m);
  for (let i = 0; i < out; i++) {
    for (let s = 0; s < m; s++) {
      let acc = o.b[i]!, acc0 = 0;
      for (let k = 0; k < inn; k++) {
        const p = r(o.w[i * inn + k]! * o.a[k * m + s]!);
        acc = r(acc + p);
        acc0 = r(acc0 + p);
      }
      z[i * m + s] = acc;
      zNoBias[i * m + s] = acc0;
      zRelu[i * m + s] = acc > 0 ? acc : 0;
    }
    let sum = 0;
    for (let s = 0; s < m; s++) sum = r(sum + o.dz[i * m + s]!);
    db[i] = sum;
    for (let k = 0; k < inn; k++) {
      let acc = 0;
      for (let s = 0; s < m; s++) acc = r(acc + r(o.dz[i * m + s]! * o.a[k * m + s]!));
      dw[i * inn + k] = acc;
    }
  }
  for (let k = 0; k < inn; k++) {
    for (let s = 0; s < m; s++) {
      let acc = 0;
      for (let i = 0; i < out; i++) acc = r(acc + r(o.w[i * inn + k]! * o.dz[i * m + s]!));
      da[k * m + s] = acc;
      daMasked[k * m + s] = o.mask[k * m + s]! > 0 ? acc : 0;
    }
  }
  return { z, zNoBias, zRelu, dw, db, da, daMasked };
}

/** src/nn/matmul.ts on the same operands (float64). */
function matmulReference([out, inn, m]: Shape, o: Operands): Results {
  const z = new Float64Array(out * m), zNoBias = new Float64Array(out * m);
  const dw = new Float64Array(out * inn), db = new Float64Array(out), da = new Float64Array(inn * m);
  affineForward(o.w, o.b, o.a, z, out, inn, m);
  gemmRows(o.w, o.a, zNoBias, out, inn, m);
  weightGradients(o.dz, o.a, dw, db, out, inn, m, new Float64Array(inn * m));
  inputGradients(o.w, o.dz, da, out, inn, m, new Float64Array(out * inn));
  const zRelu = z.map((v) => (v > 0 ? v : 0));
  // The trainer's ReLU derivative (src/nn/network.ts: inputGradients, then activateBackward in place).
  const daMasked = da.slice();
  activateBackward('relu', o.mask, o.mask, daMasked, daMasked, 0, inn * m);
  return { z, zNoBias, zRelu, dw, db, da, daMasked };
}

function assertSameBits(got: Results, want: Results, label: string): void {
  for (const key of Object.keys(want) as (keyof Results)[]) {
    const g = got[key], w = want[key];
    assert.equal(g.length, w.length, `${label} ${key} length`);
    for (let i = 0; i < w.length; i++) {
      if (!Object.is(g[i], w[i])) assert.fail(`${label} ${key}[${i}]: got ${Object.is(g[i], -0) ? '-0' : g[i]}, want ${Object.is(w[i], -0) ? '-0' : w[i]}`);
    }
  }
}

const label = (s: Shape) => `out=${s[0]} in=${s[1]} m=${s[2]}`;
const wasm = createGemm('wasm');
const js = createGemm('js');

test('float64: wasm and TS kernels equal src/nn/matmul.ts (+ relu, relu′ of activations.ts) and the naive loop bit for bit (incl. −0)', () => {
  shapes.forEach((s, n) => {
    const o = operands(s, 100 + 10 * n, 'float64');
    const ref = matmulReference(s, o);
    assertSameBits(naive(s, o, (x) => x), ref, `naive vs matmul.ts ${label(s)}`);
    assertSameBits(runKernels(wasm, 'float64', s, o), ref, `wasm ${label(s)}`);
    assertSameBits(runKernels(js, 'float64', s, o), ref, `js ${label(s)}`);
  });
});

test('float32: wasm and TS kernels equal the naive float32 loop bit for bit', () => {
  shapes.forEach((s, n) => {
    const o = operands(s, 5000 + 10 * n, 'float32');
    const ref = naive(s, o, Math.fround);
    assertSameBits(runKernels(wasm, 'float32', s, o), ref, `wasm f32 ${label(s)}`);
    assertSameBits(runKernels(js, 'float32', s, o), ref, `js f32 ${label(s)}`);
  });
});

test('float32 stays within γ_{n+1}·Σ|terms| of float64 on the same inputs', () => {
  const u = 2 ** -24;
  let worst = 0;
  shapes.forEach((s, n) => {
    const [out, inn, m] = s;
    const o = operands(s, 9000 + 10 * n, 'float32');
    const f32 = runKernels(wasm, 'float32', s, o);
    const f64 = runKernels(wasm, 'float64', s, o);
    const abs = { w: o.w.map(Math.abs), b: o.b.map(Math.abs), a: o.a.map(Math.abs), dz: o.dz.map(Math.abs), mask: o.mask };
    const mag = naive(s, abs, (x) => x); // Σ|terms| of every entry, in float64
    const check = (key: keyof Results, depth: number) => {
      const gamma = ((depth + 1) * u) / (1 - (depth + 1) * u);
      for (let i = 0; i < f64[key].length; i++) {
        const err = Math.abs(f32[key][i]! - f64[key][i]!);
        // float64's own error (≤ γ_{n+1} in 2^-53 units) is far below the float32 bound's slack.
        const bound = gamma * mag[key][i]! * (1 + 1e-6);
        if (mag[key][i]! > 0) worst = Math.max(worst, err / (gamma * mag[key][i]!));
        assert.ok(err <= bound, `${label(s)} ${key}[${i}]: |f32 − f64| = ${err} > ${bound}`);
      }
    };
    check('z', inn); check('zNoBias', inn); check('dw', m); check('db', m); check('da', out);
  });
  assert.ok(worst > 0, 'float32 and float64 differ somewhere, so the comparison measured something');
});

test('the wasm scratch formula covers what the wasm kernels use, and nothing outside the buffers is written', () => {
  const k = instantiateKernels();
  for (const [out, inn, m] of shapes) {
    for (const e of [8, 4] as const) {
      const dtype: GemmDtype = e === 8 ? 'float64' : 'float32';
      const need = Math.max(k.gemmScratchBytes(e, out, inn), k.gemmScratchBytes(e, inn, out), k.gemmScratchBytes(e, out, m));
      assert.ok(gemmScratchBytes(dtype, out, inn, m) >= need, `${label([out, inn, m])} ${dtype}`);
    }
  }
  // Canaries around every buffer and the scratch: one NaN pattern before and after each.
  const s: Shape = [13, 270, 45];
  const [out, inn, m] = s;
  const o = operands(s, 77, 'float64');
  const arena = wasm.arena;
  const mark = arena.mark();
  const sizes = { w: out * inn, b: out, a: inn * m, dz: out * m, z: out * m, dw: out * inn, db: out, da: inn * m };
  const at: Record<string, number> = {};
  const guards: number[] = [];
  for (const [name, n] of Object.entries(sizes)) {
    guards.push(arena.alloc(16));
    at[name] = arena.alloc(n * 8);
  }
  guards.push(arena.alloc(16));
  const scratch = arena.alloc(gemmScratchBytes('float64', out, inn, m));
  guards.push(arena.alloc(16));
  for (const g of guards) arena.f64(g, 2).fill(-1.5);
  arena.f64(at.w!, sizes.w).set(o.w); arena.f64(at.b!, sizes.b).set(o.b);
  arena.f64(at.a!, sizes.a).set(o.a); arena.f64(at.dz!, sizes.dz).set(o.dz);
  wasm.forward('float64', at.w!, at.b!, at.a!, at.z!, out, inn, m, true, scratch);
  wasm.weightGrads('float64', at.dz!, at.a!, at.dw!, at.db!, out, inn, m, scratch);
  wasm.inputGrads('float64', at.w!, at.dz!, at.da!, out, inn, m, at.a!, scratch);
  for (const g of guards) assert.deepEqual([...arena.f64(g, 2)], [-1.5, -1.5]);
  arena.release(mark);
});

test('bad offsets and shapes are refused before any kernel runs', () => {
  for (const k of [wasm, js]) {
    const mark = k.arena.mark();
    const w = k.arena.alloc(64), a = k.arena.alloc(64), z = k.arena.alloc(64), scratch = k.arena.alloc(gemmScratchBytes('float64', 2, 2, 2));
    assert.throws(() => k.forward('float64', w, 0, a, z, 0, 2, 2, false, scratch), /out must be a positive integer/);
    assert.throws(() => k.forward('float64', w + 4, 0, a, z, 2, 2, 2, false, scratch), /W at byte/);
    assert.throws(() => k.inputGrads('float64', w, a, k.arena.buffer.byteLength, 2, 2, 2, 0, scratch), /dA at byte/);
    assert.throws(() => k.inputGrads('float64', w, a, z, 2, 2, 2, 3, scratch), /mask at byte 3/);
    assert.throws(() => k.weightGrads('float64', 0, a, z, w, 2, 2, 2, scratch), /dZ at byte/);
    k.arena.release(mark);
  }
  assert.throws(() => wasm.forward('float64', 16, 0, 16, 16, 2, 2, 2, false, 8), /scratch at byte 8/);
});

test('the arena aligns, zeroes, grows keeping contents, and releases to a mark', () => {
  for (const k of [createGemm('wasm'), createGemm('js')]) {
    const { arena } = k;
    const first = arena.alloc(3, 1);
    assert.ok(first > 0);
    const a = arena.alloc(24);
    assert.equal(a % 16, 0);
    arena.f64(a, 3).set([1, -0, 3]);
    const mark = arena.mark();
    const before = arena.buffer.byteLength;
    const big = arena.alloc(before + 100000, 64);
    assert.equal(big % 64, 0);
    assert.ok(arena.buffer.byteLength >= big + before + 100000, 'grown');
    assert.ok(Object.is(arena.f64(a, 3)[1], -0) && arena.f64(a, 3)[2] === 3, 'contents kept across growth');
    arena.f64(big, 4).fill(7);
    arena.release(mark);
    const again = arena.alloc(32, 64);
    assert.equal(again, big);
    assert.deepEqual([...arena.f64(again, 4)], [0, 0, 0, 0], 'fresh allocations are zeroed');
    assert.throws(() => arena.alloc(8, 3), /power of two/);
    assert.throws(() => arena.release(arena.end + 16), /mark/);
  }
});
