#!/usr/bin/env node
// Benchmark (not a test): mini-batch training of a 784-256-128-10 MLP (ReLU, softmax + cross-entropy,
// batch 128, plain sgd) on 10,000 synthetic samples — 1 epoch = ⌈10000/128⌉ = 79 updates — timed in
// initlab (src/nn + src/train, float64, plain TypeScript loops) and in numpy (bench/numpy_mlp.py,
// float64, BLAS) in the same run.
//
//   node bench/mlp-bench.mjs [--epochs N] [--json] [--from-src]
//
// Identical inputs: numpy draws the data from a seeded RandomState and writes x.npy / y.npy to a
// temporary folder; initlab reads the same files with decodeNpy. Both sides initialize with the
// course's He rule from the same numpy-legacy seed and shuffle with numpy's RandomState.permutation
// from the same seed, so both do the same arithmetic in the same order of samples; only the order
// of the floating-point sums inside the products differs, and the final losses are printed side by
// side as a check. Each side times only its own training loop, per epoch.
//
// numpy runs with OPENBLAS_NUM_THREADS=1 (and OMP/MKL likewise): initlab's loop is single-threaded.
// Python: $PYTHON, else the first of /usr/bin/python3, python3 that can import numpy (the first
// python3 on PATH often cannot).
//
// initlab is imported from dist/ (run `npm run build` first — `npm run bench` does), or with
// --from-src from src/ through tsx: `node --import tsx bench/mlp-bench.mjs --from-src`.
import { spawnSync } from 'node:child_process';
import { benchArgs, pythonWith, root } from './args.mjs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { flag, option } = benchArgs('node bench/mlp-bench.mjs [--epochs N] [--json] [--from-src]');
const EPOCHS = Number(option('--epochs', '3'));
const SAMPLES = 10000;
const FEATURES = 784;
const CLASSES = 10;
const HIDDEN = [256, 128];
const BATCH = 128;
const LR = 0.01;
const DATA_SEED = 0;
const INIT_SEED = 3;
const SHUFFLE_SEED = 4;
const note = (message) => process.stderr.write(`mlp-bench: ${message}\n`);
const fail = (message) => {
  note(message);
  process.exit(1);
};
if (!Number.isInteger(EPOCHS) || EPOCHS < 1) fail('--epochs must be a positive integer');

async function loadInitlab() {
  const fromSrc = flag('--from-src');
  const base = fromSrc ? join(root, 'src') : join(root, 'dist');
  const ext = fromSrc ? '.ts' : '.js';
  if (!fromSrc && !existsSync(join(base, 'nn', 'network.js'))) {
    fail('dist/nn/network.js is missing: run `npm run build` first, or `node --import tsx bench/mlp-bench.mjs --from-src`');
  }
  const load = (path) => import(pathToFileURL(join(base, path + ext)).href);
  const [nn, batches, optimizers, init, random, npy] = await Promise.all([
    load('nn/network'), load('train/batches'), load('train/optimizers'), load('init/index'), load('random/index'), load('io/npy'),
  ]);
  return { ...nn, ...batches, ...optimizers, ...init, ...random, ...npy };
}

function findPython() {
  const { python, tried } = pythonWith('numpy');
  return python ?? fail(`no python3 with numpy found (tried ${tried.join(', ')}); set PYTHON`);
}

const threadEnv = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function python(py, pyArgs) {
  const r = spawnSync(py, [join(root, 'bench', 'numpy_mlp.py'), ...pyArgs], {
    encoding: 'utf8', env: { ...process.env, ...threadEnv }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) fail(`${py}: ${r.error.message}`);
  if (r.status !== 0) fail(`numpy_mlp.py ${pyArgs[0]} failed:\n${r.stderr}`);
  return r.stdout;
}

function initlabTrain(lib, x, y) {
  const sizes = [FEATURES, ...HIDDEN, CLASSES];
  const params = lib.initializeDenseNetwork(lib.resolveInit('he'), sizes, new lib.NumpyRandomState(), INIT_SEED);
  const net = new lib.DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'softmax' }, params);
  const data = { nFeatures: FEATURES, nSamples: SAMPLES, x, y };
  const sampler = new lib.BatchSampler(data, BATCH, new lib.NumpyRandomState(SHUFFLE_SEED));
  const wsFull = net.createWorkspace(sampler.batchSize);
  const wsLast = sampler.lastBatchSize === sampler.batchSize ? wsFull : net.createWorkspace(sampler.lastBatchSize);
  const optimizer = lib.createOptimizer({ name: 'sgd' }, net.params);
  const epochSeconds = [];
  for (let e = 0; e < EPOCHS; e++) {
    const t0 = performance.now();
    for (let b = 0; b < sampler.batchesPerEpoch; b++) {
      sampler.next();
      net.lossAndGradients(sampler.x, sampler.y, sampler.size === wsFull.m ? wsFull : wsLast);
      if (!optimizer.step(net.params, net.grads, LR)) fail('initlab training diverged');
    }
    epochSeconds.push((performance.now() - t0) / 1000);
  }
  const finalLoss = net.loss(x, y, net.createWorkspace(SAMPLES, false));
  return { epochSeconds, finalLoss, stepsPerEpoch: sampler.batchesPerEpoch };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const lib = await loadInitlab();
const py = findPython();
const dir = mkdtempSync(join(tmpdir(), 'initlab-mlp-bench-'));
try {
  note(`numpy (${py}) writes ${SAMPLES} samples × ${FEATURES} features, ${CLASSES} classes, seed ${DATA_SEED}`);
  python(py, ['data', dir, '--samples', String(SAMPLES), '--features', String(FEATURES), '--classes', String(CLASSES), '--seed', String(DATA_SEED)]);
  const xa = lib.decodeNpy(new Uint8Array(readFileSync(join(dir, 'x.npy'))));
  const ya = lib.decodeNpy(new Uint8Array(readFileSync(join(dir, 'y.npy'))));
  if (xa.shape.join() !== `${FEATURES},${SAMPLES}` || ya.shape.join() !== `${SAMPLES}`) fail(`unexpected shapes ${xa.shape} / ${ya.shape}`);

  note(`initlab: ${EPOCHS} epochs`);
  const ours = initlabTrain(lib, xa.values, ya.values);
  note(`numpy: ${EPOCHS} epochs`);
  const theirs = JSON.parse(python(py, [
    'train', dir, '--hidden', HIDDEN.join(','), '--epochs', String(EPOCHS), '--batch', String(BATCH), '--lr', String(LR),
    '--init-seed', String(INIT_SEED), '--shuffle-seed', String(SHUFFLE_SEED),
  ]).trim().split('\n').pop());

  const result = {
    network: `${[FEATURES, ...HIDDEN, CLASSES].join('-')} relu, softmax CE, sgd lr ${LR}, batch ${BATCH}, float64`,
    samples: SAMPLES,
    stepsPerEpoch: ours.stepsPerEpoch,
    epochs: EPOCHS,
    initlab: { epochSeconds: ours.epochSeconds, medianEpochSeconds: median(ours.epochSeconds), finalLoss: ours.finalLoss, node: process.version },
    numpy: { epochSeconds: theirs.epochSeconds, medianEpochSeconds: median(theirs.epochSeconds), finalLoss: theirs.finalLoss, numpy: theirs.numpy, blas: theirs.blas, threads: 1 },
  };
  result.ratio = result.initlab.medianEpochSeconds / result.numpy.medianEpochSeconds;
  result.finalLossRelativeDifference = Math.abs(ours.finalLoss - theirs.finalLoss) / Math.abs(theirs.finalLoss);

  if (flag('--json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const f = (s) => s.toFixed(3);
    process.stdout.write(
      `MLP ${result.network}; ${SAMPLES} samples, ${result.stepsPerEpoch} steps/epoch, ${EPOCHS} epochs\n` +
        `  initlab  ${f(result.initlab.medianEpochSeconds)} s/epoch (median; epochs ${ours.epochSeconds.map(f).join(', ')})  final loss ${ours.finalLoss}\n` +
        `  numpy    ${f(result.numpy.medianEpochSeconds)} s/epoch (median; epochs ${theirs.epochSeconds.map(f).join(', ')})  final loss ${theirs.finalLoss}  [numpy ${theirs.numpy}, ${theirs.blas}, 1 thread]\n` +
        `  initlab / numpy = ${result.ratio.toFixed(2)}×   (final losses differ by ${result.finalLossRelativeDifference.toExponential(2)} relative)\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
