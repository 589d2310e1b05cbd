import type { NeuronLayerImage } from './exportResults.js';
import { NON_FINITE_COLOR, neuronColor, squareSize, type NeuronMaps, type NeuronsPart } from './neurons.js';

/*
 * The neuron maps of one panel: a row of small squares per hidden layer (input side first), each
 * one unit's activation over the decision map's plane, like TensorFlow Playground's network
 * diagram. Each canvas is NEURON_GRID pixels wide (one pixel per grid cell), scaled up by CSS, so
 * what a test reads with getImageData is exactly the colour of each cell. Redrawing costs about
 * a quarter of a millisecond per panel (packed-pixel table, ImageData reused, text touched only
 * when it changes), so the view leaves the frame rate of training alone.
 */

const fmt = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toExponential(1) : Number(v.toPrecision(3)).toString();
};

// neuronColor at 511 levels of [−1, 1] as whole RGBA pixels, written through the bytes so the
// packing follows the platform's byte order; the last entry is the NaN/∞ grey.
const LEVELS = 255;
const LUT = new Uint32Array(2 * LEVELS + 2);
{
  const bytes = new Uint8Array(LUT.buffer);
  for (let k = 0; k < LUT.length; k++) {
    const c = k <= 2 * LEVELS ? neuronColor(k / LEVELS - 1) : NON_FINITE_COLOR;
    bytes.set([c[0], c[1], c[2], 255], 4 * k);
  }
}
const NON_FINITE_PIXEL = 2 * LEVELS + 1;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export const NEURONS_CAPTION =
  "Each square: one hidden unit's activation over the plane of the map above (blue > 0, white 0, orange < 0, " +
  'one scale per layer; grey = NaN/∞). With zeros (or any constant) init every unit of a layer computes the same ' +
  'function, so its squares are identical — and gradient descent gives each the same update, so they stay identical: ' +
  'the symmetry is never broken.';

export class NeuronsView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly reason: HTMLElement;
  private canvases: HTMLCanvasElement[] = [];
  private images: ImageData[] = [];
  private layerLines: HTMLElement[] = [];
  private layout = '';
  private units: number[] = [];

  constructor(private readonly index: number, private readonly spec: string) {
    this.root = el('div', { class: 'neurons', 'data-testid': `neurons-${index}`, 'data-view': 'off' });
    this.reason = el('p', { class: 'note', 'data-testid': `neurons-reason-${index}` });
    this.body = el('div', { class: 'neuron-layers' });
    const caption = el('p', { class: 'neurons-caption' }, NEURONS_CAPTION);
    this.root.append(this.reason, this.body, caption);
    this.root.hidden = true;
  }

  render(part: NeuronsPart): void {
    this.root.dataset.view = part.view;
    this.root.hidden = part.view === 'off';
    this.reason.hidden = part.view !== 'unavailable';
    this.body.hidden = part.view !== 'maps';
    if (part.view === 'unavailable') this.reason.textContent = part.reason;
    if (part.view === 'maps') this.draw(part.maps);
  }

  /** The maps as drawn, for the panel's PNG; none when the view is off or not drawn. */
  imageLayers(): NeuronLayerImage[] {
    if (this.root.dataset.view !== 'maps') return [];
    let unit = 0;
    return this.layerLines.map((line, l) => {
      const units = this.units[l]!;
      const canvases = this.canvases.slice(unit, unit + units);
      unit += units;
      return { label: line.textContent ?? '', canvases, size: squareSize(units) };
    });
  }

  private build(maps: NeuronMaps): void {
    this.units = [...maps.units];
    this.canvases = [];
    this.images = [];
    this.layerLines = [];
    const layers = maps.units.map((units, l) => {
      const box = el('div', { class: 'neuron-layer', 'data-layer': String(l + 1) });
      const line = el('div', { class: 'neuron-layer-label' });
      const row = el('div', { class: 'neuron-row' });
      const size = squareSize(units);
      for (let u = 0; u < units; u++) {
        const c = el('canvas', { role: 'img', 'data-layer': String(l + 1), 'data-unit': String(u + 1), 'data-testid': `neuron-${this.index}-${l + 1}-${u + 1}` });
        c.width = maps.n;
        c.height = maps.n;
        c.style.width = `${size}px`;
        c.style.height = `${size}px`;
        row.append(c);
        this.canvases.push(c);
        this.images.push(new ImageData(maps.n, maps.n));
      }
      this.layerLines.push(line);
      box.append(line, row);
      return box;
    });
    this.body.replaceChildren(...layers);
  }

  private draw(maps: NeuronMaps): void {
    const layout = `${maps.n}:${maps.units.join(',')}`;
    if (layout !== this.layout) {
      this.build(maps);
      this.layout = layout;
    }
    const m = maps.n * maps.n;
    let unit = 0;
    maps.units.forEach((units, l) => {
      const line = this.layerLines[l]!;
      const label = `layer ${l + 1} · ${units} units · max |A| ${fmt(maps.scale[l]!)}`;
      const bad = maps.nonFinite[l]! > 0 ? ` · ${maps.nonFinite[l]} NaN/∞` : '';
      if (line.textContent !== label + bad) {
        line.replaceChildren(label);
        if (bad) line.append(el('span', { class: 'bad' }, bad));
      }
      for (let u = 0; u < units; u++, unit++) {
        const c = this.canvases[unit]!;
        const img = this.images[unit]!;
        const px = new Uint32Array(img.data.buffer);
        for (let j = 0; j < maps.n; j++) {
          // Row j is at height j: canvas rows run top down.
          const row = (maps.n - 1 - j) * maps.n;
          const from = unit * m + j * maps.n;
          for (let i = 0; i < maps.n; i++) {
            const v = maps.values[from + i]!;
            px[row + i] = LUT[Number.isFinite(v) ? Math.round((Math.min(1, Math.max(-1, v)) + 1) * LEVELS) : NON_FINITE_PIXEL]!;
          }
        }
        c.getContext('2d')!.putImageData(img, 0, 0);
        const lo = maps.ranges[2 * unit]!;
        const hi = maps.ranges[2 * unit + 1]!;
        const range = Number.isNaN(lo) ? 'not finite' : `from ${fmt(lo)} to ${fmt(hi)}`;
        const aria = `${this.spec}, layer ${l + 1} unit ${u + 1}: activation ${range}`;
        if (c.getAttribute('aria-label') !== aria) {
          c.setAttribute('aria-label', aria);
          c.title = `layer ${l + 1}, unit ${u + 1}: A ${range}`;
        }
      }
    });
  }
}
