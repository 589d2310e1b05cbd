import type { Activation } from '../../core/runConfig.js';
import { activateBackward, activateForward } from '../activations.js';
import type { Buf } from './buffers.js';

/**
 * The activation after a conv or dense layer: a = f(z) into a separate buffer (z is kept for the
 * derivative), or nothing for 'linear' (then a IS z and dz IS da).
 */
export function applyActivation(act: Activation, slope: number, z: Buf, a: Buf): void {
  if (act === 'linear' || z === a) return;
  const zv = z.view();
  activateForward(act, zv, a.view(), 0, zv.length, slope);
}

/** dz = da · f′(z) (a = f(z) for the activations that use it). */
export function activationGradient(act: Activation, slope: number, z: Buf, a: Buf, da: Buf, dz: Buf): void {
  if (act === 'linear' || da === dz) return;
  const zv = z.view();
  activateBackward(act, zv, a.view(), da.view(), dz.view(), 0, zv.length, slope);
}
