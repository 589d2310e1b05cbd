#!/usr/bin/env node
// Benchmark (not a test): one optimizer step over a network's parameters, in ns per element,
// BEFORE (the former TypeScript step of src/train/optimizers.ts, one loop over every tensor with
// `t < L ? weights : biases` and, for momentum, `nesterov ? … : …` chosen per element) and AFTER
// (the engine's update kernels: WebAssembly SIMD on the wasm backend, the monomorphic TypeScript
// loops of src/kernels/updateJs.ts on the js backend), in the same run, for every optimizer,
// float64 and float32, both backends.
//
//   node bench/optimizer-bench.mjs [--samples N] [--hidden 30x64] [--json]
//
// The network is W1's (bench/engine-bench.mjs): [2, 64 × 30, 1], 120,897 parameters. Each sample
// runs 10 steps; every number is the BEST over N rounds (default 15), before and after sampled
// alternately in each round so all see the same machine load. "before" is compiled afresh
// (new Function) for every case, so V8 sees one element kind there: its best case, as in a
// single-dtype run; "shared" is one copy run on every case in turn (float64 first), as in a
// process that trains both dtypes (the test suite, a sweep with a dtype grid, the playground). Loads initlab from dist/ (run `npm run build` first; `npm run bench` does).
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
if (args.includes('-h') || args.includes('--help')) {
  process.stdout.write('usage: node bench/optimizer-bench.mjs [--samples N] [--hidden DEPTHxWIDTH] [--json]\n');
  process.exit(0);
}
const SAMPLES = Number(option('--samples', '15'));
const [DEPTH, WIDTH] = option('--hidden', '30x64').split('x').map(Number);
const JSON_OUT = args.includes('--json');
if (!(SAMPLES >= 1 && DEPTH >= 1 && WIDTH >= 1)) {
  process.stderr.write('optimizer-bench: --samples and --hidden DEPTHxWIDTH need positive integers\n');
  process.exit(2);
}
const STEPS_PER_SAMPLE = 10;

const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { DenseNetwork } = await dist('nn/network.js');
const { createOptimizer, resolveOptimizer } = await dist('train/optimizers.js');
const { wasmSimdAvailable } = await dist('kernels/wasmModule.js');

// The former step (src/train/optimizers.ts before the update kernels), as JavaScript source.
const BEFORE_SOURCE = `
function zerosLike(p) {
  return [...p.weights, ...p.biases].map((t) => (t instanceof Float32Array ? new Float32Array(t.length) : new Float64Array(t.length)));
}
class Sgd {
  step(params, grads, lr) {
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t] : params.biases[t - L];
      const g = t < L ? grads.weights[t] : grads.biases[t - L];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const wi = w[i] - lr * gi;
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}
class Momentum {
  constructor(name, beta, shapes) { this.name = name; this.beta = beta; this.v = zerosLike(shapes); }
  step(params, grads, lr) {
    const beta = this.beta;
    const nesterov = this.name === 'nesterov';
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t] : params.biases[t - L];
      const g = t < L ? grads.weights[t] : grads.biases[t - L];
      const v = this.v[t];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const vi = beta * v[i] + gi;
        v[i] = vi;
        const wi = w[i] - lr * (nesterov ? gi + beta * vi : vi);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}
class RmsProp {
  constructor(rho, eps, shapes) { this.rho = rho; this.eps = eps; this.s = zerosLike(shapes); }
  step(params, grads, lr) {
    const { rho, eps } = this;
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t] : params.biases[t - L];
      const g = t < L ? grads.weights[t] : grads.biases[t - L];
      const s = this.s[t];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const si = rho * s[i] + (1 - rho) * gi * gi;
        s[i] = si;
        const wi = w[i] - (lr * gi) / (Math.sqrt(si) + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}
class Adam {
  constructor(beta1, beta2, eps, shapes) { this.steps = 0; this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.m = zerosLike(shapes); this.v = zerosLike(shapes); }
  step(params, grads, lr) {
    this.steps++;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** this.steps);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.steps);
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t] : params.biases[t - L];
      const g = t < L ? grads.weights[t] : grads.biases[t - L];
      const m = this.m[t];
      const v = this.v[t];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const mi = beta1 * m[i] + (1 - beta1) * gi;
        const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        const wi = w[i] - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}
return (r, shapes) => {
  const p = r.params;
  switch (r.name) {
    case 'sgd': return new Sgd();
    case 'momentum': case 'nesterov': return new Momentum(r.name, p.momentum, shapes);
    case 'rmsprop': return new RmsProp(p.rho, p.eps, shapes);
    case 'adam': return new Adam(p.beta1, p.beta2, p.eps, shapes);
  }
};`;

/** A fresh copy of the former step code (own feedback, so monomorphic for its one case). */
const beforeFactory = () => new Function(BEFORE_SOURCE)();
/** One copy for every case, as in a process that trains both dtypes (tests, a dtype sweep, the playground). */
const sharedBefore = beforeFactory();

const sizes = [2, ...Array(DEPTH).fill(WIDTH), 1];
const backends = wasmSimdAvailable() ? ['wasm', 'js'] : ['js'];
if (backends.length === 1) process.stderr.write('optimizer-bench: WebAssembly SIMD is unavailable here; the js backend only\n');
const names = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'];

function setup(dtype, backend) {
  const net = new DenseNetwork({ layerSizes: sizes, activation: 'relu', output: 'sigmoid', dtype, backend });
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  for (const t of [...net.params.weights, ...net.params.biases]) for (let i = 0; i < t.length; i++) t[i] = rand();
  for (const t of [...net.grads.weights, ...net.grads.biases]) for (let i = 0; i < t.length; i++) t[i] = rand() * 1e-3;
  let n = 0;
  for (const t of [...net.params.weights, ...net.params.biases]) n += t.length;
  return { net, n };
}

/** Seconds per step, the best sample. */
function sampler(step) {
  let best = Infinity;
  return {
    sample() {
      const t0 = performance.now();
      for (let s = 0; s < STEPS_PER_SAMPLE; s++) if (!step()) throw new Error('a benchmark step went non-finite');
      best = Math.min(best, (performance.now() - t0) / 1e3 / STEPS_PER_SAMPLE);
    },
    get best() {
      return best;
    },
  };
}

const rows = [];
for (const dtype of ['float64', 'float32']) {
  for (const backend of backends) {
    for (const name of names) {
      const r = resolveOptimizer({ name });
      // Separate networks, so that neither side's updates change the other's numbers.
      const a = setup(dtype, backend);
      const b = setup(dtype, backend);
      const c = setup(dtype, backend);
      const before = beforeFactory()(r, a.net.params);
      const shared = sharedBefore(r, c.net.params);
      const after = createOptimizer({ name }, b.net.params, b.net);
      const lr = 1e-12;
      const stepBefore = () => before.step(a.net.params, a.net.grads, lr);
      const stepShared = () => shared.step(c.net.params, c.net.grads, lr);
      const stepAfter = () => after.step(b.net.params, b.net.grads, lr);
      for (let w = 0; w < 30; w++) stepBefore() && stepShared() && stepAfter(); // warm-up: the optimizing compilers
      const sb = sampler(stepBefore);
      const sc = sampler(stepShared);
      const sa = sampler(stepAfter);
      for (let s = 0; s < SAMPLES; s++) {
        sb.sample();
        sc.sample();
        sa.sample();
      }
      const n = a.n;
      rows.push({ optimizer: name, dtype, backend, elements: n, beforeNs: (sb.best * 1e9) / n, beforeSharedNs: (sc.best * 1e9) / n, afterNs: (sa.best * 1e9) / n });
    }
  }
}

if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify({ sizes: [2, `${DEPTH}x${WIDTH}`, 1], samples: SAMPLES, rows }, null, 2)}\n`);
} else {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`optimizer step, [2, ${WIDTH} × ${DEPTH}, 1] (${rows[0].elements} parameters), best of ${SAMPLES} samples of ${STEPS_PER_SAMPLE} steps\n`);
  process.stdout.write(`${cpu}, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, Node ${process.version}\n`);
  process.stdout.write('ns per element; before: the former step compiled for this case alone; shared: one copy run on every case so far\n');
  process.stdout.write('optimizer  dtype    backend    before   shared    after  speed-up vs before, vs shared\n');
  const f = (x) => x.toFixed(2).padStart(8);
  for (const r of rows) {
    process.stdout.write(
      `${r.optimizer.padEnd(10)} ${r.dtype.padEnd(8)} ${r.backend.padEnd(8)} ${f(r.beforeNs)} ${f(r.beforeSharedNs)} ${f(r.afterNs)}  ${(r.beforeNs / r.afterNs).toFixed(2).padStart(6)}×  ${(r.beforeSharedNs / r.afterNs).toFixed(2).padStart(6)}×\n`,
    );
  }
}
