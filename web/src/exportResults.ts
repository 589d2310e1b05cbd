import type { TrainingData } from '../../src/train/trainer.js';
import { dataToCsv } from './csvData.js';
import type { Snapshot } from './protocol.js';
import { dataSpecOf, runConfigFor, type PlaygroundState } from './state.js';
import { encodeState } from './url.js';

/*
 * Export (issue 6 §5): the current results as JSON — initlab's version, the page's state (every
 * control and seed), the link that reproduces it, each panel's RunConfig and its run so far — and
 * each panel as a PNG.
 */

declare const __INITLAB_VERSION__: string;
export const VERSION: string = typeof __INITLAB_VERSION__ === 'string' ? __INITLAB_VERSION__ : 'unknown';

export function resultsDocument(state: PlaygroundState, snapshots: readonly (Snapshot | undefined)[], data: TrainingData, customData: boolean, pageUrl: string): Record<string, unknown> {
  return {
    initlab: { version: VERSION },
    source: 'playground',
    link: pageUrl,
    query: encodeState(state),
    state,
    data: customData ? { name: 'custom', csv: dataToCsv(data) } : dataSpecOf(state.data),
    runs: state.panels.map((p, i) => {
      const snap = snapshots[i];
      return {
        panel: i + 1,
        init: p.init,
        config: runConfigFor(state, i),
        iteration: snap?.iteration ?? 0,
        finished: snap?.finished ?? false,
        status: snap?.status ?? 'ok',
        ...(snap?.divergedAt !== undefined ? { divergedAt: snap.divergedAt } : {}),
        final: snap?.metrics[snap.metrics.length - 1] ?? null,
        symmetric: snap?.result?.symmetric ?? null,
        verdicts: snap?.verdicts ?? [],
        metrics: snap?.metrics ?? [],
      };
    }),
  };
}

/**
 * JSON with non-finite numbers as the strings "Infinity", "-Infinity", "NaN" — the convention of
 * `stringifyResults` (src/experiments/resultsDocument.ts, whose module the page does not load:
 * its type imports reach the Node-only comparison runner).
 */
export function resultsJson(doc: Record<string, unknown>): string {
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2) + '\n';
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One hidden layer of the neuron view as drawn: its label, one canvas per unit, their CSS size. */
export interface NeuronLayerImage {
  label: string;
  canvases: readonly HTMLCanvasElement[];
  size: number;
}

/** Height of the neuron layers in the image: a label line, then rows of squares 260 px wide at most. */
function neuronsHeight(layers: readonly NeuronLayerImage[]): number {
  return layers.reduce((h, l) => h + 14 + Math.ceil(l.canvases.length / Math.max(1, Math.floor(262 / (l.size + 2)))) * (l.size + 2) + 4, 0);
}

/** One panel as an image: title, heat map, numbers, curves, verdicts, histograms and neuron maps. */
export function panelImage(title: string, lines: readonly string[], heatmap: HTMLCanvasElement, curves: HTMLCanvasElement, histograms: HTMLCanvasElement | undefined, verdicts: readonly { text: string; flagged: boolean }[], neurons: readonly NeuronLayerImage[] = []): HTMLCanvasElement {
  const scale = heatmap.width / parseFloat(heatmap.style.width || String(heatmap.width));
  const w = 560;
  const pad = 12;
  const heatW = 260;
  const right = pad * 2 + heatW;
  const verdictH = verdicts.length * 16 + 8;
  const histH = histograms ? 86 : 0;
  const neuronH = neurons.length > 0 ? neuronsHeight(neurons) + 8 : 0;
  const h = pad + 22 + Math.max(heatW, lines.length * 16 + 150) + verdictH + histH + neuronH + pad * 2;
  const c = document.createElement('canvas');
  c.width = Math.round(w * scale);
  c.height = Math.round(h * scale);
  const ctx = c.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 15px system-ui, sans-serif';
  ctx.fillText(title, pad, pad + 14);
  const top = pad + 24;
  ctx.drawImage(heatmap, pad, top, heatW, heatW);
  ctx.font = '12px system-ui, sans-serif';
  lines.forEach((l, i) => ctx.fillText(l, right, top + 12 + i * 16));
  ctx.drawImage(curves, right, top + lines.length * 16 + 4, 260, 150);
  let y = top + Math.max(heatW, lines.length * 16 + 150) + 18;
  ctx.font = '11px system-ui, sans-serif';
  for (const v of verdicts) {
    ctx.fillStyle = v.flagged ? '#b00' : '#2a7a2a';
    const text = v.text.length > 95 ? `${v.text.slice(0, 94)}…` : v.text;
    ctx.fillText(text, pad, y);
    y += 16;
  }
  if (histograms) ctx.drawImage(histograms, pad, y, 260, 86);
  y += histH + 8;
  ctx.imageSmoothingEnabled = true;
  for (const layer of neurons) {
    ctx.fillStyle = '#444';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(layer.label, pad, y + 10);
    y += 14;
    const perRow = Math.max(1, Math.floor(262 / (layer.size + 2)));
    layer.canvases.forEach((canvas, k) => {
      const x = pad + (k % perRow) * (layer.size + 2);
      const top = y + Math.floor(k / perRow) * (layer.size + 2);
      ctx.drawImage(canvas, x, top, layer.size, layer.size);
      ctx.strokeStyle = '#ccd';
      ctx.strokeRect(x + 0.5, top + 0.5, layer.size - 1, layer.size - 1);
    });
    y += Math.ceil(layer.canvases.length / perRow) * (layer.size + 2) + 4;
  }
  return c;
}
