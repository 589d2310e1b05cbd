import { activatedBuffers, activationGradient, applyActivation } from './activation.js';
import { addInto, type Buf, type LayerContext, type ParamPair, type ParamStore, type SharedBuffers } from './buffers.js';
import { BatchNormLayer } from './batchnorm.js';
import { Conv2dLayer } from './conv2d.js';
import { DenseLayer } from './dense.js';
import type { Layer, LayerState } from './layer.js';
import { shapeSize, type PlannedResidual } from './plan.js';

/*
 * A residual block (He et al. 2016, "Deep Residual Learning", arXiv:1512.03385):
 *   y = f(s(x) + α·B(x))
 * B the branch (1–3 conv or dense layers, the activation between them and none after the last,
 * batchnorm allowed between), s the identity or a 1×1 conv / linear projection (He et al.'s option
 * B) when B changes the shape, f the block's activation. α is SkipInit's trainable scalar (De &
 * Smith 2020), present only when the network is built with `skipInit`; without it α ≡ 1.
 * Backward, with g = dL/dz (z = s(x) + α·B(x)):
 *   dL/dB(x) = α·g,  dα = Σ g·B(x),  dx = s′ᵀ·g + B′ᵀ·(α·g).
 */

interface ResidualState extends LayerState {
  readonly x: Buf;
  readonly branch: LayerState[];
  readonly projection: LayerState | null;
  readonly z: Buf;
  readonly dz: Buf | null;
  /** The branch's share of dx, before it is added to the skip's. */
  readonly dxBranch: Buf | null;
}

export type BranchLayer = Conv2dLayer | DenseLayer | BatchNormLayer;

export class ResidualLayer implements Layer<ResidualState> {
  readonly branch: BranchLayer[];
  readonly projection: Conv2dLayer | DenseLayer | null;
  /** SkipInit's α (one value), or null. */
  readonly alpha: ParamPair | null;

  constructor(readonly plan: PlannedResidual, params: ParamStore, private readonly slope: number, skipInit: boolean) {
    this.branch = plan.branch.map((p) => {
      if (p.kind === 'conv2d') return new Conv2dLayer(p, params, slope);
      if (p.kind === 'dense') return new DenseLayer(p, params, slope);
      return new BatchNormLayer(p, params, slope);
    });
    const proj = plan.projection;
    this.projection = proj === null ? null : proj.kind === 'conv2d' ? new Conv2dLayer(proj, params, slope) : new DenseLayer(proj, params, slope);
    this.alpha = skipInit ? params.other(1) : null;
  }

  needs(m: number) {
    const parts = [...this.branch, ...(this.projection ? [this.projection] : [])].map((l) => l.needs(m));
    return { gemmScratchBytes: Math.max(0, ...parts.map((p) => p.gemmScratchBytes)), dcol: Math.max(0, ...parts.map((p) => p.dcol)) };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): ResidualState {
    const branch: LayerState[] = [];
    let input = x;
    for (const l of this.branch) {
      const s = (l as Layer).createState(ctx, input, m, training);
      branch.push(s);
      input = s.y;
    }
    const projection = this.projection ? (this.projection as Layer).createState(ctx, x, m, training) : null;
    const n = shapeSize(this.plan.out) * m;
    const { z, y, dy, dz } = activatedBuffers(ctx, n, this.plan.activation, training);
    const dxBranch = training ? ctx.alloc(shapeSize(this.plan.in) * m) : null;
    return { x, branch, projection, z, y, dy, dz, dxBranch };
  }

  forward(ctx: LayerContext, shared: SharedBuffers, s: ResidualState): void {
    this.branch.forEach((l, i) => (l as Layer).forward(ctx, shared, s.branch[i]!));
    if (this.projection) (this.projection as Layer).forward(ctx, shared, s.projection!);
    const skip = (s.projection ? s.projection.y : s.x).view();
    const out = s.branch[s.branch.length - 1]!.y.view();
    const z = s.z.view();
    if (this.alpha) {
      const a = this.alpha.value.view()[0]!;
      for (let i = 0; i < z.length; i++) z[i] = skip[i]! + a * out[i]!;
    } else {
      for (let i = 0; i < z.length; i++) z[i] = skip[i]! + out[i]!;
    }
    applyActivation(this.plan.activation, this.slope, s.z, s.y);
  }

  backward(ctx: LayerContext, shared: SharedBuffers, s: ResidualState, dx: Buf | null): void {
    activationGradient(this.plan.activation, this.slope, s.z, s.y, s.dy!, s.dz!);
    const g = s.dz!.view();
    const last = s.branch[s.branch.length - 1]!;
    const gb = last.dy!.view();
    if (this.alpha) {
      const a = this.alpha.value.view()[0]!;
      const out = last.y.view();
      let da = 0;
      for (let i = 0; i < g.length; i++) {
        da += g[i]! * out[i]!;
        gb[i] = a * g[i]!;
      }
      this.alpha.grad.view()[0] = da;
    } else {
      gb.set(g);
    }
    for (let i = this.branch.length - 1; i >= 0; i--) {
      const target = i > 0 ? s.branch[i - 1]!.dy : dx ? s.dxBranch : null;
      (this.branch[i] as Layer).backward(ctx, shared, s.branch[i]!, target);
    }
    if (this.projection) {
      s.projection!.dy!.view().set(g);
      (this.projection as Layer).backward(ctx, shared, s.projection!, dx);
    } else if (dx) {
      dx.view().set(g);
    }
    if (dx) addInto(dx.view(), s.dxBranch!.view());
  }
}
