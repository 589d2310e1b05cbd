import type { LayerHistogram } from './protocol.js';
import type { HistogramView } from './state.js';

/*
 * One small bar chart per hidden layer: the distribution of the layer's activations A_l (or of
 * ∂L/∂Z_l) over the training set, with its range and std, so a collapse (all zeros), a dead layer
 * or a blow-up is visible at a glance.
 */

const fmt = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
};

export function drawHistograms(canvas: HTMLCanvasElement, width: number, height: number, layers: readonly LayerHistogram[], view: HistogramView): void {
  const ctx = canvas.getContext('2d')!;
  const dpr = canvas.width / width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, width, height);
  if (layers.length === 0) return;
  const gap = 8;
  const w = (width - gap * (layers.length - 1)) / layers.length;
  const top = 14;
  const bottom = height - 24;
  ctx.font = '10px system-ui, sans-serif';
  layers.forEach((h, k) => {
    const x = k * (w + gap);
    const max = Math.max(1, ...h.counts);
    const bw = w / h.counts.length;
    ctx.fillStyle = view === 'gradients' ? '#8064a2' : '#4f81bd';
    h.counts.forEach((c, i) => {
      const bh = (c / max) * (bottom - top);
      ctx.fillRect(x + i * bw, bottom - bh, Math.max(1, bw - 0.5), bh);
    });
    ctx.strokeStyle = '#bbb';
    ctx.beginPath();
    ctx.moveTo(x, bottom + 0.5);
    ctx.lineTo(x + w, bottom + 0.5);
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.textAlign = 'left';
    ctx.fillText(`layer ${h.layer} (${h.units})  σ ${fmt(h.std)}`, x, 10);
    ctx.fillStyle = '#666';
    ctx.fillText(fmt(h.lo), x, bottom + 12);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(h.hi), x + w, bottom + 12);
    if (h.nonFinite > 0) {
      ctx.fillStyle = '#c00';
      ctx.textAlign = 'left';
      ctx.fillText(`${h.nonFinite} NaN/∞`, x, bottom + 22);
    }
  });
}

/**
 * The histograms in words, for the canvas's accessible name (a screen reader cannot read a canvas)
 * and the tests: the view, then each layer's units, std and range.
 */
export function describeHistograms(layers: readonly LayerHistogram[], view: HistogramView, spec: string): string {
  if (view === 'off' || layers.length === 0) return `per-layer histograms of ${spec}: none`;
  const what = view === 'gradients' ? 'gradients ∂L/∂Z' : 'activations A';
  const parts = layers.map((h) => `layer ${h.layer} (${h.units} units): σ ${fmt(h.std)}, from ${fmt(h.lo)} to ${fmt(h.hi)}${h.nonFinite > 0 ? `, ${h.nonFinite} NaN/∞` : ''}`);
  return `per-layer ${what} of ${spec} — ${parts.join('; ')}`;
}
