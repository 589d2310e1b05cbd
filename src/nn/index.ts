export {
  ACTIVATIONS, DEFAULT_LEAKY_SLOPE, ELU_ALPHA, SELU_ALPHA, SELU_SCALE,
  activateBackward, activateForward, activationDerivative, activationValue, sigmoid, softplus,
} from './activations.js';
export { headCorrect, headLoss, headOutputs, labelRows, squaredError } from './losses.js';
export { affineForward, inputGradients, weightGradients } from './matmul.js';
export { DenseNetwork } from './network.js';
export type { DenseNetworkOptions, Workspace } from './network.js';
export { hiddenActivations } from './hiddenActivations.js';
