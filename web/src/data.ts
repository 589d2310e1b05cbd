import { makeDataset } from '../../src/data/makeDataset.js';
import { boundsAround, type PlaneBounds } from '../../src/report/decisionGrid.js';
import type { Dataset } from '../../src/data/types.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { generateRegression, REGRESSION_NAMES } from './regressionData.js';
import { asRegression, type PlaygroundTask } from './regressionVariant.js';
import { dataSpecOf, type DataState } from './state.js';

/*
 * The points the panels train on. Generated data comes from src/data makeDataset with the data
 * seed (its own numpy stream, separate from the weight seed); hand-placed and uploaded points are
 * kept by the page as a TrainingData of their own.
 */

/** Builds a generator's train and test sets; the playground plots two features only. */
export function generateData(data: DataState): TrainingData {
  if (REGRESSION_NAMES.includes(data.name)) return generateRegression(data.name, data.seed, data.params);
  const bundle = makeDataset(dataSpecOf(data));
  if (bundle.train.nFeatures !== 2) {
    throw new Error(`data set '${data.name}' has ${bundle.train.nFeatures} features; the playground draws 2 (set features = 2).`);
  }
  if (bundle.task === 'regression') throw new Error('the playground classifies; this data set is a regression task.');
  return { train: bundle.train, test: bundle.test, nClasses: bundle.nClasses, task: bundle.task };
}

/** What the panels train on: the points as they are, or their regression variant when the task asks for it. */
export function dataForTask(source: TrainingData, task: PlaygroundTask): TrainingData {
  return task === 'regression' ? asRegression(source) : source;
}

function points(d: Dataset): { x0: number; x1: number }[] {
  const out: { x0: number; x1: number }[] = [];
  for (let s = 0; s < d.nSamples; s++) out.push({ x0: d.x[s]!, x1: d.x[d.nSamples + s]! });
  return out;
}

/** A square window around every train and test point (the heat map's extent). */
export function plotBounds(data: TrainingData): PlaneBounds {
  const all = [...points(data.train), ...points(data.test)];
  if (all.length === 0) return { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
  const b = boundsAround(all, 0);
  const cx = (b.xMin + b.xMax) / 2;
  const cy = (b.yMin + b.yMax) / 2;
  const half = Math.max(b.xMax - b.xMin, b.yMax - b.yMin, 1e-6) / 2 * 1.15;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** `d` with one more sample (x0, x1, label) at the end. */
export function withPoint(d: Dataset, x0: number, x1: number, label: number): Dataset {
  const n = d.nSamples;
  const x = new Float64Array(2 * (n + 1));
  x.set(d.x.subarray(0, n), 0);
  x[n] = x0;
  x.set(d.x.subarray(n, 2 * n), n + 1);
  x[2 * n + 1] = x1;
  const y = new Float64Array(n + 1);
  y.set(d.y);
  y[n] = label;
  return { nFeatures: 2, nSamples: n + 1, x, y };
}
