import type { Buf, LayerContext, SharedBuffers } from './buffers.js';
import type { Layer, LayerState } from './layer.js';
import { shapeSize, type PlannedPool } from './plan.js';

/*
 * Max and average pooling over size × size windows with a stride, no padding (PyTorch's
 * MaxPool2d/AvgPool2d defaults), on feature-major batches: every window element is a run of m
 * samples, so the inner loops run over samples.
 * Max pooling keeps, per output, the input index of its maximum (the first one on ties, as
 * PyTorch's CPU kernel does), and its gradient goes there alone; average pooling spreads dy/size².
 */

interface PoolState extends LayerState {
  readonly x: Buf;
  /** maxpool: per output element, the element index (within x) of its maximum. */
  readonly arg: Int32Array;
}

export class PoolLayer implements Layer<PoolState> {
  constructor(readonly plan: PlannedPool) {}

  needs() {
    return { gemmScratchBytes: 0, dcol: 0 };
  }

  createState(ctx: LayerContext, x: Buf, m: number, training: boolean): PoolState {
    const n = shapeSize(this.plan.out) * m;
    return { x, y: ctx.alloc(n), dy: training ? ctx.alloc(n) : null, arg: new Int32Array(this.plan.kind === 'maxpool' ? n : 0) };
  }

  forward(_ctx: LayerContext, shared: SharedBuffers, s: PoolState): void {
    const x = s.x.view();
    const y = s.y.view();
    const m = shared.m;
    const { c: C, h: H, w: W } = this.plan.in;
    const { h: OH, w: OW } = this.plan.out;
    const { size, stride } = this.plan;
    const arg = s.arg;
    const inv = 1 / (size * size);
    const rowStep = W * m;
    const max = this.plan.kind === 'maxpool';
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const out = ((c * OH + oy) * OW + ox) * m;
          const first = ((c * H + oy * stride) * W + ox * stride) * m;
          // One output value at a time, its window's values kept in a local: a value is written once.
          for (let j = 0; j < m; j++) {
            const corner = first + j;
            if (max) {
              let best = x[corner]!;
              let at = corner;
              for (let ky = 0; ky < size; ky++) {
                const row = corner + ky * rowStep;
                for (let kx = 0; kx < size; kx++) {
                  const i = row + kx * m;
                  const v = x[i]!;
                  if (v > best) {
                    best = v;
                    at = i;
                  }
                }
              }
              y[out + j] = best;
              arg[out + j] = at;
            } else {
              let sum = 0;
              for (let ky = 0; ky < size; ky++) {
                const row = corner + ky * rowStep;
                for (let kx = 0; kx < size; kx++) sum += x[row + kx * m]!;
              }
              y[out + j] = sum * inv;
            }
          }
        }
      }
    }
  }

  backward(_ctx: LayerContext, shared: SharedBuffers, s: PoolState, dx: Buf | null): void {
    if (!dx) return;
    const d = dx.view();
    const dy = s.dy!.view();
    d.fill(0);
    if (this.plan.kind === 'maxpool') {
      const arg = s.arg;
      for (let i = 0; i < dy.length; i++) d[arg[i]!] = d[arg[i]!]! + dy[i]!;
      return;
    }
    const m = shared.m;
    const { c: C, h: H, w: W } = this.plan.in;
    const { h: OH, w: OW } = this.plan.out;
    const { size, stride } = this.plan;
    const inv = 1 / (size * size);
    for (let c = 0; c < C; c++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const out = ((c * OH + oy) * OW + ox) * m;
          for (let ky = 0; ky < size; ky++) {
            for (let kx = 0; kx < size; kx++) {
              const src = ((c * H + oy * stride + ky) * W + ox * stride + kx) * m;
              for (let s2 = 0; s2 < m; s2++) d[src + s2] = d[src + s2]! + dy[out + s2]! * inv;
            }
          }
        }
      }
    }
  }
}
