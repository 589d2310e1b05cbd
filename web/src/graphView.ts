import { CLASS_COLORS, rgb } from './colors.js';
import { compact } from './format.js';
import type { GraphPart } from './graph.js';

/*
 * Draws a panel's network graph (graph.ts): layers as columns of nodes, every weight as a line
 * from its input unit to its output unit, blue for w > 0 and orange for w < 0 (TF Playground's
 * colours), width proportional to |w| / max |w| of the net (at most 4 px); then one line per layer
 * with ‖W‖ and ‖∂L/∂W‖. A summarised net gets, per layer, a bar split by the share of positive
 * weights, its mean |w| and the two norms.
 */

const W = 260;
const H = 150;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export class GraphView {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private readonly norms: HTMLElement;

  constructor(index: number, spec: string) {
    this.root = el('div', { class: 'graph', 'data-testid': `graph-${index}` });
    this.canvas = el('canvas', { role: 'img', 'aria-label': `network graph of ${spec}: links blue for positive weights, orange for negative, wider for larger |w|` });
    const dpr = Math.max(1, Math.min(2, window.devicePixelRatio || 1));
    this.canvas.width = Math.round(W * dpr);
    this.canvas.height = Math.round(H * dpr);
    this.canvas.style.width = `${W}px`;
    this.canvas.style.height = `${H}px`;
    this.caption = el('p', { class: 'graph-caption' });
    this.norms = el('table', { class: 'graph-norms', 'data-testid': `graph-norms-${index}` });
    this.root.append(this.canvas, this.caption, this.norms);
    this.root.hidden = true;
  }

  render(part: GraphPart): void {
    this.root.hidden = part.view === 'off';
    this.root.dataset.view = part.view;
    if (part.view === 'off') return;
    this.root.dataset.sizes = part.sizes.join(',');
    this.root.dataset.weightNorms = part.layers.map((l) => l.weightNorm).join(',');
    this.root.dataset.gradNorms = part.layers.map((l) => l.gradNorm).join(',');
    this.root.dataset.positive = part.layers.map((l) => l.positive).join(',');
    const ctx = this.canvas.getContext('2d')!;
    const dpr = this.canvas.width / W;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, W, H);
    const cols = part.sizes.length;
    const xOf = (l: number): number => 14 + (l * (W - 28)) / Math.max(1, cols - 1);
    const neg = CLASS_COLORS[0]!;
    const pos = CLASS_COLORS[1]!;
    if (part.view === 'graph') {
      const yOf = (l: number, k: number): number => {
        const n = part.sizes[l]!;
        return H / 2 + (k - (n - 1) / 2) * Math.min(9, (H - 16) / Math.max(1, n - 1));
      };
      let max = 0;
      for (const layer of part.layers) for (const w of layer.weights ?? []) max = Math.max(max, Math.abs(w));
      part.layers.forEach((layer, l) => {
        const w = layer.weights!;
        const nIn = part.sizes[l]!;
        const nOut = part.sizes[l + 1]!;
        for (let j = 0; j < nOut; j++) {
          for (let i = 0; i < nIn; i++) {
            const v = w[j * nIn + i]!;
            if (v === 0 || max === 0) continue;
            ctx.strokeStyle = rgb(v > 0 ? pos : neg, 0.75);
            ctx.lineWidth = Math.max(0.3, (4 * Math.abs(v)) / max);
            ctx.beginPath();
            ctx.moveTo(xOf(l), yOf(l, i));
            ctx.lineTo(xOf(l + 1), yOf(l + 1, j));
            ctx.stroke();
          }
        }
      });
      part.sizes.forEach((n, l) => {
        for (let k = 0; k < n; k++) {
          ctx.beginPath();
          ctx.arc(xOf(l), yOf(l, k), 3.2, 0, 2 * Math.PI);
          ctx.fillStyle = '#fff';
          ctx.fill();
          ctx.strokeStyle = '#333';
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      });
      this.caption.textContent = `links: blue w > 0, orange w < 0, width ∝ |w| (widest ${compact(max)}).`;
    } else {
      // Per layer a bar: the blue share is the positive weights, its height the mean |w| (scaled to the largest).
      const maxMean = Math.max(...part.layers.map((l) => l.meanAbs), 1e-300);
      part.layers.forEach((layer, l) => {
        const x = (xOf(l) + xOf(l + 1)) / 2 - 10;
        const h = Math.max(2, ((H - 30) * layer.meanAbs) / maxMean);
        const top = H - 14 - h;
        ctx.fillStyle = rgb(pos);
        ctx.fillRect(x, top, 20, h * layer.positive);
        ctx.fillStyle = rgb(neg);
        ctx.fillRect(x, top + h * layer.positive, 20, h * (1 - layer.positive));
      });
      ctx.fillStyle = '#333';
      ctx.font = '10px system-ui, sans-serif';
      ctx.textAlign = 'center';
      part.sizes.forEach((n, l) => ctx.fillText(String(n), xOf(l), H - 3));
      this.caption.textContent = `${part.reason} Bars: mean |w| per layer, blue share = positive weights.`;
    }
    const head = el('tr');
    head.append(el('th', {}, 'layer'), el('th', {}, '‖W‖'), el('th', {}, '‖∂L/∂W‖'));
    this.norms.replaceChildren(
      head,
      ...part.layers.map((layer, l) => {
        const tr = el('tr');
        tr.append(el('td', {}, `${l + 1} (${part.sizes[l]}→${part.sizes[l + 1]})`), el('td', {}, compact(layer.weightNorm)), el('td', {}, compact(layer.gradNorm)));
        return tr;
      }),
    );
  }
}
