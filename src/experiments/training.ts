import { TrainingStatsRecorder } from '../diagnostics/trainingStatistics.js';
import type { RunConfig } from '../core/runConfig.js';
import { TrainingSession as BareTrainingSession, trainNetwork as bareTrainNetwork } from '../train/session.js';
import type { TrainingData, TrainingHooks, TrainingResult } from '../train/trainer.js';

/*
 * Training with diagnostics plugged in. src/train sits below src/diagnostics, so a training run
 * reaches the layer-statistics recorder only through its `layerStats` hook; this is where a run is
 * built with diagnostics' TrainingStatsRecorder in that hook. These are the TrainingSession and
 * trainNetwork the library exports (src/index.ts) and runOne uses.
 */

/** `hooks` with diagnostics' TrainingStatsRecorder as the layer-statistics recorder, unless they bring their own. */
export function withLayerStats(hooks: TrainingHooks = {}): TrainingHooks {
  return hooks.layerStats ? hooks : { ...hooks, layerStats: (setup) => new TrainingStatsRecorder(setup) };
}

/** train/session.ts's TrainingSession, recording training.statsEvery's layer statistics with diagnostics' recorder. */
export class TrainingSession extends BareTrainingSession {
  constructor(config: RunConfig, data: TrainingData, hooks: TrainingHooks = {}) {
    super(config, data, withLayerStats(hooks));
  }
}

/** Trains one configuration on `data` and returns its record (without id and version); see train/trainer.ts. */
export function trainNetwork(config: RunConfig, data: TrainingData, hooks: TrainingHooks = {}): TrainingResult {
  return bareTrainNetwork(config, data, withLayerStats(hooks));
}
