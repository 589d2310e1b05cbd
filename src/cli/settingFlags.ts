import type { OptimizerSpec } from '../core/runConfig.js';
import { parseInitList, resolveInit } from '../init/spec.js';
import { configSchema, issueText, ruleTextValue, setPath, type Setting } from '../settings/index.js';
import { OPTIMIZER_NAMES, resolveOptimizer } from '../train/optimizers.js';
import { UsageError } from '../util/errors.js';
import { flagKey } from './settingOptions.js';
import { namedSpec, parseDataFlag } from './specFlags.js';

/*
 * The values of flags made from the settings table (./settingOptions.ts): read as the setting's
 * rule says, placed at its path, checked by the same schema a config file meets.
 */

/** A flag's text as the setting's raw value (numbers read, specs parsed; ranges are the schema's to check). */
export function flagValue(setting: Setting, text: string): unknown {
  const flag = setting.flag ?? setting.key;
  switch (setting.rule.type) {
    case 'named': {
      // A data set is built once to check its parameters and files (and gets seed 1 unless given).
      if (setting.path === 'data') return parseDataFlag(flag, text);
      const { name, params } = namedSpec(flag, text);
      const spec = { ...params, name };
      if (setting.path === 'training.optimizer' && (OPTIMIZER_NAMES as readonly string[]).includes(name)) resolveOptimizer(spec as OptimizerSpec, flag);
      return spec;
    }
    case 'init':
      return resolveInit(text, flag).spec;
    case 'inits': {
      const specs = parseInitList(text);
      specs.forEach((spec) => resolveInit(spec, flag));
      return specs;
    }
    default:
      return ruleTextValue(setting.rule, flag, text);
  }
}

/**
 * The config layer the given flags make: each set flag's value at its setting's path, and for error
 * messages which flag set which path (`training.learningRate` → `--lr`, list items too).
 */
export function flagsToLayer(settings: readonly Setting[], flags: Readonly<Record<string, unknown>>): { layer: Record<string, unknown>; names: Record<string, string> } {
  const layer: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  for (const s of settings) {
    if (s.flag === undefined) continue;
    const text = flags[flagKey(s.flag)];
    if (typeof text !== 'string') continue;
    const value = flagValue(s, text);
    setPath(layer, s.path, value);
    names[s.path] = s.flag;
    if (Array.isArray(value)) value.forEach((_, i) => (names[`${s.path}.${i}`] = s.flag!));
  }
  return { layer, names };
}

/**
 * The flags of `settings` as a checked config layer: flagsToLayer, then the settings' schema, an
 * error naming the flag (`--lr: must be > 0 (got -0.1).`).
 */
export function settingFlags(settings: readonly Setting[], flags: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { layer, names } = flagsToLayer(settings, flags);
  const schema = configSchema(settings, { partial: true });
  const parsed = schema.safeParse(layer, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    // The flag of the longest path that names the field (data's parameters → --data).
    let flag: string | undefined;
    for (let n = path.length; n > 0 && flag === undefined; n--) flag = names[path.slice(0, n).join('.')];
    throw new UsageError(`${flag ?? path.join('.')}: ${issueText(issue, schema)}.`);
  }
  return layer;
}
