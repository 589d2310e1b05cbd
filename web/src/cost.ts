import { count, duration } from './format.js';

/*
 * What a run will cost before it starts (issue 15, defect 2: 8 × 256 hidden units and a million
 * updates began without a word). A dense layer n_in → n_out costs 2·n_in·n_out floating-point
 * operations per sample forward and about twice that backward (two products of the same size:
 * ∂L/∂W and ∂L/∂A), so one update on b samples costs ≈ 6·b·W for W weights; each logged point
 * also evaluates the train and test sets forward (2·(n_train + n_test)·W). The rate is a rough
 * figure for one core of a laptop running the engine's WebAssembly kernels on small matrices; the
 * page says "about", and asks before anything estimated to take longer than CONFIRM_SECONDS.
 */

/** Floating-point operations per second one panel's worker reaches (order of magnitude). */
export const ASSUMED_FLOPS_PER_CORE = 1e9;
/** Runs estimated to take longer than ten minutes ask first (a long but ordinary run, 10⁶ updates of a small net, does not). */
export const CONFIRM_SECONDS = 600;

export interface CostInput {
  /** Input features, hidden widths, outputs. */
  layerSizes: readonly number[];
  nTrain: number;
  nTest: number;
  /** 0 = full batch. */
  batchSize: number;
  iterations: number;
  logEvery: number;
  panels: number;
  /** Cores the page may use (navigator.hardwareConcurrency). */
  cores: number;
}

export interface CostEstimate {
  weights: number;
  flops: number;
  seconds: number;
  needsConfirm: boolean;
  /** One sentence for the confirmation. */
  text: string;
}

export function weightsOf(layerSizes: readonly number[]): number {
  let w = 0;
  for (let l = 1; l < layerSizes.length; l++) w += (layerSizes[l - 1]! + 1) * layerSizes[l]!;
  return w;
}

export function estimateCost(c: CostInput): CostEstimate {
  const weights = weightsOf(c.layerSizes);
  const batch = c.batchSize === 0 ? c.nTrain : Math.min(c.batchSize, c.nTrain);
  const perRun = c.iterations * 6 * batch * weights + Math.ceil(c.iterations / c.logEvery) * 2 * (c.nTrain + c.nTest) * weights;
  const flops = perRun * c.panels;
  // Workers share all cores but one (main.ts dutyCycle).
  const parallel = Math.max(1, Math.min(c.panels, c.cores - 1));
  const seconds = flops / (ASSUMED_FLOPS_PER_CORE * parallel);
  const needsConfirm = seconds > CONFIRM_SECONDS;
  const text =
    `${c.panels} panel${c.panels === 1 ? '' : 's'} × ${count(c.iterations)} updates of a ${count(weights)}-weight network on ${count(batch)} points per update ` +
    `≈ ${flops.toExponential(1)} floating-point operations: about ${duration(seconds)} here (a rough figure).`;
  return { weights, flops, seconds, needsConfirm, text };
}
