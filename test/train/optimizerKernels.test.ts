import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dtype, FloatArray } from '../../src/core/dtype.js';
import type { OptimizerSpec } from '../../src/core/runConfig.js';
import type { Backend, Parameters } from '../../src/kernels/types.js';
import { wasmSimdAvailable } from '../../src/kernels/wasmModule.js';
import { DenseNetwork } from '../../src/nn/network.js';
import { DefaultRandom } from '../../src/random/index.js';
import { createOptimizer, resolveOptimizer } from '../../src/train/optimizers.js';

/*
 * The optimizers' updates in the network's memory — WebAssembly SIMD (assembly/optim.ts) and the
 * TypeScript kernels over the arena (src/kernels/updateJs.ts) — and on plain arrays, against the
 * step code the optimizers had before the kernels (REFERENCE below, copied verbatim from
 * src/train/optimizers.ts at commit af4d29c): every element of every parameter after every step
 * must be the same double (Object.is), and every step must return the same finiteness verdict,
 * in float64 and float32, with NaN, ±Infinity, overflow and zero gradients thrown in.
 */

// ---- REFERENCE: the former TypeScript step, one class per optimizer (do not "fix" it) ----------

interface RefOptimizer {
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean;
}

function zerosLike(p: Parameters<FloatArray>): FloatArray[] {
  return [...p.weights, ...p.biases].map((t) => (t instanceof Float32Array ? new Float32Array(t.length) : new Float64Array(t.length)));
}

class RefSgd implements RefOptimizer {
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const wi = w[i]! - lr * gi;
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class RefMomentum implements RefOptimizer {
  private readonly v: FloatArray[];
  constructor(readonly name: 'momentum' | 'nesterov', private readonly beta: number, shapes: Parameters<FloatArray>) {
    this.v = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    const beta = this.beta;
    const nesterov = this.name === 'nesterov';
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const v = this.v[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const vi = beta * v[i]! + gi;
        v[i] = vi;
        const wi = w[i]! - lr * (nesterov ? gi + beta * vi : vi);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class RefRmsProp implements RefOptimizer {
  private readonly s: FloatArray[];
  constructor(private readonly rho: number, private readonly eps: number, shapes: Parameters<FloatArray>) {
    this.s = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    const { rho, eps } = this;
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const s = this.s[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const si = rho * s[i]! + (1 - rho) * gi * gi;
        s[i] = si;
        const wi = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

class RefAdam implements RefOptimizer {
  steps = 0;
  private readonly m: FloatArray[];
  private readonly v: FloatArray[];
  constructor(private readonly beta1: number, private readonly beta2: number, private readonly eps: number, shapes: Parameters<FloatArray>) {
    this.m = zerosLike(shapes);
    this.v = zerosLike(shapes);
  }
  step(params: Parameters<FloatArray>, grads: Parameters<FloatArray>, lr: number): boolean {
    this.steps++;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** this.steps);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.steps);
    let check = 0;
    const L = params.weights.length;
    for (let t = 0; t < 2 * L; t++) {
      const w = t < L ? params.weights[t]! : params.biases[t - L]!;
      const g = t < L ? grads.weights[t]! : grads.biases[t - L]!;
      const m = this.m[t]!;
      const v = this.v[t]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        const wi = w[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
        w[i] = wi;
        check += gi * 0 + wi * 0;
      }
    }
    return check === 0;
  }
}

function reference(spec: OptimizerSpec, shapes: Parameters<FloatArray>): RefOptimizer {
  const { name, params: p } = resolveOptimizer(spec);
  switch (name) {
    case 'sgd':
      return new RefSgd();
    case 'momentum':
    case 'nesterov':
      return new RefMomentum(name, p['momentum']!, shapes);
    case 'rmsprop':
      return new RefRmsProp(p['rho']!, p['eps']!, shapes);
    case 'adam':
      return new RefAdam(p['beta1']!, p['beta2']!, p['eps']!, shapes);
  }
}

// ---- the comparison ---------------------------------------------------------------------------

const SPECS: readonly OptimizerSpec[] = [
  { name: 'sgd' },
  { name: 'momentum' },
  { name: 'momentum', momentum: 0.5 },
  { name: 'nesterov' },
  { name: 'rmsprop' },
  { name: 'rmsprop', rho: 0.9, eps: 0 }, // eps 0: a zero gradient on zero state gives 0/0 = NaN
  { name: 'adam' },
  { name: 'adam', beta1: 0.5, beta2: 0.9, eps: 0.1 },
];
const DTYPES: readonly Dtype[] = ['float64', 'float32'];
const BACKENDS: readonly Backend[] = wasmSimdAvailable() ? ['wasm', 'js'] : ['js'];
// Odd and even tensor lengths (15, 20, 4, 2; 5, 4, 1, 2): both the two-lane body and the one-element tail.
const SIZES = [3, 5, 4, 1, 2];
const STEPS = 40;

const tensors = (p: Parameters<FloatArray>): FloatArray[] => [...p.weights, ...p.biases];
const copy = (p: Parameters<FloatArray>): Parameters<FloatArray> => ({ weights: p.weights.map((x) => x.slice()), biases: p.biases.map((x) => x.slice()) });
const label = (spec: OptimizerSpec) => JSON.stringify(spec);

/** Fills every tensor of `p` from `draw`. */
function fill(p: Parameters<FloatArray>, draw: () => number): void {
  for (const t of tensors(p)) for (let i = 0; i < t.length; i++) t[i] = draw();
}

/**
 * Runs the optimizer under test on (params, grads) and the reference on copies, STEPS steps with
 * fresh gradients and a fresh learning rate each, and compares after every step. Specials: step 8
 * puts NaN, ±Infinity and zeros into the gradients; step 16 sets huge parameters and gradients
 * that overflow (in float32 the double result may be finite and round to Infinity on store).
 */
function compareRun(
  what: string, spec: OptimizerSpec, dtype: Dtype, params: Parameters<FloatArray>, grads: Parameters<FloatArray>,
  step: (lr: number) => boolean, seed: number,
): void {
  const rng = new DefaultRandom(seed);
  fill(params, () => rng.standardNormal() * 0.5);
  const refParams = copy(params);
  const ref = reference(spec, refParams);
  const huge = dtype === 'float64' ? 1e308 : 3.3e38;
  let changed = 0;
  for (let k = 1; k <= STEPS; k++) {
    fill(grads, () => (rng.uniform01() < 0.1 ? 0 : rng.standardNormal() * 10 ** (-3 * rng.uniform01())));
    const gs = tensors(grads);
    if (k === 8) {
      const specials = [NaN, Infinity, -Infinity, 0, -0];
      gs.forEach((g, t) => (g[(t * 3) % g.length] = specials[t % specials.length]!));
    }
    if (k === 16) {
      const ps = tensors(params);
      const rps = tensors(refParams);
      for (let t = 0; t < ps.length; t++) {
        ps[t]![0] = huge;
        rps[t]![0] = huge;
        gs[t]![0] = -huge;
      }
    }
    const refGrads = copy(grads);
    const lr = k === 16 ? 0.1 : 10 ** (-3 * rng.uniform01());
    const got = step(lr);
    const want = ref.step(refParams, refGrads, lr);
    assert.equal(got, want, `${what} step ${k}: finiteness verdict`);
    const ps = tensors(params);
    const rps = tensors(refParams);
    for (let t = 0; t < ps.length; t++) {
      const a = ps[t]!;
      const b = rps[t]!;
      for (let i = 0; i < a.length; i++) {
        if (!Object.is(a[i], b[i])) assert.fail(`${what} step ${k}, tensor ${t}[${i}]: ${a[i]} vs reference ${b[i]}`);
        if (k === 1 && Number.isFinite(a[i]!)) changed++;
      }
    }
  }
  assert.ok(changed > 0, `${what}: the first step compared finite numbers`);
}

describe('optimizer kernels: the same bits as the former TypeScript step', () => {
  for (const backend of BACKENDS) {
    for (const dtype of DTYPES) {
      it(`in the network's memory, ${backend}, ${dtype}: every optimizer, every element, every step`, () => {
        SPECS.forEach((spec, j) => {
          const net = new DenseNetwork({ layerSizes: SIZES, activation: 'relu', output: 'sigmoid', dtype, backend });
          const opt = createOptimizer(spec, net.params, net);
          // The memory grows after the optimizer's state was allocated: offsets must survive it.
          net.createWorkspace(5000);
          compareRun(`${backend} ${dtype} ${label(spec)}`, spec, dtype, net.params, net.grads, (lr) => opt.step(net.params, net.grads, lr), 100 + j);
          assert.equal(opt.steps, STEPS);
        });
      });
    }
  }
  for (const dtype of DTYPES) {
    it(`on plain typed arrays (no engine), ${dtype}`, () => {
      SPECS.forEach((spec, j) => {
        const make = () => {
          const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
          return { weights: SIZES.slice(1).map((n, l) => new Ctor(n * SIZES[l]!)), biases: SIZES.slice(1).map((n) => new Ctor(n)) };
        };
        const params = make();
        const grads = make();
        const opt = createOptimizer(spec, params);
        compareRun(`arrays ${dtype} ${label(spec)}`, spec, dtype, params, grads, (lr) => opt.step(params, grads, lr), 200 + j);
      });
    });
  }
});

describe('optimizer kernels: refusals', () => {
  it('an engine optimizer refuses parameters outside its network, or of another format', () => {
    for (const backend of BACKENDS) {
      const net = new DenseNetwork({ layerSizes: SIZES, activation: 'relu', output: 'sigmoid', backend });
      const opt = createOptimizer({ name: 'momentum' }, net.params, net);
      const outside = copy(net.params);
      assert.throws(() => opt.step(outside, net.grads, 0.1), /network's memory/);
      const other = new DenseNetwork({ layerSizes: SIZES, activation: 'relu', output: 'sigmoid', backend, dtype: 'float32' });
      assert.throws(() => opt.step(other.params, other.grads, 0.1), /float64 parameters/);
      assert.throws(() => opt.step({ weights: net.params.weights.slice(1), biases: net.params.biases.slice(1) }, net.grads, 0.1), /made for 8 tensors/);
    }
  });
  it('a plain-array optimizer refuses mixed formats instead of mixing them silently', () => {
    const params = { weights: [new Float64Array(3)], biases: [new Float64Array(1)] };
    const grads = { weights: [new Float32Array(3)], biases: [new Float64Array(1)] };
    assert.throws(() => createOptimizer({ name: 'adam' }, params).step(params, grads, 0.1), /all be Float64Array or all Float32Array/);
  });
});
