import { decisionGrid } from '../../src/report/decisionGrid.js';
import { formatInitSpec } from '../../src/init/spec.js';
import { DenseNetwork, type Workspace } from '../../src/nn/network.js';
import { sigmoid } from '../../src/nn/activations.js';
import { TrainingSession } from '../../src/train/session.js';
import type { TrainingData } from '../../src/train/trainer.js';
import type { RunConfig } from '../../src/core/runConfig.js';
import { layerHistograms, verdictsFor } from './insight.js';
import { NEURON_GRID, neuronGridInputs, neuronMaps, neuronViewProblem, type NeuronsPart } from './neurons.js';
import { HEAVY_SHARE, SNAPSHOT_INTERVAL_MS, type FromWorker, type GridSpec, type SnapshotMessage, type ToWorker } from './protocol.js';
import { featurize, featurizeData, type FeatureName } from './features.js';
import { graphOf } from './graph.js';
import type { HistogramView } from './state.js';

/*
 * One panel's training: a TrainingSession (src/train/session.ts, the same run `trainNetwork` does)
 * advanced in slices of ~TICK_MS, yielding between slices so pause/step/reset messages get in, and
 * a snapshot (heat map, curves, histograms, verdicts) posted at most every SNAPSHOT_INTERVAL_MS.
 */

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const TICK_MS = 12;
/**
 * Multiply-adds one heat map may cost: a 100 × 100 grid through the article's 91-weight net is
 * 0.9 M, but through 8 × 256 hidden units (460 k weights) it would be 4.6 G — seconds of work before
 * the first frame (issue 15, defect 2). Wide nets get a coarser grid (at least 16 × 16) instead.
 */
const GRID_BUDGET = 40e6;
const MIN_GRID = 16;

/** The heat map's resolution for a net of `weights` weights: the page's n, or less for wide nets. */
export function gridSizeFor(n: number, weights: number): number {
  return Math.max(Math.min(n, MIN_GRID), Math.min(n, Math.floor(Math.sqrt(GRID_BUDGET / Math.max(1, weights)))));
}

interface Run {
  config: RunConfig;
  /** The network's inputs; `data` is already transformed, grids are transformed when predicted. */
  features: FeatureName[];
  /** The points on the plane (the heat map's), before the features. */
  raw: TrainingData;
  data: TrainingData;
  grid: GridSpec;
  session: TrainingSession;
  /** A copy of the weights for heat maps and statistics, so the run itself is never touched. */
  mirror: DenseNetwork;
  gridWs: Workspace;
  statsWs: Workspace;
  gridX: Float64Array | undefined;
  /** The neuron view's grid points and forward workspace, made the first time the view is on. */
  neuronX: Float64Array | undefined;
  neuronWs: Workspace | undefined;
}

let run: Run | undefined;
let view: HistogramView = 'activations';
let neuronsOn = false;
let graphOn = false;
let playing = false;
let slice = 20;
let lastPost = 0;
let duty = 1;
const yielder = new MessageChannel();
let scheduled = false;

function start(config: RunConfig, raw: TrainingData, features: FeatureName[], wanted: GridSpec): Run {
  const data = featurizeData(raw, features);
  const session = new TrainingSession(config, data);
  const net = session.network;
  const mirror = new DenseNetwork({ layerSizes: session.layerSizes, activation: net.activation, slope: net.slope, output: net.output, dtype: net.dtype }, net.params);
  let weights = 0;
  for (let l = 1; l < session.layerSizes.length; l++) weights += (session.layerSizes[l - 1]! + 1) * session.layerSizes[l]!;
  const grid = { bounds: wanted.bounds, n: gridSizeFor(wanted.n, weights) };
  // A new run starts with one-update slices: the first snapshot comes after one update, however costly.
  slice = 1;
  return {
    config, features, raw, data, grid, session, mirror,
    gridWs: mirror.createWorkspace(grid.n * grid.n, false),
    statsWs: mirror.createWorkspace(data.train.nSamples, true),
    gridX: undefined,
    neuronX: undefined,
    neuronWs: undefined,
  };
}

/** The neuron maps of the mirror's weights, when the view is on and the net is small enough. */
function neuronsPart(r: Run): NeuronsPart {
  if (!neuronsOn) return { view: 'off' };
  const reason = neuronViewProblem(r.mirror.layerSizes.slice(1, -1));
  if (reason !== undefined) return { view: 'unavailable', reason };
  r.neuronX ??= featurize(neuronGridInputs(r.grid.bounds, NEURON_GRID), NEURON_GRID * NEURON_GRID, r.features);
  r.neuronWs ??= r.mirror.createWorkspace(NEURON_GRID * NEURON_GRID, false);
  return { view: 'maps', maps: neuronMaps(r.mirror, r.neuronX, NEURON_GRID, r.neuronWs) };
}

function predictGrid(r: Run): Float32Array {
  const { mirror, gridWs } = r;
  const n = r.grid.n;
  const nOut = mirror.nOutputs;
  const g = decisionGrid(
    (x, m) => {
      const z = mirror.forward(featurize(x, m, r.features), gridWs);
      const out = new Float64Array(m);
      if (nOut === 1 && mirror.output === 'linear') {
        // Regression: the value v on TF Playground's scale, −1 orange … +1 blue, drawn as (v + 1) / 2
        // so that the page's colours and its ½ contour (v = 0) serve both tasks.
        for (let s = 0; s < m; s++) out[s] = (z[s]! + 1) / 2;
        return out;
      }
      if (nOut === 1) {
        for (let s = 0; s < m; s++) out[s] = sigmoid(z[s]!);
        return out;
      }
      for (let s = 0; s < m; s++) {
        let best = 0;
        let max = -Infinity;
        for (let c = 0; c < nOut; c++) if (z[c * m + s]! > max) { max = z[c * m + s]!; best = c; }
        let sum = 0;
        for (let c = 0; c < nOut; c++) sum += Math.exp(z[c * m + s]! - max);
        out[s] = best + 1 / sum;
      }
      return out;
    },
    r.grid.bounds, n, n,
  );
  return Float32Array.from(g.probabilities);
}

let lastHeavy = -Infinity;
let heavyCost = 0;

function snapshot(r: Run, heavy: boolean): SnapshotMessage {
  const s = r.session;
  const result = s.finished ? s.result() : undefined;
  const status = result?.status ?? 'ok';
  const snap: SnapshotMessage = {
    type: 'snapshot',
    iteration: s.iteration,
    total: s.total,
    finished: s.finished,
    playing: playing && !s.finished,
    status,
    metrics: [...s.metrics],
  };
  if (heavy) {
    const t0 = performance.now();
    r.mirror.setParameters(s.network.params);
    snap.grid = predictGrid(r);
    snap.nClasses = r.data.nClasses;
    snap.histogramView = view;
    snap.histograms = layerHistograms(r.mirror, r.statsWs, r.data, view);
    const m = s.metrics;
    const last = m[m.length - 1];
    snap.verdicts = verdictsFor(r.mirror, r.data, status, result?.divergedAt, formatInitSpec(r.config.init), {
      iteration: s.iteration, total: s.total, trainAccuracy: last?.trainAccuracy, trainLoss: last?.trainLoss, firstLoss: m[0]?.trainLoss,
      regression: r.data.task === 'regression',
    });
    snap.neurons = neuronsPart(r);
    if (graphOn) {
      // The gradients of the current weights over the whole training set, with the run's L2 term.
      r.mirror.lossAndGradients(r.data.train.x, r.data.train.y, r.statsWs, r.config.training.l2 ?? 0, r.config.training.l1 ?? 0);
      snap.graph = graphOf(r.mirror);
    } else snap.graph = { view: 'off' };
    lastHeavy = performance.now();
    heavyCost = lastHeavy - t0;
  }
  if (result?.divergedAt !== undefined) snap.divergedAt = result.divergedAt;
  if (result) snap.result = result;
  return snap;
}

/** Posts a snapshot; its heavy parts when `force`d or when they would take at most HEAVY_SHARE of the time. */
function post(r: Run, force: boolean | 'light' = true): void {
  const now = performance.now();
  const heavy = force === 'light' ? false : force || r.session.finished || now - lastHeavy >= heavyCost / HEAVY_SHARE;
  const snap = snapshot(r, heavy);
  lastPost = performance.now();
  const transfer: Transferable[] = snap.grid ? [snap.grid.buffer] : [];
  if (snap.neurons?.view === 'maps') transfer.push(snap.neurons.maps.values.buffer);
  scope.postMessage(snap, transfer);
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  yielder.port2.postMessage(null);
}

function tick(): void {
  scheduled = false;
  const r = run;
  if (!r || !playing) return;
  if (r.session.finished) {
    playing = false;
    post(r);
    return;
  }
  const t0 = performance.now();
  r.session.advance(slice);
  const dt = performance.now() - t0;
  // Size the next slice so one takes about TICK_MS, whatever the network and batch cost.
  slice = Math.max(1, Math.min(100_000, Math.round(dt > 0 ? (slice * TICK_MS) / dt : slice * 2)));
  if (r.session.finished) {
    playing = false;
    post(r);
    return;
  }
  if (performance.now() - lastPost >= SNAPSHOT_INTERVAL_MS) post(r, false);
  if (duty >= 1) schedule();
  else {
    // Rest so that, across the workers, training uses the cores the page can spare.
    scheduled = true;
    setTimeout(() => tick(), Math.min(250, (performance.now() - t0) * (1 / duty - 1)));
  }
}

yielder.port1.onmessage = tick;

function fail(err: unknown): void {
  playing = false;
  scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'init':
        playing = false;
        view = msg.histograms;
        neuronsOn = msg.neurons;
        graphOn = msg.graph;
        duty = Math.min(1, Math.max(0.05, msg.duty));
        run = undefined;
        run = start(msg.config, msg.data, msg.features, msg.grid);
        // The numbers first (cheap), then the heat map and statistics: the page shows the run at
        // once even when the heavy parts of a wide net take a while.
        post(run, 'light');
        post(run);
        break;
      case 'play':
        if (run && !run.session.finished) {
          playing = true;
          schedule();
        }
        break;
      case 'pause':
        playing = false;
        if (run) post(run);
        break;
      case 'step':
        playing = false;
        if (run) {
          run.session.advance(msg.updates);
          post(run);
        }
        break;
      case 'reset':
        if (run) {
          run = start(run.config, run.raw, run.features, run.grid);
          post(run, 'light');
          post(run);
          if (playing) schedule();
        }
        break;
      case 'histograms':
        view = msg.view;
        if (run) post(run);
        break;
      case 'graph':
        graphOn = msg.on;
        if (run) post(run);
        break;
      case 'neurons':
        neuronsOn = msg.on;
        if (run) post(run);
        break;
    }
  } catch (err) {
    fail(err);
  }
};
