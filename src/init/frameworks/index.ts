/**
 * The framework initializers (`torch:`, `keras:`, `tfjs:`, `jax:`) and the unprefixed paper ones, and
 * the functions that register them. Every entry point calls `registerAllInitializers()`.
 */
import { registerCourseInitializers } from '../course.js';
import { registerResidualInitializers } from '../residualInits.js';
import { registerInitializer } from '../registry.js';
import type { InitializerDefinition } from '../types.js';
import { JAX_INITIALIZERS } from './jax.js';
import { KERAS_INITIALIZERS } from './keras.js';
import { PAPER_INITIALIZERS } from './papers.js';
import { TFJS_INITIALIZERS } from './tfjs.js';
import { TORCH_INITIALIZERS } from './torch.js';

export { TORCH_INITIALIZERS, calculateGain, TORCH_NONLINEARITIES } from './torch.js';
export { KERAS_INITIALIZERS } from './keras.js';
export { TFJS_INITIALIZERS } from './tfjs.js';
export { JAX_INITIALIZERS } from './jax.js';
export { PAPER_INITIALIZERS } from './papers.js';
export { kerasFans, tfjsFans, jaxFans, torchRuleFans } from './common.js';

/** Every framework and paper initializer, in registration order. */
export const FRAMEWORK_INITIALIZERS: readonly InitializerDefinition[] = [
  ...PAPER_INITIALIZERS,
  ...TORCH_INITIALIZERS,
  ...KERAS_INITIALIZERS,
  ...TFJS_INITIALIZERS,
  ...JAX_INITIALIZERS,
];

let registered = false;
/** Registers the framework and paper initializers once (idempotent). */
export function registerFrameworkInitializers(): void {
  if (registered) return;
  registered = true;
  for (const def of FRAMEWORK_INITIALIZERS) registerInitializer(def);
}

/** Registers every built-in initializer: the course's, the papers' and the frameworks' (idempotent). */
export function registerAllInitializers(): void {
  registerCourseInitializers();
  registerFrameworkInitializers();
  registerResidualInitializers();
}
