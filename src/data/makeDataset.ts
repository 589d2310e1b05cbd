/**
 * `makeDataset(spec)`: any data set of the registry by name, as a train and a test set.
 *
 * Generators: a `NumpyRandomState` seeded with `spec.seed` draws the data (for circles, moons and
 * blobs exactly as scikit-learn 1.2.1 does with that RandomState), then the same stream draws the
 * split: perm = permutation(n), test = the first ⌈testFraction·n⌉ samples of perm, train = the rest
 * (= sklearn `train_test_split(X, y, test_size=testFraction, random_state=<same RandomState>)`).
 * User data (csv, npy): the file is read, then a `NumpyRandomState` seeded with `spec.seed` draws the
 * same split; with `standardize: true` both parts are rescaled with the training part's statistics.
 * IDX images (idx, mnist, fashion-mnist): see idxData.ts.
 */
import type { DataSpec } from '../core/runConfig.js';
import { NumpyRandomState } from '../random/numpyRandomState.js';
import { UsageError } from '../util/errors.js';
import { isSeed, MAX_SEED } from '../util/seed.js';
import { makeBlobs } from './blobs.js';
import { makeCircles } from './circles.js';
import { makeMoons } from './moons.js';
import { bool, list, num, numOrList, rangeError, resolveParams, str } from './params.js';
import type { ResolvedParams } from './params.js';
import { datasetInfo } from './registry.js';
import type { DataSetInfo } from './registry.js';
import type { DataBundle } from './bundle.js';
import { applyStandardization, fitStandardization, testSize, trainTestSplit } from './split.js';
import type { Standardization } from './split.js';
import { makeCheckerboard, makeGauss, makeSpiral, makeXor } from './synthetic.js';
import type { Dataset } from './types.js';
import { labelKind, loadCsvTable, loadNpyTable } from './userData.js';
import { makeIdxDataset } from './idxData.js';
import type { UserTable } from './userData.js';

export type { DataBundle } from './bundle.js';

interface Drawn {
  readonly data: Dataset;
  readonly nClasses: number;
}

type Generator = (rng: NumpyRandomState, p: ResolvedParams, info: DataSetInfo) => Drawn;

function spec(info: DataSetInfo, name: string): DataSetInfo['params'][number] {
  return info.params.find((p) => p.name === name)!;
}

const GENERATORS: Readonly<Record<string, Generator>> = {
  circles: (rng, p) => ({
    data: makeCircles(rng, { nSamples: num(p, 'samples'), noise: num(p, 'noise'), factor: num(p, 'factor') }),
    nClasses: 2,
  }),
  moons: (rng, p) => ({ data: makeMoons(rng, { nSamples: num(p, 'samples'), noise: num(p, 'noise') }), nClasses: 2 }),
  blobs: (rng, p, info) => {
    const features = num(p, 'features');
    const centersParam = numOrList(p, 'centers');
    let centers: number | number[][];
    if (typeof centersParam === 'number') {
      centers = centersParam;
    } else {
      const k = centersParam.length / features;
      if (!Number.isInteger(k) || k < 2) {
        throw rangeError(info.name, spec(info, 'centers'), centersParam, ` With features = ${features} the list needs k·${features} numbers, k ≥ 2.`);
      }
      centers = [];
      for (let c = 0; c < k; c++) centers.push(centersParam.slice(c * features, (c + 1) * features));
    }
    const k = typeof centers === 'number' ? centers : centers.length;
    const std = numOrList(p, 'clusterStd');
    if (Array.isArray(std) && std.length !== k) {
      throw rangeError(info.name, spec(info, 'clusterStd'), std, ` A list needs one value per cluster (${k}).`);
    }
    const box = list(p, 'centerBox');
    if (box.length !== 2 || !(box[0]! < box[1]!) || !Number.isFinite(box[1]! - box[0]!)) throw rangeError(info.name, spec(info, 'centerBox'), box);
    return {
      data: makeBlobs(rng, { nSamples: num(p, 'samples'), nFeatures: features, centers, clusterStd: std, centerBox: [box[0]!, box[1]!] }),
      nClasses: k,
    };
  },
  spiral: (rng, p, info) => {
    const arms = num(p, 'arms');
    if (num(p, 'samples') < arms) {
      throw rangeError(info.name, spec(info, 'samples'), num(p, 'samples'), ` It must be at least arms = ${arms}.`);
    }
    return { data: makeSpiral(rng, { nSamples: num(p, 'samples'), arms, turns: num(p, 'turns'), noise: num(p, 'noise') }), nClasses: arms };
  },
  xor: (rng, p) => ({ data: makeXor(rng, { nSamples: num(p, 'samples'), padding: num(p, 'padding'), noise: num(p, 'noise') }), nClasses: 2 }),
  gauss: (rng, p) => ({ data: makeGauss(rng, { nSamples: num(p, 'samples'), std: num(p, 'std') }), nClasses: 2 }),
  checkerboard: (rng, p) => ({
    data: makeCheckerboard(rng, { nSamples: num(p, 'samples'), cells: num(p, 'cells'), noise: num(p, 'noise') }),
    nClasses: 2,
  }),
};

/** Checks the split sizes: both parts must get at least one sample. */
function checkSplit(info: DataSetInfo, n: number, testFraction: number, what: string): void {
  const nTest = testSize(n, testFraction);
  if (nTest < 1 || nTest >= n) {
    throw new UsageError(
      `data set '${info.name}': parameter 'testFraction' = ${testFraction} of ${n} samples${what} leaves ${nTest === 0 ? 'no test' : 'no training'} samples ` +
        `(the test set gets ⌈testFraction·n⌉ = ${nTest}); both parts need at least one sample.`,
    );
  }
}

/**
 * Builds the data set `spec` names: its train and test sets, class count, task and feature names.
 * See the module comment for the order of random draws, and `DATASETS` (registry.ts) for every data
 * set's parameters, defaults and ranges.
 * @throws UsageError for an unknown data set or parameter (with suggestions), a missing or
 *   out-of-range value, a bad seed, or a bad user file (naming the file, row and column).
 */
export function makeDataset(dataSpec: DataSpec): DataBundle {
  const info = datasetInfo(dataSpec.name);
  const seed = dataSpec.seed;
  if (!isSeed(seed)) {
    throw new UsageError(`data set '${info.name}': seed must be an integer in [0, ${MAX_SEED}], got ${String(seed)}.`);
  }
  const p = resolveParams(info.name, info.params, dataSpec);
  if (info.name === 'idx' || info.name === 'mnist' || info.name === 'fashion-mnist') return makeIdxDataset(info.name, p, seed);
  const testFraction = num(p, 'testFraction');
  const rng = new NumpyRandomState(seed);

  if (info.name === 'circles' && num(p, 'testSeed') >= 0) {
    // The notebook's data: train and test are two make_circles draws with their own seeds.
    const circles = (s: number, n: number) =>
      makeCircles(new NumpyRandomState(s), { nSamples: n, noise: num(p, 'noise'), factor: num(p, 'factor') });
    const train = circles(seed, num(p, 'samples'));
    const test = circles(num(p, 'testSeed'), num(p, 'testSamples'));
    return { train, test, nClasses: 2, task: 'binary', featureNames: ['x0', 'x1'], parameters: p };
  }
  const generate = GENERATORS[info.name];
  if (generate !== undefined) {
    checkSplit(info, num(p, 'samples'), testFraction, '');
    const { data, nClasses } = generate(rng, p, info);
    const { train, test } = trainTestSplit(data, rng, testFraction);
    const featureNames: string[] = [];
    for (let f = 0; f < data.nFeatures; f++) featureNames.push(`x${f}`);
    return { train, test, nClasses, task: nClasses === 2 ? 'binary' : 'multiclass', featureNames, parameters: p };
  }

  let table: UserTable;
  let labelFile: string;
  if (info.name === 'csv') {
    table = loadCsvTable(str(p, 'path'), str(p, 'label'));
    labelFile = str(p, 'path');
  } else if (info.name === 'npy') {
    table = loadNpyTable(str(p, 'path'), str(p, 'labels'));
    labelFile = str(p, 'labels');
  } else {
    throw new Error(`data set '${info.name}' is registered but has no builder`);
  }
  // The sample count first: too few samples is the more basic problem than their labels.
  checkSplit(info, table.data.nSamples, testFraction, ` in '${str(p, 'path')}'`);
  const kind = labelKind(info.name, labelFile, table.data.y, str(p, 'task'));
  let { train, test } = trainTestSplit(table.data, rng, testFraction);
  let standardization: Standardization | undefined;
  if (bool(p, 'standardize')) {
    standardization = fitStandardization(train);
    train = applyStandardization(train, standardization);
    test = applyStandardization(test, standardization);
  }
  const bundle: DataBundle = { train, test, nClasses: kind.nClasses, task: kind.task, featureNames: table.featureNames, parameters: p };
  return standardization ? { ...bundle, standardization } : bundle;
}
