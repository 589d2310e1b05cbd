import type { Dataset } from '../../src/data/types.js';
import type { TrainingData } from '../../src/train/trainer.js';

/*
 * TensorFlow Playground's input features (its "FEATURES" column): the network sees any subset of
 * x, y, x², y², x·y, sin x, sin y of each point instead of (x, y). The heat maps and the points
 * stay on the (x, y) plane; the worker transforms the training data and every grid it predicts on.
 * Only (x, y) reproduces Node bit for bit: Math.sin is the JavaScript engine's own.
 */

export const FEATURE_NAMES = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What each feature is, as the control shows it. */
export const FEATURE_LABELS: Readonly<Record<FeatureName, string>> = { x: 'x', y: 'y', x2: 'x²', y2: 'y²', xy: 'x·y', sinx: 'sin x', siny: 'sin y' };

export const DEFAULT_FEATURES: readonly FeatureName[] = ['x', 'y'];

const MAP: Readonly<Record<FeatureName, (a: number, b: number) => number>> = {
  x: (a) => a,
  y: (_a, b) => b,
  x2: (a) => a * a,
  y2: (_a, b) => b * b,
  xy: (a, b) => a * b,
  sinx: (a) => Math.sin(a),
  siny: (_a, b) => Math.sin(b),
};

/** The features of m points given feature-major as (x of all, y of all): k × m, feature-major. */
export function featurize(x: Float64Array, m: number, features: readonly FeatureName[]): Float64Array {
  if (features.length === 2 && features[0] === 'x' && features[1] === 'y') return x;
  const out = new Float64Array(features.length * m);
  features.forEach((f, k) => {
    const g = MAP[f];
    for (let s = 0; s < m; s++) out[k * m + s] = g(x[s]!, x[m + s]!);
  });
  return out;
}

function featurizeSet(d: Dataset, features: readonly FeatureName[]): Dataset {
  return { ...d, nFeatures: features.length, x: featurize(d.x, d.nSamples, features) };
}

/** The training data as the network sees it. */
export function featurizeData(data: TrainingData, features: readonly FeatureName[]): TrainingData {
  return { ...data, train: featurizeSet(data.train, features), test: featurizeSet(data.test, features) };
}

/** Features in their canonical order, validated: 'x,y,sinx' → ['x', 'y', 'sinx']. */
export function parseFeatures(text: string): FeatureName[] {
  const given = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const bad = given.filter((t) => !(FEATURE_NAMES as readonly string[]).includes(t));
  if (bad.length > 0) throw new Error(`input features '${text}': unknown ${bad.map((b) => `'${b}'`).join(', ')}; choose from ${FEATURE_NAMES.join(', ')}.`);
  const set = new Set(given);
  const out = FEATURE_NAMES.filter((f) => set.has(f));
  if (out.length === 0) throw new Error(`input features '${text}': choose at least one of ${FEATURE_NAMES.join(', ')}.`);
  return out;
}
