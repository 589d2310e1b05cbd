#!/usr/bin/env node
// Benchmark (not a test): the WebAssembly SIMD GEMM kernels (assembly/gemm.ts through
// src/kernels/gemm.ts) against this machine's measured wasm peak and against numpy.
//
//   node bench/gemm-bench.mjs [--samples N] [--shapes '[[out,in,m],…]'] [--json] [--from-src]
//
// 1. Peak: assembly/peak.ts runs 6 independent f64x2 (f32x4) multiply chains and 6 add chains —
//    the multiply/add mix of a GEMM without FMA. GFLOP/s = lanes × 12 ops × steps / seconds.
// 2. GEMM: forward Z = W·A + b, weightGrads dW = dZ·Aᵀ (+ db), inputGrads dA = Wᵀ·dZ, float64 and
//    float32, for each (out, in, m); GFLOP/s counts 2·out·in·m per product (the bias and db adds
//    are left out, as numpy's are) and is shown as a fraction of the peak of its dtype.
// 3. numpy (bench/numpy_gemm.py, OPENBLAS_NUM_THREADS=1) on the same shapes: its GFLOP/s and the
//    time ratio initlab / numpy. Without a python3 that imports numpy the bench says so and goes on.
//
// Timing: every number is the BEST (minimum) over N rounds (default 30); a round takes one sample
// of every case (the peak: 30), each sample a loop of calls sized to ~2 MFLOP (the peak: 5 calls
// of 5000 steps). On a shared machine short samples matter: a long one almost always contains a
// preemption, and its best is no longer the machine's speed. Loads initlab from dist/ (run `npm run build` first; `npm run bench` does), or
// with --from-src from src/ through tsx: `node --import tsx bench/gemm-bench.mjs --from-src`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const fail = (message) => {
  process.stderr.write(`gemm-bench: ${message}\n`);
  process.exit(1);
};
const note = (message) => process.stderr.write(`gemm-bench: ${message}\n`);
if (flag('-h') || flag('--help')) {
  process.stdout.write("usage: node bench/gemm-bench.mjs [--samples N] [--shapes '[[out,in,m],...]'] [--json] [--from-src]\n");
  process.exit(0);
}
const SAMPLES = Number(option('--samples', '30'));
if (!Number.isInteger(SAMPLES) || SAMPLES < 1) fail('--samples must be a positive integer');
const LABELED = [
  [[256, 256, 128], '256×256×128'],
  [[256, 784, 128], '784→256, batch 128'],
  [[64, 64, 64], '64×64×64'],
  [[1, 10, 300], '10→1, batch 300'],
];
let shapes;
try {
  const given = option('--shapes', undefined);
  shapes = given === undefined ? LABELED : JSON.parse(given).map((s) => [s, `${s[1]}→${s[0]}, batch ${s[2]}`]);
} catch (e) {
  fail(`--shapes must be JSON like [[256,256,128]]: ${e.message}`);
}
for (const [s] of shapes) {
  if (!Array.isArray(s) || s.length !== 3 || !s.every((v) => Number.isInteger(v) && v >= 1)) fail(`bad shape ${JSON.stringify(s)}: [out, in, m], positive integers`);
}

const fromSrc = flag('--from-src');
const ext = fromSrc ? '.ts' : '.js';
const base = join(root, fromSrc ? 'src' : 'dist');
if (!existsSync(join(base, 'kernels', 'gemm' + ext))) {
  fail(`${join(base, 'kernels', 'gemm' + ext)} is missing: run \`npm run build\` first, or \`node --import tsx bench/gemm-bench.mjs --from-src\``);
}
const load = (path) => import(pathToFileURL(join(base, path + ext)).href);
const { createGemm, gemmScratchBytes } = await load('kernels/gemm');
const { instantiateKernels } = await load('kernels/wasmModule');

// ---- 1. peak and 2. initlab: every case is set up first, then timed in interleaved rounds ----------
// One sample of each case per round: a noisy stretch of the shared machine then costs every case one
// sample, instead of costing one case all of its samples.
const k = instantiateKernels();
const STEPS = 5000;
const cases = [];
const peakCase = (dtype, fn, flopsPerStep) => {
  const c = { dtype, fn, reps: 5, perRound: 30, flops: flopsPerStep * STEPS, seconds: Infinity };
  cases.push(c);
  return c;
};
const peak64 = peakCase('float64', () => k.peakF64(STEPS, 1.0000000001, 1e-9), 24);
const peak32 = peakCase('float32', () => k.peakF32(STEPS, 1.0000001, 1e-6), 48);

const g = createGemm('wasm');
const PRODUCTS = ['forward', 'weightGrads', 'inputGrads'];
const ours = [];
for (const [[out, inn, m], label] of shapes) {
  for (const dtype of ['float64', 'float32']) {
    const e = dtype === 'float64' ? 8 : 4;
    const arena = g.arena;
    const at = (n) => arena.alloc(n * e);
    const w = at(out * inn), b = at(out), a = at(inn * m), z = at(out * m), dz = at(out * m);
    const dw = at(out * inn), db = at(out), da = at(inn * m);
    const scratch = arena.alloc(gemmScratchBytes(dtype, out, inn, m));
    const view = (off, n) => (e === 8 ? arena.f64(off, n) : arena.f32(off, n));
    // Values in [-1, 1): no denormals, no overflow, nothing data-dependent in the timing.
    let x = 12345;
    const fill = (v) => { for (let i = 0; i < v.length; i++) { x = (x * 1103515245 + 12345) >>> 0; v[i] = x / 2 ** 31 - 1; } };
    fill(view(w, out * inn)); fill(view(b, out)); fill(view(a, inn * m)); fill(view(dz, out * m));
    const flops = 2 * out * inn * m;
    const reps = Math.max(1, Math.round(2e6 / flops));
    const calls = {
      forward: () => g.forward(dtype, w, b, a, z, out, inn, m, false, scratch),
      weightGrads: () => g.weightGrads(dtype, dz, a, dw, db, out, inn, m, scratch),
      inputGrads: () => g.inputGrads(dtype, w, dz, da, out, inn, m, 0, scratch),
    };
    for (const product of PRODUCTS) {
      const row = { shape: [out, inn, m], label, dtype, product, seconds: Infinity, gflops: 0 };
      ours.push(row);
      cases.push({ fn: calls[product], reps, perRound: 1, flops, row, seconds: Infinity });
    }
  }
}
for (const c of cases) c.fn(); // warm-up (and V8's tier-up)
for (let round = 0; round < SAMPLES; round++) {
  for (const c of cases) {
    c.fn(); // untimed: brings this case's operands back into cache, as numpy's back-to-back calls have them
    for (let s = 0; s < c.perRound; s++) {
      const t0 = performance.now();
      for (let r = 0; r < c.reps; r++) c.fn();
      c.seconds = Math.min(c.seconds, (performance.now() - t0) / 1000 / c.reps);
    }
  }
}
const peak = { float64: peak64.flops / peak64.seconds / 1e9, float32: peak32.flops / peak32.seconds / 1e9 };
for (const c of cases) {
  if (c.row === undefined) continue;
  c.row.seconds = c.seconds;
  c.row.gflops = c.flops / c.seconds / 1e9;
}

// ---- 3. numpy ------------------------------------------------------------------------------------
let numpy = { available: false, reason: '' };
const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
const py = candidates.find((c) => {
  const r = spawnSync(c, ['-c', 'import numpy'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
});
if (py === undefined) {
  numpy.reason = `no python3 that imports numpy (tried ${candidates.join(', ')}); install Debian's python3-numpy or set PYTHON`;
  note(`numpy skipped: ${numpy.reason}`);
} else {
  note(`numpy (${py}, one OpenBLAS thread) on the same shapes`);
  const r = spawnSync(py, [join(root, 'bench', 'numpy_gemm.py'), JSON.stringify(shapes.map(([s]) => s)), String(SAMPLES)], {
    encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.error || r.status !== 0) fail(`numpy_gemm.py failed: ${r.error?.message ?? r.stderr}`);
  const doc = JSON.parse(r.stdout);
  numpy = { available: true, version: doc.numpy, blas: doc.blas, results: doc.results };
  for (const row of ours) {
    const peer = doc.results.find((p) => p.dtype === row.dtype && p.product === row.product && p.shape.join() === row.shape.join());
    row.numpyGflops = (2 * row.shape[0] * row.shape[1] * row.shape[2]) / peer.seconds / 1e9;
    row.overNumpy = row.seconds / peer.seconds;
  }
}

// ---- report --------------------------------------------------------------------------------------
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version,
  loadAverage1min: Number(loadavg()[0].toFixed(2)),
};
if (flag('--json')) {
  process.stdout.write(JSON.stringify({ machine, peak, samples: SAMPLES, gemm: ours, numpy }, null, 2) + '\n');
} else {
  const f = (v, d = 1) => v.toFixed(d);
  let text = `GEMM kernels (WebAssembly SIMD, one thread) — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ` +
    `load average ${machine.loadAverage1min}; best of ${SAMPLES} interleaved rounds\n`;
  text += `measured wasm peak (6 mul + 6 add chains): float64 ${f(peak.float64)} GFLOP/s (f64x2), float32 ${f(peak.float32)} GFLOP/s (f32x4)\n`;
  text += numpy.available ? `numpy ${numpy.version} (${numpy.blas}, 1 thread)\n` : `numpy: not run (${numpy.reason})\n`;
  text += '\n| shape (out×in×m) | product | dtype | initlab GFLOP/s | of peak |' + (numpy.available ? ' numpy GFLOP/s | time initlab / numpy |' : '') + '\n';
  text += '|---|---|---|---:|---:|' + (numpy.available ? '---:|---:|' : '') + '\n';
  for (const r of ours) {
    text += `| ${r.label} | ${r.product} | ${r.dtype} | ${f(r.gflops)} | ${f((100 * r.gflops) / peak[r.dtype], 0)}% |` +
      (numpy.available ? ` ${f(r.numpyGflops)} | ${f(r.overNumpy, 2)}× |` : '') + '\n';
  }
  process.stdout.write(text);
}
