import type { Parameters } from '../kernels/types.js';
import { unitsIdentical } from '../nn/symmetry.js';
import type { CostPoint } from '../train/courseCost.js';

// unitsIdentical moved to nn/ (train/ and diagnostics/ use it too); re-exported for existing imports.
export { unitsIdentical };

/** What a run's finding says: symmetry never broken, saturated units, vanishing signal, divergence, or that it learned. */
export type FindingKind = 'symmetry' | 'saturated' | 'vanishing' | 'diverged' | 'learned';

/** A one-line, computed statement about a run — what a person should take from it. */
export interface Finding {
  kind: FindingKind;
  message: string;
}

export interface FindingInput {
  layerSizes: readonly number[];
  costs: readonly CostPoint[];
  status: 'ok' | 'diverged';
  divergedAt?: number;
  iterations: number;
  /** Output activations at initialization, on the training set. */
  initialOutputs: Float64Array;
  finalParameters: Parameters;
  trainAccuracy: number;
  testAccuracy: number;
}

const fmt = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));
const pct = (x: number) => `${fmt(100 * x, 4)}%`;

/**
 * Explains a run in one line, from its numbers alone: symmetry never broken (the zeros init),
 * a sigmoid saturated at iteration 0 (randn×10 under the course's cost), a vanishing signal
 * (randn×0.01), divergence, or how far the cost fell.
 */
export function findingFor(input: FindingInput): Finding {
  const { layerSizes, costs, finalParameters: p, iterations } = input;
  const first = costs[0]?.cost ?? Number.NaN;
  const last = costs[costs.length - 1]?.cost ?? Number.NaN;

  if (input.status === 'diverged') {
    return { kind: 'diverged', message: `diverged: a weight became non-finite by iteration ${input.divergedAt ?? '?'} — lower the learning rate or the init scale.` };
  }

  const hidden = layerSizes.slice(1, -1);
  const cloned = hidden.map((n, i) => n > 1 && unitsIdentical(p.weights[i]!, p.biases[i]!, n, layerSizes[i]!));
  if (hidden.length > 0 && cloned.every(Boolean)) {
    return {
      kind: 'symmetry',
      message: `all hidden units identical in every layer (${hidden.join(', ')} units) after ${iterations} iterations — symmetry never broken; cost stayed at ${fmt(last, 7)}, train accuracy ${pct(input.trainAccuracy)}.`,
    };
  }

  let saturated = 0;
  let mean = 0;
  for (const a of input.initialOutputs) {
    if (a === 0 || a === 1) saturated++;
    mean += a;
  }
  const m = input.initialOutputs.length;
  mean /= m;
  if (!Number.isFinite(first) && saturated > 0) {
    return {
      kind: 'saturated',
      message: `sigmoid saturated at iteration 0: ${saturated} of ${m} outputs are exactly 0 or 1, so the course's cost is ∞; it still fell to ${fmt(last)} by iteration ${iterations} (train ${pct(input.trainAccuracy)}, test ${pct(input.testAccuracy)}).`,
    };
  }

  let spread = 0;
  for (const a of input.initialOutputs) spread = Math.max(spread, Math.abs(a - mean));
  if (spread < 1e-3 && Math.abs(last - first) < 1e-3) {
    return {
      kind: 'vanishing',
      message: `signal vanishes: at init every output is within ${spread.toExponential(1)} of ${fmt(mean, 6)}, and the cost moved only ${Math.abs(last - first).toExponential(1)} in ${iterations} iterations (train ${pct(input.trainAccuracy)}).`,
    };
  }

  const drop = first > 0 ? (first - last) / first : Number.NaN;
  return {
    kind: 'learned',
    message: `cost fell from ${fmt(first)} to ${fmt(last)} (${drop >= 0 ? '−' : '+'}${fmt(Math.abs(100 * drop), 3)}%) in ${iterations} iterations; train ${pct(input.trainAccuracy)}, test ${pct(input.testAccuracy)}.`,
  };
}
