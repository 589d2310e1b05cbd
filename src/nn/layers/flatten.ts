import type { Buf, LayerContext, SharedBuffers } from './buffers.js';
import type { Layer, LayerState } from './layer.js';
import { shapeSize, type PlannedFlatten } from './plan.js';

/*
 * Flatten moves no data: a (C, H, W) batch is already (C·H·W) × m in PyTorch's flatten order. Its
 * output IS its input buffer; its gradient is handed down as it is.
 */
export class FlattenLayer implements Layer {
  constructor(readonly plan: PlannedFlatten) {}

  needs() {
    return { gemmScratchBytes: 0, dcol: 0 };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): LayerState {
    return { y: x, dy: training ? ctx.alloc(shapeSize(this.plan.out) * m) : null };
  }

  forward(): void {}

  backward(_ctx: LayerContext, _shared: SharedBuffers, s: LayerState, dx: Buf | null): void {
    if (dx) dx.view().set(s.dy!.view());
  }
}
