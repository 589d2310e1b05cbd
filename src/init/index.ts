import { registerCourseInitializers } from './course.js';

registerCourseInitializers();

export * from './types.js';
export { registerInitializer, getInitializer, listInitializers, initializerNames } from './registry.js';
export { parseInitSpec, formatInitSpec, resolveInit, parseInitList } from './spec.js';
export { initializeDenseNetwork } from './network.js';
export { zeros, random, he, xavier, COURSE_INITIALIZERS } from './course.js';
