// Plots as Vega-Lite specs, and their rendering to SVG and PNG. Pure: nothing here writes files
// or prints; the CLI decides where the bytes go.
export { DEFAULT_PNG_SCALE, PLOT_FONT, plotFontFiles, renderVegaLiteToSvg, svgToPng, svgToRgba } from './vegaRender.js';
export type { RasterOptions, RgbaImage } from './vegaRender.js';
export { costCurveSpec, SERIES_COLOURS } from './costCurves.js';
export type { CostCurveOptions, CostSeries } from './costCurves.js';
export { decisionBoundarySpec, gridRectangles } from './decisionBoundary.js';
export type { DecisionBoundaryInput, LabelledPoint } from './decisionBoundary.js';
export { boundsAround, COURSE_BOUNDS, decisionGrid } from './decisionGrid.js';
export type { DecisionGrid, PlaneBounds, PlanePredictor, SampledDecisionGrid } from './decisionGrid.js';
export { depthPoints, diagnosisFigures, histogramBars, histogramGridSpec, stdDepthSpec } from './diagnosisFigures.js';
export type { DepthPoint, DiagnosisFigureContext, HistogramBar, HistogramKind, HistogramNote, LabelledDiagnosis } from './diagnosisFigures.js';
export { DEFAULT_XI_CAP, heatCells, linePoints, phaseDiagramFigure, phaseDiagramSpec, phaseLabels } from './phaseDiagram.js';
export type { HeatCell } from './phaseDiagram.js';
export type { VegaLiteSpec } from './vegaSpec.js';
