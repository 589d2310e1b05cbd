import { registerAllInitializers } from '../init/frameworks/index.js';
import { runComparison, type ComparisonResult } from '../experiments/compare.js';
import { compareData, layerSizesFor } from '../experiments/compareRun.js';
import { resolveCompareConfig, type CompareConfigInput } from '../experiments/config.js';
import { comparisonDocument, stringifyResults } from '../experiments/resultsDocument.js';
import { availableParallelism } from 'node:os';
import { createEngine, defaultBackend } from '../kernels/index.js';
import type { Backend } from '../kernels/types.js';
import { UsageError } from '../util/errors.js';
import { parseWholeText } from '../util/numberText.js';
import { checkMemory, compareBytes, compareEngineBytes, formatBytes, WASM_MAX_BYTES } from '../util/limits.js';
import { memoryLimit } from './memoryLimit.js';
import { checkOutputDir, saveOutputFiles } from './atomicOutput.js';
import { flagsToConfig, readConfigFile, type CompareFlags } from './compareFlags.js';
import { formatComparison } from './compareTable.js';
import { createProgress } from './progress.js';
import { outputWidth, wrapText } from '../util/textTable.js';

export interface CompareCommandOptions extends CompareFlags {
  json?: boolean;
  out?: string;
  workers?: string;
  backend?: string;
  maxMemory?: string;
  wide?: boolean;
}

function parseWorkers(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseWholeText('--workers', text, 1);
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
  let backend = parseBackend(options.backend);
  // Sizes before work (issue 12 item 6): the engine must fit the backend, and the whole estimate
  // --max-memory; both are refused at once.
  const layerSizes = [2, ...config.network.hidden, 1];
  const engineBytes = compareEngineBytes(layerSizes, config.data.trainSamples, false);
  let switched = false;
  if (engineBytes > WASM_MAX_BYTES && (backend ?? defaultBackend()) === 'wasm') {
    if (backend === 'wasm') {
      throw new UsageError(`--backend wasm: the network over ${config.data.trainSamples} training points needs ${formatBytes(engineBytes)}, and the wasm backend addresses at most 2 GiB: use --backend js (same numbers) or fewer --train-samples.`);
    }
    // The two backends give bit-identical numbers (kernels/index.ts), and results record which ran.
    backend = 'js';
    switched = true;
  }
  const runsAtOnce = Math.min(workers ?? availableParallelism(), config.inits.length);
  checkMemory(
    `compare (${config.data.trainSamples} training points, layers [${layerSizes.join(', ')}], ${runsAtOnce} run${runsAtOnce > 1 ? 's' : ''} at once)`,
    compareBytes(layerSizes, config.data.trainSamples, config.data.testSamples, runsAtOnce, (backend ?? defaultBackend()) === 'js'),
    memoryLimit(options.maxMemory),
  );
  // Said only once the run is accepted, so that a refusal stays one line.
  if (switched) {
    process.stderr.write(`initlab: note: ${formatBytes(engineBytes)} per run is more than the wasm backend addresses (2 GiB); using --backend js (same numbers).\n`);
  }
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
  process.stdout.write(formatComparison(result, outputWidth(options.wide)) + '\n');
  if (options.out !== undefined) {
    const note = `The table above was printed, but no files were written to ${options.out}.`;
    const written = await saveOutputFiles('--out', options.out, await renderFiles(result, doc), note);
    process.stdout.write(`\n${wrapText(`Wrote ${written.length} files to ${options.out}/: ${written.map((p) => p.split('/').pop()).join(', ')}`, outputWidth(options.wide))}\n`);
  }
}
