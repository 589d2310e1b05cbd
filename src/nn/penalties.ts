import type { FloatArray } from '../core/dtype.js';

/*
 * The weight penalties of the training objective, shared by the dense network and the layer network
 * (biases carry none): L2 weight decay λ/2·Σ‖W‖² (its gradient λ·W, as PyTorch's weight_decay) and
 * the L1 penalty λ₁·Σ|W| (Tibshirani 1996's lasso; its subgradient λ₁·sign(W), sign(0) = 0).
 */

/** λ/2 · Σ_l ‖W_l‖², summed in tensor then index order (0 when λ = 0). */
export function l2PenaltyOf(weights: readonly FloatArray[], l2: number): number {
  if (l2 === 0) return 0;
  let sum = 0;
  for (const w of weights) for (let i = 0; i < w.length; i++) sum += w[i]! * w[i]!;
  return 0.5 * l2 * sum;
}

/** λ₁ · Σ_l Σ|W_l|, summed in tensor then index order (0 when λ₁ = 0). */
export function l1PenaltyOf(weights: readonly FloatArray[], l1: number): number {
  if (l1 === 0) return 0;
  let sum = 0;
  for (const w of weights) for (let i = 0; i < w.length; i++) sum += Math.abs(w[i]!);
  return l1 * sum;
}
