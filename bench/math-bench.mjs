#!/usr/bin/env node
// Benchmark (not a test): what src/math/fdlibm.ts costs against the engine's Math functions.
//
//   node bench/math-bench.mjs [--n N] [--updates U] [--repeats R] [--json] [--from-src]
//
// 1. Per call: Math.tanh/expm1/log1p/log vs fdlibmTanh/Expm1/Log1p/Log on N inputs (default 10^7)
//    from the ranges training uses (tanh on [−6, 6], expm1 on [−6, 0] as elu/selu take it, log1p on
//    e^{−|z|} ∈ (0, 1] as softplus and the sigmoid head take it, log on [1, 10] as the softmax
//    head's log-sum-exp takes it); best of R runs; reported in ns per call and as a ratio ours/Math.
// 2. Training: a [2, 32, 32, 1] tanh network, sigmoid head, full batch of 200 points, U plain-sgd
//    updates (default 2000), timed with src/nn as it is (fdlibmTanh) and with a copy of the same
//    tree whose nn/activations uses Math.tanh instead — the only difference — alternating, best of R.
//
// Loads initlab from dist/ (run `npm run build:ts` first) or, with --from-src, from src/ through tsx:
// `node --import tsx bench/math-bench.mjs --from-src`. The Math.tanh copy goes to a temporary folder.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs, root } from './args.mjs';
import { mulberry32 } from './mulberry32.mjs';

const fail = (message) => {
  process.stderr.write(`math-bench: ${message}\n`);
  process.exit(1);
};
const { flag, option } = benchArgs('node bench/math-bench.mjs [--n N] [--updates U] [--repeats R] [--json] [--from-src]');
const N = Number(option('--n', '10000000'));
const UPDATES = Number(option('--updates', '2000'));
const REPEATS = Number(option('--repeats', '3'));
for (const [name, v] of [['--n', N], ['--updates', UPDATES], ['--repeats', REPEATS]]) {
  if (!Number.isInteger(v) || v < 1) fail(`${name} must be a positive integer`);
}
const fromSrc = flag('--from-src');
const ext = fromSrc ? '.ts' : '.js';
const base = join(root, fromSrc ? 'src' : 'dist');
if (!existsSync(join(base, 'math', 'fdlibm' + ext))) {
  fail(`${join(base, 'math', 'fdlibm' + ext)} is missing: run \`npm run build:ts\` first, or \`node --import tsx bench/math-bench.mjs --from-src\``);
}
const load = (dir, path) => import(pathToFileURL(join(dir, path + ext)).href);


/**
 * Best time in ns per call of f over the inputs; the sum keeps the calls from being optimized away.
 * Each timing gets a loop compiled on its own (new Function), so its call site only ever sees f: a
 * shared loop would turn polymorphic and stop V8 inlining either side.
 */
function timePerCall(f, inputs) {
  // eslint-disable-next-line no-new-func
  const loop = new Function('f', 'inputs', 'let s = 0; for (let i = 0; i < inputs.length; i++) s += f(inputs[i]); return s;');
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    sink += loop(f, inputs);
    best = Math.min(best, performance.now() - t0);
  }
  if (Number.isNaN(sink)) fail('NaN in the benchmark sums');
  return (best * 1e6) / inputs.length;
}

async function microBench() {
  const m = await load(base, 'math/fdlibm');
  const rand = mulberry32(1);
  const fill = (g) => Float64Array.from({ length: N }, g);
  const cases = [
    ['tanh', 'x ∈ [−6, 6]', Math.tanh, m.fdlibmTanh, fill(() => 12 * rand() - 6)],
    ['expm1', 'x ∈ [−6, 0]', Math.expm1, m.fdlibmExpm1, fill(() => -6 * rand())],
    ['log1p', 'x ∈ (0, 1]', Math.log1p, m.fdlibmLog1p, fill(() => Math.exp(-12 * rand()))],
    ['log', 'x ∈ [1, 10]', Math.log, m.fdlibmLog, fill(() => 1 + 9 * rand())],
  ];
  return cases.map(([name, range, native, ours, inputs]) => {
    // Alternate so that neither side always runs first on a warm CPU.
    const mathNs = timePerCall(native, inputs);
    const oursNs = timePerCall(ours, inputs);
    const mathNs2 = timePerCall(native, inputs);
    const math = Math.min(mathNs, mathNs2);
    return { name, range, n: N, mathNs: math, oursNs, ratio: oursNs / math };
  });
}

/** A copy of the tree whose nn/activations calls Math.tanh where it calls fdlibmTanh. */
function mathTanhTree() {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-math-bench-'));
  cpSync(base, dir, { recursive: true });
  const file = join(dir, 'nn', 'activations' + ext);
  const text = readFileSync(file, 'utf8');
  const patched = text.replaceAll('fdlibmTanh(', 'Math.tanh(');
  if (patched === text) fail(`no fdlibmTanh( call found in ${file}`);
  writeFileSync(file, patched);
  return dir;
}

async function trainingBench() {
  const copy = mathTanhTree();
  try {
    const variants = [];
    for (const [label, dir] of [['fdlibmTanh', base], ['Math.tanh', copy]]) {
      const [nn, init, random, opt] = await Promise.all([load(dir, 'nn/network'), load(dir, 'init/index'), load(dir, 'random/index'), load(dir, 'train/optimizers')]);
      variants.push({ label, nn, init, random, opt });
    }
    const m = 200;
    const rand = mulberry32(7);
    const x = new Float64Array(2 * m);
    const y = new Float64Array(m);
    for (let s = 0; s < m; s++) {
      const a = 2 * rand() - 1;
      const b = 2 * rand() - 1;
      x[s] = a;
      x[m + s] = b;
      y[s] = a * b > 0 ? 1 : 0; // XOR quadrants
    }
    const sizes = [2, 32, 32, 1];
    const run = (v) => {
      const params = v.init.initializeDenseNetwork(v.init.resolveInit('xavier'), sizes, new v.random.NumpyRandomState(), 3);
      const net = new v.nn.DenseNetwork({ layerSizes: sizes, activation: 'tanh', output: 'sigmoid' }, params);
      const ws = net.createWorkspace(m);
      const optimizer = v.opt.createOptimizer({ name: 'sgd' }, net.params);
      const t0 = performance.now();
      let loss = NaN;
      for (let u = 0; u < UPDATES; u++) {
        loss = net.lossAndGradients(x, y, ws);
        if (!optimizer.step(net.params, net.grads, 0.5)) fail('training diverged');
      }
      return { ms: performance.now() - t0, loss };
    };
    const best = new Map(variants.map((v) => [v.label, Infinity]));
    const losses = new Map();
    for (let r = 0; r <= REPEATS; r++) { // run 0 warms up
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        const res = run(v);
        losses.set(v.label, res.loss);
        if (r > 0) best.set(v.label, Math.min(best.get(v.label), res.ms));
      }
    }
    const oursLoss = losses.get('fdlibmTanh');
    const mathLoss = losses.get('Math.tanh');
    return {
      network: sizes.join('-'), samples: m, updates: UPDATES, tanhCalls: UPDATES * m * 64,
      fdlibmMs: best.get('fdlibmTanh'), mathMs: best.get('Math.tanh'), ratio: best.get('fdlibmTanh') / best.get('Math.tanh'),
      finalLossFdlibm: oursLoss, finalLossMath: mathLoss, sameLoss: Object.is(oursLoss, mathLoss),
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const micro = await microBench();
const training = await trainingBench();
if (flag('--json')) {
  process.stdout.write(`${JSON.stringify({ node: process.version, micro, training }, null, 2)}\n`);
} else {
  const lines = [`Node ${process.version}; per call, best of ${REPEATS}, ${N} inputs each:`];
  for (const r of micro) {
    lines.push(`  ${r.name.padEnd(6)} ${r.range.padEnd(12)} Math ${r.mathNs.toFixed(2).padStart(6)} ns   fdlibm ${r.oursNs.toFixed(2).padStart(6)} ns   ratio ${r.ratio.toFixed(2)}×`);
  }
  const t = training;
  lines.push(
    `Training ${t.network} tanh, sigmoid head, ${t.samples} samples, ${t.updates} sgd updates (${t.tanhCalls} tanh calls), best of ${REPEATS}:`,
    `  fdlibmTanh ${t.fdlibmMs.toFixed(0)} ms   Math.tanh ${t.mathMs.toFixed(0)} ms   ratio ${t.ratio.toFixed(3)}×   final losses ${t.sameLoss ? 'bit-identical' : 'DIFFER'} (${t.finalLossFdlibm})`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
