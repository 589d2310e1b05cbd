import { registerAllInitializers } from '../../init/frameworks/index.js';
import { layersText } from '../../nn/layers/describe.js';
import { formatInitSpec, resolveInit } from '../../init/spec.js';
import type { InitSpec } from '../../init/types.js';
import { VERSION } from '../../version.js';
import type { RunConfig, RunRecord } from '../runTypes.js';
import { canonicalJson } from './ids.js';
import { describe, type Stats } from './stats.js';
import { compareValues, type SweepMetric } from './earlyStop.js';

/*
 * A sweep's summary. Runs are grouped by everything in their config but the init seed; each group
 * gets mean, sample std, Student-t 95% CI, min and max of the final train loss, train accuracy and
 * test accuracy (over the runs where the value is finite: a diverged run's NaN loss does not count,
 * its accuracy does), iterations to the target loss over the runs that reached it with the fraction
 * that did, and the fractions of runs that diverged and that stayed symmetric. Within each setting
 * (everything but init and seed) the inits are ranked by mean final test accuracy, ties by mean final
 * train loss.
 */

/** The part of a RunConfig shared by the runs of one setting: all but init and initSeed. */
export type Setting = Omit<RunConfig, 'init' | 'initSeed'>;

export interface TargetStats extends Stats {
  /** Fraction of the group's runs that reached the target loss. */
  reached: number;
  targetLoss: number;
}

/**
 * One group of a sweep: the runs that differ only in their init seed. Each metric is its mean and
 * 95% confidence interval over the seeds, mean ± t_{0.975, n−1}·s/√n (Student t).
 */
export interface GroupSummary {
  setting: Setting;
  init: InitSpec;
  /** Human label of the init, e.g. `random (randn×10)`. */
  label: string;
  /** Number of runs (seeds) in the group. */
  runs: number;
  seeds: number[];
  finalTrainLoss: Stats;
  trainAccuracy: Stats;
  testAccuracy: Stats;
  /** null when the runs had no target loss. */
  iterationsToTarget: TargetStats | null;
  /** Fraction of runs that diverged. */
  diverged: number;
  /** Fraction of runs whose hidden units stayed identical. */
  symmetric: number;
  /**
   * Rank (1 = best; equal keys share a rank): of this init within its setting, or — with the
   * sweep's metric — of this group among all groups of the sweep, by the metric's mean.
   */
  rank: number;
  /** The sweep's metric over the group's runs (final values), when the spec names one. */
  metric?: Stats;
  /** Fraction of runs stopped early at a rung, when any run of the sweep was. */
  stopped?: number;
}

/** The inits of one setting ranked by mean test accuracy, then mean final loss. */
export interface SettingRanking {
  setting: Setting;
  /** Best first. */
  inits: { rank: number; init: InitSpec; label: string; testAccuracy: number | null; finalTrainLoss: number | null; runs: number }[];
}

/** The summary of a sweep (summary.json): initlab's version, the run counts, the settings that vary, every group and the rankings. */
export interface SweepSummary {
  initlab: { version: string };
  /** Records summarized. */
  runs: number;
  /** Runs the spec expands to (from sweep.json), when known. */
  expected: number | null;
  /** Records in runs.jsonl that the current spec does not contain (left out). */
  outside: number;
  /** Dotted setting fields whose value differs between groups (init included), for tables. */
  varying: string[];
  groups: GroupSummary[];
  rankings: SettingRanking[];
  /** The metric groups are ranked by across the sweep, when the spec names one. */
  metric?: SweepMetric;
}

type Leaf = string | number | boolean | null;

/** A spec-like object as `name:key=value` (init, optimizer, schedule). */
function specString(value: unknown): string {
  return formatInitSpec(value as InitSpec);
}

/**
 * The setting's fields as dotted leaves in a fixed order: data.*, network.*, init, training.* with the
 * optimizer and schedule as spec strings and hidden as `10x5`.
 */
export function flattenGroup(setting: Setting, init: InitSpec | undefined): [string, Leaf][] {
  const out: [string, Leaf][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (prefix === 'network.hidden' && Array.isArray(value)) return void out.push([prefix, value.join('x')]);
    // network.layers as one line (flatten, dense 64, 25×res[2×dense 64]/linear), not its JSON: a column and a figure title of that JSON ran to tens of thousands of characters.
    if (prefix === 'network.layers' && Array.isArray(value)) return void out.push([prefix, layersText(value)]);
    if (prefix === 'training.optimizer' || prefix === 'training.schedule') return void out.push([prefix, specString(value)]);
    if (Array.isArray(value)) return void out.push([prefix, JSON.stringify(value)]);
    if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a < b ? -1 : a > b ? 1 : 0));
      for (const k of keys) walk(prefix === '' ? k : `${prefix}.${k}`, (value as Record<string, unknown>)[k]);
      return;
    }
    out.push([prefix, value as Leaf]);
  };
  walk('data', setting.data);
  walk('network', setting.network);
  if (init) out.push(['init', specString(init)]);
  walk('training', setting.training);
  return out;
}

function initLabel(init: InitSpec): string {
  try {
    const resolved = resolveInit(init);
    return resolved.definition.label(resolved.params);
  } catch {
    return formatInitSpec(init);
  }
}

function fraction(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/** Sorts by mean test accuracy (higher first), then mean final train loss (lower first); missing last. */
function compareGroups(a: GroupSummary, b: GroupSummary): number {
  const acc = (g: GroupSummary) => g.testAccuracy.mean ?? Number.NEGATIVE_INFINITY;
  const loss = (g: GroupSummary) => g.finalTrainLoss.mean ?? Number.POSITIVE_INFINITY;
  return acc(b) - acc(a) || loss(a) - loss(b);
}

/** Best first by the metric's mean (missing last), then as compareGroups. */
function byMetric(metric: SweepMetric): (a: GroupSummary, b: GroupSummary) => number {
  const value = (g: GroupSummary) => g.metric?.mean ?? Number.NaN;
  return (a, b) => compareValues(metric, value(a), value(b)) || compareGroups(a, b);
}

export interface SummarizeOptions {
  /** Run ids in expansion order (sweep.json): groups follow it, records not in it are left out. */
  order?: readonly string[];
  /** The spec's metric: groups are ranked by its mean across the whole sweep (a leaderboard). */
  metric?: SweepMetric;
}

/** Groups and summarizes finished runs (in any order: the result depends only on the set of records). */
export function summarizeRuns(records: readonly RunRecord[], options: SummarizeOptions = {}): SweepSummary {
  registerAllInitializers();
  const position = new Map<string, number>();
  options.order?.forEach((id, i) => position.set(id, i));
  let outside = 0;
  let kept = records.filter((r) => {
    if (options.order === undefined || position.has(r.id)) return true;
    outside++;
    return false;
  });
  // Deterministic order: expansion order when known, else by group key then seed.
  const groupKey = (c: RunConfig) => canonicalJson({ ...c, initSeed: undefined });
  kept = [...kept].sort((a, b) => {
    if (options.order !== undefined) return position.get(a.id)! - position.get(b.id)!;
    const ka = groupKey(a.config);
    const kb = groupKey(b.config);
    return ka < kb ? -1 : ka > kb ? 1 : a.config.initSeed - b.config.initSeed || (a.id < b.id ? -1 : 1);
  });

  const groups = new Map<string, RunRecord[]>();
  for (const r of kept) {
    const key = groupKey(r.config);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }

  const anyStopped = kept.some((r) => r.status === 'stopped');
  const summaries: GroupSummary[] = [];
  for (const runs of groups.values()) {
    const { init, initSeed: _seed, ...setting } = runs[0]!.config;
    void _seed;
    const target = setting.training.targetLoss;
    const reached = runs.filter((r) => r.iterationsToTarget !== null && r.iterationsToTarget !== undefined);
    summaries.push({
      setting,
      init,
      label: initLabel(init),
      runs: runs.length,
      seeds: runs.map((r) => r.config.initSeed).sort((a, b) => a - b),
      finalTrainLoss: describe(runs.map((r) => r.final.trainLoss)),
      trainAccuracy: describe(runs.map((r) => r.final.trainAccuracy)),
      testAccuracy: describe(runs.map((r) => r.final.testAccuracy)),
      iterationsToTarget:
        target === undefined ? null : { ...describe(reached.map((r) => r.iterationsToTarget!)), reached: fraction(reached.length, runs.length), targetLoss: target },
      diverged: fraction(runs.filter((r) => r.status === 'diverged').length, runs.length),
      symmetric: fraction(runs.filter((r) => r.symmetric).length, runs.length),
      rank: 0,
      ...(options.metric ? { metric: describe(runs.map((r) => r.final[options.metric!.name])) } : {}),
      ...(anyStopped ? { stopped: fraction(runs.filter((r) => r.status === 'stopped').length, runs.length) } : {}),
    });
  }

  // Rankings per setting, settings in order of first appearance.
  const settings = new Map<string, GroupSummary[]>();
  for (const g of summaries) {
    const key = canonicalJson(g.setting);
    const list = settings.get(key);
    if (list) list.push(g);
    else settings.set(key, [g]);
  }
  const rankings: SettingRanking[] = [];
  const compare = options.metric ? byMetric(options.metric) : compareGroups;
  const rank = (list: readonly GroupSummary[]) => {
    const sorted = [...list].sort(compare);
    sorted.forEach((g, i) => (g.rank = i > 0 && compare(sorted[i - 1]!, g) === 0 ? sorted[i - 1]!.rank : i + 1));
    return sorted;
  };
  // With a metric, one ranking across the sweep (every group competes, as in a sweep tool's leaderboard).
  if (options.metric) rank(summaries);
  for (const list of settings.values()) {
    const sorted = options.metric ? [...list].sort(compare) : rank(list);
    rankings.push({
      setting: list[0]!.setting,
      inits: sorted.map((g) => ({ rank: g.rank, init: g.init, label: g.label, testAccuracy: g.testAccuracy.mean, finalTrainLoss: g.finalTrainLoss.mean, runs: g.runs })),
    });
  }

  return {
    initlab: { version: VERSION },
    runs: kept.length,
    expected: options.order?.length ?? null,
    outside,
    varying: varyingFields(summaries),
    groups: summaries,
    rankings,
    ...(options.metric ? { metric: options.metric } : {}),
  };
}

/** The dotted fields (init included) whose value is not the same in every group. */
export function varyingFields(groups: readonly GroupSummary[]): string[] {
  const flat = groups.map((g) => new Map(flattenGroup(g.setting, g.init)));
  const order: string[] = [];
  for (const f of flat) for (const k of f.keys()) if (!order.includes(k)) order.push(k);
  // A field missing from some groups varies too.
  return order.filter((k) => new Set(flat.map((f) => (f.has(k) ? JSON.stringify(f.get(k)) : undefined))).size > 1);
}

// ---- CSV --------------------------------------------------------------------------------------

function csvCell(value: Leaf | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const STAT_KEYS = ['n', 'mean', 'std', 'ci95Low', 'ci95High', 'min', 'max'] as const;

function statCells(s: Stats | null): Leaf[] {
  if (!s) return STAT_KEYS.map(() => null);
  return [s.n, s.mean, s.std, s.ci95?.[0] ?? null, s.ci95?.[1] ?? null, s.min, s.max];
}

/**
 * The summary as CSV: one row per group, the setting's fields (every one, dotted names, in a fixed
 * order) and then the statistics (`testAccuracy.mean`, `testAccuracy.ci95Low`, …). Empty cells are
 * missing values. `\n` line endings.
 */
export function summaryCsv(summary: SweepSummary): string {
  const fieldOrder: string[] = [];
  const rows = summary.groups.map((g) => new Map(flattenGroup(g.setting, g.init)));
  for (const row of rows) for (const k of row.keys()) if (!fieldOrder.includes(k)) fieldOrder.push(k);
  const metricNames = ['finalTrainLoss', 'trainAccuracy', 'testAccuracy', 'iterationsToTarget'] as const;
  const header = [
    ...fieldOrder,
    'label',
    'runs',
    ...metricNames.flatMap((m) => STAT_KEYS.map((k) => `${m}.${k}`)),
    'reachedTarget',
    'diverged',
    'symmetric',
    'rank',
    ...(summary.metric ? STAT_KEYS.map((k) => `${summary.metric!.name}.${k}`) : []),
    ...(summary.groups.some((g) => g.stopped !== undefined) ? ['stopped'] : []),
  ];
  const lines = [header.map((h) => csvCell(h)).join(',')];
  summary.groups.forEach((g, i) => {
    const cells: Leaf[] = [
      ...fieldOrder.map((k) => rows[i]!.get(k) ?? null),
      g.label,
      g.runs,
      ...statCells(g.finalTrainLoss),
      ...statCells(g.trainAccuracy),
      ...statCells(g.testAccuracy),
      ...statCells(g.iterationsToTarget),
      g.iterationsToTarget?.reached ?? null,
      g.diverged,
      g.symmetric,
      g.rank,
      ...(summary.metric ? statCells(g.metric ?? null) : []),
      ...(summary.groups.some((x) => x.stopped !== undefined) ? [g.stopped ?? 0] : []),
    ];
    lines.push(cells.map(csvCell).join(','));
  });
  return lines.join('\n') + '\n';
}
