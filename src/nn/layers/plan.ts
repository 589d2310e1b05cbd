import type { Activation } from '../../core/runConfig.js';
import { UsageError, didYouMean } from '../../util/errors.js';
import { MAX_DEPTH, MAX_WIDTH } from '../../util/limits.js';
import { ACTIVATIONS } from '../activations.js';
import type { BranchLayerSpec, LayerSpec, Padding } from './spec.js';

export const LAYER_TYPES = ['conv2d', 'dense', 'maxpool', 'avgpool', 'flatten', 'batchnorm', 'residual'] as const;

/*
 * `network.layers` checked and resolved into planned layers with their input and output shapes
 * (issue 14, item 2). Every mistake a user can write is a UsageError naming the layer (by its path,
 * e.g. `network.layers[2].layers[0]`) and the fix.
 */

/** One sample's tensor: channels × height × width (a dense layer's output is units × 1 × 1). */
export interface Shape {
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

export function shapeSize(s: Shape): number {
  return s.c * s.h * s.w;
}

export function shapeText(s: Shape): string {
  return s.h === 1 && s.w === 1 ? `${s.c}` : `${s.c}×${s.h}×${s.w}`;
}

interface Planned {
  readonly in: Shape;
  readonly out: Shape;
  /** Where it was written, for messages: `network.layers[3]`. */
  readonly path: string;
}

export interface PlannedConv extends Planned {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  /** Rows of zeros above and columns left of the input (the rest of the padding is below/right). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly activation: Activation;
}

export interface PlannedDense extends Planned {
  readonly kind: 'dense';
  readonly units: number;
  readonly activation: Activation;
}

export interface PlannedPool extends Planned {
  readonly kind: 'maxpool' | 'avgpool';
  readonly size: number;
  readonly stride: number;
}

export interface PlannedFlatten extends Planned {
  readonly kind: 'flatten';
}

export interface PlannedBatchNorm extends Planned {
  readonly kind: 'batchnorm';
  readonly momentum: number;
  readonly eps: number;
  readonly activation: Activation;
}

export interface PlannedResidual extends Planned {
  readonly kind: 'residual';
  readonly branch: readonly (PlannedConv | PlannedDense | PlannedBatchNorm)[];
  /** The skip's 1×1 conv or linear layer; null for the identity. */
  readonly projection: PlannedConv | PlannedDense | null;
  readonly activation: Activation;
}

export type PlannedLayer = PlannedConv | PlannedDense | PlannedPool | PlannedFlatten | PlannedBatchNorm | PlannedResidual;

function fail(message: string): never {
  throw new UsageError(message);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${path} must be an object like { type: conv2d, filters: 16, kernel: 3 }.`);
  return v as Record<string, unknown>;
}

function allowKeys(o: Record<string, unknown>, keys: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) fail(`${path}: unknown field '${k}' for a ${String(o.type)} layer.${didYouMean(k, keys)} Known: ${keys.join(', ')}.`);
  }
}

function positiveInt(o: Record<string, unknown>, key: string, path: string, fallback?: number): number {
  const v = o[key] ?? fallback;
  if (v === undefined) fail(`${path}: a ${String(o.type)} layer needs '${key}' (a whole number ≥ 1).`);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`${path}.${key} must be a whole number ≥ 1, got ${JSON.stringify(v)}.`);
  if (v > MAX_WIDTH) fail(`${path}.${key}: ${v} is out of range; the most is ${MAX_WIDTH}.`);
  return v;
}

function activationOf(o: Record<string, unknown>, path: string, fallback: Activation): Activation {
  const v = o.activation;
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(ACTIVATIONS as readonly string[]).includes(v)) {
    fail(`${path}.activation: unknown activation ${JSON.stringify(v)}.${didYouMean(String(v), ACTIVATIONS)} Known: ${ACTIVATIONS.join(', ')}.`);
  }
  return v as Activation;
}

/** Output size and leading padding of one spatial axis (TensorFlow's 'same': Keras's and tf.nn's rule). */
function convAxis(n: number, k: number, stride: number, padding: Padding, path: string, axis: string): { out: number; before: number } {
  let total: number;
  let before: number;
  if (padding === 'same') {
    const out = Math.ceil(n / stride);
    total = Math.max((out - 1) * stride + k - n, 0);
    before = Math.floor(total / 2);
  } else {
    total = padding === 'valid' ? 0 : 2 * padding;
    before = padding === 'valid' ? 0 : padding;
  }
  if (n + total < k) fail(`${path}: a ${k}×${k} kernel does not fit the ${axis} of ${n} (padded ${n + total}); use padding: same or a smaller kernel.`);
  return { out: Math.floor((n + total - k) / stride) + 1, before };
}

function paddingOf(o: Record<string, unknown>, path: string): Padding {
  const p = o.padding ?? 'valid';
  if (p === 'same' || p === 'valid') return p;
  if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_WIDTH) return p;
  return fail(`${path}.padding must be 'same', 'valid' or a whole number of pixels ≥ 0, got ${JSON.stringify(p)}.`);
}

function planConv(o: Record<string, unknown>, input: Shape, path: string, act: Activation): PlannedConv {
  allowKeys(o, ['type', 'filters', 'kernel', 'stride', 'padding', 'activation'], path);
  const filters = positiveInt(o, 'filters', path);
  const kernel = positiveInt(o, 'kernel', path);
  const stride = positiveInt(o, 'stride', path, 1);
  const padding = paddingOf(o, path);
  const y = convAxis(input.h, kernel, stride, padding, path, 'height');
  const x = convAxis(input.w, kernel, stride, padding, path, 'width');
  return {
    kind: 'conv2d', path, in: input, out: { c: filters, h: y.out, w: x.out }, filters, kernel, stride,
    padTop: y.before, padLeft: x.before, activation: activationOf(o, path, act),
  };
}

function planDense(o: Record<string, unknown>, input: Shape, path: string, act: Activation): PlannedDense {
  allowKeys(o, ['type', 'units', 'activation'], path);
  const units = positiveInt(o, 'units', path);
  return { kind: 'dense', path, in: input, out: { c: units, h: 1, w: 1 }, units, activation: activationOf(o, path, act) };
}

function planBatchNorm(o: Record<string, unknown>, input: Shape, path: string): PlannedBatchNorm {
  allowKeys(o, ['type', 'momentum', 'eps', 'activation'], path);
  const momentum = o.momentum ?? 0.1;
  const eps = o.eps ?? 1e-5;
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) fail(`${path}.momentum must be a number in [0, 1], got ${JSON.stringify(momentum)}.`);
  if (typeof eps !== 'number' || !(eps > 0 && Number.isFinite(eps))) fail(`${path}.eps must be a finite number > 0, got ${JSON.stringify(eps)}.`);
  return { kind: 'batchnorm', path, in: input, out: input, momentum, eps, activation: activationOf(o, path, 'linear') };
}

function planPool(o: Record<string, unknown>, input: Shape, path: string): PlannedPool {
  allowKeys(o, ['type', 'size', 'stride'], path);
  const size = positiveInt(o, 'size', path);
  const stride = positiveInt(o, 'stride', path, size);
  if (size > input.h || size > input.w) fail(`${path}: a ${size}×${size} window does not fit the ${shapeText(input)} input; use a smaller size.`);
  const out = { c: input.c, h: Math.floor((input.h - size) / stride) + 1, w: Math.floor((input.w - size) / stride) + 1 };
  return { kind: o.type as 'maxpool' | 'avgpool', path, in: input, out, size, stride };
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.c === b.c && a.h === b.h && a.w === b.w;
}

function planResidual(o: Record<string, unknown>, input: Shape, path: string, act: Activation): PlannedResidual {
  allowKeys(o, ['type', 'skip', 'layers', 'activation'], path);
  const layers = o.layers;
  if (!Array.isArray(layers) || layers.length === 0) fail(`${path}.layers must list the branch's 1–3 conv2d or dense layers.`);
  const branch: (PlannedConv | PlannedDense | PlannedBatchNorm)[] = [];
  let shape = input;
  const weighted = layers.filter((l) => (l as { type?: unknown } | null)?.type === 'conv2d' || (l as { type?: unknown } | null)?.type === 'dense').length;
  if (weighted < 1 || weighted > 3) fail(`${path}: a residual branch holds 1–3 conv2d or dense layers (He et al. 2016 use 2 or 3), got ${weighted}.`);
  let seen = 0;
  layers.forEach((spec: unknown, i: number) => {
    const p = `${path}.layers[${i}]`;
    const l = record(spec, p) as unknown as BranchLayerSpec & Record<string, unknown>;
    if (l.type === 'conv2d' || l.type === 'dense') {
      seen++;
      // "The activation between them and none after the last" (the sum's activation follows the skip).
      const last = seen === weighted;
      if (last && l.activation !== undefined && l.activation !== 'linear') {
        fail(`${p}: the last layer of a residual branch has no activation (it comes after the sum: set the residual's own activation), got '${String(l.activation)}'.`);
      }
      const a = last ? 'linear' : act;
      const planned = l.type === 'conv2d' ? planConv(l, shape, p, a) : planDense(l, shape, p, a);
      branch.push(planned);
      shape = planned.out;
    } else if (l.type === 'batchnorm') {
      const planned = planBatchNorm(l, shape, p);
      branch.push(planned);
      shape = planned.out;
    } else {
      fail(`${p}: a residual branch holds conv2d, dense or batchnorm layers, not '${String((l as { type?: unknown }).type)}'.`);
    }
  });
  const skip = o.skip ?? (sameShape(shape, input) ? 'identity' : 'projection');
  if (skip !== 'identity' && skip !== 'projection') fail(`${path}.skip must be 'identity' or 'projection', got ${JSON.stringify(skip)}.`);
  let projection: PlannedConv | PlannedDense | null = null;
  if (skip === 'identity') {
    if (!sameShape(shape, input)) fail(`${path}: the branch maps ${shapeText(input)} to ${shapeText(shape)}, so the identity skip cannot add them; use skip: projection.`);
  } else {
    const convs = branch.filter((l): l is PlannedConv => l.kind === 'conv2d');
    if (convs.length === branch.filter((l) => l.kind !== 'batchnorm').length && shape.h * shape.w > 1) {
      // A 1×1 convolution with the branch's total stride (He et al. 2016, option B).
      const stride = convs.reduce((s, c) => s * c.stride, 1);
      const proj = planConv({ type: 'conv2d', filters: shape.c, kernel: 1, stride, activation: 'linear' }, input, `${path} (projection)`, 'linear');
      if (!sameShape(proj.out, shape)) fail(`${path}: a 1×1 projection with stride ${stride} maps ${shapeText(input)} to ${shapeText(proj.out)}, not the branch's ${shapeText(shape)}; use padding: same in the branch.`);
      projection = proj;
    } else {
      projection = planDense({ type: 'dense', units: shapeSize(shape), activation: 'linear' }, input, `${path} (projection)`, 'linear');
      if (shape.h * shape.w !== 1) fail(`${path}: a branch that mixes dense and conv2d layers must end in a dense layer to use a linear projection.`);
    }
  }
  return { kind: 'residual', path, in: input, out: shape, branch, projection, activation: activationOf(o, path, act) };
}

/**
 * Resolves `layers` for an input of shape `input`; conv and dense layers without an activation get
 * `activation` (the network's). The output layer is not in the list: the caller appends it.
 */
export function planLayers(layers: unknown, input: Shape, activation: Activation, where = 'network.layers'): PlannedLayer[] {
  if (!Array.isArray(layers) || layers.length === 0) fail(`${where} must be a non-empty list of layers (conv2d, dense, maxpool, avgpool, flatten, batchnorm, residual).`);
  if (layers.length > MAX_DEPTH) fail(`${where}: ${layers.length} layers is out of range; the most is ${MAX_DEPTH}.`);
  const out: PlannedLayer[] = [];
  let shape = input;
  // Dense and flatten give vectors; an input that is not an image is one too.
  let flat = input.h * input.w === 1;
  layers.forEach((spec: unknown, i: number) => {
    const path = `${where}[${i}]`;
    const o = record(spec, path) as LayerSpec & Record<string, unknown>;
    const type = o.type;
    let planned: PlannedLayer;
    switch (type) {
      case 'conv2d':
        if (flat) {
          fail(i === 0
            ? `${path}: conv2d needs an image input, but ${shapeText(shape)} features are not a square image; set network.inputShape: [channels, height, width].`
            : `${path}: conv2d needs an image input (channels × height × width), but the layer before it gives a flat vector of ${shapeText(shape)} values.`);
        }
        planned = planConv(o, shape, path, activation);
        break;
      case 'dense':
        planned = planDense(o, shape, path, activation);
        break;
      case 'maxpool':
      case 'avgpool':
        planned = planPool(o, shape, path);
        break;
      case 'flatten':
        allowKeys(o, ['type'], path);
        planned = { kind: 'flatten', path, in: shape, out: { c: shapeSize(shape), h: 1, w: 1 } };
        break;
      case 'batchnorm':
        planned = planBatchNorm(o, shape, path);
        break;
      case 'residual':
        planned = planResidual(o, shape, path, activation);
        break;
      default:
        fail(`${path}.type: unknown layer type ${JSON.stringify(type)}.${didYouMean(String(type), LAYER_TYPES)} Known: ${LAYER_TYPES.join(', ')}.`);
    }
    out.push(planned);
    shape = planned.out;
    if (planned.kind === 'dense' || planned.kind === 'flatten') flat = true;
    else if (planned.kind === 'residual' && planned.branch.some((l) => l.kind === 'dense')) flat = true;
  });
  return out;
}

/**
 * The input shape of one sample: `inputShape` [C, H, W] when given, else a square one-channel image
 * when nFeatures is a square (28·28 = 784: MNIST), else nFeatures × 1 × 1 (only dense layers fit it).
 */
export function inputShapeFor(nFeatures: number, inputShape?: readonly number[]): Shape {
  if (inputShape !== undefined) {
    if (!Array.isArray(inputShape) || inputShape.length !== 3 || inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
      fail(`network.inputShape must be [channels, height, width] of whole numbers ≥ 1, got ${JSON.stringify(inputShape)}.`);
    }
    const [c, h, w] = inputShape as [number, number, number];
    if (c * h * w !== nFeatures) fail(`network.inputShape ${c}×${h}×${w} holds ${c * h * w} values, but the data has ${nFeatures} features.`);
    return { c, h, w };
  }
  const side = Math.round(Math.sqrt(nFeatures));
  if (side * side === nFeatures && side > 1) return { c: 1, h: side, w: side };
  return { c: nFeatures, h: 1, w: 1 };
}

/** Every layer in the order the network runs (and draws) them, residual branches and projections included. */
export function walkLayers(layers: readonly PlannedLayer[]): PlannedLayer[] {
  const out: PlannedLayer[] = [];
  for (const l of layers) {
    out.push(l);
    if (l.kind === 'residual') {
      out.push(...l.branch);
      if (l.projection) out.push(l.projection);
    }
  }
  return out;
}
