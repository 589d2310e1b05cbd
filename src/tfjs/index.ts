/**
 * initlab's TensorFlow.js plugin (`import … from 'initlab/tfjs'`): any initlab initializer as a
 * `kernelInitializer` of `tf.layers.dense` and friends, serializable with the model.
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { initlabInitializer } from 'initlab/tfjs';
 * const layer = tf.layers.dense({ units: 16, inputShape: [8], kernelInitializer: initlabInitializer(tf, 'he', { seed: 1 }) });
 * ```
 *
 * This module never imports `@tensorflow/tfjs` at run time (only its types): the caller passes its
 * own `tf` namespace, which also guarantees that the plugin's class extends the very `Initializer`
 * class that the caller's `tf.layers` checks with `instanceof`. `@tensorflow/tfjs` is an optional
 * peer dependency; the core library (`initlab`) never loads it.
 *
 * @module initlab/tfjs
 */
import type * as tfjs from '@tensorflow/tfjs';
import { initialize } from '../init/index.js';
import { formatInitSpec, resolveInit } from '../init/spec.js';
import type { InitSpec, ResolvedInit, WeightLayout } from '../init/types.js';
import { createRandom } from '../random/index.js';
import type { RandomKind } from '../random/index.js';
import { UsageError } from '../util/errors.js';
import { escapeSpec, readConfig, unescapeSpec } from './config.js';
import type { InitlabInitializerConfig } from './config.js';
import { frameworkShape, toTfjsOrder } from './layout.js';

export type { InitlabInitializerConfig } from './config.js';
export { escapeSpec, unescapeSpec } from './config.js';
export { frameworkShape, toTfjsOrder } from './layout.js';

/** The parts of the `@tensorflow/tfjs` namespace the plugin uses; pass `tf` itself. */
export type TfjsNamespace = Pick<typeof tfjs, 'initializers' | 'serialization' | 'tensor'>;

/** TF.js's (unexported) `Initializer` base class, as an instance type. */
export type TfjsInitializer = ReturnType<typeof tfjs.initializers.ones>;
type TfjsShape = Parameters<TfjsInitializer['apply']>[0];
type TfjsDataType = NonNullable<Parameters<TfjsInitializer['apply']>[1]>;
type TfjsTensor = ReturnType<TfjsInitializer['apply']>;

/** The name the class is registered under in TF.js's serialization registry (and saved models). */
export const INITLAB_INITIALIZER_CLASS_NAME = 'InitlabInitializer';

/** An initlab initializer as a TF.js `Initializer`. */
export interface InitlabInitializer extends TfjsInitializer {
  /** The canonical initlab spec (every parameter, defaults included), unescaped. */
  readonly spec: string;
  readonly seed: number;
  readonly rng: RandomKind;
  /** The initializer's framework layout; 'out-in' ones are drawn transposed (see `apply`). */
  readonly layout: WeightLayout;
  /** How many times `apply` has run: the next call draws with seed (seed + calls) mod 2^32. */
  readonly calls: number;
  /**
   * Draws a tensor of TF.js shape `shape` (dense (in, out), conv (k…, in, out)). Call k of this
   * instance (k = 0, 1, …) uses a fresh generator of kind `rng` seeded with (seed + k) mod 2^32, so
   * the values are deterministic yet differ between layers sharing one instance; the first call
   * equals `initialize(spec, shape, createRandom(rng, seed))` for 'in-out' initializers (Keras, TF.js,
   * JAX), and its transpose drawn in (out, in[, k…]) for 'out-in' ones (PyTorch, initlab's own), so a
   * torch spec gives the same weight matrix as in PyTorch.
   */
  apply(shape: TfjsShape, dtype?: TfjsDataType): TfjsTensor;
  getConfig(): InitlabInitializerConfig;
}

/** The registered class: `new InitlabInitializerClass({spec, seed, rng})`, `className` 'InitlabInitializer'. */
export interface InitlabInitializerClass {
  new (config: InitlabInitializerConfig): InitlabInitializer;
  readonly className: string;
}

/** Options of `initlabInitializer`. */
export interface InitlabInitializerOptions {
  /** Base seed, an integer in 0..2^32 − 1; default 0. */
  seed?: number;
  /** Generator: 'default' (xoshiro128**) or 'numpy' (numpy's legacy MT19937); default 'default'. */
  rng?: RandomKind;
}

type InitializerBase = abstract new () => TfjsInitializer;

/** One class per TF.js copy, keyed by that copy's `Initializer` base class. */
const classes = new WeakMap<object, InitlabInitializerClass>();

function initializerBase(tf: TfjsNamespace): InitializerBase {
  const exported = (tf.initializers as unknown as { Initializer?: unknown }).Initializer;
  if (typeof exported === 'function') return exported as InitializerBase;
  // The base class is not exported: it is the parent of `Zeros` (see the reference, section 3.3).
  const base: unknown = Object.getPrototypeOf(tf.initializers.zeros().constructor);
  if (typeof base !== 'function' || base === Function.prototype) {
    throw new Error('initlab/tfjs: could not find the TF.js Initializer base class (is `tf` the @tensorflow/tfjs namespace?)');
  }
  return base as InitializerBase;
}

function resolveForTfjs(spec: string): ResolvedInit {
  const init = resolveInit(spec, 'InitlabInitializer spec');
  if (init.definition.dataDependent) {
    throw new UsageError(`'${init.definition.name}' is data-dependent (it needs a network and data), so it cannot be a TF.js initializer.`);
  }
  return init;
}

/**
 * Registers initlab's `InitlabInitializer` class with `tf.serialization.registerClass` (once per
 * TF.js copy; later calls return the same class). After this, layers accept
 * `kernelInitializer: {className: 'InitlabInitializer', config: {spec, seed, rng}}` and
 * `tf.loadLayersModel` can rebuild models saved with initlab initializers.
 */
export function registerInitlabInitializers(tf: TfjsNamespace): InitlabInitializerClass {
  const Base = initializerBase(tf);
  const known = classes.get(Base);
  if (known) return known;

  class InitlabInitializerImpl extends Base implements InitlabInitializer {
    static className = INITLAB_INITIALIZER_CLASS_NAME;
    readonly spec: string;
    readonly seed: number;
    readonly rng: RandomKind;
    readonly layout: WeightLayout;
    readonly #init: ResolvedInit;
    #calls = 0;

    constructor(config: InitlabInitializerConfig) {
      super();
      const checked = readConfig(config);
      this.#init = resolveForTfjs(unescapeSpec(checked.spec));
      this.spec = formatInitSpec(this.#init.spec as InitSpec);
      this.seed = checked.seed;
      this.rng = checked.rng;
      this.layout = this.#init.definition.layout ?? 'out-in';
    }

    get calls(): number {
      return this.#calls;
    }

    apply(shape: TfjsShape, dtype?: TfjsDataType): TfjsTensor {
      const tfShape = shape.map((d) => {
        if (d === null || !Number.isInteger(d) || d < 0) throw new UsageError(`InitlabInitializer: cannot draw a tensor of shape [${shape.join(', ')}].`);
        return d;
      });
      const rng = createRandom(this.rng, (this.seed + this.#calls) >>> 0);
      this.#calls++;
      const drawn = initialize(this.#init, frameworkShape(tfShape, this.layout), rng);
      return tf.tensor(toTfjsOrder(drawn.values, tfShape, this.layout), tfShape, dtype ?? 'float32');
    }

    override getConfig(): InitlabInitializerConfig {
      return { spec: escapeSpec(this.spec), seed: this.seed, rng: this.rng };
    }
  }

  const cls: InitlabInitializerClass = InitlabInitializerImpl;
  tf.serialization.registerClass(cls as unknown as Parameters<typeof tf.serialization.registerClass>[0]);
  classes.set(Base, cls);
  return cls;
}

/**
 * An initlab initializer for a TF.js layer: `tf.layers.dense({units, kernelInitializer:
 * initlabInitializer(tf, 'he', {seed: 1})})`. `spec` is a spec string or object (`'random:scale=0.01'`,
 * `{name: 'random', scale: 0.01}`); it is validated now. Registers the class if needed.
 */
export function initlabInitializer(tf: TfjsNamespace, spec: string | InitSpec, options: InitlabInitializerOptions = {}): InitlabInitializer {
  const cls = registerInitlabInitializers(tf);
  const text = typeof spec === 'string' ? spec : formatInitSpec(spec);
  return new cls({ spec: escapeSpec(text), seed: options.seed ?? 0, rng: options.rng ?? 'default' });
}
