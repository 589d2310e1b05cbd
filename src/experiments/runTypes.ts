/*
 * The run vocabulary moved to src/core (issue 10, item 5: the layers below experiments/ must not
 * import it from here). This re-export keeps existing imports of experiments/runTypes.js working.
 */
export type * from '../core/runConfig.js';
