import { trainTestSplit } from '../../src/data/split.js';
import type { Dataset } from '../../src/data/types.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';
import type { TrainingData } from '../../src/train/trainer.js';
import { parseDecimal } from '../../src/util/numberText.js';

/*
 * Hand-placed and uploaded points cannot live in a link (issue 6 §5), so the page offers them as a
 * CSV file and reads such files back: header `x0,x1,label,split`, one point per row, numbers
 * written with String(x) so they read back bit for bit. On upload the `split` column is optional;
 * without it the data seed's numpy stream draws the split as makeDataset does for csv files
 * (sklearn train_test_split, testFraction of the points to the test set).
 */

export const CSV_HEADER = 'x0,x1,label,split';

export function dataToCsv(data: TrainingData): string {
  const rows = [CSV_HEADER];
  for (const [split, d] of [['train', data.train], ['test', data.test]] as const) {
    for (let s = 0; s < d.nSamples; s++) rows.push(`${d.x[s]!},${d.x[d.nSamples + s]!},${d.y[s]!},${split}`);
  }
  return rows.join('\n') + '\n';
}

function dataset(x0: number[], x1: number[], y: number[]): Dataset {
  const n = y.length;
  const x = new Float64Array(2 * n);
  x.set(x0, 0);
  x.set(x1, n);
  return { nFeatures: 2, nSamples: n, x, y: Float64Array.from(y) };
}

/**
 * Reads an uploaded CSV: a header naming two feature columns, a `label` column of class indices
 * 0 … k−1 (k ≥ 2, each present) and optionally `split` (train/test).
 * @throws Error with one line naming the row and column of the first problem.
 */
export function csvToData(text: string, seed: number, testFraction = 0.25): TrainingData {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) throw new Error('the CSV file needs a header row and at least two points.');
  const header = lines[0]!.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  const labelCol = header.indexOf('label');
  if (labelCol < 0) throw new Error(`the CSV header (${header.join(', ')}) has no 'label' column.`);
  const splitCol = header.indexOf('split');
  const features = header.map((_, i) => i).filter((i) => i !== labelCol && i !== splitCol);
  if (features.length !== 2) throw new Error(`the playground draws 2 features; the CSV has ${features.length} (${features.map((i) => header[i]).join(', ')}).`);
  const cols: [number[], number[], number[]] = [[], [], []];
  const tcols: [number[], number[], number[]] = [[], [], []];
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r]!.split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new Error(`CSV row ${r + 1} has ${cells.length} cells; the header has ${header.length}.`);
    const value = (c: number): number => {
      const t = cells[c]!;
      // parseDecimal refuses 1e400 (it would be an Infinity coordinate) and 1e-400 as out of range.
      const x = parseDecimal(`CSV row ${r + 1}, column '${header[c]}'`, t);
      if (x === undefined) throw new Error(`CSV row ${r + 1}, column '${header[c]}': '${t}' is not a finite number.`);
      return x;
    };
    const label = value(labelCol);
    if (!Number.isInteger(label) || label < 0) throw new Error(`CSV row ${r + 1}: label ${label} must be a class index 0, 1, …`);
    let target = cols;
    if (splitCol >= 0) {
      const s = cells[splitCol]!;
      if (s !== 'train' && s !== 'test') throw new Error(`CSV row ${r + 1}: split '${s}' must be 'train' or 'test'.`);
      if (s === 'test') target = tcols;
    }
    target[0].push(value(features[0]!));
    target[1].push(value(features[1]!));
    target[2].push(label);
  }
  const labels = [...cols[2], ...tcols[2]];
  const k = Math.max(...labels) + 1;
  if (k < 2) throw new Error('the CSV labels hold one class; the playground needs at least two (0 and 1).');
  for (let c = 0; c < k; c++) if (!labels.includes(c)) throw new Error(`the CSV labels skip class ${c}: classes must be 0 … ${k - 1}, each present.`);
  const task = k === 2 ? 'binary' : 'multiclass';
  if (splitCol >= 0) {
    if (cols[2].length === 0) throw new Error("the CSV's split column puts no point in 'train'.");
    return { train: dataset(...cols), test: dataset(...tcols), nClasses: k, task };
  }
  const { train, test } = trainTestSplit(dataset(...cols), new NumpyRandomState(seed), testFraction);
  return { train, test, nClasses: k, task };
}
