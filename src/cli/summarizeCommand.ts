import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { readManifest, readRunsFile, RUNS_FILE, SWEEP_FILE } from '../experiments/sweep/store.js';
import { summarizeRuns, summaryCsv } from '../experiments/sweep/summarize.js';
import { formatSummary } from '../experiments/sweep/table.js';
import { manifestMetric } from '../experiments/sweep/earlyStop.js';
import { UsageError } from '../util/errors.js';
import { outputWidth } from '../util/textTable.js';
import { saveOutputFile } from './atomicOutput.js';
import { checkOutputFile } from './outputPlace.js';

export interface SummarizeCommandOptions {
  json?: boolean;
  /** The file to write: JSON when it ends in .json, else CSV (`--out`; `--csv` before). */
  out?: string;
  wide?: boolean;
}

/**
 * `initlab summarize DIR`: the summary of a sweep folder's finished runs (also of a sweep still
 * running or interrupted): a table, or the JSON document with --json; --out FILE writes it as CSV,
 * or as JSON when FILE ends in .json (before anything is printed, so a failed write prints nothing).
 */
export async function summarizeCommand(dir: string, options: SummarizeCommandOptions): Promise<void> {
  registerAllInitializers();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such folder; pass the --out folder of 'initlab sweep'.`);
  const manifest = readManifest(dir);
  if (!manifest && !existsSync(join(dir, RUNS_FILE))) {
    throw new UsageError(`${dir}: not a sweep folder (no ${SWEEP_FILE} or ${RUNS_FILE}); pass the --out folder of 'initlab sweep'.`);
  }
  // CSV unless the name says JSON: `--csv FILE` (any name) wrote CSV, and still does as an alias.
  const asJson = options.out !== undefined && extname(options.out).toLowerCase() === '.json';
  if (options.out !== undefined) checkOutputFile(options.out, '--out', asJson ? 'summary.json' : 'summary.csv');
  const { records } = readRunsFile(dir);
  const metric = manifestMetric(manifest?.spec);
  const summary = summarizeRuns(records, { ...(manifest ? { order: manifest.ids } : {}), ...(metric ? { metric } : {}) });
  const doc = JSON.stringify(summary, null, 2);
  if (options.out !== undefined) await saveOutputFile('--out', options.out, asJson ? doc + '\n' : summaryCsv(summary));
  if (options.json) {
    process.stdout.write(doc + '\n');
    return;
  }
  const spec = manifest?.spec as { name?: unknown } | undefined;
  process.stdout.write(formatSummary(summary, typeof spec?.name === 'string' ? spec.name : undefined, outputWidth(options.wide)) + '\n');
  if (options.out !== undefined) process.stdout.write(`\nWrote ${options.out}\n`);
}
