import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { registerAllInitializers } from '../init/frameworks/index.js';
import type { RunConfig } from '../core/runConfig.js';
import { runId } from '../experiments/sweep/ids.js';
import { describeRun, runSweep, type SweepOutcome, type SweepRunOptions } from '../experiments/sweep/run.js';
import type { FailedRunRecord } from '../experiments/runTypes.js';
import { expandSweep, readSweepSpec } from '../experiments/sweep/spec.js';
import { checkRungs } from '../experiments/sweep/rungs.js';
import { summarizeRuns, summaryCsv } from '../experiments/sweep/summarize.js';
import { formatSummary } from '../experiments/sweep/table.js';
import { UsageError } from '../util/errors.js';
import { parseWholeText } from '../util/numberText.js';
import { checkOutputDir, saveOutputFile } from './atomicOutput.js';
import { guarded } from './interrupt.js';
import { outputError } from './outputPlace.js';
import { sweepKeptNote } from './sweepOutput.js';
import { outputWidth, wrapText } from '../util/textTable.js';

export interface SweepCommandOptions {
  out: string;
  workers?: string;
  json?: boolean;
  /** redis://… : run on a BullMQ queue, trained by `initlab worker` processes (src/experiments/sweep/queue/). */
  queue?: string;
  wide?: boolean;
}

export function parseWorkers(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseWholeText('--workers', text, 1);
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
  if (options.queue !== undefined && options.workers !== undefined) {
    throw new UsageError("--workers: with --queue the runs train on 'initlab worker' processes; give them --concurrency instead, and leave --workers out.");
  }
  const workers = parseWorkers(options.workers) ?? availableParallelism();
  // Loaded only for --queue: a local sweep does not pay for BullMQ and ioredis.
  const queued = options.queue !== undefined ? await import('./queuedSweep.js') : undefined;
  const target = queued?.parseQueueUrl(options.queue!);
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
  let outcome: SweepOutcome & { failed?: FailedRunRecord[] };
  const common: SweepRunOptions = {
    manifest: { spec: raw, specFile: specPath },
    // Early termination and initial parameters, locally and on the queue alike.
    ...(spec.earlyStop && spec.metric ? { earlyStop: { spec: spec.earlyStop, metric: spec.metric } } : {}),
    ...(spec.saveInitial ? { saveInitial: true } : {}),
    onStart: (pending) => (progress = sweepProgress(pending)),
    onProgress: (i, done) => progress.progress(i, done),
    onRecord: (_record, i) => progress.finished(i),
  };
  try {
    outcome = await guarded(
      () =>
        queued && target
          ? queued.runQueuedSweep(options.out, configs, {
              ...common,
              target,
              onWarning: (line) => process.stderr.write(`initlab: ${line}\n`),
              onQueue: (sweepId, _queue, resumed) =>
                process.stderr.write(`initlab: ${resumed ? 'resuming' : 'queued'} sweep ${sweepId} on ${target.display}; start workers with: initlab worker --queue ${target.display}\n`),
            })
          : runSweep(options.out, configs, { ...common, workers }),
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
  process.stdout.write(formatSummary(summary, spec.name, outputWidth(options.wide)) + '\n');
  const skipped = outcome.skipped > 0 ? ` (${outcome.skipped} finished earlier, skipped)` : '';
  process.stdout.write(`\n${wrapText(`${outcome.ran} runs done${skipped}; records in ${join(options.out, 'runs.jsonl')}, summary in summary.json and summary.csv.`, outputWidth(options.wide))}\n`);
  reportFailed(outcome.failed ?? []);
}

/** Runs that failed on a queue worker: one line each on stderr (their records say the same). */
function reportFailed(failed: readonly FailedRunRecord[]): void {
  if (failed.length === 0) return;
  process.stderr.write(`initlab: ${failed.length} run${failed.length === 1 ? '' : 's'} failed on a worker and ${failed.length === 1 ? 'is' : 'are'} left out of the summary ("status": "failed" in runs.jsonl; delete ${failed.length === 1 ? 'its line' : 'their lines'} to run ${failed.length === 1 ? 'it' : 'them'} again):\n`);
  for (const r of failed) process.stderr.write(`  ${r.id} (${describeRun(r.config)}): ${r.error}\n`);
}
