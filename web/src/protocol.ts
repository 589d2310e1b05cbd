import type { MetricPoint, RunConfig } from '../../src/core/runConfig.js';
import type { PlaneBounds } from '../../src/report/decisionGrid.js';
import type { TrainingData, TrainingResult } from '../../src/train/trainer.js';
import type { NeuronsPart } from './neurons.js';
import type { FeatureName } from './features.js';
import type { GraphPart } from './graph.js';
import type { HistogramView } from './state.js';

/*
 * Messages between the page and a panel's training worker (one worker per panel, so panels train
 * in parallel and the page stays responsive). The worker posts a snapshot at most every
 * SNAPSHOT_INTERVAL_MS while it trains, and always on pause, step, reset and at the end.
 */

export const SNAPSHOT_INTERVAL_MS = 33;

/** The heat map: P(class 1) (binary) or class + confidence (multiclass) at n × n cell centres. */
export interface GridSpec {
  bounds: PlaneBounds;
  n: number;
}

export type ToWorker =
  /**
   * `duty` ∈ (0, 1]: the share of its time the worker trains. With fewer cores than panels + 1 the
   * workers take turns (duty < 1) so one core stays free for drawing.
   */
  | { type: 'init'; config: RunConfig; data: TrainingData; features: FeatureName[]; grid: GridSpec; histograms: HistogramView; neurons: boolean; graph: boolean; duty: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; updates: number }
  | { type: 'reset' }
  | { type: 'histograms'; view: HistogramView }
  | { type: 'neurons'; on: boolean }
  | { type: 'graph'; on: boolean };

/** One hidden layer's histogram of activations A_l or of gradients ∂L/∂Z_l over the training set. */
export interface LayerHistogram {
  layer: number;
  units: number;
  lo: number;
  hi: number;
  counts: number[];
  /** NaN / ±∞ entries (not in any bin). */
  nonFinite: number;
  /** Population std of the values (NaN if any is NaN). */
  std: number;
}

export type VerdictKind = 'symmetry' | 'vanishing' | 'saturation' | 'divergence' | 'dead' | 'exploding' | 'nonfinite';

/**
 * Whether a flagged verdict hurts this run (issue 15, defect 9: He showed "dead units … up to 60%"
 * after a 99% run, with no word on whether that mattered): 'pending' before training starts,
 * 'harmless' when the run learns anyway, 'hurts' when it does not.
 */
export type VerdictImpact = 'pending' | 'harmless' | 'hurts';

export interface Verdict {
  kind: VerdictKind;
  flagged: boolean;
  /** One line: what the detector found (or why it does not apply). */
  message: string;
  /** For flagged verdicts: whether it hurts this run, and the words that say so. */
  impact?: VerdictImpact;
  impactText?: string;
}

export interface Snapshot {
  type: 'snapshot';
  iteration: number;
  total: number;
  finished: boolean;
  playing: boolean;
  status: 'ok' | 'diverged';
  divergedAt?: number;
  metrics: MetricPoint[];
  /** n × n values, row j at height bounds.yMin + (j + ½)·dy: P(class 1), or class + max probability for multiclass. */
  grid: Float32Array;
  nClasses: number;
  histogramView: HistogramView;
  histograms: LayerHistogram[];
  verdicts: Verdict[];
  /** The per-neuron heat maps (neurons.ts), or why none are drawn. */
  neurons: NeuronsPart;
  /** The network graph and per-layer norms (graph.ts). */
  graph: GraphPart;
  /** The run's record (trainNetwork's), once finished. */
  result?: TrainingResult;
}

/** The heavy parts of a snapshot (heat map, histograms, verdicts, neuron maps), sent only every so often. */
export type HeavyParts = 'grid' | 'nClasses' | 'histogramView' | 'histograms' | 'verdicts' | 'neurons' | 'graph';

/**
 * What the worker posts: the light parts every time; the heavy parts at most every
 * HEAVY_SHARE-th of the worker's time (and always at the start, the end, on pause, step and reset).
 * The page keeps the last heavy parts until new ones come.
 */
export type SnapshotMessage = Omit<Snapshot, HeavyParts> & Partial<Pick<Snapshot, HeavyParts>>;

/** Largest share of a worker's time spent on heat maps and statistics while it trains. */
export const HEAVY_SHARE = 0.15;

export type FromWorker = SnapshotMessage | { type: 'error'; message: string };
