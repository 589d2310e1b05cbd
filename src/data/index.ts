/** Data sets: sklearn's make_circles (bit-exact with numpy's legacy stream) and the course's train/test sets. */
export type { Dataset } from './types.js';
export { makeCircles, courseCircles } from './circles.js';
export type { CirclesRandom, MakeCirclesOptions, CourseCircles } from './circles.js';
