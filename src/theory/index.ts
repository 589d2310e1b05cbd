export { THEORY_ACTIVATIONS, theoryActivation, type TheoryActivation, type TheoryActivationName } from './activations.js';
export {
  chi1At,
  correlationMap,
  correlationSlope,
  criticalSigmaW2,
  depthScale,
  fixedPointC,
  fixedPointQ,
  meanField,
  meanSquare,
  predictVarianceSequence,
  varianceMap,
  varianceSlopeAt,
  type ActivationArg,
  type MeanFieldSummary,
} from './meanField.js';
export { gaussianExpectation, gaussianExpectation2d, integrateAdaptive, normalPdf, type GaussianOptions, type QuadratureOptions } from './quadrature.js';
export { meanFieldNotes } from './explain.js';
