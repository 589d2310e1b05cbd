// The output layer's sigmoid 1/(1 + exp(−z)) where it saturates. Both backends answer the
// saturated ranges without fdlibm's scalar special cases (src/kernels/exp.ts `sigmoid`, and in
// assembly/exp.ts a scalar `sigmoid` and a two-lane `sigmoid2` that clamps −z to [−40, 710]);
// every one of them must still give exactly the double that 1/(1 + fdlibmExp(−z)) gives — the
// kernels' formula before those fast paths — at and around every threshold: the overflow of
// exp(−z) (sigmoid +0), the subnormal results just above it, the bound where 1 + exp(−z) rounds
// to 1, the clamps, and fdlibm's own special arguments. Then the same through whole engines, and
// a randn×10 network (the course's "large random" init) training identically on both backends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fdlibmExp, sigmoid, SIGMOID_ONE_X } from '../../src/kernels/exp.js';
import { createEngine } from '../../src/kernels/index.js';
import { instantiateKernels, type KernelExports } from '../../src/kernels/wasmModule.js';
import type { Parameters } from '../../src/kernels/types.js';
import { BACKENDS, bitIdentical, flatten, makeData, normals, seeded } from './support.js';

/** The sigmoid as the kernels computed it before the saturated fast paths. */
function reference(z: number): number {
  return 1 / (1 + fdlibmExp(-z));
}

const O_THRESHOLD = 7.09782712893383973096e+02; // fdlibm: exp(x) = +Infinity for x above this
const MIN_NORMAL = 2.2250738585072014e-308;

const bits = new BigInt64Array(1);
const bitsView = new Float64Array(bits.buffer);

/** x and its n neighbouring doubles on each side (x finite and not within n ulps of 0). */
function around(x: number, n: number): number[] {
  bitsView[0] = x;
  const base = bits[0];
  const out: number[] = [];
  for (let d = -n; d <= n; d++) {
    bits[0] = base + BigInt(d);
    out.push(bitsView[0]);
  }
  return out;
}

/** n consecutive doubles from x on, in the order of their bits (away from zero for either sign). */
function run(x: number, n: number): number[] {
  bitsView[0] = x;
  const base = bits[0];
  const out: number[] = [];
  for (let d = 0; d < n; d++) {
    bits[0] = base + BigInt(d);
    out.push(bitsView[0]);
  }
  return out;
}

/** Where the sigmoid's computation changes, as values of z. */
const THRESHOLDS = [
  -O_THRESHOLD, // exp(−z) overflows beyond: sigmoid +0
  -710, // the two-lane clamp of x = −z from above
  -1024.5 * Math.LN2, // x where k would reach 1025 (beyond the clamp)
  -1023.5 * Math.LN2, // x where k reaches 1024: fdlibm's two-step scaling (y·2)·2^1023
  -1022 * Math.LN2, // below this the sigmoid is subnormal
  -708, // x = 708: the old two-lane range ended here (|x| < 708)
  708, // x = −708: the two-lane exp's lower bound
  -SIGMOID_ONE_X, // 40: above it the sigmoid is 1 without an exp
  53 * Math.LN2, // ≈ 36.74: around here 1 + exp(−z) starts rounding to 1
  745.1332191019411, // exp(−z) underflows to 0 beyond
  -745.1332191019411,
  1, -1, 2 ** -28, -(2 ** -28), 0.3465735912322998, -0.3465735912322998, 1.0397207708399179, -1.0397207708399179,
];

function samples(): number[] {
  const u = seeded(4242);
  const zs = [0, -0, 5e-324, -5e-324, 1e-300, -1e-300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity,
    1000, -1000, 1e300, -1e300, 2 ** 60, -(2 ** 60)];
  for (const t of THRESHOLDS) zs.push(...around(t, 64));
  // Dense runs: just past the overflow threshold and just inside the clamp, where the two-lane
  // sigmoid relies on its general path overflowing to +Infinity, and the subnormal band below.
  zs.push(...run(-O_THRESHOLD, 4000), ...run(-710, 2000));
  bitsView[0] = -710;
  bits[0] -= 2000n; // the 2000 doubles above −710
  zs.push(...run(bitsView[0], 2000));
  for (let i = 0; i <= 20000; i++) zs.push(-707.9 - (i / 20000) * 2.4); // z in [−710.3, −707.9]
  for (let i = 0; i <= 5000; i++) zs.push(36 + (i / 5000) * 5); // z in [36, 41]
  for (let i = 0; i < 20000; i++) zs.push((u() * 2 - 1) * 3000);
  for (let i = 0; i < 20000; i++) zs.push((u() * 2 - 1) * 50);
  for (let i = 0; i < 2000; i++) zs.push((u() * 2 - 1) * 1e-6);
  return zs;
}

/** Every sample in both lanes, each paired with partners from every region (for the two-lane code). */
function pairs(zs: number[]): Float64Array {
  const partners = [0.3, -2000, 2000, 40, -O_THRESHOLD, -709.5, 1e-30, -1];
  const out = new Float64Array(zs.length * 4);
  zs.forEach((z, i) => {
    const p = partners[i % partners.length];
    out.set([z, p, p, z], 4 * i);
  });
  return out;
}

/** The two-lane wasm sigmoid of `zs` (even length), through the exported test hook. */
function twoLane(wasm: KernelExports, zs: Float64Array): Float64Array {
  const at = wasm.heapBase();
  const need = at + zs.length * 8 - wasm.memory.buffer.byteLength;
  if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));
  new Float64Array(wasm.memory.buffer, at, zs.length).set(zs);
  wasm.sigmoidInPlace(at, zs.length);
  return new Float64Array(wasm.memory.buffer, at, zs.length).slice();
}

test('the TypeScript sigmoid equals 1/(1 + fdlibmExp(−z)) bit for bit, saturated ranges included', () => {
  let zeros = 0;
  let ones = 0;
  let subnormals = 0;
  for (const z of [...samples(), NaN]) {
    const a = sigmoid(z);
    assert.ok(Object.is(a, reference(z)), `sigmoid(${z}) = ${a}, reference ${reference(z)}`);
    if (Number.isNaN(z)) continue;
    assert.ok(a >= 0 && a <= 1, `sigmoid(${z}) = ${a} is in [0, 1] (never NaN)`);
    if (Object.is(a, 0)) zeros++;
    if (a === 1) ones++;
    if (a > 0 && a < MIN_NORMAL) subnormals++;
  }
  assert.ok(Number.isNaN(sigmoid(NaN)), 'NaN stays NaN, as before');
  assert.ok(zeros > 1000 && ones > 1000 && subnormals > 1000, `all regions exercised: ${zeros} zeros, ${ones} ones, ${subnormals} subnormal`);
  // The saturation rules themselves.
  for (const z of around(-O_THRESHOLD, 8)) assert.equal(Object.is(sigmoid(z), 0), z < -O_THRESHOLD, `sigmoid(${z}) is +0 exactly past the overflow`);
  assert.ok(sigmoid(-O_THRESHOLD) > 0 && sigmoid(-O_THRESHOLD) < MIN_NORMAL, 'subnormal, not 0, at the threshold itself');
  for (const z of around(-SIGMOID_ONE_X, 8)) assert.equal(sigmoid(z), 1);
  assert.ok(sigmoid(36) < 1 && sigmoid(37) === 1, '1 + exp(−z) rounds to 1 from z ≈ 36.74 on');
});

test('the wasm scalar and two-lane sigmoids equal 1/(1 + fdlibmExp(−z)) bit for bit', () => {
  const wasm = instantiateKernels();
  const zs = [...samples(), NaN];
  for (const z of zs) assert.ok(Object.is(wasm.sigmoid(z), reference(z)), `scalar sigmoid(${z}): wasm ${wasm.sigmoid(z)}, reference ${reference(z)}`);

  const input = pairs(zs);
  const out = twoLane(wasm, input);
  input.forEach((z, i) => assert.ok(Object.is(out[i], reference(z)), `two-lane sigmoid(${z}) = ${out[i]}, reference ${reference(z)}`));
});

test('two-lane sigmoid: every z from −710 down to just past the overflow gives exactly +0', () => {
  // The clamp argument in assembly/exp.ts: for x = −z in (O_THRESHOLD, 710] the general path's
  // exp overflows to +Infinity. Checked here on 40000 consecutive doubles at each end of that range
  // and on random ones across it, and at the clamp's far side (−z > 710, up to −Infinity).
  const wasm = instantiateKernels();
  const u = seeded(77);
  bitsView[0] = -O_THRESHOLD;
  bits[0] += 1n;
  const zs = run(bitsView[0], 40000);
  bitsView[0] = -710;
  bits[0] -= 40000n;
  zs.push(...run(bitsView[0], 40001));
  for (let i = 0; i < 40000; i++) zs.push(-(O_THRESHOLD + 1e-13 + u() * (710.5 - O_THRESHOLD)));
  zs.push(-711, -1e4, -1e300, -Number.MAX_VALUE, -Infinity);
  if (zs.length % 2) zs.push(-800);
  const out = twoLane(wasm, Float64Array.from(zs));
  zs.forEach((z, i) => assert.ok(Object.is(out[i], 0) && Object.is(reference(z), 0), `sigmoid(${z}) = ${out[i]}`));
});

/** Parameters that make a [1, 1] network's z equal its input: z = (0 + 1·x) + 0·1 = x. */
const identity: Parameters = { weights: [Float64Array.of(1)], biases: [Float64Array.of(0)] };

for (const m of [1, 2, 301, 4000, 4001]) {
  test(`through the engines, both backends give 1/(1 + fdlibmExp(−z)) on every sample: m=${m}`, () => {
    // The samples cycle through the threshold neighbourhoods, so that every value meets every
    // partner in the other lane, and an odd m sends one through the scalar tail.
    const all = samples();
    const u = seeded(m);
    const x = Float64Array.from({ length: m }, () => all[Math.floor(u() * all.length)]);
    x.set([-O_THRESHOLD, -710, 40, -709.5].slice(0, m)); // a few thresholds whatever m
    const y = Float64Array.from({ length: m }, (_, s) => s % 2);
    const results = BACKENDS.map((backend) => {
      const engine = createEngine(backend, [1, 1], x, y, m);
      engine.setParameters(identity);
      const a = engine.forward();
      a.forEach((v, s) => assert.ok(Object.is(v, reference(x[s])), `${backend}: sigmoid(${x[s]}) = ${v}, reference ${reference(x[s])}`));
      return { a, g: flatten(engine.gradients()) };
    });
    assert.ok(bitIdentical(results[0].a, results[1].a) && bitIdentical(results[0].g, results[1].g), 'backends bit-identical');
    assert.ok(results[0].g.every(Number.isFinite), 'finite gradients');
  });
}

/** The course's initialize_parameters_random: W = randn·10 for every layer, b = 0. */
function randnTimes10(sizes: readonly number[], seed: number): Parameters {
  const randn = normals(seeded(seed));
  return {
    weights: sizes.slice(1).map((n, l) => Float64Array.from({ length: n * sizes[l] }, () => randn() * 10)),
    biases: sizes.slice(1).map((n) => new Float64Array(n)),
  };
}

/** The output pre-activations z = W_L·a_{L-1} + b_L, summed in the kernels' order. */
function outputZ(engineActs: Float64Array, p: Parameters, fanIn: number, m: number): Float64Array {
  const w = p.weights[p.weights.length - 1];
  const b = p.biases[p.biases.length - 1][0];
  return Float64Array.from({ length: m }, (_, s) => {
    let z = 0;
    for (let k = 0; k < fanIn; k++) z += w[k] * engineActs[k * m + s];
    return z + b;
  });
}

for (const m of [300, 301]) {
  test(`a randn×10 network trains bit-identically on both backends: layers [2,10,5,1], m=${m}`, () => {
    const sizes = [2, 10, 5, 1];
    const { x, y } = makeData(2, m, 31);
    const p = randnTimes10(sizes, 47);
    const engines = BACKENDS.map((backend) => createEngine(backend, sizes, x, y, m));
    for (const e of engines) e.setParameters(p);

    // The start is deep in saturation on both sides, past the overflow threshold included.
    const z = outputZ(engines[0].activations(2), p, 5, m);
    const a0 = engines.map((e) => e.forward());
    assert.ok(z.filter((v) => v < -O_THRESHOLD).length > m / 10, 'many outputs past the overflow (sigmoid +0)');
    assert.ok(z.filter((v) => v > 708).length > m / 10, 'many outputs with exp(−z) below 2^-1000 (sigmoid 1)');
    z.forEach((v, s) => assert.ok(Object.is(a0[0][s], reference(v)), `forward at z=${v}`));
    assert.ok(bitIdentical(a0[0], a0[1]), 'forward bit-identical');
    assert.ok(bitIdentical(flatten(engines[0].gradients()), flatten(engines[1].gradients())), 'gradients bit-identical');

    // Saturation held fixed (lr = 0), then real training, which leaves saturation over the first
    // few dozen iterations.
    for (const e of engines) e.train(300, 0);
    assert.ok(bitIdentical(engines[0].forward(), a0[0]) && bitIdentical(engines[1].forward(), a0[0]), 'lr = 0 changes nothing');
    for (const e of engines) e.train(1500, 0.01);
    const [pw, pj] = engines.map((e) => flatten(e.getParameters()));
    assert.ok(pw.every(Number.isFinite), 'finite parameters');
    assert.ok(bitIdentical(pw, pj), 'parameters bit-identical after training');
    assert.ok(bitIdentical(engines[0].forward(), engines[1].forward()), 'forward bit-identical after training');
    assert.ok(!bitIdentical(pw, flatten(p)), 'training moved the parameters');
  });
}
