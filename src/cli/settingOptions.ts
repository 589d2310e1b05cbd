import { Option, type Command } from 'commander';
// The table and its text forms only: --help must not load zod or the trainer (see lazyCommands.ts).
import { formatRuleValue, getPath, type Setting } from '../settings/table.js';
import type { ValueRule } from '../settings/valueRule.js';

/*
 * Command-line flags made from the settings table (src/settings/table.ts): the flag's name, its
 * value placeholder and its help line — the setting's doc and the command's default — so --help,
 * the README's option tables (generated from --help's definitions) and the config schema cannot
 * drift apart. Commander is given no default value: an unset flag must not override a config file.
 * Reading the flags' values: ./settingFlags.ts.
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

