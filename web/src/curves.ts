import type { MetricPoint } from '../../src/core/runConfig.js';
import { axisNumber } from './format.js';

/*
 * Loss (log scale) and accuracy against iterations, train solid and test dashed, in two stacked
 * plots of one canvas. Non-finite values are never drawn: the run stops logging when it diverges.
 */

const TRAIN = '#1f4e79';
const TEST = '#c0504d';

function axisLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, align: CanvasTextAlign = 'left'): void {
  ctx.fillStyle = '#555';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = align;
  ctx.fillText(text, x, y);
}

// Compact (6.5e+289, not 6.505213034913038e+289) and the plot starts right of the widest label,
// so a diverging run's loss axis is not clipped to "e+289" (issue 15, defect 5).
const fmtLoss = axisNumber;

interface Plot {
  top: number;
  height: number;
  left: number;
  width: number;
}

function series(ctx: CanvasRenderingContext2D, plot: Plot, points: readonly MetricPoint[], total: number, y: (p: MetricPoint) => number, color: string, dashed: boolean): void {
  ctx.beginPath();
  let started = false;
  for (const p of points) {
    const v = y(p);
    if (!Number.isFinite(v)) continue;
    const px = plot.left + (total > 0 ? p.iteration / total : 0) * plot.width;
    const py = plot.top + (1 - Math.min(1, Math.max(0, v))) * plot.height;
    if (started) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    started = true;
  }
  ctx.setLineDash(dashed ? [4, 3] : []);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.6;
  ctx.stroke();
  ctx.setLineDash([]);
}

function frame(ctx: CanvasRenderingContext2D, p: Plot): void {
  ctx.strokeStyle = '#bbb';
  ctx.lineWidth = 1;
  ctx.strokeRect(p.left + 0.5, p.top + 0.5, p.width, p.height);
}

/** `accuracyLabel`: the lower plot's name; a regression's "accuracy" is R², whose values below 0 are drawn at 0. */
export function drawCurves(canvas: HTMLCanvasElement, width: number, height: number, metrics: readonly MetricPoint[], total: number, accuracyLabel = 'accuracy'): void {
  const ctx = canvas.getContext('2d')!;
  const dpr = canvas.width / width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, width, height);
  const values = metrics.flatMap((p) => [p.trainLoss, p.testLoss]).filter((v) => Number.isFinite(v) && v > 0);
  let lo = values.length > 0 ? Math.min(...values) : 0.01;
  let hi = values.length > 0 ? Math.max(...values) : 1;
  if (hi / lo < 10) {
    const mid = Math.sqrt(hi * lo);
    lo = mid / Math.sqrt(10);
    hi = mid * Math.sqrt(10);
  }
  ctx.font = '10px system-ui, sans-serif';
  const left = Math.max(36, Math.ceil(Math.max(ctx.measureText(fmtLoss(hi)).width, ctx.measureText(fmtLoss(lo)).width)) + 7);
  const plotW = width - left - 8;
  const half = (height - 30) / 2;
  const loss: Plot = { top: 12, height: half - 8, left, width: plotW };
  const acc: Plot = { top: 12 + half + 4, height: half - 8, left, width: plotW };

  // Loss on a log scale between the smallest and largest finite logged loss (computed above).
  const llo = Math.log10(lo);
  const lhi = Math.log10(hi);
  const scale = (v: number): number => (v > 0 ? (Math.log10(v) - llo) / (lhi - llo) : Number.NaN);
  frame(ctx, loss);
  frame(ctx, acc);
  series(ctx, loss, metrics, total, (p) => scale(p.trainLoss), TRAIN, false);
  series(ctx, loss, metrics, total, (p) => scale(p.testLoss), TEST, true);
  series(ctx, acc, metrics, total, (p) => p.trainAccuracy, TRAIN, false);
  series(ctx, acc, metrics, total, (p) => p.testAccuracy, TEST, true);
  axisLabel(ctx, 'loss (log)', left + 4, loss.top + 10);
  axisLabel(ctx, fmtLoss(hi), left - 3, loss.top + 8, 'right');
  axisLabel(ctx, fmtLoss(lo), left - 3, loss.top + loss.height, 'right');
  axisLabel(ctx, accuracyLabel, left + 4, acc.top + 10);
  axisLabel(ctx, '1', left - 3, acc.top + 8, 'right');
  axisLabel(ctx, '0', left - 3, acc.top + acc.height, 'right');
  axisLabel(ctx, '0', left, height - 4);
  axisLabel(ctx, `${total} iterations`, left + plotW, height - 4, 'right');
  // Legend.
  ctx.strokeStyle = TRAIN;
  ctx.beginPath();
  ctx.moveTo(left + plotW - 92, loss.top + 7);
  ctx.lineTo(left + plotW - 78, loss.top + 7);
  ctx.stroke();
  axisLabel(ctx, 'train', left + plotW - 75, loss.top + 10);
  ctx.setLineDash([4, 3]);
  ctx.strokeStyle = TEST;
  ctx.beginPath();
  ctx.moveTo(left + plotW - 46, loss.top + 7);
  ctx.lineTo(left + plotW - 32, loss.top + 7);
  ctx.stroke();
  ctx.setLineDash([]);
  axisLabel(ctx, 'test', left + plotW - 29, loss.top + 10);
}
