#!/usr/bin/env node
// Benchmark (not a test), issue 14 item 5: a small convnet trained for one epoch in initlab
// (src/nn/layers: im2col + the engine's WebAssembly GEMM kernels) and in PyTorch
// (bench/torch_conv.py, ONE thread), float32 and float64, in the same run.
//
//   28×28×1 → conv 3×3×16 (same) + ReLU → maxpool 2 → conv 3×3×32 (same) + ReLU → maxpool 2 → dense 10
//   softmax cross-entropy, plain SGD lr 0.01, batch 64, one epoch of 10,000 synthetic images
//   (uniform [0, 1), labels 0…9: the arithmetic per update does not depend on the values)
//
//   node bench/conv-bench.mjs [--samples N] [--repeats R] [--json] [--from-src]
//
// Each side times only its own epoch loop (forward, backward, update; initlab's batch gathering
// included, as PyTorch's indexing is), after one warm-up epoch, best of --repeats. The ratio is
// initlab / PyTorch (the target: ≤ 2). Python: $PYTHON, else /usr/bin/python3 or python3
// that can import torch (Debian's python3-torch).
import { spawnSync } from 'node:child_process';
import { benchArgs, pythonWith, root } from './args.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { flag, option } = benchArgs('node bench/conv-bench.mjs [--samples N] [--repeats R] [--json] [--from-src]');
const SAMPLES = Number(option('--samples', '10000'));
const REPEATS = Number(option('--repeats', '2'));
const BATCH = 64;
const LR = 0.01;
const LAYERS = [
  { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' },
  { type: 'maxpool', size: 2 },
  { type: 'conv2d', filters: 32, kernel: 3, padding: 'same' },
  { type: 'maxpool', size: 2 },
  { type: 'flatten' },
];
const note = (message) => process.stderr.write(`conv-bench: ${message}\n`);
const fail = (message) => {
  note(message);
  process.exit(1);
};
if (!Number.isInteger(SAMPLES) || SAMPLES < BATCH) fail(`--samples must be an integer ≥ ${BATCH}`);
if (!Number.isInteger(REPEATS) || REPEATS < 1) fail('--repeats must be a positive integer');

async function loadInitlab() {
  const fromSrc = flag('--from-src');
  const base = fromSrc ? join(root, 'src') : join(root, 'dist');
  const ext = fromSrc ? '.ts' : '.js';
  if (!fromSrc && !existsSync(join(base, 'nn', 'layers', 'network.js'))) {
    fail('dist/nn/layers/network.js is missing: run `npm run build` first, or `node --import tsx bench/conv-bench.mjs --from-src`');
  }
  const load = (path) => import(pathToFileURL(join(base, path + ext)).href);
  const [net, batches, optimizers, init, random] = await Promise.all([
    load('nn/layers/network'), load('train/batches'), load('train/optimizers'), load('init/layerNetwork'), load('random/index'),
  ]);
  const spec = await load('init/index');
  return { ...net, ...batches, ...optimizers, ...init, ...random, resolveInit: spec.resolveInit };
}

function findPython() {
  const { python, tried } = pythonWith('torch');
  return python ?? fail(`no python3 with torch found (tried ${tried.join(', ')}); apt-get install -y python3-torch, or set PYTHON`);
}

function torchEpoch(py, dtype) {
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const r = spawnSync(py, [join(root, 'bench', 'torch_conv.py'), '--dtype', dtype, '--samples', String(SAMPLES), '--repeats', String(REPEATS)], { encoding: 'utf8', env });
  if (r.error) fail(`${py}: ${r.error.message}`);
  if (r.status !== 0) fail(`torch_conv.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function initlabEpochs(lib, dtype) {
  const rng = new lib.DefaultRandom(0);
  const x = new Float64Array(784 * SAMPLES);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform01();
  const y = Float64Array.from({ length: SAMPLES }, () => Math.floor(rng.uniform01() * 10));
  const net = new lib.LayerNetwork({ layers: LAYERS, input: { c: 1, h: 28, w: 28 }, nOutputs: 10, output: 'softmax', activation: 'relu', dtype });
  net.setParameters(lib.initializeLayerNetwork(lib.resolveInit('torch:kaiming_normal'), net.plan, new lib.NumpyRandomState(), 1));
  const sampler = new lib.BatchSampler({ nFeatures: 784, nSamples: SAMPLES, x, y }, BATCH, new lib.NumpyRandomState(2));
  const wsFull = net.createWorkspace(sampler.batchSize);
  const wsLast = sampler.lastBatchSize === sampler.batchSize ? wsFull : net.createWorkspace(sampler.lastBatchSize);
  const optimizer = lib.createOptimizer({ name: 'sgd' }, net.params, net);
  let last = NaN;
  const epoch = () => {
    for (let b = 0; b < sampler.batchesPerEpoch; b++) {
      sampler.next();
      last = net.lossAndGradients(sampler.x, sampler.y, sampler.size === wsFull.m ? wsFull : wsLast);
      if (!optimizer.step(net.params, net.grads, LR)) fail('initlab training diverged');
    }
  };
  epoch(); // warm-up (JIT)
  const times = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    epoch();
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: Math.min(...times), all: times, lastLoss: last, steps: sampler.batchesPerEpoch };
}

const lib = await loadInitlab();
const py = findPython();
const rows = [];
for (const dtype of ['float32', 'float64']) {
  note(`initlab ${dtype}: ${REPEATS + 1} epochs of ${SAMPLES} images`);
  const ours = initlabEpochs(lib, dtype);
  note(`PyTorch ${dtype}: ${REPEATS + 1} epochs`);
  const theirs = torchEpoch(py, dtype);
  rows.push({ dtype, initlabSeconds: ours.seconds, torchSeconds: theirs.seconds, ratio: ours.seconds / theirs.seconds, steps: ours.steps, initlabLastLoss: ours.lastLoss, torchLastLoss: theirs.lastLoss, torch: theirs.torch, threads: theirs.threads });
}
if (flag('--json')) {
  process.stdout.write(`${JSON.stringify({ network: '28x28x1 conv3x3x16 pool conv3x3x32 pool dense10', samples: SAMPLES, batch: BATCH, rows })}\n`);
} else {
  process.stdout.write(`convnet 28×28×1 → conv3×3×16 → pool → conv3×3×32 → pool → dense 10, batch ${BATCH}, one epoch of ${SAMPLES} images (${rows[0].steps} updates), best of ${REPEATS}\n`);
  process.stdout.write('dtype     initlab (s)  PyTorch 1 thread (s)  initlab / PyTorch\n');
  for (const r of rows) {
    process.stdout.write(`${r.dtype.padEnd(9)} ${r.initlabSeconds.toFixed(3).padStart(11)}  ${r.torchSeconds.toFixed(3).padStart(20)}  ${r.ratio.toFixed(2).padStart(17)}×\n`);
  }
  process.stdout.write(`PyTorch ${rows[0].torch}, ${rows[0].threads} thread; target ≤ 2×\n`);
}
