import { listInitializers } from '../../src/init/registry.js';
import { formatInitSpec, resolveInit } from '../../src/init/spec.js';
import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { renderControls, type Action } from './controls.js';
import { csvToData, dataToCsv } from './csvData.js';
import { dataForTask, generateData, plotBounds, withPoint } from './data.js';
import { download, panelImage, resultsDocument, resultsJson, VERSION } from './exportResults.js';
import { PanelView } from './panelView.js';
import type { FromWorker, Snapshot, ToWorker } from './protocol.js';
import { articleState, CUSTOM_DATA, logEveryFor, runConfigFor, type PlaygroundState } from './state.js';
import type { ParamValue } from '../../src/data/params.js';
import { estimateCost } from './cost.js';
import { decodeState, encodeState, linkQuery, MAX_PANELS, MAX_SEED } from './url.js';
import { isSeed } from '../../src/util/seed.js';
import './style.css';

/*
 * The playground's controller: state ⇄ URL, one training worker per panel, rendering on
 * requestAnimationFrame (only the panels whose snapshot changed), and the actions.
 */

const GRID_N = 100;

interface Panel {
  worker: Worker;
  view: PanelView;
  snap: Snapshot | undefined;
  dirty: boolean;
  /** The heat map, histograms or verdicts changed since the last frame. */
  heavyDirty: boolean;
}

const controlsBox = document.getElementById('controls')!;
const controlsFold = document.getElementById('controls-box') as HTMLDetailsElement;
// On a phone the settings start folded, so the first panel is on the first screen (issue 15, defect 10).
if (matchMedia('(max-width: 700px)').matches) controlsFold.open = false;
const actionsBox = document.getElementById('actions')!;
const panelsBox = document.getElementById('panels')!;
const notice = document.getElementById('notice')!;
const statusLine = document.getElementById('status')!;
document.getElementById('version')!.textContent = `initlab ${VERSION}`;

const decoded = decodeState(linkQuery(location.search, location.hash));
/**
 * `embed=1` (issue 15, the embeddable figure): the panels alone, for an <iframe> in a post — no
 * control column (so no add-panel), Play and Reset only, the colour key, autoplay — with the same
 * numbers as the full page. The flag stays in the link the page writes.
 */
const embed = decoded.embed;
if (embed) {
  document.body.classList.add('embed');
  controlsFold.remove();
  const full = document.createElement('a');
  full.className = 'open-full';
  full.dataset.testid = 'open-full';
  full.target = '_blank';
  full.rel = 'noopener';
  full.textContent = 'open in the initlab playground ↗';
  document.querySelector('.top')!.append(full);
}
/** Set by the self-contained figure (`initlab figure`): the worker's code as a blob: URL. */
const inlineWorker = (globalThis as { __initlabWorkerUrl?: string }).__initlabWorkerUrl;
let state: PlaygroundState = decoded.state;
let custom: TrainingData | undefined;
/** The points as generated, uploaded or placed; `data` is what the panels train on (the task's variant of it). */
let source: TrainingData;
let data: TrainingData;
let bounds: PlaneBounds;
let playing = false;
let clickClass: number | null = null;
let panels: Panel[] = [];
const notes: string[] = [...decoded.problems];
/**
 * Each data set's parameters as last used in this page, so that switching data sets and back keeps
 * them (issue 15, defect 6: circles came back as 225 + 75 instead of the article's 300 + 100).
 * Circles starts from the article's split.
 */
const rememberedParams = new Map<string, Record<string, ParamValue>>([['circles', articleState().data.params]]);
/** The link of the big run the user confirmed (the cost estimate asks once per configuration). */
let confirmedRun: string | undefined;
const costDialog = document.getElementById('cost-dialog')!;

// Every initializer of the registry, offered in the spec fields.
const datalist = document.createElement('datalist');
datalist.id = 'init-names';
for (const def of listInitializers()) datalist.append(Object.assign(document.createElement('option'), { value: def.name }));
document.body.append(datalist);

function showNotes(): void {
  notice.replaceChildren(...notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
  notice.hidden = notes.length === 0;
}

/** The state goes into the fragment (old `?` links are rewritten to it on load): see url.ts linkQuery. */
function writeUrl(): void {
  const hash = `#${encodeState(state)}${embed ? '&embed=1' : ''}`;
  if (embed) document.querySelector<HTMLAnchorElement>('[data-testid="open-full"]')!.href = `${location.pathname}#${encodeState(state)}`;
  if (location.search !== '' || location.hash !== hash) history.replaceState(null, '', `${location.pathname}${hash}`);
}

/** A successful action clears the notices of the ones before it (issue 15, defect 3). */
function clearNotes(): void {
  notes.length = 0;
  showNotes();
}

/** Applies a new state that restarts the runs; the notices of earlier actions go. */
function commit(next: PlaygroundState): void {
  notes.length = 0;
  state = next;
  rebuild();
}

/**
 * The panel a callback of `view` acts on. A callback may come from a panel that a rebuild has
 * already replaced: a script that sets a panel's initializer field and fires 'change' twice on the
 * element it holds, or a 'change' that lands after another action rebuilt the panels. Looking the
 * stale panel up gave index −1 and `next.panels[-1].init = …` threw "Cannot set properties of
 * undefined (setting 'init')" (issue 15, defect 8). An edit of a replaced panel's field applies to
 * the panel now at the same place, when there is one; other actions of a replaced panel do nothing.
 */
function panelIndex(panel: Panel, followStale: boolean): number {
  const i = panels.indexOf(panel);
  if (i >= 0) return i;
  return followStale && panel.view.index < state.panels.length ? panel.view.index : -1;
}

function loadData(): void {
  if (state.data.name === CUSTOM_DATA && custom) source = custom;
  else {
    custom = undefined;
    if (state.data.name === CUSTOM_DATA) state = { ...state, data: articleState().data };
    source = generateData(state.data);
  }
  data = dataForTask(source, state.task);
  bounds = plotBounds(data);
}

/** Workers together use all cores but one (kept for drawing), whatever the number of panels. */
function dutyCycle(): number {
  const cores = Math.max(1, navigator.hardwareConcurrency || 2);
  return Math.min(1, Math.max(1, cores - 1) / Math.max(1, state.panels.length));
}

function cores(): number {
  return Math.max(1, navigator.hardwareConcurrency || 2);
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
  send(p, { type: 'init', config: runConfigFor(state, i), data, features: state.features, grid: { bounds, n: GRID_N }, histograms: state.histograms, neurons: state.neurons, graph: state.graph, duty: dutyCycle() });
  if (playing) send(p, { type: 'play' });
}

function newPanel(i: number): Panel {
  const spec = state.panels[i]!;
  let divergedSeen = false;
  const worker =
    inlineWorker !== undefined
      ? // A classic worker: Chromium refuses a module worker from a blob: URL in a page opened from
        // disk (origin null); the worker bundle has no import or import.meta, so it runs as either.
        new Worker(inlineWorker, { name: `panel ${i + 1}` })
      : new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `panel ${i + 1}` });
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
    if (msg.grid && msg.histograms && msg.verdicts && msg.histogramView && msg.nClasses !== undefined && msg.neurons && msg.graph) {
      panel.snap = { ...msg, grid: msg.grid, nClasses: msg.nClasses, histogramView: msg.histogramView, histograms: msg.histograms, verdicts: msg.verdicts, neurons: msg.neurons, graph: msg.graph };
    } else if (prev) {
      panel.snap = { ...msg, grid: prev.grid, nClasses: prev.nClasses, histogramView: prev.histogramView, histograms: prev.histograms, verdicts: prev.verdicts, neurons: prev.neurons, graph: prev.graph };
    } else {
      // The numbers come before the first heat map (worker.ts): show them at once.
      panel.snap = { ...msg, grid: new Float32Array(0), nClasses: data.nClasses, histogramView: state.histograms, histograms: [], verdicts: [], neurons: { view: 'off' }, graph: { view: 'off' } };
    }
    panel.dirty = true;
    panel.heavyDirty ||= msg.grid !== undefined;
    if (msg.status === 'diverged' && !divergedSeen) {
      divergedSeen = true;
      const i = panels.indexOf(panel);
      if (i >= 0) {
        notes.push(`panel ${i + 1} (${state.panels[i]!.init}) diverged at iteration ${msg.divergedAt ?? msg.iteration}: the loss or a weight became too large to represent (∞ or NaN) and training stopped there — lower the learning rate (now ${state.learningRate}) or the initial scale.`);
        showNotes();
      }
    }
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
  // The last panel cannot go (issue 15, defect 7): its ✕ is disabled and says why.
  for (const p of panels) {
    p.view.setRemovable(panels.length > 1);
    p.view.view = { discretize: state.discretize, showTest: state.showTest };
  }
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
  if (state.data.name !== CUSTOM_DATA) rememberedParams.set(state.data.name, structuredClone(state.data.params));
  writeUrl();
  showNotes();
  // The heat map's shade is the predicted value for regression (the worker draws (v + 1)/2, so the
  // dark ½ line is v = 0), P(class 1) for classification.
  document.getElementById('key-shade')!.textContent = data.task === 'regression' ? 'shade: the predicted value, −1 orange … +1 blue, dark line at 0' : 'shade: P(class 1), dark line at ½';
  renderControls(controlsBox, actionsBox, {
    state,
    playing,
    customData: custom !== undefined,
    clickClass,
    dataSummary: { train: data.train.nSamples, test: data.test.nSamples, nClasses: data.nClasses, regression: data.task === 'regression' },
    stepSize: logEveryFor(state.iterations),
    change: (next, retrain) => {
      notes.length = 0;
      if (next.data.name !== state.data.name) {
        const kept = rememberedParams.get(next.data.name);
        if (kept) next = { ...next, data: { ...next.data, params: structuredClone(kept) } };
      }
      const redraw = !retrain && (next.discretize !== state.discretize || next.showTest !== state.showTest);
      const histOnly = !retrain && next.histograms !== state.histograms;
      const neuronsOnly = !retrain && next.neurons !== state.neurons;
      const graphOnly = !retrain && next.graph !== state.graph;
      state = next;
      if (retrain) rebuild();
      else {
        if (histOnly) for (const p of panels) send(p, { type: 'histograms', view: state.histograms });
        if (neuronsOnly) for (const p of panels) send(p, { type: 'neurons', on: state.neurons });
        if (graphOnly) for (const p of panels) send(p, { type: 'graph', on: state.graph });
        if (redraw) {
          for (const p of panels) {
            p.view.view = { discretize: state.discretize, showTest: state.showTest };
            p.dirty = p.heavyDirty = p.snap !== undefined;
          }
        }
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
  const i = panelIndex(panel, true);
  if (i < 0) return;
  try {
    resolveInit(text, 'initializer');
  } catch (err) {
    panel.view.setSpecError(err instanceof Error ? err.message : String(err));
    return;
  }
  const next = structuredClone(state);
  next.panels[i]!.init = text;
  commit(next);
}

function setPanelSeed(panel: Panel, seed: number | undefined): void {
  const i = panelIndex(panel, true);
  if (i < 0) return;
  if (seed !== undefined && !isSeed(seed)) {
    panel.view.setSpecError(`weight seed must be an integer from 0 to ${MAX_SEED} (empty = the shared seed).`);
    return;
  }
  const next = structuredClone(state);
  if (seed === undefined) delete next.panels[i]!.seed;
  else next.panels[i]!.seed = seed;
  commit(next);
}

function removePanel(panel: Panel): void {
  const i = panelIndex(panel, false);
  if (i < 0 || state.panels.length <= 1) return;
  const next = structuredClone(state);
  next.panels.splice(i, 1);
  commit(next);
}

function addPoint(x0: number, x1: number): void {
  if (clickClass === null || data.task === 'regression') return;
  const base = custom ?? data;
  const nClasses = Math.max(base.nClasses, clickClass + 1);
  custom = { ...base, train: withPoint(base.train, x0, x1, clickClass), nClasses, task: nClasses === 2 ? 'binary' : 'multiclass' };
  commit({ ...state, data: { ...state.data, name: CUSTOM_DATA } });
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
  const i = panelIndex(panel, false);
  if (i < 0) return;
  const snap = panel.snap;
  const final = snap?.metrics[snap.metrics.length - 1];
  const fmt = (v: number | undefined, d = 4): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(d) : '—');
  const spec = state.panels[i]!;
  const lines = [
    `init ${spec.init}, weight seed ${spec.seed ?? state.weightSeed}`,
    `[${[state.features.length, ...state.hidden].join(', ')}, ${data.task === 'regression' || data.nClasses === 2 ? 1 : data.nClasses}] ${state.activation}, ${state.optimizer} lr ${state.learningRate}${state.l2 > 0 ? `, L2 ${state.l2}` : ''}${state.l1 > 0 ? `, L1 ${state.l1}` : ''}`,
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

/** The cost of the current configuration, for the confirmation before a big run. */
function currentCost(): ReturnType<typeof estimateCost> {
  const outputs = data.task === 'regression' || data.nClasses === 2 ? 1 : data.nClasses;
  return estimateCost({
    layerSizes: [state.features.length, ...state.hidden, outputs],
    nTrain: data.train.nSamples,
    nTest: data.test.nSamples,
    batchSize: state.batchSize,
    iterations: state.iterations,
    logEvery: logEveryFor(state.iterations),
    panels: state.panels.length,
    cores: cores(),
  });
}

/** Asks before a run estimated to take long (issue 15, defect 2); true when it may start now. */
function mayStart(): boolean {
  const key = encodeState(state);
  if (confirmedRun === key) return true;
  const cost = currentCost();
  if (!cost.needsConfirm) return true;
  costDialog.querySelector('[data-testid="cost-text"]')!.textContent = `This is a big run: ${cost.text}`;
  costDialog.hidden = false;
  costDialog.querySelector<HTMLButtonElement>('[data-testid="cost-confirm"]')!.focus();
  return false;
}

costDialog.querySelector('[data-testid="cost-confirm"]')!.addEventListener('click', () => {
  confirmedRun = encodeState(state);
  costDialog.hidden = true;
  action('play');
});
costDialog.querySelector('[data-testid="cost-cancel"]')!.addEventListener('click', () => {
  costDialog.hidden = true;
  document.querySelector<HTMLElement>('[data-testid="play"]')?.focus();
});

function action(a: Action, arg?: string): void {
  if (a !== 'add-panel') clearNotes();
  switch (a) {
    case 'play':
      if (!playing && !mayStart()) return;
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
      commit({ ...state, weightSeed: seed[0]! });
      break;
    }
    case 'preset':
      custom = undefined;
      rememberedParams.set('circles', articleState().data.params);
      commit(articleState());
      break;
    case 'export-json': {
      const doc = resultsDocument(state, panels.map((p) => p.snap), source, custom !== undefined, location.href);
      download('initlab-playground-results.json', new Blob([resultsJson(doc)], { type: 'application/json' }));
      break;
    }
    case 'download-csv':
      // The points as they are (class labels, not a regression variant's targets), so the file
      // loads back and the task control makes the variant again.
      download('initlab-playground-data.csv', new Blob([dataToCsv(source)], { type: 'text/csv' }));
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
      commit({ ...state, panels: [...state.panels, { init: arg }] });
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
  const diverged = panels.filter((p) => p.snap?.status === 'diverged').length;
  const text = `${playing ? 'training' : 'paused'} — ${done} of ${panels.length} panels finished${diverged > 0 ? ` (${diverged} diverged)` : ''}`;
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

// A link pasted into the address bar of an open page changes only the fragment: no reload, so the
// page loads the new state itself. Its own writes (replaceState) fire no hashchange.
window.addEventListener('hashchange', () => {
  if (location.hash === `#${encodeState(state)}${embed ? '&embed=1' : ''}`) return;
  const next = decodeState(linkQuery(location.search, location.hash));
  custom = undefined;
  confirmedRun = undefined;
  costDialog.hidden = true;
  playing = false;
  notes.length = 0;
  notes.push(...next.problems);
  state = next.state;
  rebuild();
});

rebuild();
requestAnimationFrame(frame);
// The figure plays by itself (a big run still asks first: mayStart).
if (embed) action('play');
