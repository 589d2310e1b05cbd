import type { Dataset } from '../../src/data/types.js';
import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import { classColor, probabilityColor, rgb, valueColor } from './colors.js';

/*
 * The decision-boundary heat map: the network's output on an n × n grid as a bitmap, the p = ½
 * boundary as a dark contour line, then the points — training points filled, test points hollow rings.
 */

export interface HeatmapInput {
  bounds: PlaneBounds;
  n: number;
  /** Row j at height yMin + (j + ½)·dy (bottom to top): P(class 1), or class + max probability. */
  grid: Float32Array;
  nClasses: number;
  train: Dataset;
  test: Dataset;
  /** Full class colours by the most likely class, no shades (TF Playground's "discretize output"). */
  discretize?: boolean;
  /** Draw the test points (default true). */
  showTest?: boolean;
  /** Real targets: points coloured by value (−1 orange … +1 blue), the grid holds (v + 1) / 2. */
  regression?: boolean;
}

/** Pixel position of a data point (y up). */
export function toPixel(b: PlaneBounds, size: number, x0: number, x1: number): [number, number] {
  return [((x0 - b.xMin) / (b.xMax - b.xMin)) * size, (1 - (x1 - b.yMin) / (b.yMax - b.yMin)) * size];
}

/** The data point under a pixel. */
export function fromPixel(b: PlaneBounds, size: number, px: number, py: number): [number, number] {
  return [b.xMin + (px / size) * (b.xMax - b.xMin), b.yMin + (1 - py / size) * (b.yMax - b.yMin)];
}

const bitmaps = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

function gridBitmap(owner: HTMLCanvasElement, input: HeatmapInput): HTMLCanvasElement {
  const n = input.n;
  let bmp = bitmaps.get(owner);
  if (!bmp || bmp.width !== n) {
    bmp = document.createElement('canvas');
    bmp.width = n;
    bmp.height = n;
    bitmaps.set(owner, bmp);
  }
  const ctx = bmp.getContext('2d')!;
  const img = ctx.createImageData(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = input.grid[j * n + i]!;
      let c: [number, number, number];
      if (input.nClasses <= 2) c = probabilityColor(input.discretize ? (v >= 0.5 ? 1 : 0) : v);
      else {
        const cls = Math.floor(v);
        const conf = input.discretize ? 1 : v - cls;
        const base = classColor(cls);
        const t = 0.25 + 0.45 * conf;
        c = [0, 1, 2].map((k) => Math.round(250 + (base[k]! - 250) * t)) as [number, number, number];
      }
      const o = ((n - 1 - j) * n + i) * 4;
      img.data[o] = c[0];
      img.data[o + 1] = c[1];
      img.data[o + 2] = c[2];
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return bmp;
}

/** Draws on `canvas` (square, `size` CSS pixels, scaled for the device). */
export function drawHeatmap(canvas: HTMLCanvasElement, size: number, input: HeatmapInput): void {
  const ctx = canvas.getContext('2d')!;
  const dpr = canvas.width / size;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(gridBitmap(canvas, input), 0, 0, size, size);
  // The p = ½ contour by marching squares between cell centres, crossings placed by linear interpolation.
  if (input.nClasses <= 2) {
    const n = input.n;
    const cell = size / n;
    const g = input.grid;
    const px = (i: number): number => (i + 0.5) * cell;
    const py = (j: number): number => size - (j + 0.5) * cell;
    ctx.beginPath();
    for (let j = 0; j + 1 < n; j++) {
      for (let i = 0; i + 1 < n; i++) {
        const v = [g[j * n + i]! - 0.5, g[j * n + i + 1]! - 0.5, g[(j + 1) * n + i + 1]! - 0.5, g[(j + 1) * n + i]! - 0.5];
        const corners: [number, number][] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
        const cross: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const a = v[e]!;
          const b = v[(e + 1) % 4]!;
          if ((a < 0) !== (b < 0)) {
            const t = a / (a - b);
            const [ai, aj] = corners[e]!;
            const [bi, bj] = corners[(e + 1) % 4]!;
            cross.push([px(ai + t * (bi - ai)), py(aj + t * (bj - aj))]);
          }
        }
        for (let k = 0; k + 1 < cross.length; k += 2) {
          ctx.moveTo(cross[k]![0], cross[k]![1]);
          ctx.lineTo(cross[k + 1]![0], cross[k + 1]![1]);
        }
      }
    }
    ctx.strokeStyle = 'rgba(40, 40, 40, 0.8)';
    ctx.lineWidth = 1.4;
    ctx.stroke();
  }
  const r = size >= 240 ? 3.2 : 2.6;
  const sets = input.showTest === false ? ([[input.train, false]] as const) : ([[input.train, false], [input.test, true]] as const);
  for (const [d, hollow] of sets) {
    for (let s = 0; s < d.nSamples; s++) {
      const [px, py] = toPixel(input.bounds, size, d.x[s]!, d.x[d.nSamples + s]!);
      ctx.beginPath();
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      const c = input.regression ? valueColor(d.y[s]!) : classColor(d.y[s]!);
      if (hollow) {
        ctx.lineWidth = 1.8;
        ctx.strokeStyle = 'rgba(20, 20, 20, 0.9)';
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(px, py, r - 1, 0, 2 * Math.PI);
        ctx.lineWidth = 1.2;
        ctx.strokeStyle = rgb(c);
        ctx.stroke();
      } else {
        ctx.fillStyle = rgb(c);
        ctx.fill();
        ctx.lineWidth = 0.8;
        ctx.strokeStyle = 'white';
        ctx.stroke();
      }
    }
  }
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, size - 1, size - 1);
}
