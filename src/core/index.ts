/*
 * initlab's shared vocabulary: the names every layer above speaks (activation, output head, the run
 * config with its data, init, optimizer and schedule specs, a run's record). Types only, and no
 * imports from any other folder of src/, so that nn/, train/, diagnostics/ and experiments/ can all
 * depend on it without depending on each other. The layer order is checked by
 * test/architecture/imports.test.ts (see its header).
 */
export type * from './initSpec.js';
export type * from './runConfig.js';
export type * from './trainingStats.js';
export type * from './dtype.js';
