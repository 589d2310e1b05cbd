import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { registerAllInitializers } from '../init/frameworks/index.js';
import type { RunConfig } from '../core/runConfig.js';
import { runId } from '../experiments/sweep/ids.js';
import { runSweep, type SweepOutcome } from '../experiments/sweep/run.js';
import { expandSweep, readSweepSpec } from '../experiments/sweep/spec.js';
import { checkRungs } from '../experiments/sweep/rungs.js';
import { summarizeRuns, summaryCsv } from '../experiments/sweep/summarize.js';
import { formatSummary } from '../experiments/sweep/table.js';
import { UsageError } from '../util/errors.js';
import { checkOutputDir, saveOutputFile } from './atomicOutput.js';
import { guarded } from './interrupt.js';
import { outputError } from './outputPlace.js';
import { sweepKeptNote } from './sweepOutput.js';

export interface SweepCommandOptions {
  out: string;
  workers?: string;
  json?: boolean;
}

export function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`--workers: expected a whole number ≥ 1, got '${text}'.`);
  return n;
}

/** A bar over the pending runs' iterations, with runs done and ETA, on stderr — only on a terminal. */
function sweepProgress(pending: readonly RunConfig[]): { progress(i: number, done: number): void; finished(i: number): void; stop(): void } {
  if (!process.stderr.isTTY || pending.length === 0) return { progress: () => undefined, finished: () => undefined, stop: () => undefined };
  const totals = pending.map((c) => c.training.iterations);
  const done = totals.map(() => 0);
  let runs = 0;
  let sum = 0;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'sweep [{bar}] {percentage}% | {runs}/{allRuns} runs | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(
    totals.reduce((a, b) => a + b, 0),
    0,
    { runs: 0, allRuns: pending.length },
  );
  const set = (i: number, value: number) => {
    sum += value - done[i]!;
    done[i] = value;
  };
  return {
    progress(i, value) {
      const before = sum;
      set(i, Math.min(value, totals[i]!));
      // No redraw without progress: cli-progress would show an infinite ETA.
      if (sum !== before) bar.update(sum, { runs });
    },
    finished(i) {
      set(i, totals[i]!);
      runs++;
      bar.update(sum, { runs });
    },
    stop: () => bar.stop(),
  };
}

/**
 * `initlab sweep SPEC --out DIR`: validate and expand the spec (a bad one: one line, exit 2, nothing
 * written), run every config not yet in DIR/runs.jsonl on worker threads, then print the summary
 * (and write DIR/summary.json and DIR/summary.csv).
 */
export async function sweepCommand(specPath: string, options: SweepCommandOptions): Promise<void> {
  registerAllInitializers();
  const workers = parseWorkers(options.workers) ?? availableParallelism();
  checkOutputDir(options.out);
  const { spec, raw } = readSweepSpec(specPath);
  const configs = expandSweep(spec);
  if (spec.earlyStop) checkRungs(spec.earlyStop, configs, `${specPath}: spec.earlyStop`);

  let progress = sweepProgress([]);
  // Ctrl-C: the finished runs are already on disk; stop the bar so the terminal is left clean.
  const onInterrupt = () => {
    progress.stop();
    return sweepKeptNote(options.out);
  };
  let outcome: SweepOutcome;
  try {
    outcome = await guarded(
      () =>
        runSweep(options.out, configs, {
          workers,
          manifest: { spec: raw, specFile: specPath },
          ...(spec.earlyStop && spec.metric ? { earlyStop: { spec: spec.earlyStop, metric: spec.metric } } : {}),
          ...(spec.saveInitial ? { saveInitial: true } : {}),
          onStart: (pending) => (progress = sweepProgress(pending)),
          onProgress: (i, done) => progress.progress(i, done),
          onRecord: (_record, i) => progress.finished(i),
        }),
      onInterrupt,
    );
  } catch (err) {
    throw outputError('--out', options.out, err, sweepKeptNote(options.out)) ?? err;
  } finally {
    progress.stop();
  }

  const summary = summarizeRuns(outcome.records, { order: configs.map(runId), ...(spec.metric ? { metric: spec.metric } : {}) });
  const doc = JSON.stringify(summary, null, 2);
  const note = `Every run is in ${join(options.out, 'runs.jsonl')}, but the summary files were not written ('initlab summarize ${options.out}' prints it).`;
  await saveOutputFile('--out', join(options.out, 'summary.json'), doc + '\n', note);
  await saveOutputFile('--out', join(options.out, 'summary.csv'), summaryCsv(summary), note);
  if (options.json) {
    process.stdout.write(doc + '\n');
    return;
  }
  process.stdout.write(formatSummary(summary, spec.name) + '\n');
  const skipped = outcome.skipped > 0 ? ` (${outcome.skipped} finished earlier, skipped)` : '';
  process.stdout.write(`\n${outcome.ran} runs done${skipped}; records in ${join(options.out, 'runs.jsonl')}, summary in summary.json and summary.csv.\n`);
}
