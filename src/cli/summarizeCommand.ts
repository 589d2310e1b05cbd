import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { readManifest, readRunsFile, RUNS_FILE, SWEEP_FILE } from '../experiments/sweep/store.js';
import { summarizeRuns, summaryCsv } from '../experiments/sweep/summarize.js';
import { formatSummary } from '../experiments/sweep/table.js';
import { manifestMetric } from '../experiments/sweep/earlyStop.js';
import { UsageError } from '../util/errors.js';
import { saveOutputFile } from './atomicOutput.js';
import { checkOutputFile } from './outputPlace.js';

export interface SummarizeCommandOptions {
  json?: boolean;
  csv?: string;
}

/**
 * `initlab summarize DIR`: the summary of a sweep folder's finished runs (also of a sweep still
 * running or interrupted): a table, or the JSON document with --json; --csv FILE writes the CSV
 * (before anything is printed, so a failed write prints nothing).
 */
export async function summarizeCommand(dir: string, options: SummarizeCommandOptions): Promise<void> {
  registerAllInitializers();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such folder; pass the --out folder of 'initlab sweep'.`);
  const manifest = readManifest(dir);
  if (!manifest && !existsSync(join(dir, RUNS_FILE))) {
    throw new UsageError(`${dir}: not a sweep folder (no ${SWEEP_FILE} or ${RUNS_FILE}); pass the --out folder of 'initlab sweep'.`);
  }
  if (options.csv !== undefined) checkOutputFile(options.csv, '--csv', 'summary.csv');
  const { records } = readRunsFile(dir);
  const metric = manifestMetric(manifest?.spec);
  const summary = summarizeRuns(records, { ...(manifest ? { order: manifest.ids } : {}), ...(metric ? { metric } : {}) });
  if (options.csv !== undefined) await saveOutputFile('--csv', options.csv, summaryCsv(summary));
  if (options.json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  const spec = manifest?.spec as { name?: unknown } | undefined;
  process.stdout.write(formatSummary(summary, typeof spec?.name === 'string' ? spec.name : undefined) + '\n');
  if (options.csv !== undefined) process.stdout.write(`\nWrote ${options.csv}\n`);
}
