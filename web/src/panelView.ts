import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { drawCurves } from './curves.js';
import { drawHeatmap, fromPixel } from './heatmap.js';
import { describeHistograms, drawHistograms } from './histogramsView.js';
import { NeuronsView } from './neuronsView.js';
import { compact } from './format.js';
import { GraphView } from './graphView.js';
import type { Snapshot } from './protocol.js';

/*
 * One panel's DOM: its initializer and seed fields, the heat map, the numbers (with data-testid and
 * full-precision data-value attributes for tests and screen readers), the curves, the verdicts and
 * the per-layer histograms. It only draws what a snapshot says; main.ts owns the workers.
 */

export const HEATMAP_SIZE = 260;
export const CURVES_W = 260;
export const CURVES_H = 150;
export const HIST_H = 86;

export interface PanelCallbacks {
  onSpec(spec: string): void;
  onSeed(seed: number | undefined): void;
  onRemove(): void;
  onPng(): void;
  onPlot(x0: number, x1: number): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function hiDpiCanvas(width: number, height: number, label: string): HTMLCanvasElement {
  const c = el('canvas', { role: 'img', 'aria-label': label });
  const dpr = Math.max(1, Math.min(2, window.devicePixelRatio || 1));
  c.width = Math.round(width * dpr);
  c.height = Math.round(height * dpr);
  c.style.width = `${width}px`;
  c.style.height = `${height}px`;
  return c;
}

const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(2)}%` : '—');
const num = compact;

export class PanelView {
  readonly root: HTMLElement;
  readonly heatmap: HTMLCanvasElement;
  readonly curves: HTMLCanvasElement;
  readonly histograms: HTMLCanvasElement;
  readonly neurons: NeuronsView;
  readonly graph: GraphView;
  readonly title: HTMLElement;
  private readonly specInput: HTMLInputElement;
  private readonly seedInput: HTMLInputElement;
  private readonly specError: HTMLElement;
  private readonly fields: Record<'iteration' | 'train-acc' | 'test-acc' | 'train-loss' | 'test-loss', HTMLElement>;
  private readonly verdictList: HTMLUListElement;
  private readonly histBlock: HTMLElement;
  private readonly errorLine: HTMLElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly accLabels: [HTMLElement, HTMLElement];
  /** The panel's place when it was made (a replaced view keeps it: main.ts panelIndex). */
  readonly index: number;
  bounds: PlaneBounds | undefined;
  /** How the heat map is drawn (view toggles: they change no run). */
  view: { discretize: boolean; showTest: boolean } = { discretize: false, showTest: true };
  last: Snapshot | undefined;
  private verdictKey = '';
  private readonly spec: string;

  constructor(index: number, spec: string, seed: number | undefined, sharedSeed: number, cb: PanelCallbacks) {
    this.spec = spec;
    this.index = index;
    this.root = el('section', { class: 'panel', 'data-testid': `panel-${index}`, 'aria-label': `panel ${index + 1}: ${spec}` });
    const head = el('div', { class: 'panel-head' });
    this.title = el('h2', {}, spec);
    const specId = `spec-${index}`;
    const seedId = `seed-${index}`;
    this.specInput = el('input', { id: specId, type: 'text', list: 'init-names', value: spec, 'data-testid': `spec-${index}`, spellcheck: 'false', autocomplete: 'off' });
    this.seedInput = el('input', { id: seedId, type: 'number', min: '0', step: '1', placeholder: String(sharedSeed), 'data-testid': `panel-seed-${index}` });
    if (seed !== undefined) this.seedInput.value = String(seed);
    this.specError = el('div', { class: 'field-error', role: 'alert' });
    const specLabel = el('label', { for: specId }, 'initializer');
    const seedLabel = el('label', { for: seedId, title: 'empty = the shared weight seed' }, 'weight seed');
    const remove = el('button', { type: 'button', 'aria-label': `remove panel ${index + 1}`, title: 'remove this panel' }, '✕');
    const png = el('button', { type: 'button', 'data-testid': `png-${index}`, title: 'download this panel as PNG' }, 'PNG');
    this.specInput.addEventListener('change', () => cb.onSpec(this.specInput.value.trim()));
    this.seedInput.addEventListener('change', () => cb.onSeed(this.seedInput.value.trim() === '' ? undefined : Number(this.seedInput.value)));
    this.removeButton = remove;
    remove.addEventListener('click', () => cb.onRemove());
    png.addEventListener('click', () => cb.onPng());
    const specWrap = el('div', { class: 'field' });
    specWrap.append(specLabel, this.specInput);
    const seedWrap = el('div', { class: 'field seed-field' });
    seedWrap.append(seedLabel, this.seedInput);
    const buttons = el('div', { class: 'panel-buttons' });
    buttons.append(png, remove);
    head.append(this.title, buttons);
    const inputs = el('div', { class: 'panel-inputs' });
    inputs.append(specWrap, seedWrap);

    this.heatmap = hiDpiCanvas(HEATMAP_SIZE, HEATMAP_SIZE, `decision boundary of ${spec}: training points filled, test points hollow`);
    this.heatmap.classList.add('heatmap');
    this.heatmap.addEventListener('click', (ev) => {
      if (!this.bounds) return;
      const rect = this.heatmap.getBoundingClientRect();
      const [x0, x1] = fromPixel(this.bounds, HEATMAP_SIZE, ((ev.clientX - rect.left) / rect.width) * HEATMAP_SIZE, ((ev.clientY - rect.top) / rect.height) * HEATMAP_SIZE);
      cb.onPlot(x0, x1);
    });

    const stats = el('dl', { class: 'stats' });
    const labels: HTMLElement[] = [];
    const field = (key: keyof PanelView['fields'], label: string): HTMLElement => {
      const dt = el('dt', {}, label);
      labels.push(dt);
      const dd = el('dd', { 'data-testid': `${key}-${index}` }, '—');
      stats.append(dt, dd);
      return dd;
    };
    this.fields = {
      iteration: field('iteration', 'iteration'),
      'train-acc': field('train-acc', 'train accuracy'),
      'test-acc': field('test-acc', 'test accuracy'),
      'train-loss': field('train-loss', 'train loss'),
      'test-loss': field('test-loss', 'test loss'),
    };
    this.accLabels = [labels[1]!, labels[2]!];
    this.curves = hiDpiCanvas(CURVES_W, CURVES_H, `loss and accuracy curves of ${spec}`);
    this.verdictList = el('ul', { class: 'verdicts', 'data-testid': `verdicts-${index}`, 'aria-label': 'detector verdicts' });
    this.histograms = hiDpiCanvas(CURVES_W, HIST_H, `per-layer histograms of ${spec}`);
    this.histBlock = el('div', { class: 'histograms', 'data-testid': `histograms-${index}` });
    this.histBlock.append(this.histograms);
    this.neurons = new NeuronsView(index, spec);
    this.graph = new GraphView(index, spec);
    this.errorLine = el('div', { class: 'panel-error', role: 'alert', 'data-testid': `error-${index}` });
    this.root.append(head, inputs, this.specError, this.heatmap, stats, this.curves, this.verdictList, this.histBlock, this.graph.root, this.neurons.root, this.errorLine);
    this.root.dataset.finished = 'false';
  }

  /** The last panel's ✕ is disabled, with a tooltip that says why. */
  setRemovable(removable: boolean): void {
    this.removeButton.disabled = !removable;
    this.removeButton.title = removable ? 'remove this panel' : 'the last panel cannot be removed: add another first';
  }

  setSpecError(message: string): void {
    this.specError.textContent = message;
    this.specInput.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  showError(message: string): void {
    this.errorLine.textContent = message;
    this.root.dataset.error = message ? 'true' : 'false';
  }

  /** Draws a snapshot; the heat map, verdicts and histograms only when `heavy` (they changed). */
  render(snap: Snapshot, data: TrainingData, bounds: PlaneBounds, heavy = true): void {
    this.last = snap;
    this.bounds = bounds;
    if (heavy && snap.grid.length > 0) drawHeatmap(this.heatmap, HEATMAP_SIZE, { bounds, n: Math.round(Math.sqrt(snap.grid.length)), grid: snap.grid, nClasses: snap.nClasses, train: data.train, test: data.test, regression: data.task === 'regression', ...this.view });
    const final = snap.metrics[snap.metrics.length - 1];
    const set = (key: keyof PanelView['fields'], text: string, value: number): void => {
      const e = this.fields[key];
      e.textContent = text;
      e.dataset.value = String(value);
    };
    // A diverged run stops early: say so and where, rather than "1 / 200" next to "finished".
    if (snap.status === 'diverged') set('iteration', `diverged at ${snap.divergedAt ?? snap.iteration} / ${snap.total}`, snap.iteration);
    else set('iteration', `${snap.iteration} / ${snap.total}`, snap.iteration);
    // Regression: the engine's "accuracy" is R² (src/train/trainer.ts), shown as such.
    const regression = data.task === 'regression';
    this.accLabels[0].textContent = regression ? 'train R²' : 'train accuracy';
    this.accLabels[1].textContent = regression ? 'test R²' : 'test accuracy';
    const acc = regression ? (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—') : pct;
    if (final) {
      set('train-acc', acc(final.trainAccuracy), final.trainAccuracy);
      set('test-acc', acc(final.testAccuracy), final.testAccuracy);
      set('train-loss', num(final.trainLoss), final.trainLoss);
      set('test-loss', num(final.testLoss), final.testLoss);
    }
    drawCurves(this.curves, CURVES_W, CURVES_H, snap.metrics, snap.total, regression ? 'R² (below 0 drawn at 0)' : 'accuracy');
    const verdictKey = JSON.stringify(snap.verdicts);
    if (verdictKey !== this.verdictKey) this.verdictList.replaceChildren(
      ...snap.verdicts.map((v) => {
        const li = el('li', { 'data-kind': v.kind, 'data-flagged': String(v.flagged), class: v.flagged ? 'flagged' : 'ok', title: v.message });
        const badge = el('span', { class: 'badge' }, `${v.flagged ? '⚠' : '✓'} ${v.kind}`);
        const text = el('span', { class: 'verdict-text' }, v.message);
        li.append(badge, text);
        if (v.impact !== undefined) {
          li.dataset.impact = v.impact;
          li.append(el('span', { class: `verdict-impact ${v.impact}`, 'data-testid': `impact-${v.kind}` }, ` ${v.impactText ?? ''}`));
        }
        return li;
      }),
    );
    this.verdictKey = verdictKey;
    this.histBlock.hidden = snap.histogramView === 'off';
    if (heavy && snap.histogramView !== 'off') {
      drawHistograms(this.histograms, CURVES_W, HIST_H, snap.histograms, snap.histogramView);
      this.histograms.setAttribute('aria-label', describeHistograms(snap.histograms, snap.histogramView, this.spec));
    }
    this.histBlock.dataset.view = snap.histogramView;
    if (heavy) this.neurons.render(snap.neurons);
    if (heavy) this.graph.render(snap.graph);
    this.root.dataset.finished = String(snap.finished);
    this.root.dataset.status = snap.status;
    this.root.dataset.iteration = String(snap.iteration);
    this.root.classList.toggle('diverged', snap.status === 'diverged');
  }
}
