// The fdlibm exp port (src/kernels/exp.ts and its twin in assembly/exp.ts), checked against
// Math.exp (an independent implementation) to within one ulp, and the two ports against each
// other bit for bit — the sigmoid's exp is where the backends could otherwise differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fdlibmExp } from '../../src/kernels/exp.js';
import { instantiateKernels } from '../../src/kernels/wasmModule.js';
import { seeded } from './support.js';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const d = i[0] - i[1];
  return Number(d < 0n ? -d : d);
}

/** x and its 3 neighbouring doubles on each side. */
function around(x: number): number[] {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  const base = i[0];
  const out: number[] = [];
  for (let d = -3n; d <= 3n; d++) {
    i[0] = base + d;
    out.push(f[0]);
  }
  return out;
}

/** Where fdlibm switches branches: the reduction bounds, 2^-28, the k = ±1, -1021, 1024 edges, overflow. */
const EDGES = [0.3465735912322998, 0.34657359027997264, 1.0397205352783203, 1.0397207708399179, 2 ** -28, 1,
  709.782712893384, -745.1332191019411, -708.0397208803, -707.7, 709.4361393, 709.09, -709.09];

function samples(): number[] {
  const u = seeded(99);
  const xs = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 2 ** -28, -(2 ** -29), 0.34657359027997264, 1.0397207708399179,
    709.782712893384, 709.78271289338397, -745.1332191019411, -745.13321910194122, 709.0895657128241, -708.39641853226408,
    -709.5, -740, -1000, 1000, Infinity, -Infinity];
  for (const e of EDGES) xs.push(...around(e), ...around(-e));
  for (let i = 0; i < 20000; i++) xs.push((u() * 2 - 1) * 40);
  for (let i = 0; i < 20000; i++) xs.push((u() * 2 - 1) * 745);
  for (let i = 0; i < 5000; i++) xs.push((u() * 2 - 1) * 1.1);
  return xs;
}

test('fdlibmExp is within one ulp of Math.exp and handles the special values', () => {
  for (const x of samples()) {
    const e = fdlibmExp(x);
    const ref = Math.exp(x);
    if (ref === Infinity || ref === 0) assert.equal(e, ref, `exp(${x})`);
    else assert.ok(ulps(e, ref) <= 1, `exp(${x}) = ${e}, Math.exp ${ref}`);
  }
  assert.ok(Number.isNaN(fdlibmExp(NaN)));
  assert.equal(fdlibmExp(-800), 0);
  assert.equal(fdlibmExp(710), Infinity);
  assert.equal(1 / (1 + fdlibmExp(800)), 0, 'a sigmoid saturates to exactly 0, not NaN');
});

test('the wasm and TypeScript exp ports are bit-identical', () => {
  const wasm = instantiateKernels();
  for (const x of samples()) {
    const a = wasm.fdlibmExp(x);
    const b = fdlibmExp(x);
    assert.ok(Object.is(a, b), `exp(${x}): wasm ${a}, ts ${b}`);
  }
  assert.ok(Number.isNaN(wasm.fdlibmExp(NaN)));
});

test('the two-lane wasm exp (used by the sigmoid) is bit-identical to the scalar port', () => {
  const wasm = instantiateKernels();
  const xs = samples();
  xs.push(NaN, -708.5, -1074 * Math.LN2, 709.5);
  // The top of the two-lane range, 708 <= x <= O_THRESHOLD, where k reaches 1024 and fdlibm
  // scales as (y·2)·2^1023, and the bottom, around -708 (k = -1021).
  for (let i = 0; i <= 20000; i++) xs.push(707.9 + (i / 20000) * 1.9, -707.9 - (i / 20000) * 0.2);
  xs.push(...around(1023.5 * Math.LN2), ...around(-708), ...around(-1021.5 * Math.LN2));
  if (xs.length % 2) xs.push(0.25);
  const at = wasm.heapBase();
  new Float64Array(wasm.memory.buffer, at, xs.length).set(xs);
  wasm.expInPlace(at, xs.length);
  const out = new Float64Array(wasm.memory.buffer, at, xs.length);
  xs.forEach((x, i) => assert.ok(Object.is(out[i], fdlibmExp(x)), `exp(${x}): two-lane ${out[i]}, scalar ${fdlibmExp(x)}`));
});
