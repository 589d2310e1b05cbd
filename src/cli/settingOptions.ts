import { Option, type Command } from 'commander';
import { parseInitList, resolveInit } from '../init/spec.js';
import { formatRuleValue, getPath, ruleTextValue, setPath, type Setting, type ValueRule } from '../settings/index.js';
import type { OptimizerSpec } from '../core/runConfig.js';
import { configSchema, issueText } from '../settings/index.js';
import { OPTIMIZER_NAMES, resolveOptimizer } from '../train/optimizers.js';
import { UsageError } from '../util/errors.js';
import { namedSpec, parseDataFlag } from './specFlags.js';

/*
 * Command-line flags made from the settings table (src/settings/table.ts): the flag's name, its
 * value placeholder and its help line — the setting's doc and the command's default — so --help,
 * the README's option tables (generated from --help's definitions) and the config schema cannot
 * drift apart. Commander is given no default value: an unset flag must not override a config file.
 */

const PLACEHOLDER: Readonly<Record<ValueRule['type'], string>> = {
  number: 'x',
  integer: 'n',
  seed: 'n',
  choice: 'name',
  widths: 'sizes',
  named: 'spec',
  init: 'spec',
  inits: 'specs',
  layers: 'list',
  shape3: 'c,h,w',
};

/** What --help shows as the default: the value written as a flag would take it, or what absence means. */
export function defaultText(setting: Setting, value: unknown = setting.default): string {
  return value !== undefined ? formatRuleValue(value) : (setting.absent ?? 'none');
}

/** commander's option key of a long flag: `--train-samples` → `trainSamples`. */
export function flagKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Adds a flag for each of `settings` that has one: help = doc (+ the command's note) + default.
 * `defaults` gives the command's default at a setting's path (trainability's), else the setting's
 * own; `defaultTexts` words a default that is no value (diagnose's hidden: '--width × --depth').
 */
export function addSettingOptions(
  command: Command,
  settings: readonly Setting[],
  options: { notes?: Readonly<Record<string, string>>; defaults?: unknown; defaultTexts?: Readonly<Record<string, string>> } = {},
): Command {
  for (const s of settings) {
    if (s.flag === undefined) continue;
    const value = options.defaults !== undefined ? (getPath(options.defaults, s.path) ?? s.default) : s.default;
    const note = options.notes?.[s.path];
    const shown = options.defaultTexts?.[s.path] ?? defaultText(s, value);
    command.addOption(new Option(`${s.flag} <${PLACEHOLDER[s.rule.type]}>`, `${s.doc}${note ? `; ${note}` : ''} (default: ${shown})`));
  }
  return command;
}

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
