import { gemmScratchBytes } from '../../kernels/gemm.js';
import { activationGradient, applyActivation } from './activation.js';
import type { Buf, LayerContext, ParamPair, ParamStore, SharedBuffers } from './buffers.js';
import { col2im, im2col } from './im2col.js';
import type { Layer, LayerState } from './layer.js';
import type { PlannedConv } from './plan.js';
import { shapeSize } from './plan.js';

/*
 * A 2-D convolution as im2col + the engine's GEMM kernels (src/kernels/gemm.ts): with
 * P = OH·OW output positions, the batch's columns (C·k·k × P·m, im2col.ts) turn the layer into the
 * dense products of the MLP with P·m "samples":
 *   forward   Z = W·col + b                 (F × P·m) = (F × C·k·k)(C·k·k × P·m)
 *   backward  dW = dZ·colᵀ, db = Σ dZ;  dcol = Wᵀ·dZ, then dx = col2im(dcol)
 * and Z (F × P·m, column (oy·OW + ox)·m + s) is already the output in the feature-major layout.
 * W is stored (F, C, k, k) row-major, PyTorch's layout. A 1×1 convolution with stride 1 and no
 * padding reads x itself as its columns (no copy).
 */

interface ConvState extends LayerState {
  readonly x: Buf;
  readonly col: Buf;
  readonly z: Buf;
  readonly dz: Buf | null;
}

export class Conv2dLayer implements Layer<ConvState> {
  readonly w: ParamPair;
  readonly b: ParamPair;
  private readonly rows: number;
  private readonly direct: boolean;

  constructor(readonly plan: PlannedConv, params: ParamStore, private readonly slope: number) {
    this.rows = plan.in.c * plan.kernel * plan.kernel;
    this.w = params.weight(plan.filters * this.rows);
    this.b = params.other(plan.filters);
    this.direct = plan.kernel === 1 && plan.stride === 1 && plan.padTop === 0 && plan.padLeft === 0;
  }

  private columns(m: number): number {
    return this.plan.out.h * this.plan.out.w * m;
  }

  needs(m: number) {
    return { gemmScratchBytes: gemmScratchBytes(this.w.value.dtype, this.plan.filters, this.rows, this.columns(m)), dcol: this.direct ? 0 : this.rows * this.columns(m) };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): ConvState {
    const n = shapeSize(this.plan.out) * m;
    const col = this.direct ? x : ctx.alloc(this.rows * this.columns(m));
    const z = ctx.alloc(n);
    const linear = this.plan.activation === 'linear';
    const y = linear ? z : ctx.alloc(n);
    const dy = training ? ctx.alloc(n) : null;
    const dz = training ? (linear ? dy : ctx.alloc(n)) : null;
    return { x, col, z, y, dy, dz };
  }

  forward(ctx: LayerContext, shared: SharedBuffers, s: ConvState): void {
    const m = shared.m;
    if (!this.direct) im2col(ctx.heap.view(), this.plan, m, s.x.at / ctx.e, s.col.at / ctx.e);
    ctx.kernels.forward(ctx.dtype, this.w.value.at, this.b.value.at, s.col.at, s.z.at, this.plan.filters, this.rows, this.columns(m), false, shared.gemmScratch);
    applyActivation(this.plan.activation, this.slope, s.z, s.y);
  }

  backward(ctx: LayerContext, shared: SharedBuffers, s: ConvState, dx: Buf | null): void {
    const m = shared.m;
    const dz = s.dz!;
    activationGradient(this.plan.activation, this.slope, s.z, s.y, s.dy!, dz);
    const P = this.columns(m);
    const k = ctx.kernels;
    k.weightGrads(ctx.dtype, dz.at, s.col.at, this.w.grad.at, this.b.grad.at, this.plan.filters, this.rows, P, shared.gemmScratch);
    if (!dx) return;
    if (this.direct) {
      k.inputGrads(ctx.dtype, this.w.value.at, dz.at, dx.at, this.plan.filters, this.rows, P, 0, shared.gemmScratch);
      return;
    }
    k.inputGrads(ctx.dtype, this.w.value.at, dz.at, shared.dcol.at, this.plan.filters, this.rows, P, 0, shared.gemmScratch);
    col2im(ctx.heap.view(), this.plan, m, shared.dcol.at / ctx.e, dx.at / ctx.e);
  }
}
