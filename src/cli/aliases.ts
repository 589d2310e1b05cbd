import { Option, type Command } from 'commander';
import { UsageError } from '../util/errors.js';

/*
 * One name per concept across commands (issue 11, item 5): `--seed` for one seed, `--seeds` for a
 * count or a list, `--depth`, `--width`, `--hidden`, `--lr`, `--iterations`, `--train-samples`,
 * `--out`. The spellings used before stay as hidden aliases: they still work, and print one line
 * on stderr naming the new flag. commander has no option aliases, so each is its own hidden
 * option, folded into the new one before the action runs.
 */

interface Alias {
  /** The old flag, e.g. '--init-seed'. */
  old: string;
  /** The flag it became, e.g. '--seed'. */
  current: string;
  oldKey: string;
  currentKey: string;
}

const ALIASES = new WeakMap<Command, Alias[]>();

/** 'init-seed' → 'initSeed', as commander names an option's value. */
const camel = (flag: string): string => flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Adds `oldFlags` (e.g. '--init-seed <n>') to `cmd` as a hidden alias of `current` (e.g. '--seed').
 * Returns `cmd`, for chaining.
 */
export function deprecatedAlias(cmd: Command, oldFlags: string, current: string): Command {
  const old = oldFlags.split(/[ ,]/)[0]!;
  cmd.addOption(new Option(oldFlags, `deprecated: use ${current}`).hideHelp());
  const list = ALIASES.get(cmd) ?? [];
  list.push({ old, current, oldKey: camel(old), currentKey: camel(current) });
  ALIASES.set(cmd, list);
  return cmd;
}

/** The aliases of `cmd`: [old flag, new flag] pairs (for tests and the completion scripts). */
export function aliasesOf(cmd: Command): [string, string][] {
  return (ALIASES.get(cmd) ?? []).map((a) => [a.old, a.current]);
}

/**
 * Folds each used alias of `cmd` into its new option, with one deprecation line on stderr; both
 * spellings at once is a usage error. Call it from a preAction hook.
 */
export function applyAliases(cmd: Command, stderr: (line: string) => void = (l) => process.stderr.write(l)): void {
  for (const a of ALIASES.get(cmd) ?? []) {
    const value: unknown = cmd.getOptionValue(a.oldKey);
    if (value === undefined) continue;
    if (cmd.getOptionValue(a.currentKey) !== undefined) throw new UsageError(`${a.old} and ${a.current} are the same setting: give only ${a.current}.`);
    cmd.setOptionValue(a.currentKey, value);
    cmd.setOptionValue(a.oldKey, undefined);
    stderr(`initlab: note: ${a.old} is deprecated; use ${a.current}.\n`);
  }
}
