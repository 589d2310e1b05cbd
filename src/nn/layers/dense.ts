import { gemmScratchBytes } from '../../kernels/gemm.js';
import { activatedBuffers, activationGradient, applyActivation } from './activation.js';
import type { Buf, LayerContext, ParamPair, ParamStore, SharedBuffers } from './buffers.js';
import type { Layer, LayerState } from './layer.js';
import { shapeSize, type PlannedDense } from './plan.js';

/*
 * A dense layer on the engine's GEMM kernels, exactly as DenseNetwork's: Z = W·x + b with W
 * (units × in) row-major, x the input's C·H·W features (PyTorch's flatten order) × m.
 */

interface DenseState extends LayerState {
  readonly x: Buf;
  readonly z: Buf;
  readonly dz: Buf | null;
}

export class DenseLayer implements Layer<DenseState> {
  readonly w: ParamPair;
  readonly b: ParamPair;
  private readonly inputs: number;

  constructor(readonly plan: PlannedDense, params: ParamStore, private readonly slope: number) {
    this.inputs = shapeSize(plan.in);
    this.w = params.weight(plan.units * this.inputs);
    this.b = params.other(plan.units);
  }

  needs(m: number) {
    return { gemmScratchBytes: gemmScratchBytes(this.w.value.dtype, this.plan.units, this.inputs, m), dcol: 0 };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): DenseState {
    const n = this.plan.units * m;
    const { z, y, dy, dz } = activatedBuffers(ctx, n, this.plan.activation, training);
    return { x, z, y, dy, dz };
  }

  forward(ctx: LayerContext, shared: SharedBuffers, s: DenseState): void {
    ctx.kernels.forward(ctx.dtype, this.w.value.at, this.b.value.at, s.x.at, s.z.at, this.plan.units, this.inputs, shared.m, false, shared.gemmScratch);
    applyActivation(this.plan.activation, this.slope, s.z, s.y);
  }

  backward(ctx: LayerContext, shared: SharedBuffers, s: DenseState, dx: Buf | null): void {
    const dz = s.dz!;
    activationGradient(this.plan.activation, this.slope, s.z, s.y, s.dy!, dz);
    const k = ctx.kernels;
    k.weightGrads(ctx.dtype, dz.at, s.x.at, this.w.grad.at, this.b.grad.at, this.plan.units, this.inputs, shared.m, shared.gemmScratch);
    if (dx) k.inputGrads(ctx.dtype, this.w.value.at, dz.at, dx.at, this.plan.units, this.inputs, shared.m, 0, shared.gemmScratch);
  }
}
