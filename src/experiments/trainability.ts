/**
 * The trainability experiment: the empirical side of mean-field theory. Schoenholz, Gilmer, Ganguli &
 * Sohl-Dickstein 2017 ("Deep information propagation", arXiv:1611.01232) trained fully connected tanh
 * networks over a grid of depth L × σ_w² (weights N(0, σ_w²/fan_in), biases N(0, σ_b²)) and found them
 * trainable only where L ≲ 6ξ_c, ξ_c being the correlation depth scale, which diverges at the
 * order-to-chaos transition. This module builds that grid as a sweep (./sweep: one run per
 * depth × column × seed), and turns the sweep's records into the trainability document: the mean
 * final accuracy of every cell beside the theory's 6ξ_c. Pure: it neither trains nor writes.
 */
import { fansFor } from '../init/fans.js';
import { resolveInit } from '../init/spec.js';
import type { InitSpec } from '../init/types.js';
import { THEORY_ACTIVATIONS, theoryActivation } from '../theory/activations.js';
import { criticalSigmaW2, depthScale, meanField } from '../theory/meanField.js';
import { VERSION } from '../version.js';
import { canonicalJson, runId } from './runId.js';
import { expandSweep, parseSweepSpec } from './sweep/spec.js';
import type { Activation, DataSpec, RunConfig, RunRecord } from './runTypes.js';

// The settings and their defaults load without the sweep machinery (the CLI's --help shows them).
export { defaultTrainabilitySettings, type TrainabilityAxis, type TrainabilityMetric, type TrainabilitySettings } from './trainabilitySettings.js';
import type { TrainabilityAxis, TrainabilityMetric, TrainabilitySettings } from './trainabilitySettings.js';

/** One column of the grid: the initializer every run in it uses, and what the theory says of it. */
export interface TrainabilityColumn {
  label: string;
  /** The canonical spec (every parameter written out), as the runs record it. */
  init: InitSpec;
  /** σ_w² = Var[W]·fan_in of a width × width hidden layer (null when the initializer has no fixed variance). */
  sigmaW2: number | null;
  /** σ_b² of the biases (null when unknown). */
  sigmaB2: number | null;
  /** ξ_c at (σ_w², σ_b²) for this activation: Infinity at criticality, null when the theory has no answer. */
  xiC: number | null;
  /** 6ξ_c, the depth below which Schoenholz et al. found networks trainable. */
  sixXiC: number | null;
}

function columnLabel(init: InitSpec): string {
  if (init.name === 'meanfield') return `meanfield σ_w²=${String(init['sigmaW2'])} σ_b²=${String(init['sigmaB2'])}`;
  const params = Object.entries(init).filter(([k]) => k !== 'name');
  return params.length === 0 ? init.name : `${init.name}:${params.map(([k, v]) => `${k}=${String(v)}`).join(':')}`;
}

/** A meanfield spec, canonical: `{name: 'meanfield', sigmaW2, sigmaB2}`. */
export function meanfieldInit(sigmaW2: number, sigmaB2: number): InitSpec {
  return resolveInit({ name: 'meanfield', sigmaW2, sigmaB2 }).spec;
}

/** Whether mean-field theory (src/theory) covers this hidden activation. */
export function theoryCovers(activation: string): boolean {
  return (THEORY_ACTIVATIONS as readonly string[]).includes(activation);
}

/**
 * ξ_c as Schoenholz et al. define it (−1/ln χ_c). Where meanField leaves it undefined because q* = 0
 * (σ_b² = 0 and σ_w² ≤ 1/φ'(0)² for tanh-like φ: the signal itself dies, so the correlation map is 0/0),
 * this is its σ_b² → 0⁺ limit: the phase is ordered, c* = 1 and χ_c = χ₁ = σ_w² φ'(0)², so
 * ξ_c = −1/ln(σ_w² φ'(0)²) (tanh: −1/ln σ_w²). Null for activations the theory does not cover.
 */
export function correlationDepthScale(activation: string, sigmaW2: number, sigmaB2: number): number | null {
  if (!theoryCovers(activation)) return null;
  const a = theoryActivation(activation);
  const s = meanField(a, sigmaW2, sigmaB2);
  if (!Number.isNaN(s.xiC)) return s.xiC;
  if (sigmaB2 === 0 && s.qStar === 0 && !a.homogeneous && s.chi1 <= 1 + 1e-12) return depthScale(s.chi1);
  return null;
}

/** σ_w² (Var[W]·fan_in) and σ_b² an initializer gives a width × width hidden layer; nulls when it has no fixed variance. */
export function effectiveSigmas(init: InitSpec, width: number): { sigmaW2: number | null; sigmaB2: number | null } {
  const resolved = resolveInit(init);
  const def = resolved.definition;
  if (def.name === 'meanfield') return { sigmaW2: resolved.params['sigmaW2'] as number, sigmaB2: resolved.params['sigmaB2'] as number };
  if (def.dataDependent) return { sigmaW2: null, sigmaB2: null };
  const shape = [width, width];
  const fans = fansFor(def, shape, resolved.params);
  const std = def.expectedStd({ shape, ...fans }, resolved.params);
  // Every initializer but meanfield leaves the biases at zero (src/init/network.ts).
  return { sigmaW2: Number.isFinite(std) ? std * std * fans.fanIn : null, sigmaB2: def.fillBias ? null : 0 };
}

/** The initializer of every column, canonical, in axis order (cheap: no theory). */
export function trainabilityInits(settings: TrainabilitySettings): InitSpec[] {
  const axis = settings.axis;
  return axis.kind === 'sigmaW2' ? axis.sigmaW2.map((w) => meanfieldInit(w, axis.sigmaB2)) : axis.inits.map((s) => resolveInit(s).spec);
}

/** The grid's columns, in axis order, with the theory's ξ_c for each (a fraction of a second per chaotic column). */
export function trainabilityColumns(settings: TrainabilitySettings): TrainabilityColumn[] {
  return trainabilityInits(settings).map((init) => {
    const { sigmaW2, sigmaB2 } = effectiveSigmas(init, settings.width);
    const xiC = sigmaW2 !== null && sigmaB2 !== null && sigmaW2 > 0 ? correlationDepthScale(settings.activation, sigmaW2, sigmaB2) : null;
    const label = settings.axis.kind === 'sigmaW2' ? `σ_w²=${String(sigmaW2)}` : columnLabel(init);
    return { label, init, sigmaW2, sigmaB2, xiC, sixXiC: xiC === null ? null : 6 * xiC };
  });
}

/** The sweep spec (as `initlab sweep` reads it, and as sweep.json records it) for these settings. */
export function trainabilitySweepSpec(settings: TrainabilitySettings): Record<string, unknown> {
  const inits = trainabilityInits(settings);
  const x = settings.axis.kind === 'sigmaW2' ? `σ_w² (σ_b² = ${settings.axis.sigmaB2})` : 'initializer';
  return {
    name: 'trainability',
    description: `initlab trainability: final ${settings.metric} accuracy over depth × ${x}, ${settings.activation}, width ${settings.width}`,
    base: {
      data: settings.data,
      network: { hidden: [settings.width], activation: settings.activation },
      init: inits[0]!,
      initSeed: 0,
      ...(settings.dtype !== undefined ? { dtype: settings.dtype } : {}),
      training: settings.training,
    },
    grid: { depth: settings.depths, inits, seeds: settings.seeds },
  };
}

/** One point of the theory's line. */
export interface TheoryPoint {
  sigmaW2: number;
  xiC: number;
  sixXiC: number;
}

/**
 * Mean-field theory's prediction for a trainability grid: the critical σ_w² and the 6ξ_c curve, the depth beyond which a network is not trainable (Schoenholz et al. 2017, section 6).
 */
export interface TrainabilityTheory {
  activation: string;
  sigmaB2: number;
  /** σ_w² where χ₁ = 1 (the order-to-chaos transition) at this σ_b². */
  criticalSigmaW2: number;
  /** 6ξ_c at the grid's σ_w², between them and at the critical point (the figure's line; see theoryCurve). */
  curve: TheoryPoint[];
}

/**
 * 6ξ_c along σ_w² for the figure's line: at the grid's values (`known`, already computed), `between`
 * log-spaced values in each gap, and the critical point itself, where ξ_c diverges (Schoenholz et al.
 * 2017, eq. 9 with χ_c = χ₁ = 1). Values the theory leaves undefined are skipped. Each chaotic-phase
 * point costs a fraction of a second (c* by Newton's method on 2-D quadratures), hence a sparse line.
 */
export function theoryCurve(activation: string, sigmaB2: number, known: ReadonlyArray<{ sigmaW2: number; xiC: number | null }>, between = 3): TheoryPoint[] {
  const grid = [...known].sort((a, b) => a.sigmaW2 - b.sigmaW2);
  const out: TheoryPoint[] = [];
  const push = (sigmaW2: number, xiC: number | null) => {
    if (xiC !== null) out.push({ sigmaW2, xiC, sixXiC: 6 * xiC });
  };
  grid.forEach((g, i) => {
    push(g.sigmaW2, g.xiC);
    const next = grid[i + 1];
    if (!next) return;
    for (let k = 1; k <= between; k++) {
      const w = Math.exp(Math.log(g.sigmaW2) + ((Math.log(next.sigmaW2) - Math.log(g.sigmaW2)) * k) / (between + 1));
      push(w, correlationDepthScale(activation, w, sigmaB2));
    }
  });
  const lo = grid[0]?.sigmaW2 ?? 0;
  const hi = grid[grid.length - 1]?.sigmaW2 ?? 0;
  const crit = theoryCovers(activation) ? criticalSigmaW2(activation, sigmaB2) : Number.NaN;
  if (crit > lo && crit < hi && !out.some((p) => p.sigmaW2 === crit)) out.push({ sigmaW2: crit, xiC: Infinity, sixXiC: Infinity });
  return out.sort((a, b) => a.sigmaW2 - b.sigmaW2);
}

/** A cell of the grid: the runs of one depth × column over every seed. */
export interface TrainabilityCell {
  depth: number;
  /** Index into `columns`. */
  column: number;
  /** Seeds with a finished run, ascending, and each run's final accuracies in that order. */
  initSeeds: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
  /** Means over the finite values (null when there are none). */
  meanTrainAccuracy: number | null;
  meanTestAccuracy: number | null;
  /** Runs stopped by a non-finite weight, gradient or loss (their accuracy is the last finite evaluation's). */
  diverged: number;
  /** Runs whose final accuracy was not finite (left out of the means). */
  nonFinite: number;
}

/** trainability.json: initlab's version, the settings, the mean accuracy of every (depth, column) cell, the runs behind them and the theory. */
export interface TrainabilityDocument {
  initlab: { version: string };
  experiment: 'trainability';
  axis: TrainabilityAxis['kind'];
  metric: TrainabilityMetric;
  /** Everything the grid was run with: flags resolved, seeds listed. */
  config: {
    activation: Activation;
    width: number;
    depths: number[];
    sigmaW2?: number[];
    sigmaB2?: number;
    inits: InitSpec[];
    data: DataSpec;
    training: RunConfig['training'];
    initSeeds: number[];
  };
  depths: number[];
  columns: TrainabilityColumn[];
  /** Mean final accuracy (`metric`) per cell: accuracy[depth index][column index]; null when no run finished. */
  accuracy: (number | null)[][];
  cells: TrainabilityCell[];
  /** The 6ξ_c line (σ_w² axis and an activation the theory covers), else null. */
  theory: TrainabilityTheory | null;
  runs: { expected: number; finished: number; diverged: number; nonFinite: number };
}

const mean = (xs: readonly number[]): number | null => {
  const finite = xs.filter(Number.isFinite);
  return finite.length === 0 ? null : finite.reduce((a, b) => a + b, 0) / finite.length;
};

const cellKey = (depth: number, init: InitSpec): string => `${depth} ${canonicalJson(init)}`;

/** Every run of the grid, validated and expanded by the sweep machinery (depth outermost, then column, then seed). */
export function trainabilityRuns(settings: TrainabilitySettings): RunConfig[] {
  return expandSweep(parseSweepSpec(trainabilitySweepSpec(settings)));
}

/**
 * The trainability document from the sweep's records. Only records whose id is one of this grid's runs
 * count (a folder may also hold an earlier grid's runs); each goes to the cell of its depth and init.
 */
export function assembleTrainability(settings: TrainabilitySettings, records: readonly RunRecord[]): TrainabilityDocument {
  const columns = trainabilityColumns(settings);
  const configs = trainabilityRuns(settings);
  const wanted = new Set(configs.map(runId));
  const initSeeds = [...new Set(configs.map((c) => c.initSeed))].sort((a, b) => a - b);
  const byCell = new Map<string, RunRecord[]>();
  for (const r of records) {
    if (!wanted.has(r.id)) continue;
    const key = cellKey(r.config.network.hidden.length, r.config.init);
    const list = byCell.get(key) ?? [];
    if (!list.some((x) => x.id === r.id)) list.push(r);
    byCell.set(key, list);
  }
  const cells: TrainabilityCell[] = [];
  const accuracy = settings.depths.map(() => columns.map((): number | null => null));
  let finished = 0;
  let diverged = 0;
  let nonFinite = 0;
  settings.depths.forEach((depth, row) => {
    columns.forEach((col, column) => {
      const runs = [...(byCell.get(cellKey(depth, col.init)) ?? [])].sort((a, b) => a.config.initSeed - b.config.initSeed);
      const train = runs.map((r) => r.final.trainAccuracy);
      const test = runs.map((r) => r.final.testAccuracy);
      const shown = settings.metric === 'train' ? train : test;
      const cell: TrainabilityCell = {
        depth,
        column,
        initSeeds: runs.map((r) => r.config.initSeed),
        trainAccuracy: train,
        testAccuracy: test,
        meanTrainAccuracy: mean(train),
        meanTestAccuracy: mean(test),
        diverged: runs.filter((r) => r.status === 'diverged').length,
        nonFinite: shown.filter((v) => !Number.isFinite(v)).length,
      };
      cells.push(cell);
      accuracy[row]![column] = settings.metric === 'train' ? cell.meanTrainAccuracy : cell.meanTestAccuracy;
      finished += runs.length;
      diverged += cell.diverged;
      nonFinite += cell.nonFinite;
    });
  });

  let theory: TrainabilityTheory | null = null;
  if (settings.axis.kind === 'sigmaW2' && theoryCovers(settings.activation)) {
    const sigmaB2 = settings.axis.sigmaB2;
    theory = {
      activation: settings.activation,
      sigmaB2,
      criticalSigmaW2: criticalSigmaW2(settings.activation, sigmaB2),
      curve: theoryCurve(settings.activation, sigmaB2, columns.map((c) => ({ sigmaW2: c.sigmaW2!, xiC: c.xiC }))),
    };
  }

  return {
    initlab: { version: VERSION },
    experiment: 'trainability',
    axis: settings.axis.kind,
    metric: settings.metric,
    config: {
      activation: settings.activation,
      width: settings.width,
      depths: [...settings.depths],
      ...(settings.axis.kind === 'sigmaW2' ? { sigmaW2: [...settings.axis.sigmaW2], sigmaB2: settings.axis.sigmaB2 } : {}),
      inits: columns.map((c) => c.init),
      data: settings.data,
      training: settings.training,
      initSeeds,
    },
    depths: [...settings.depths],
    columns,
    accuracy,
    cells,
    theory,
    runs: { expected: configs.length, finished, diverged, nonFinite },
  };
}
