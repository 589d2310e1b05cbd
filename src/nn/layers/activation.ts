import type { Activation } from '../../core/runConfig.js';
import { activateBackward, activateForward } from '../activations.js';
import type { Buf, LayerContext } from './buffers.js';

/**
 * The activation after a conv or dense layer: a = f(z) into a separate buffer (z is kept for the
 * derivative), or nothing for 'linear' (then a IS z and dz IS da).
 */
export function applyActivation(act: Activation, slope: number, z: Buf, a: Buf): void {
  if (act === 'linear' || z === a) return;
  const zv = z.view();
  activateForward(act, zv, a.view(), 0, zv.length, slope);
}

/**
 * The buffers of an activated output of n values: z, y = f(z) (y IS z for 'linear') and, when
 * training, dy = dL/dy and dz = dL/dz (dz IS dy for 'linear'), as applyActivation and
 * activationGradient take them.
 */
export function activatedBuffers(ctx: LayerContext, n: number, act: Activation, training: boolean): { z: Buf; y: Buf; dy: Buf | null; dz: Buf | null } {
  const z = ctx.alloc(n);
  const linear = act === 'linear';
  const y = linear ? z : ctx.alloc(n);
  const dy = training ? ctx.alloc(n) : null;
  const dz = training ? (linear ? dy : ctx.alloc(n)) : null;
  return { z, y, dy, dz };
}

/** dz = da · f′(z) (a = f(z) for the activations that use it). */
export function activationGradient(act: Activation, slope: number, z: Buf, a: Buf, da: Buf, dz: Buf): void {
  if (act === 'linear' || da === dz) return;
  const zv = z.view();
  activateBackward(act, zv, a.view(), da.view(), dz.view(), 0, zv.length, slope);
}

/** ReLU's derivative from its output: g[i] = y[i] > 0 ? g[i] : 0 (y > 0 ⇔ z > 0; relu′(0) = 0 as PyTorch). */
export function reluMaskInPlace(y: Buf, g: Buf): void {
  const yv = y.view();
  const gv = g.view();
  for (let i = 0; i < yv.length; i++) if (!(yv[i]! > 0)) gv[i] = 0;
}
