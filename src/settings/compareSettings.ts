import type { Setting } from './table.js';
import { runSetting } from './table.js';

/*
 * The settings of `initlab compare`'s config (experiments/config.ts CompareConfig): the course
 * notebook's experiment (deeplearning.ai, "Initialization"; test/fixtures/reference/
 * coursera-initialization.json, field `config`). The fields it shares with a run config are the run
 * settings themselves, with the course's values as defaults; the data fields are make_circles'
 * and belong to compare alone.
 */

/** A run setting with the course's default. */
const course = (path: string, value: unknown): Setting => ({ ...runSetting(path), default: value });

/** compare's settings, in the order its --help and the README list them. */
export const COMPARE_SETTINGS: readonly Setting[] = [
  {
    path: 'inits', key: 'inits', flag: '--inits', rule: { type: 'inits' },
    default: [{ name: 'zeros' }, { name: 'random', scale: 10 }, { name: 'he' }],
    doc: "comma-separated initializer specs, trained side by side ('initlab inits' lists them)",
  },
  course('network.hidden', [10, 5]),
  course('training.learningRate', 0.01),
  course('training.iterations', 15000),
  course('training.logEvery', 1000),
  runSetting('training.statsEvery'),
  { path: 'data.name', key: 'data', rule: { type: 'choice', values: ['circles'], what: 'data set' }, default: 'circles', doc: 'the data set: make_circles (the only one compare draws)' },
  { path: 'data.trainSamples', key: 'trainSamples', flag: '--train-samples', rule: { type: 'integer', min: 2, max: Number.MAX_SAFE_INTEGER }, default: 300, doc: 'training points of make_circles' },
  { path: 'data.testSamples', key: 'testSamples', flag: '--test-samples', rule: { type: 'integer', min: 2, max: Number.MAX_SAFE_INTEGER }, default: 100, doc: 'test points of make_circles' },
  { path: 'data.noise', key: 'noise', flag: '--noise', rule: { type: 'number', min: 0 }, default: 0.05, doc: 'std of the Gaussian noise added to the circles' },
  { path: 'data.trainSeed', key: 'trainSeed', flag: '--train-seed', rule: { type: 'seed' }, default: 1, doc: 'numpy seed of the training set (np.random.seed before make_circles)' },
  { path: 'data.testSeed', key: 'testSeed', flag: '--test-seed', rule: { type: 'seed' }, default: 2, doc: 'numpy seed of the test set' },
  course('initSeed', 3),
  runSetting('dtype'),
];
