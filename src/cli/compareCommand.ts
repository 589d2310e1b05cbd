import { registerAllInitializers } from '../init/frameworks/index.js';
import { runComparison, type ComparisonResult } from '../experiments/compare.js';
import { compareData, layerSizesFor } from '../experiments/compareRun.js';
import { resolveCompareConfig, type CompareConfigInput } from '../experiments/config.js';
import { comparisonDocument, stringifyResults } from '../experiments/resultsDocument.js';
import { createEngine } from '../kernels/index.js';
import type { Backend } from '../kernels/types.js';
import { UsageError } from '../util/errors.js';
import { checkOutputDir, saveOutputFiles } from './atomicOutput.js';
import { flagsToConfig, readConfigFile, type CompareFlags } from './compareFlags.js';
import { formatComparison } from './compareTable.js';
import { createProgress } from './progress.js';

export interface CompareCommandOptions extends CompareFlags {
  json?: boolean;
  out?: string;
  workers?: string;
  backend?: string;
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`--workers: expected a whole number ≥ 1, got '${text}'.`);
  return n;
}

function parseBackend(text: string | undefined): Backend | undefined {
  if (text === undefined) return undefined;
  if (text !== 'wasm' && text !== 'js') throw new UsageError(`--backend: expected 'wasm' or 'js', got '${text}'.`);
  return text;
}

async function renderFiles(result: ComparisonResult, doc: string): Promise<Map<string, string | Uint8Array>> {
  const { train } = compareData(result.config);
  const layers = layerSizesFor(result.config, train);
  const engine = createEngine(result.initlab.backend, layers, train.x, train.y, train.nSamples);
  try {
    // Loaded on demand: the plotting stack (vega, resvg) is the slowest part of start-up.
    const { comparisonFigures } = await import('../report/comparisonFigures.js');
    const figures = await comparisonFigures(result.runs, train, (params, x, m) => {
      engine.setParameters(params);
      return engine.predict(x, m);
    });
    const files = new Map<string, string | Uint8Array>([['results.json', doc + '\n']]);
    for (const f of figures) {
      files.set(`${f.name}.svg`, f.svg);
      files.set(`${f.name}.png`, f.png);
    }
    return files;
  } finally {
    engine.dispose();
  }
}

/**
 * `initlab compare`: resolve the config (defaults ← --config file ← flags), validate everything
 * before doing any work, train each init (in parallel), then print and write the results.
 */
export async function compareCommand(options: CompareCommandOptions): Promise<void> {
  registerAllInitializers();
  const layers: CompareConfigInput[] = [];
  if (options.config !== undefined) layers.push(readConfigFile(options.config));
  layers.push(flagsToConfig(options));
  const config = resolveCompareConfig(...layers);
  const workers = parseWorkers(options.workers);
  const backend = parseBackend(options.backend);
  if (options.out !== undefined) checkOutputDir(options.out);

  const progress = createProgress(config.inits.map(() => config.training.iterations), 'training');
  let result: ComparisonResult;
  try {
    result = await runComparison(config, {
      ...(workers !== undefined ? { workers } : {}),
      ...(backend !== undefined ? { backend } : {}),
      onProgress: (i, done) => progress.update(i, done),
    });
  } finally {
    progress.stop();
  }

  const doc = stringifyResults(comparisonDocument(result));
  if (options.json) {
    if (options.out !== undefined) await saveOutputFiles('--out', options.out, await renderFiles(result, doc));
    process.stdout.write(doc + '\n');
    return;
  }
  process.stdout.write(formatComparison(result) + '\n');
  if (options.out !== undefined) {
    const note = `The table above was printed, but no files were written to ${options.out}.`;
    const written = await saveOutputFiles('--out', options.out, await renderFiles(result, doc), note);
    process.stdout.write(`\nWrote ${written.length} files to ${options.out}/: ${written.map((p) => p.split('/').pop()).join(', ')}\n`);
  }
}
