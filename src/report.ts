/**
 * initlab/report — figures: vega-lite specifications of every plot and their rendering to SVG and
 * PNG (vega, resvg and the bundled DejaVu fonts). Kept out of the root entry because these
 * dependencies are large and resvg is a native addon; import this only to draw.
 *
 * @module initlab/report
 */
export * from './report/index.js';
export { comparisonFigures, figureSlug } from './report/comparisonFigures.js';
export type { Predictor, RenderedFigure } from './report/comparisonFigures.js';
export { logCellEdges, renderTrainabilityFigure, trainabilityFigureSpec } from './report/trainabilityFigure.js';
