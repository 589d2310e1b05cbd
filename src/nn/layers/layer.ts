import type { Buf, LayerContext, SharedBuffers } from './buffers.js';
import type { PlannedLayer } from './plan.js';

/** The buffers of one layer for one batch size: its output y and, when training, dL/dy. */
export interface LayerState {
  readonly y: Buf;
  /** dL/dy, written by the layer above (or the loss); null in a forward-only workspace. */
  readonly dy: Buf | null;
}

/**
 * One layer of a layer network (issue 14, item 2), on feature-major batches: a tensor of shape
 * (C, H, W) per sample is (C·H·W) × m, element (c·H + y)·W + x, sample s at [(… )·m + s].
 */
export interface Layer<S extends LayerState = LayerState> {
  readonly plan: PlannedLayer;
  /** Buffers for batches of m samples whose input is `x` (a buffer that does not move). */
  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): S;
  /** GEMM scratch bytes and column-gradient elements (conv2d.ts) this layer needs at batch size m. */
  needs(m: number): { gemmScratchBytes: number; dcol: number };
  /** y = layer(x). */
  forward(ctx: LayerContext, shared: SharedBuffers, s: S): void;
  /** From s.dy: this layer's parameter gradients (overwritten) and, when dx is given, dL/dx into it (overwritten). */
  backward(ctx: LayerContext, shared: SharedBuffers, s: S, dx: Buf | null): void;
}
