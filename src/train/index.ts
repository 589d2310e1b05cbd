export { courseCost, accuracy } from './courseCost.js';
export type { CostPoint } from './courseCost.js';
