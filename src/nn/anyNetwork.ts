import type { FloatArray } from '../core/dtype.js';
import { LayerNetwork } from './layers/network.js';
import type { DenseNetwork } from './network.js';

/** A trained network of either kind: `network.hidden` (DenseNetwork) or `network.layers` (LayerNetwork). */
export type AnyNetwork = DenseNetwork | LayerNetwork;

/**
 * The output layer's logits for m samples x (feature-major), nOutputs × m, in a fresh evaluation
 * workspace. One place for the branch that only picks each network's workspace type.
 */
export function forwardLogits(net: AnyNetwork, x: FloatArray, m: number): FloatArray {
  return net instanceof LayerNetwork ? net.forward(x, net.createWorkspace(m, false)) : net.forward(x, net.createWorkspace(m, false));
}
