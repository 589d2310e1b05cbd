import { activatedBuffers, activationGradient, applyActivation } from './activation.js';
import type { Buf, LayerContext, ParamPair, ParamStore, SharedBuffers } from './buffers.js';
import type { Layer, LayerState } from './layer.js';
import { shapeSize, type PlannedBatchNorm } from './plan.js';

/*
 * Batch normalization (Ioffe & Szegedy 2015, arXiv:1502.03167), per channel over the batch and the
 * spatial positions (per feature for a dense input), as PyTorch's BatchNorm1d/2d:
 *   training    μ, σ² = mean and biased variance of the batch;  x̂ = (x − μ)/√(σ² + ε);  z = γ·x̂ + β
 *               running_mean ← (1 − momentum)·running_mean + momentum·μ
 *               running_var  ← (1 − momentum)·running_var + momentum·σ²·N/(N − 1)   (unbiased, as PyTorch)
 *   evaluation  z = γ·(x − running_mean)/√(running_var + ε) + β
 * then the layer's activation (default none). γ starts at 1, β at 0, the running statistics at 0 and
 * 1 (PyTorch's). A training workspace uses batch statistics, a forward-only one the running ones
 * (PyTorch's train()/eval()). Sums run in float64 whatever the network's format.
 * Backward (training statistics), with N values per channel and g = dL/dz:
 *   dβ = Σ g,  dγ = Σ g·x̂,  dx = γ/(N·√(σ² + ε)) · (N·g − Σ g − x̂·Σ g·x̂).
 */

interface BatchNormState extends LayerState {
  readonly x: Buf;
  readonly xhat: Buf;
  readonly z: Buf;
  readonly dz: Buf | null;
  /** 1/√(σ² + ε) per channel of the last training forward. */
  readonly invStd: Float64Array;
}

export class BatchNormLayer implements Layer<BatchNormState> {
  readonly gamma: ParamPair;
  readonly beta: ParamPair;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;

  constructor(readonly plan: PlannedBatchNorm, params: ParamStore, private readonly slope: number) {
    const C = plan.in.c;
    this.gamma = params.other(C);
    this.beta = params.other(C);
    this.runningMean = new Float64Array(C);
    this.runningVar = new Float64Array(C).fill(1);
  }

  needs() {
    return { gemmScratchBytes: 0, dcol: 0 };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): BatchNormState {
    const n = shapeSize(this.plan.out) * m;
    const { z, y, dy, dz } = activatedBuffers(ctx, n, this.plan.activation, training);
    return { x, xhat: training ? ctx.alloc(n) : z, z, y, dy, dz, invStd: new Float64Array(this.plan.in.c) };
  }

  forward(_ctx: LayerContext, shared: SharedBuffers, s: BatchNormState): void {
    const x = s.x.view();
    const z = s.z.view();
    const g = this.gamma.value.view();
    const b = this.beta.value.view();
    const C = this.plan.in.c;
    const N = (this.plan.in.h * this.plan.in.w) * shared.m;
    const { eps, momentum } = this.plan;
    if (!shared.training) {
      for (let c = 0; c < C; c++) {
        const mean = this.runningMean[c]!;
        const scale = g[c]! / Math.sqrt(this.runningVar[c]! + eps);
        const shift = b[c]!;
        for (let i = c * N; i < (c + 1) * N; i++) z[i] = (x[i]! - mean) * scale + shift;
      }
    } else {
      const xhat = s.xhat.view();
      for (let c = 0; c < C; c++) {
        const from = c * N;
        const to = from + N;
        let sum = 0;
        for (let i = from; i < to; i++) sum += x[i]!;
        const mean = sum / N;
        let ss = 0;
        for (let i = from; i < to; i++) {
          const d = x[i]! - mean;
          ss += d * d;
        }
        const variance = ss / N;
        const inv = 1 / Math.sqrt(variance + eps);
        s.invStd[c] = inv;
        const gc = g[c]!;
        const bc = b[c]!;
        for (let i = from; i < to; i++) {
          const h = (x[i]! - mean) * inv;
          xhat[i] = h;
          z[i] = gc * h + bc;
        }
        this.runningMean[c] = (1 - momentum) * this.runningMean[c]! + momentum * mean;
        this.runningVar[c] = (1 - momentum) * this.runningVar[c]! + momentum * (N > 1 ? (ss / (N - 1)) : variance);
      }
    }
    applyActivation(this.plan.activation, this.slope, s.z, s.y);
  }

  backward(_ctx: LayerContext, shared: SharedBuffers, s: BatchNormState, dx: Buf | null): void {
    activationGradient(this.plan.activation, this.slope, s.z, s.y, s.dy!, s.dz!);
    const gz = s.dz!.view();
    const xhat = s.xhat.view();
    const gamma = this.gamma.value.view();
    const dg = this.gamma.grad.view();
    const db = this.beta.grad.view();
    const d = dx ? dx.view() : null;
    const C = this.plan.in.c;
    const N = (this.plan.in.h * this.plan.in.w) * shared.m;
    for (let c = 0; c < C; c++) {
      const from = c * N;
      const to = from + N;
      let sg = 0;
      let sgx = 0;
      for (let i = from; i < to; i++) {
        sg += gz[i]!;
        sgx += gz[i]! * xhat[i]!;
      }
      db[c] = sg;
      dg[c] = sgx;
      if (d) {
        const k = (gamma[c]! * s.invStd[c]!) / N;
        for (let i = from; i < to; i++) d[i] = k * (N * gz[i]! - sg - xhat[i]! * sgx);
      }
    }
  }
}
