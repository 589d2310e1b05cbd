import type { Parameters } from '../kernels/types.js';
import type { PlannedConv, PlannedDense, PlannedLayer } from '../nn/layers/plan.js';
import { shapeSize } from '../nn/layers/plan.js';
import type { RandomStream } from '../random/types.js';
import { UsageError } from '../util/errors.js';
import { checkShapeFor, fansFor } from './fans.js';
import { fixupScale, layerInitPlan } from './residualInits.js';
import type { InitializerDefinition, ResolvedInit } from './types.js';

/*
 * Initial parameters of a layer network (src/nn/layers), drawn like `initializeDenseNetwork` draws a
 * dense one: reseed the stream with `seed`, then every conv and dense kernel in the order the
 * network runs them (a residual block's branch, then its projection), each followed by its bias
 * when the initializer has a bias rule (else zeros). Each kernel is drawn in the initializer's own
 * framework layout with its own fan rule (src/init/fans.ts and frameworks/):
 *   conv  PyTorch/initlab (out, in, kh, kw): fan_in = in·kh·kw, fan_out = out·kh·kw
 *         Keras/TF.js/JAX (kh, kw, in, out): the same fans by their receptive-field rules
 *   dense (out, in) or (in, out), as for `hidden` networks
 * and stored as the network keeps it: (out, in, kh, kw) and (out, in), transposed when drawn (in, out).
 * Batchnorm: γ = 1, β = 0. SkipInit's α: 0 (De & Smith 2020). Fixup's changes come after: fixup.ts.
 *
 * The tensors come out in the network's order: `weights` the kernels, `biases` every other tensor
 * (each layer's bias, batchnorm's γ and β, then per residual block its α after its branch's).
 */

/** A conv kernel's shape in the initializer's layout. */
export function convShape(def: InitializerDefinition, p: PlannedConv): number[] {
  const k = p.kernel;
  return def.layout === 'in-out' ? [k, k, p.in.c, p.filters] : [p.filters, p.in.c, k, k];
}

export function denseShape(def: InitializerDefinition, p: PlannedDense): number[] {
  const inn = shapeSize(p.in);
  return def.layout === 'in-out' ? [inn, p.units] : [p.units, inn];
}

/** (kh, kw, in, out) row-major → (out, in, kh, kw) row-major. */
function khwioToOihw(a: Float64Array, k: number, cin: number, cout: number): Float64Array {
  const t = new Float64Array(a.length);
  for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) for (let c = 0; c < cin; c++) for (let f = 0; f < cout; f++) {
    t[((f * cin + c) * k + ky) * k + kx] = a[((ky * k + kx) * cin + c) * cout + f]!;
  }
  return t;
}

function residualCount(layers: readonly PlannedLayer[]): number {
  return layers.filter((l) => l.kind === 'residual').length;
}

/** Whether a network built for `init` needs SkipInit's α per block (init `skipinit`); refuses fixup/skipinit without residual blocks. */
export function needsSkipInit(init: ResolvedInit, layers: readonly PlannedLayer[]): boolean {
  return layerInitPlan(init, residualCount(layers)).skipInit;
}

/** Refuses, before drawing, initializers that cannot fill one of the network's kernels (a dense-only rule on a conv layer, dirac on a dense one…). */
export function checkLayerInit(given: ResolvedInit, layers: readonly PlannedLayer[]): void {
  const init = layerInitPlan(given, residualCount(layers)).draw;
  const def = init.definition;
  const visit = (l: PlannedLayer): void => {
    if (l.kind === 'conv2d') {
      const shape = convShape(def, l);
      try {
        checkShapeFor(def, shape, init.params);
      } catch (e) {
        const hint = (def.ranks ?? [2, 2])[1] < 4 ? ' For conv kernels use a framework initializer such as torch:kaiming_normal or keras:glorot_uniform (initlab inits).' : '';
        throw new UsageError(`${l.path}: ${(e as Error).message}${hint}`);
      }
    } else if (l.kind === 'dense') {
      try {
        checkShapeFor(def, denseShape(def, l), init.params);
      } catch (e) {
        throw new UsageError(`${l.path}: ${(e as Error).message}`);
      }
    } else if (l.kind === 'residual') {
      l.branch.forEach(visit);
      if (l.projection) visit(l.projection);
    }
  };
  layers.forEach(visit);
}

/**
 * Draws the parameters of the planned layers (the output layer included: it is the last planned
 * dense). For `fixup` and `skipinit` (residualInits.ts) the kernels come from their base
 * initializer; Fixup then zeroes and scales, SkipInit adds each block's α = 0.
 */
export function initializeLayerNetwork(given: ResolvedInit, layers: readonly PlannedLayer[], rng: RandomStream, seed: number): Parameters {
  const plan = layerInitPlan(given, residualCount(layers));
  const init = plan.draw;
  const def = init.definition;
  const L = residualCount(layers);
  if (def.dataDependent) throw new UsageError(`'${def.name}' is data-dependent and calibrates dense layers only; it does not initialize a network.layers network yet: use he, orthogonal or a framework initializer.`);
  checkLayerInit(init, layers);
  rng.seed(seed);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  const draw = (l: PlannedConv | PlannedDense): void => {
    const shape = l.kind === 'conv2d' ? convShape(def, l) : denseShape(def, l);
    const ctx = { shape, ...fansFor(def, shape, init.params) };
    const drawn = new Float64Array(shape.reduce((a, b) => a * b, 1));
    def.fill(drawn, ctx, init.params, rng);
    let stored: Float64Array = drawn;
    if (def.layout === 'in-out') {
      if (l.kind === 'conv2d') stored = khwioToOihw(drawn, l.kernel, l.in.c, l.filters);
      else {
        const inn = shapeSize(l.in);
        stored = new Float64Array(drawn.length);
        for (let i = 0; i < inn; i++) for (let j = 0; j < l.units; j++) stored[j * inn + i] = drawn[i * l.units + j]!;
      }
    }
    weights.push(stored);
    const bias = new Float64Array(l.kind === 'conv2d' ? l.filters : l.units);
    def.fillBias?.(bias, ctx, init.params, rng);
    biasOf.push(biases.length);
    biases.push(bias);
  };
  /** biasOf[i]: the index in `biases` of weight tensor i's bias. */
  const biasOf: number[] = [];
  const zero = (i: number): void => {
    weights[i]!.fill(0);
    biases[biasOf[i]!]!.fill(0);
  };
  const visit = (l: PlannedLayer): void => {
    switch (l.kind) {
      case 'conv2d':
      case 'dense':
        draw(l);
        break;
      case 'batchnorm':
        biases.push(new Float64Array(l.in.c).fill(1), new Float64Array(l.in.c));
        break;
      case 'residual': {
        const first = weights.length;
        l.branch.forEach(visit);
        const end = weights.length;
        if (plan.fixup) {
          // Fixup rules 1–2: the branch's last weight layer (and its bias) 0, the m − 1 before it × L^(−1/(2m−2)).
          const m = end - first;
          zero(end - 1);
          if (m >= 2) {
            const scale = fixupScale(L, m);
            for (let i = first; i < end - 1; i++) {
              const w = weights[i]!;
              for (let j = 0; j < w.length; j++) w[j] = w[j]! * scale;
            }
          }
        }
        if (l.projection) visit(l.projection);
        if (plan.skipInit) biases.push(new Float64Array(1));
        break;
      }
      default:
        break;
    }
  };
  layers.forEach(visit);
  // Fixup rule 1 also zeroes the classification layer: the last weight layer of the network.
  if (plan.fixup) zero(weights.length - 1);
  return { weights, biases };
}
