// The HTML report of a sweep folder (`initlab report`).
export { buildReport, fmt } from './report.js';
export type { BuiltReport, ReportFigure, ReportOptions } from './report.js';
export { escapeHtml, safeId } from './escape.js';
export { inlineSvg } from './svg.js';
export { bandPoints, classMapSpec, seedBandSpec, shapeMetricSpec } from './figures.js';
export type { BandPoint, BandSeries, ShapePoint, ShapeSeries } from './figures.js';
export { predictClasses, replayRun } from './replay.js';
export type { ReplayedRun } from './replay.js';
