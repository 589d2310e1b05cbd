import { listInitializers } from '../../src/init/registry.js';
import { formatInitSpec, resolveInit } from '../../src/init/spec.js';
import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { renderControls, type Action } from './controls.js';
import { csvToData, dataToCsv } from './csvData.js';
import { generateData, plotBounds, withPoint } from './data.js';
import { download, panelImage, resultsDocument, resultsJson, VERSION } from './exportResults.js';
import { PanelView } from './panelView.js';
import type { FromWorker, Snapshot, ToWorker } from './protocol.js';
import { articleState, CUSTOM_DATA, logEveryFor, runConfigFor, type PlaygroundState } from './state.js';
import { decodeState, encodeState, MAX_SEED } from './url.js';
import './style.css';

/*
 * The playground's controller: state ⇄ URL, one training worker per panel, rendering on
 * requestAnimationFrame (only the panels whose snapshot changed), and the actions.
 */

const GRID_N = 100;
const MAX_PANELS = 6;

interface Panel {
  worker: Worker;
  view: PanelView;
  snap: Snapshot | undefined;
  dirty: boolean;
  /** The heat map, histograms or verdicts changed since the last frame. */
  heavyDirty: boolean;
}

const controlsBox = document.getElementById('controls')!;
const actionsBox = document.getElementById('actions')!;
const panelsBox = document.getElementById('panels')!;
const notice = document.getElementById('notice')!;
const statusLine = document.getElementById('status')!;
document.getElementById('version')!.textContent = `initlab ${VERSION}`;

const decoded = decodeState(location.search || location.hash);
let state: PlaygroundState = decoded.state;
let custom: TrainingData | undefined;
let data: TrainingData;
let bounds: PlaneBounds;
let playing = false;
let clickClass: number | null = null;
let panels: Panel[] = [];
const notes: string[] = [...decoded.problems];

// Every initializer of the registry, offered in the spec fields.
const datalist = document.createElement('datalist');
datalist.id = 'init-names';
for (const def of listInitializers()) datalist.append(Object.assign(document.createElement('option'), { value: def.name }));
document.body.append(datalist);

function showNotes(): void {
  notice.replaceChildren(...notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
  notice.hidden = notes.length === 0;
}

function writeUrl(): void {
  history.replaceState(null, '', `${location.pathname}?${encodeState(state)}`);
}

function loadData(): void {
  if (state.data.name === CUSTOM_DATA && custom) data = custom;
  else {
    custom = undefined;
    if (state.data.name === CUSTOM_DATA) state = { ...state, data: articleState().data };
    data = generateData(state.data);
  }
  bounds = plotBounds(data);
}

/** Workers together use all cores but one (kept for drawing), whatever the number of panels. */
function dutyCycle(): number {
  const cores = Math.max(1, navigator.hardwareConcurrency || 2);
  return Math.min(1, Math.max(1, cores - 1) / Math.max(1, state.panels.length));
}

function send(p: Panel, msg: ToWorker): void {
  p.worker.postMessage(msg);
}

function startPanel(p: Panel, i: number): void {
  p.view.showError('');
  p.snap = undefined;
  // The plane is known before the worker's first frame: a click right after a rebuild (e.g. a second
  // hand-placed point) must not be dropped while the new worker starts.
  p.view.bounds = bounds;
  send(p, { type: 'init', config: runConfigFor(state, i), data, grid: { bounds, n: GRID_N }, histograms: state.histograms, neurons: state.neurons, duty: dutyCycle() });
  if (playing) send(p, { type: 'play' });
}

function newPanel(i: number): Panel {
  const spec = state.panels[i]!;
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `panel ${i + 1}` });
  const panel: Panel = {
    worker,
    snap: undefined,
    dirty: false,
    heavyDirty: false,
    view: new PanelView(i, spec.init, spec.seed, state.weightSeed, {
      onSpec: (text) => setPanelSpec(panel, text),
      onSeed: (seed) => setPanelSeed(panel, seed),
      onRemove: () => removePanel(panel),
      onPng: () => exportPng(panel),
      onPlot: (x0, x1) => addPoint(x0, x1),
    }),
  };
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const msg = ev.data;
    if (msg.type === 'error') {
      panel.view.showError(msg.message);
      panel.view.root.dataset.finished = 'true';
      refreshPlaying();
      return;
    }
    const prev = panel.snap;
    if (msg.grid && msg.histograms && msg.verdicts && msg.histogramView && msg.nClasses !== undefined && msg.neurons) {
      panel.snap = { ...msg, grid: msg.grid, nClasses: msg.nClasses, histogramView: msg.histogramView, histograms: msg.histograms, verdicts: msg.verdicts, neurons: msg.neurons };
    } else if (prev) {
      panel.snap = { ...msg, grid: prev.grid, nClasses: prev.nClasses, histogramView: prev.histogramView, histograms: prev.histograms, verdicts: prev.verdicts, neurons: prev.neurons };
    } else return;
    panel.dirty = true;
    panel.heavyDirty ||= msg.grid !== undefined;
    if (msg.finished) refreshPlaying();
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    panel.view.showError(`the training worker failed: ${ev.message}`);
  };
  return panel;
}

/** (Re)creates panels to match the state and restarts every run. */
function rebuild(): void {
  for (const p of panels) p.worker.terminate();
  panels = state.panels.map((_, i) => newPanel(i));
  panelsBox.replaceChildren(...panels.map((p) => p.view.root));
  try {
    loadData();
  } catch (err) {
    notes.push(err instanceof Error ? err.message : String(err));
    state = { ...state, data: articleState().data };
    loadData();
  }
  panels.forEach((p, i) => startPanel(p, i));
  renderAll();
}

function renderAll(): void {
  // A class the data no longer has (after switching to fewer classes) is not offered: clicks stop adding.
  if (clickClass !== null && clickClass >= Math.max(2, data.nClasses)) {
    clickClass = null;
    panelsBox.classList.remove('placing');
  }
  writeUrl();
  showNotes();
  renderControls(controlsBox, actionsBox, {
    state,
    playing,
    customData: custom !== undefined,
    clickClass,
    dataSummary: { train: data.train.nSamples, test: data.test.nSamples, nClasses: data.nClasses },
    stepSize: logEveryFor(state.iterations),
    change: (next, retrain) => {
      notes.length = 0;
      const histOnly = !retrain && next.histograms !== state.histograms;
      const neuronsOnly = !retrain && next.neurons !== state.neurons;
      state = next;
      if (retrain) rebuild();
      else {
        if (histOnly) for (const p of panels) send(p, { type: 'histograms', view: state.histograms });
        if (neuronsOnly) for (const p of panels) send(p, { type: 'neurons', on: state.neurons });
        renderAll();
      }
    },
    action,
    upload: (file) => void uploadCsv(file),
    setClickClass: (c) => {
      clickClass = c;
      panelsBox.classList.toggle('placing', c !== null);
    },
  });
}

function refreshPlaying(): void {
  const running = panels.some((p) => !(p.snap?.finished ?? false) && p.view.root.dataset.error !== 'true');
  if (playing && !running) {
    playing = false;
    renderAll();
  }
}

function setPanelSpec(panel: Panel, text: string): void {
  const i = panels.indexOf(panel);
  try {
    resolveInit(text, 'initializer');
  } catch (err) {
    panel.view.setSpecError(err instanceof Error ? err.message : String(err));
    return;
  }
  const next = structuredClone(state);
  next.panels[i]!.init = text;
  state = next;
  rebuild();
}

function setPanelSeed(panel: Panel, seed: number | undefined): void {
  const i = panels.indexOf(panel);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    panel.view.setSpecError(`weight seed must be an integer from 0 to ${MAX_SEED} (empty = the shared seed).`);
    return;
  }
  const next = structuredClone(state);
  if (seed === undefined) delete next.panels[i]!.seed;
  else next.panels[i]!.seed = seed;
  state = next;
  rebuild();
}

function removePanel(panel: Panel): void {
  if (state.panels.length <= 1) return;
  const i = panels.indexOf(panel);
  const next = structuredClone(state);
  next.panels.splice(i, 1);
  state = next;
  rebuild();
}

function addPoint(x0: number, x1: number): void {
  if (clickClass === null) return;
  const base = custom ?? data;
  const nClasses = Math.max(base.nClasses, clickClass + 1);
  custom = { ...base, train: withPoint(base.train, x0, x1, clickClass), nClasses, task: nClasses === 2 ? 'binary' : 'multiclass' };
  state = { ...state, data: { ...state.data, name: CUSTOM_DATA } };
  rebuild();
}

async function uploadCsv(file: File): Promise<void> {
  try {
    custom = csvToData(await file.text(), state.data.seed);
    notes.length = 0;
    state = { ...state, data: { ...state.data, name: CUSTOM_DATA } };
    rebuild();
  } catch (err) {
    notes.length = 0;
    notes.push(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    showNotes();
  }
}

function exportPng(panel: Panel): void {
  const i = panels.indexOf(panel);
  const snap = panel.snap;
  const final = snap?.metrics[snap.metrics.length - 1];
  const fmt = (v: number | undefined, d = 4): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(d) : '—');
  const spec = state.panels[i]!;
  const lines = [
    `init ${spec.init}, weight seed ${spec.seed ?? state.weightSeed}`,
    `[${[2, ...state.hidden].join(', ')}, ${data.nClasses === 2 ? 1 : data.nClasses}] ${state.activation}, ${state.optimizer} lr ${state.learningRate}`,
    `iteration ${snap?.iteration ?? 0} / ${state.iterations}`,
    `train accuracy ${fmt(final?.trainAccuracy)}, test ${fmt(final?.testAccuracy)}`,
    `train loss ${fmt(final?.trainLoss)}, test ${fmt(final?.testLoss)}`,
  ];
  const verdicts = (snap?.verdicts ?? []).map((v) => ({ text: `${v.flagged ? '⚠' : '✓'} ${v.kind}: ${v.message}`, flagged: v.flagged }));
  const img = panelImage(`${formatInitSpec(resolveInit(spec.init).spec)} — initlab playground`, lines, panel.view.heatmap, panel.view.curves, state.histograms === 'off' ? undefined : panel.view.histograms, verdicts, panel.view.neurons.imageLayers());
  img.toBlob((blob) => {
    if (blob) download(`initlab-panel-${i + 1}-${spec.init.replace(/[^a-z0-9_.=-]+/gi, '_')}.png`, blob);
  }, 'image/png');
}

function action(a: Action, arg?: string): void {
  switch (a) {
    case 'play':
      playing = !playing;
      for (const p of panels) send(p, { type: playing ? 'play' : 'pause' });
      renderAll();
      // Play with every panel finished starts nothing: go back to paused rather than show "training" forever.
      refreshPlaying();
      break;
    case 'step':
      playing = false;
      for (const p of panels) send(p, { type: 'step', updates: logEveryFor(state.iterations) });
      renderAll();
      break;
    case 'reset':
      for (const p of panels) send(p, { type: 'reset' });
      break;
    case 'new-weights': {
      const seed = new Uint32Array(1);
      crypto.getRandomValues(seed);
      state = { ...state, weightSeed: seed[0]! };
      rebuild();
      break;
    }
    case 'preset':
      custom = undefined;
      notes.length = 0;
      state = articleState();
      rebuild();
      break;
    case 'export-json': {
      const doc = resultsDocument(state, panels.map((p) => p.snap), data, custom !== undefined, location.href);
      download('initlab-playground-results.json', new Blob([resultsJson(doc)], { type: 'application/json' }));
      break;
    }
    case 'download-csv':
      download('initlab-playground-data.csv', new Blob([dataToCsv(data)], { type: 'text/csv' }));
      break;
    case 'add-panel':
      if (!arg) return;
      if (state.panels.length >= MAX_PANELS) {
        notes.length = 0;
        notes.push(`at most ${MAX_PANELS} panels: remove one first.`);
        showNotes();
        return;
      }
      try {
        resolveInit(arg, 'new panel');
      } catch (err) {
        notes.length = 0;
        notes.push(err instanceof Error ? err.message : String(err));
        showNotes();
        return;
      }
      state = { ...state, panels: [...state.panels, { init: arg }] };
      rebuild();
      break;
  }
}

function frame(): void {
  for (const p of panels) {
    if (p.dirty && p.snap) {
      p.view.render(p.snap, data, bounds, p.heavyDirty);
      p.dirty = false;
      p.heavyDirty = false;
    }
  }
  const done = panels.filter((p) => p.snap?.finished).length;
  const text = `${playing ? 'training' : 'paused'} — ${done} of ${panels.length} panels finished`;
  if (statusLine.textContent !== text) statusLine.textContent = text;
  statusLine.dataset.playing = String(playing);
  requestAnimationFrame(frame);
}

document.addEventListener('keydown', (ev) => {
  const t = ev.target as HTMLElement | null;
  if (ev.key === ' ' && t && !['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName)) {
    ev.preventDefault();
    action('play');
  }
});

rebuild();
requestAnimationFrame(frame);
