#!/usr/bin/env node
// Benchmark (not a test): the two training workloads on initlab's one training API
// (trainNetwork), side by side in the same run with PyTorch (bench/torch_engine.py, one thread),
// float64 and float32, best of N on each side. Prints times, ratios and GFLOP/s.
//
//   node bench/engine-bench.mjs [--repeats N] [--only w1|w2] [--json]
//
// W1 deep: 30×64 ReLU on moons (examples/deep-relu-30-moons.yaml's run with he, lr 0.003):
//   batch 64, momentum 0.9, 2000 updates, train/test loss and accuracy every 250 updates.
// W2 MLP: 784-256-128-10 ReLU, softmax CE, batch 128, sgd, one epoch of 10,000 samples, loss and
//   accuracy on train (10,000) and test (2,500) at start and end. ≈ 21.9 GFLOP (10.2 training,
//   11.7 the two full evaluations).
// The timed span on initlab's side is the record's `seconds`: after data and initial weights,
// through the last evaluation, WebAssembly compilation excluded (see the README).
// PyTorch: Debian's python3-torch; when it cannot be imported the bench says so and goes on.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './mulberry32.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const REPEATS = Number(option('--repeats', '3'));
const ONLY = option('--only', '');
const JSON_OUT = args.includes('--json');
const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** W1's flops per update: 3 dense products per layer except ∂X of the first. */
function denseFlops(sizes, batch) {
  let fwd = 0;
  let back = 0;
  for (let l = 1; l < sizes.length; l++) {
    const macs = sizes[l] * sizes[l - 1] * batch;
    fwd += 2 * macs;
    back += 2 * macs * (l === 1 ? 1 : 2);
  }
  return { fwd, train: fwd + back };
}

function w1Config(dtype) {
  return {
    data: { name: 'moons', seed: 0, samples: 500, noise: 0.1 },
    network: { hidden: Array(30).fill(64), activation: 'relu' },
    ...(dtype === 'float32' ? { dtype } : {}),
    init: { name: 'he' },
    initSeed: 0,
    training: { optimizer: { name: 'momentum' }, learningRate: 0.003, batchSize: 64, iterations: 2000, logEvery: 250 },
  };
}

function w2Data() {
  const rand = mulberry32(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const make = (n) => {
    const x = new Float64Array(784 * n);
    for (let i = 0; i < x.length; i++) x[i] = gauss();
    const y = new Float64Array(n);
    for (let s = 0; s < n; s++) y[s] = Math.floor(rand() * 10);
    return { nSamples: n, nFeatures: 784, x, y };
  };
  return { train: make(10000), test: make(2500), nClasses: 10, task: 'multiclass' };
}

function w2Config(dtype) {
  return {
    data: { name: 'synthetic-784', seed: 0 },
    network: { hidden: [256, 128], activation: 'relu', output: 'softmax' },
    ...(dtype === 'float32' ? { dtype } : {}),
    init: { name: 'he' },
    initSeed: 3,
    training: { optimizer: { name: 'sgd' }, learningRate: 0.01, batchSize: 128, shuffleSeed: 4, iterations: 79, logEvery: 79 },
  };
}

// Each (workload, dtype) trains in a child process of its own, as one `initlab` run would: a process
// that trains both float64 and float32 makes V8's typed-array loops polymorphic and slows float32 by
// up to ~1.8× (measured), which no single run pays.
const CHILD = args.indexOf('--child');
if (CHILD >= 0) {
  const [name, dtype] = [args[CHILD + 1], args[CHILD + 2]];
  const w = name === 'w1' ? [w1Config(dtype), lib.makeDataset(w1Config(dtype).data)] : [w2Config(dtype), w2Data()];
  process.stdout.write(`${JSON.stringify(bestInitlab(w[0], w[1]))}\n`);
  process.exit(0);
}

function initlabInChild(name, dtype) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, dtype, '--repeats', String(REPEATS)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`engine-bench child ${name} ${dtype} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function bestInitlab(config, data) {
  let best = Infinity;
  let loss = NaN;
  for (let r = 0; r < REPEATS; r++) {
    const rec = lib.trainNetwork(config, data);
    best = Math.min(best, rec.seconds);
    loss = rec.final.trainLoss;
  }
  return { seconds: best, finalLoss: loss };
}

function torch(workload, dtype) {
  const r = spawnSync(PYTHON, [join(root, 'bench', 'torch_engine.py'), workload, '--dtype', dtype, '--repeats', String(REPEATS)], {
    encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// This machine's measured WebAssembly peak (assembly/peak.ts: 6 independent multiply and 6 add
// chains, the mix of a GEMM without FMA), best of many short samples, as bench/gemm-bench.mjs does.
const { instantiateKernels } = await import(pathToFileURL(join(root, 'dist', 'kernels', 'wasmModule.js')).href);
function measurePeak() {
  const k = instantiateKernels();
  const STEPS = 5000;
  const best = { float64: Infinity, float32: Infinity };
  for (let r = 0; r < 60; r++) {
    for (const [dtype, run] of [['float64', () => k.peakF64(STEPS, 1.0000000001, 1e-9)], ['float32', () => k.peakF32(STEPS, 1.0000001, 1e-6)]]) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) run();
      best[dtype] = Math.min(best[dtype], Number(process.hrtime.bigint() - t0) / 1e9);
    }
  }
  return { float64: (24 * STEPS * 5) / best.float64 / 1e9, float32: (48 * STEPS * 5) / best.float32 / 1e9 };
}
const peak = measurePeak();

const dtypes = lib.DTYPES ?? ['float64'];
const rows = [];
const workloads = [];
if (!ONLY || ONLY === 'w1') {
  const { train } = denseFlops([2, ...Array(30).fill(64), 1], 64);
  // 375 train + 125 test samples evaluated 9 times (0, 250, …, 2000).
  const evalFlops = 9 * denseFlops([2, ...Array(30).fill(64), 1], 500).fwd;
  workloads.push({ name: 'w1', label: 'W1 deep 30×64 ReLU, batch 64, momentum, 2000 updates', flops: 2000 * train + evalFlops });
}
if (!ONLY || ONLY === 'w2') {
  const sizes = [784, 256, 128, 10];
  const full = Math.floor(10000 / 128);
  const flops = full * denseFlops(sizes, 128).train + denseFlops(sizes, 10000 - full * 128).train + 2 * denseFlops(sizes, 12500).fwd;
  workloads.push({ name: 'w2', label: 'W2 MLP 784-256-128-10, batch 128, 1 epoch + 2 evaluations', flops });
}
for (const w of workloads) {
  for (const dtype of ['float64', 'float32']) {
    if (!dtypes.includes(dtype)) {
      rows.push({ workload: w.name, dtype, note: 'this build of initlab has no float32' });
      continue;
    }
    const mine = initlabInChild(w.name, dtype);
    const peer = torch(w.name, dtype);
    rows.push({
      workload: w.name, label: w.label, dtype, gflop: w.flops / 1e9,
      initlabSeconds: mine.seconds, initlabGflops: w.flops / mine.seconds / 1e9, fractionOfPeak: w.flops / mine.seconds / 1e9 / peak[dtype],
      torchSeconds: peer.seconds ?? null, torchError: peer.error ?? null,
      ratioToTorch: peer.seconds ? mine.seconds / peer.seconds : null,
    });
  }
}
if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify({ repeats: REPEATS, statistic: 'best of N', peakGflops: peak, rows }, null, 2)}\n`);
} else {
  process.stdout.write(`Training workloads, initlab vs PyTorch (one thread), best of ${REPEATS} each; measured wasm peak ${peak.float64.toFixed(1)} GFLOP/s (f64), ${peak.float32.toFixed(1)} (f32):\n`);
  for (const r of rows) {
    if (r.note) {
      process.stdout.write(`  ${r.workload} ${r.dtype}: ${r.note}\n`);
      continue;
    }
    const peer = r.torchSeconds !== null ? `PyTorch ${r.torchSeconds.toFixed(3)} s → initlab/PyTorch ${r.ratioToTorch.toFixed(2)}×` : `PyTorch unavailable (${r.torchError})`;
    process.stdout.write(`  ${r.label}, ${r.dtype}: initlab ${r.initlabSeconds.toFixed(3)} s (${r.gflop.toFixed(2)} GFLOP at ${r.initlabGflops.toFixed(2)} GFLOP/s, ${(100 * r.fractionOfPeak).toFixed(0)}% of peak); ${peer}\n`);
  }
}
