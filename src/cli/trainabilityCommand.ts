import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { stringifyResults } from '../experiments/resultsDocument.js';
import type { Activation, RunConfig } from '../core/runConfig.js';
import { runSweep, type SweepOutcome } from '../experiments/sweep/run.js';
import {
  assembleTrainability,
  defaultTrainabilitySettings,
  trainabilityRuns,
  trainabilitySweepSpec,
  type TrainabilityDocument,
  type TrainabilitySettings,
} from '../experiments/trainability.js';
import { TRAINABILITY_SETTINGS } from './commandSettings.js';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { parseInitList, resolveInit } from '../init/spec.js';
import { renderTrainabilityFigure } from '../report/trainabilityFigure.js';
import { UsageError } from '../util/errors.js';
import { parseRuleText } from '../settings/index.js';
import { parseSeedText } from '../util/seed.js';
import { checkOutputDir, saveOutputFiles } from './atomicOutput.js';
import { guarded } from './interrupt.js';
import { outputError } from './outputPlace.js';
import { sweepKeptNote } from './sweepOutput.js';
import { settingFlags } from './settingFlags.js';
import { createProgress, type Progress } from './progress.js';
import { parseWorkers } from './sweepCommand.js';
import { outputWidth, wrapText } from '../util/textTable.js';

/** The raw `initlab trainability` flags (strings until validated). */
export interface TrainabilityFlags {
  activation?: string;
  width?: string;
  /** Hidden-layer counts, the y axis (`--depth`; `--depths` before). */
  depth?: string;
  sigmaW2?: string;
  sigmaB2?: string;
  inits?: string;
  data?: string;
  optimizer?: string;
  lr?: string;
  iterations?: string;
  batchSize?: string;
  dtype?: string;
  /** A count n (seeds 0 … n − 1) or a comma-separated list of seeds. */
  seeds?: string;
  /** One init seed. */
  seed?: string;
  metric?: string;
  out?: string;
  workers?: string;
  json?: boolean;
  wide?: boolean;
}

export const DEFAULT_TRAINABILITY_OUT = 'trainability-out';

// Numbers through the settings' one grammar and range messages (src/settings/rules.ts).
const whole = (flag: string, text: string, min: number, max = 1_000_000): number => parseRuleText({ type: 'integer', min, max }, flag, text) as number;
const positive = (flag: string, text: string, allowZero: boolean): number => parseRuleText({ type: 'number', min: 0, minOpen: !allowZero }, flag, text) as number;

/** A comma-separated list, each item checked by `item`; no empty items, no repeats; sorted ascending. */
function numberList(flag: string, text: string, item: (part: string) => number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new UsageError(`${flag} '${text}' has an empty item: separate values with single commas, e.g. '${flag} 1,2,4'.`);
  const values = parts.map(item);
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v)) throw new UsageError(`${flag}: ${v} is listed twice; list each value once.`);
    seen.add(v);
  }
  return values.sort((a, b) => a - b);
}

/** Validates the flags into settings (every problem a one-line UsageError naming the flag); nothing is written. */
export function trainabilitySettingsFrom(flags: TrainabilityFlags): TrainabilitySettings {
  const s = defaultTrainabilitySettings();
  if (flags.width !== undefined) s.width = whole('--width', flags.width, 1, 4096);
  if (flags.depth !== undefined) s.depths = numberList('--depth', flags.depth, (p) => whole('--depth', p, 1, 1000));
  if (flags.inits !== undefined) {
    if (flags.sigmaW2 !== undefined) throw new UsageError('--inits and --sigma-w2 both set the x axis: give one (σ_w² values, or initializer specs).');
    if (flags.sigmaB2 !== undefined) throw new UsageError("--sigma-b2 sets the biases of the σ_w² axis; with --inits write it into a spec, e.g. 'meanfield:sigmaW2=1.76:sigmaB2=0.05'.");
    const specs = parseInitList(flags.inits).map((spec) => resolveInit(spec, '--inits').spec);
    const seen = new Map<string, number>();
    specs.forEach((spec, i) => {
      const key = JSON.stringify(spec);
      if (seen.has(key)) throw new UsageError(`--inits: item ${i + 1} repeats item ${seen.get(key)! + 1} (${spec.name}); list each initializer once.`);
      seen.set(key, i);
    });
    s.axis = { kind: 'init', inits: specs };
  } else if (s.axis.kind === 'sigmaW2') {
    const sigmaW2 = flags.sigmaW2 !== undefined ? numberList('--sigma-w2', flags.sigmaW2, (p) => positive('--sigma-w2', p, false)) : s.axis.sigmaW2;
    const sigmaB2 = flags.sigmaB2 !== undefined ? positive('--sigma-b2', flags.sigmaB2, true) : s.axis.sigmaB2;
    s.axis = { kind: 'sigmaW2', sigmaW2, sigmaB2 };
  }
  // The run settings among the flags (activation, data, optimizer, lr, iterations, batch size, dtype): the settings table's.
  const given = settingFlags(TRAINABILITY_SETTINGS, flags as Readonly<Record<string, unknown>>) as Partial<RunConfig> & { network?: { activation?: Activation } };
  if (given.network?.activation !== undefined) s.activation = given.network.activation;
  if (given.data !== undefined) s.data = given.data;
  if (given.dtype !== undefined) s.dtype = given.dtype;
  const training: RunConfig['training'] = { ...s.training, ...given.training };
  // Ten logged points a run (and the last): enough for the report's loss curves, cheap to evaluate.
  training.logEvery = Math.max(1, Math.floor(training.iterations / 10));
  s.training = training;
  if (flags.seed !== undefined && flags.seeds !== undefined) throw new UsageError('--seed and --seeds both choose the init seeds: give --seed S for one seed, or --seeds N (seeds 0 … N−1) or --seeds S1,S2,… for several.');
  if (flags.seed !== undefined) s.seeds = [parseSeedText('--seed', flags.seed)];
  // --seeds: a count, or (with a comma) a list of seeds, as a sweep grid's `seeds`.
  if (flags.seeds !== undefined) s.seeds = flags.seeds.includes(',') ? numberList('--seeds', flags.seeds, (p) => parseSeedText('--seeds', p)) : whole('--seeds', flags.seeds, 1, 10_000);
  if (flags.metric !== undefined) {
    const m = flags.metric.trim();
    if (m !== 'train' && m !== 'test') throw new UsageError(`--metric: expected 'train' (training accuracy) or 'test', got '${flags.metric}'.`);
    s.metric = m;
  }
  return s;
}

const cellText = (a: number | null, diverged: number): string => `${a === null ? '—' : a.toFixed(2)}${diverged > 0 ? '†' : ''}`;
const num = (x: number | null): string => (x === null ? '—' : Number.isFinite(x) ? (x >= 1000 ? x.toExponential(1) : x.toFixed(1)) : '∞');

/** 'seed 3', 'mean of seeds 0–4', 'mean of seeds 1, 5, 9'. */
function seedsText(seeds: readonly number[]): string {
  if (seeds.length === 1) return `seed ${seeds[0]}`;
  const contiguous = seeds.every((x, i) => i === 0 || x === seeds[i - 1]! + 1);
  return `mean of seeds ${contiguous ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ')}`;
}

/** The heat map as a text table: a row per depth, a column per σ_w² (or init), and the 6ξ_c row. */
export function formatTrainability(doc: TrainabilityDocument, width = Infinity): string {
  const head = doc.axis === 'sigmaW2' ? doc.columns.map((c) => String(c.sigmaW2)) : doc.columns.map((c) => c.label);
  const rows: string[][] = [[doc.axis === 'sigmaW2' ? 'depth \\ σ_w²' : 'depth \\ init', ...head]];
  doc.depths.forEach((d, r) => {
    rows.push([String(d), ...doc.columns.map((_, c) => cellText(doc.accuracy[r]![c] ?? null, doc.cells.find((x) => x.depth === d && x.column === c)?.diverged ?? 0))]);
  });
  if (doc.columns.some((c) => c.sixXiC !== null)) rows.push(['6ξ_c', ...doc.columns.map((c) => num(c.sixXiC))]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  const cfg = doc.config;
  const axis = doc.axis === 'sigmaW2' ? `σ_w² (meanfield, σ_b² = ${cfg.sigmaB2})` : 'initializer';
  const t = cfg.training;
  const header =
    `final ${doc.metric} accuracy over depth × ${axis}: ${cfg.activation}, width ${cfg.width}, data ${cfg.data.name}, ` +
    `${t.optimizer.name} lr ${t.learningRate}, ${t.iterations} iterations${t.batchSize ? `, batch ${t.batchSize}` : ''}, ` +
    seedsText(cfg.initSeeds);
  const notes: string[] = [];
  if (doc.theory) notes.push(`6ξ_c: mean-field theory's trainable depth (Schoenholz et al. 2017); critical σ_w² = ${Number(doc.theory.criticalSigmaW2.toPrecision(4))} at σ_b² = ${doc.theory.sigmaB2}.`);
  else if (doc.axis === 'sigmaW2') notes.push(`no 6ξ_c line: mean-field theory here covers tanh, relu, linear and sigmoid, not ${cfg.activation}.`);
  if (doc.runs.diverged > 0) notes.push(`† ${doc.runs.diverged} run(s) diverged; their accuracy is that of their last finite evaluation.`);
  if (doc.runs.nonFinite > 0) notes.push(`${doc.runs.nonFinite} run(s) ended with a non-finite accuracy, left out of the means.`);
  // The grid keeps its columns (it is read across); the sentences around it wrap to the width.
  return [wrapText(header, width), '', ...lines, ...(notes.length > 0 ? ['', ...notes.map((n) => wrapText(n, width))] : [])].join('\n');
}

/**
 * `initlab trainability`: a depth × σ_w² (or × init) grid of training runs through the sweep machinery
 * (DIR is a sweep folder: re-running resumes, `initlab summarize DIR` works), then DIR/trainability.json
 * and the heat map with mean-field theory's 6ξ_c (trainability.svg, .png), written together.
 */
export async function trainabilityCommand(flags: TrainabilityFlags): Promise<void> {
  registerAllInitializers();
  const settings = trainabilitySettingsFrom(flags);
  const workers = parseWorkers(flags.workers) ?? availableParallelism();
  const out = flags.out ?? DEFAULT_TRAINABILITY_OUT;
  checkOutputDir(out);
  const spec = trainabilitySweepSpec(settings);
  const configs = trainabilityRuns(settings);

  let progress: Progress = { update: () => undefined, stop: () => undefined };
  let totals: number[] = [];
  const onInterrupt = () => {
    progress.stop();
    return sweepKeptNote(out);
  };
  let outcome: SweepOutcome;
  const started = Date.now();
  try {
    outcome = await guarded(
      () =>
        runSweep(out, configs, {
          workers,
          manifest: { spec },
          onStart: (pending) => {
            totals = pending.map((c) => c.training.iterations);
            progress = createProgress(totals, 'trainability');
          },
          onProgress: (i, done) => progress.update(i, done),
          onRecord: (_record, i) => progress.update(i, totals[i]!),
        }),
      onInterrupt,
    );
  } catch (err) {
    throw outputError('--out', out, err, sweepKeptNote(out)) ?? err;
  } finally {
    progress.stop();
  }
  const seconds = (Date.now() - started) / 1000;

  const doc = assembleTrainability(settings, outcome.records);
  const json = stringifyResults(doc);
  const figure = await renderTrainabilityFigure(doc);
  await saveOutputFiles('--out', out, new Map<string, string | Uint8Array>([
    ['trainability.json', json + '\n'],
    ['trainability.svg', figure.svg],
    ['trainability.png', figure.png],
  ]), `Every run is in ${join(out, 'runs.jsonl')}, but trainability.json and its figures were not written; run the same command again to write them.`);
  if (flags.json) {
    process.stdout.write(json + '\n');
    return;
  }
  const skipped = outcome.skipped > 0 ? ` (${outcome.skipped} finished earlier, skipped)` : '';
  const width = outputWidth(flags.wide);
  process.stdout.write(formatTrainability(doc, width) + '\n\n');
  process.stdout.write(wrapText(
    `${outcome.ran} run${outcome.ran === 1 ? '' : 's'} in ${seconds.toFixed(1)} s on ${Math.min(workers, Math.max(1, outcome.ran))} worker${Math.min(workers, Math.max(1, outcome.ran)) === 1 ? '' : 's'}${skipped}. ` +
      `Wrote ${join(out, 'trainability.json')}, trainability.svg and trainability.png; the runs are in ${join(out, 'runs.jsonl')} ('initlab summarize ${out}').`,
    width,
  ) + '\n');
}
