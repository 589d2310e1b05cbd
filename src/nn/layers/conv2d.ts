import { gemmScratchBytes } from '../../kernels/gemm.js';
import { activationGradient, applyActivation, reluMaskInPlace } from './activation.js';
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

/**
 * The input gradient of a stride-1 convolution is itself a convolution (the "full" correlation of dZ
 * with the kernel flipped in space and transposed in channels):
 *   dx[c, y, x] = Σ_{f, ky, kx} W[f, c, k−1−ky, k−1−kx] · dZ[f, y + ky − (k−1−padTop), x + kx − (k−1−padLeft)]
 * so it runs as im2col(dZ) + one forward GEMM, which was faster than Wᵀ·dZ followed by col2im's
 * scattered adds (measured in bench/conv-bench.mjs's net: see the README). Strided convolutions keep col2im.
 */
function transposedPlan(p: PlannedConv): PlannedConv {
  return {
    ...p, kind: 'conv2d', in: { c: p.filters, h: p.out.h, w: p.out.w }, out: p.in, filters: p.in.c, stride: 1,
    padTop: p.kernel - 1 - p.padTop, padLeft: p.kernel - 1 - p.padLeft, activation: 'linear',
  };
}

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
  /** Stride-1 convolutions get their input gradient as a convolution (see transposedPlan). */
  private readonly back: PlannedConv | null;
  /** W flipped and transposed for `back`: (C, F, k, k); refilled from W at every backward pass. */
  private readonly wBack: Buf | null;
  private readonly relu: boolean;

  constructor(readonly plan: PlannedConv, params: ParamStore, private readonly slope: number) {
    this.rows = plan.in.c * plan.kernel * plan.kernel;
    this.w = params.weight(plan.filters * this.rows);
    this.b = params.other(plan.filters);
    this.direct = plan.kernel === 1 && plan.stride === 1 && plan.padTop === 0 && plan.padLeft === 0;
    // 'same'/'valid'/p padding with stride 1: every pad' = k − 1 − pad is ≥ 0 when pad ≤ k − 1.
    const flip = !this.direct && plan.stride === 1 && plan.padTop <= plan.kernel - 1 && plan.padLeft <= plan.kernel - 1;
    this.back = flip ? transposedPlan(plan) : null;
    this.wBack = flip ? params.scratch(plan.filters * this.rows) : null;
    this.relu = plan.activation === 'relu';
  }

  private columns(m: number): number {
    return this.plan.out.h * this.plan.out.w * m;
  }

  needs(m: number) {
    const dt = this.w.value.dtype;
    const fwd = gemmScratchBytes(dt, this.plan.filters, this.rows, this.columns(m));
    if (!this.back) return { gemmScratchBytes: fwd, dcol: this.direct ? 0 : this.rows * this.columns(m) };
    const pixels = this.plan.in.h * this.plan.in.w * m;
    return { gemmScratchBytes: Math.max(fwd, gemmScratchBytes(dt, this.plan.in.c, this.plan.filters * this.plan.kernel ** 2, pixels)), dcol: this.plan.filters * this.plan.kernel ** 2 * pixels };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): ConvState {
    const n = shapeSize(this.plan.out) * m;
    const col = this.direct ? x : ctx.alloc(this.rows * this.columns(m));
    const z = ctx.alloc(n);
    // ReLU runs inside the GEMM (y = z) and its derivative masks dy in place (dz = dy).
    const same = this.plan.activation === 'linear' || this.relu;
    const y = same ? z : ctx.alloc(n);
    const dy = training ? ctx.alloc(n) : null;
    const dz = training ? (same ? dy : ctx.alloc(n)) : null;
    return { x, col, z, y, dy, dz };
  }

  forward(ctx: LayerContext, shared: SharedBuffers, s: ConvState): void {
    const m = shared.m;
    if (!this.direct) im2col(ctx.heap.view(), this.plan, m, s.x.at / ctx.e, s.col.at / ctx.e);
    ctx.kernels.forward(ctx.dtype, this.w.value.at, this.b.value.at, s.col.at, s.z.at, this.plan.filters, this.rows, this.columns(m), this.relu, shared.gemmScratch);
    if (!this.relu) applyActivation(this.plan.activation, this.slope, s.z, s.y);
  }

  backward(ctx: LayerContext, shared: SharedBuffers, s: ConvState, dx: Buf | null): void {
    const m = shared.m;
    const dz = s.dz!;
    if (this.relu) reluMaskInPlace(s.y, dz);
    else activationGradient(this.plan.activation, this.slope, s.z, s.y, s.dy!, dz);
    const P = this.columns(m);
    const k = ctx.kernels;
    k.weightGrads(ctx.dtype, dz.at, s.col.at, this.w.grad.at, this.b.grad.at, this.plan.filters, this.rows, P, shared.gemmScratch);
    if (!dx) return;
    if (this.direct) {
      k.inputGrads(ctx.dtype, this.w.value.at, dz.at, dx.at, this.plan.filters, this.rows, P, 0, shared.gemmScratch);
      return;
    }
    if (this.back && this.wBack) {
      const w = this.w.value.view();
      const wb = this.wBack.view();
      const { filters: F, kernel: kk } = this.plan;
      const C = this.plan.in.c;
      for (let f = 0; f < F; f++) for (let c = 0; c < C; c++) for (let ky = 0; ky < kk; ky++) for (let kx = 0; kx < kk; kx++) {
        wb[((c * F + f) * kk + (kk - 1 - ky)) * kk + (kk - 1 - kx)] = w[((f * C + c) * kk + ky) * kk + kx]!;
      }
      im2col(ctx.heap.view(), this.back, m, dz.at / ctx.e, shared.dcol.at / ctx.e);
      k.forward(ctx.dtype, this.wBack.at, 0, shared.dcol.at, dx.at, C, F * kk * kk, this.plan.in.h * this.plan.in.w * m, false, shared.gemmScratch);
      return;
    }
    k.inputGrads(ctx.dtype, this.w.value.at, dz.at, shared.dcol.at, this.plan.filters, this.rows, P, 0, shared.gemmScratch);
    col2im(ctx.heap.view(), this.plan, m, shared.dcol.at / ctx.e, dx.at / ctx.e);
  }
}
