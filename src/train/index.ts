export { courseCost, accuracy } from './courseCost.js';
export { trainWithLogging } from './courseTraining.js';
export type { CostPoint, TrainingSchedule, TrainingOutcome } from './courseTraining.js';
