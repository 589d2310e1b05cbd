import type { FloatArray } from '../../core/dtype.js';
import type { PlannedConv } from './plan.js';

/*
 * im2col and its adjoint col2im on feature-major batches, by element indices into ONE whole-memory
 * array (LayerContext.heap), so that runs are moved with copyWithin/fill and nothing is allocated.
 *
 * col has C·k·k rows, row r = (c·k + ky)·k + kx (PyTorch's (out, in, kh, kw) kernel order, so that
 * the kernel W (F × C·k·k) times col is the convolution), and OH·OW·m columns, column
 * (oy·OW + ox)·m + s. Entry = x[c, oy·stride + ky − padTop, ox·stride + kx − padLeft] for sample s,
 * or 0 in the padding. Samples are innermost in both x and col, so every (row, oy, ox) is a run of m
 * values, and with stride 1 the whole valid ox range of one (row, oy) is ONE contiguous run.
 */

/** [first, last] output indices whose input index o·stride + k − pad lies in [0, n). */
function validRange(n: number, outN: number, stride: number, k: number, pad: number): [number, number] {
  // o·stride + k − pad ≥ 0  ⇔  o ≥ ⌈(pad − k)/stride⌉ ;  o·stride + k − pad ≤ n − 1  ⇔  o ≤ ⌊(n − 1 + pad − k)/stride⌋
  const lo = Math.max(0, Math.ceil((pad - k) / stride));
  const hi = Math.min(outN - 1, Math.floor((n - 1 + pad - k) / stride));
  return [lo, hi];
}

/** heap[colAt …] = im2col(heap[xAt …]); xAt and colAt are element indices. */
export function im2col(heap: FloatArray, p: PlannedConv, m: number, xAt: number, colAt: number): void {
  const { c: C, h: H, w: W } = p.in;
  const { h: OH, w: OW } = p.out;
  const k = p.kernel;
  const st = p.stride;
  const rowLen = OH * OW * m;
  for (let c = 0; c < C; c++) {
    for (let ky = 0; ky < k; ky++) {
      const [oy0, oy1] = validRange(H, OH, st, ky, p.padTop);
      for (let kx = 0; kx < k; kx++) {
        const [ox0, ox1] = validRange(W, OW, st, kx, p.padLeft);
        const row = colAt + ((c * k + ky) * k + kx) * rowLen;
        for (let oy = 0; oy < OH; oy++) {
          const dst = row + oy * OW * m;
          if (oy < oy0 || oy > oy1 || ox0 > ox1) {
            heap.fill(0, dst, dst + OW * m);
            continue;
          }
          const iy = oy * st + ky - p.padTop;
          const srcRow = xAt + (c * H + iy) * W * m;
          if (ox0 > 0) heap.fill(0, dst, dst + ox0 * m);
          if (st === 1) {
            const ix0 = ox0 + kx - p.padLeft;
            heap.copyWithin(dst + ox0 * m, srcRow + ix0 * m, srcRow + (ix0 + ox1 - ox0 + 1) * m);
          } else {
            for (let ox = ox0; ox <= ox1; ox++) {
              const ix = ox * st + kx - p.padLeft;
              heap.copyWithin(dst + ox * m, srcRow + ix * m, srcRow + (ix + 1) * m);
            }
          }
          if (ox1 < OW - 1) heap.fill(0, dst + (ox1 + 1) * m, dst + OW * m);
        }
      }
    }
  }
}

/** heap[dxAt …] = col2im(heap[dcolAt …]): the adjoint of im2col (every column entry added back to its input pixel). */
export function col2im(heap: FloatArray, p: PlannedConv, m: number, dcolAt: number, dxAt: number): void {
  const { c: C, h: H, w: W } = p.in;
  const { h: OH, w: OW } = p.out;
  const k = p.kernel;
  const st = p.stride;
  const rowLen = OH * OW * m;
  heap.fill(0, dxAt, dxAt + C * H * W * m);
  for (let c = 0; c < C; c++) {
    for (let ky = 0; ky < k; ky++) {
      const [oy0, oy1] = validRange(H, OH, st, ky, p.padTop);
      for (let kx = 0; kx < k; kx++) {
        const [ox0, ox1] = validRange(W, OW, st, kx, p.padLeft);
        if (ox0 > ox1) continue;
        const row = dcolAt + ((c * k + ky) * k + kx) * rowLen;
        for (let oy = oy0; oy <= oy1; oy++) {
          const iy = oy * st + ky - p.padTop;
          const dxRow = dxAt + (c * H + iy) * W * m;
          const src = row + oy * OW * m;
          if (st === 1) {
            const d = dxRow + (ox0 + kx - p.padLeft) * m;
            const s0 = src + ox0 * m;
            const n = (ox1 - ox0 + 1) * m;
            for (let i = 0; i < n; i++) heap[d + i] = heap[d + i]! + heap[s0 + i]!;
          } else {
            for (let ox = ox0; ox <= ox1; ox++) {
              const d = dxRow + (ox * st + kx - p.padLeft) * m;
              const s0 = src + ox * m;
              for (let i = 0; i < m; i++) heap[d + i] = heap[d + i]! + heap[s0 + i]!;
            }
          }
        }
      }
    }
  }
}
