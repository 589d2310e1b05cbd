import { registerAllInitializers } from './frameworks/index.js';

registerAllInitializers();

export * from './types.js';
export { registerInitializer, getInitializer, listInitializers, initializerNames } from './registry.js';
export { parseInitSpec, formatInitSpec, resolveInit, parseInitList } from './spec.js';
export { initializeDenseNetwork } from './network.js';
export { zeros, random, he, xavier, COURSE_INITIALIZERS } from './course.js';
export { initialize, describeInit } from './initialize.js';
export type { InitializedTensor } from './initialize.js';
export { torchFans, fansFor, checkShapeFor } from './fans.js';
export {
  registerAllInitializers,
  registerFrameworkInitializers,
  calculateGain,
  FRAMEWORK_INITIALIZERS,
  TORCH_INITIALIZERS,
  KERAS_INITIALIZERS,
  TFJS_INITIALIZERS,
  JAX_INITIALIZERS,
  PAPER_INITIALIZERS,
  kerasFans,
  tfjsFans,
  jaxFans,
} from './frameworks/index.js';
