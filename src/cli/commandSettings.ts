import type { TrainabilitySettings } from '../experiments/trainabilitySettings.js';
import { defaultTrainabilitySettings } from '../experiments/trainabilitySettings.js';
import { runSetting, type Setting } from '../settings/table.js';

/*
 * The run settings that `initlab diagnose` and `initlab trainability` take as flags, with their
 * defaults there (program.ts shows them in --help; the commands read the flags with them).
 *
 * diagnose: the run settings it takes as flags (the settings table's), with what they mean
 * there. The rest of its flags (--width, --depth, --batch, --seed of the inputs and the injected
 * error signal, --input-dim) are diagnose's own.
 */

export const DIAGNOSE_SETTINGS: readonly Setting[] = ['network.hidden', 'network.activation', 'data', 'dtype'].map(runSetting);

/** diagnose's defaults where they differ from a run's. */
export const DIAGNOSE_DEFAULTS = { network: { activation: 'tanh' } };

/** What each flag means for diagnose, beyond the setting's doc; and the default text where it is not a value. */
export const DIAGNOSE_NOTES: Readonly<Record<string, string>> = {
  'network.hidden': 'instead of --width/--depth',
  data: "its first --batch training points as the batch instead of standard normals (the input width is its feature count)",
  dtype: 'the format of the measured forward and backward pass',
};
export const DIAGNOSE_DEFAULT_TEXTS: Readonly<Record<string, string>> = { 'network.hidden': '--width × --depth', data: 'standard normals' };

/** The run settings the trainability command takes as flags (the rest of a run is fixed by the grid). */
export const TRAINABILITY_SETTINGS: readonly Setting[] = ['network.activation', 'data', 'training.optimizer', 'training.learningRate', 'training.iterations', 'training.batchSize', 'dtype'].map(runSetting);

/** The defaults as a partial run config, where TRAINABILITY_SETTINGS' paths find them. */
export function trainabilityDefaultsAsConfig(s: TrainabilitySettings = defaultTrainabilitySettings()): Record<string, unknown> {
  return { network: { activation: s.activation }, data: s.data, training: s.training, ...(s.dtype !== undefined ? { dtype: s.dtype } : {}) };
}
