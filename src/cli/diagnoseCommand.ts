import { DEFAULT_HISTOGRAM_BINS, DEFAULT_HISTOGRAM_SAMPLES, diagnose, type Diagnosis, type DiagnoseOptions } from '../diagnostics/diagnose.js';
import { makeDataset } from '../data/makeDataset.js';
import type { Activation, DataSpec } from '../core/runConfig.js';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { formatInitSpec, parseInitList, resolveInit } from '../init/spec.js';
import type { Dtype } from '../core/dtype.js';
import { parseRuleText } from '../settings/index.js';
import { stringifyResults } from '../experiments/resultsDocument.js';
import { diagnosisFigures } from '../report/diagnosisFigures.js';
import { UsageError } from '../util/errors.js';
import { checkMemory, diagnoseBytes, MAX_DEPTH, MAX_WIDTH } from '../util/limits.js';
import { memoryLimit } from './memoryLimit.js';
import { DIAGNOSE_DEFAULTS, DIAGNOSE_SETTINGS } from './commandSettings.js';
import { settingFlags } from './settingFlags.js';
import { VERSION } from '../version.js';
import { checkOutputDir, saveOutputFiles } from './atomicOutput.js';
import { diagnoseTarget } from './diagnoseConfig.js';
import { diagnoseLayersCommand } from './diagnoseLayersCommand.js';
import { outputWidth, renderTable, wrapText } from '../util/textTable.js';

export interface DiagnoseFlags {
  width?: string;
  depth?: string;
  hidden?: string;
  inputDim?: string;
  activation?: string;
  inits?: string;
  batch?: string;
  seed?: string;
  data?: string;
  json?: boolean;
  out?: string;
  maxMemory?: string;
  dtype?: string;
  config?: string;
  wide?: boolean;
}

/** What a diagnosis ran with, as the results document records it (the data set by its spec, not its values). */
type DiagnoseSettings = Required<Omit<DiagnoseOptions, 'inputs'>> & { data: DataSpec | null };

/** The --config file, refused beside the flags it replaces (it gives the network and the data). */
function configFile(flags: DiagnoseFlags): string {
  const clash = (['width', 'depth', 'hidden', 'activation', 'data', 'inputDim'] as const).find((k) => flags[k] !== undefined);
  if (clash !== undefined) {
    const flag = `--${clash.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(`${flag} cannot be combined with --config: the config gives the network and the data; leave ${flag} out (or edit the config).`);
  }
  return flags.config!;
}

/** A whole number in [min, max] (max: the limits of util/limits.ts, checked before anything is allocated), through the settings' one grammar. */
const whole = (flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number => parseRuleText({ type: 'integer', min, max }, flag, text) as number;

/** The run settings among the flags (hidden, activation, data, dtype), checked by the settings table. */
type GivenSettings = { network?: { hidden?: number[]; activation?: Activation }; data?: DataSpec; dtype?: Dtype };

function hiddenFrom(flags: DiagnoseFlags, given: GivenSettings): number[] {
  if (given.network?.hidden !== undefined) {
    if (flags.width !== undefined || flags.depth !== undefined) throw new UsageError('--hidden cannot be combined with --width/--depth: give one or the other.');
    if (given.network.hidden.length === 0) throw new UsageError('--hidden: give at least one width, e.g. 512,256,128.');
    return given.network.hidden;
  }
  const width = whole('--width', flags.width ?? '512', 1, MAX_WIDTH);
  const depth = whole('--depth', flags.depth ?? '10', 1, MAX_DEPTH);
  return Array.from({ length: depth }, () => width);
}

const g = (x: number | null, digits = 4): string => {
  if (x === null) return '—';
  if (!Number.isFinite(x)) return String(x);
  // 3.357e-7 rather than 0.0000003357: the values span ten orders of magnitude.
  const r = Number(x.toPrecision(digits));
  return r !== 0 && Math.abs(r) < 1e-3 ? x.toExponential(digits - 1) : r.toString();
};

function formatDiagnosis(d: Diagnosis, width: number): string {
  const head = ['layer', 'pre std', 'predicted √q', 'post std', 'grad std', 'predicted', 'dead', 'saturated'];
  const rows: string[][] = [];
  const root = (v: number | null) => (v === null ? null : Math.sqrt(v));
  for (const l of d.layers) {
    rows.push([String(l.layer), g(l.preStd), g(root(l.predictedPreVar)), g(l.postStd), g(l.gradStd), g(root(l.predictedGradVar)),
      `${g(100 * l.deadFraction, 3)}%`, l.saturatedFraction === null ? '—' : `${g(100 * l.saturatedFraction, 3)}%`]);
  }
  const verdicts = d.verdicts.length > 0 ? d.verdicts.map((v) => wrapText(`  ${v.kind}: ${v.message}`, width, 4)) : ['  no problem detected'];
  return [`${Object.entries(d.init).map(([k, v]) => (k === 'name' ? v : `${k}=${String(v)}`)).join(':')}`, renderTable(head, rows, width), ...verdicts].join('\n');
}

/** The document `--json` prints and `--out` saves as diagnosis.json: initlab's version, the config (seed included) and the runs. */
export function diagnosisDocument(options: DiagnoseSettings, runs: readonly Diagnosis[]): Record<string, unknown> {
  return { initlab: { version: VERSION, node: process.version }, config: { ...options, inits: runs.map((r) => r.init) }, runs };
}

/**
 * `initlab diagnose`: each init's per-layer forward/backward statistics on a batch of standard-normal
 * inputs, the theory's predicted pre-activation variance beside the measured std, and verdicts;
 * with `--out DIR`, diagnosis.json and the figures (SVG + PNG), written all at once.
 */
export async function diagnoseCommand(flags: DiagnoseFlags): Promise<void> {
  registerAllInitializers();
  const target = flags.config !== undefined ? diagnoseTarget(configFile(flags)) : null;
  const given = settingFlags(DIAGNOSE_SETTINGS, flags as Readonly<Record<string, unknown>>) as GivenSettings;
  if (target?.layers !== undefined) {
    // A layer network (issue 14 item 3): rows per block, the residual variance recursion as the prediction.
    if (flags.out !== undefined) throw new UsageError('--out: the figures are drawn for network.hidden networks only; for a network.layers config leave --out out (use --json to save the numbers).');
    const layers = target.layers;
    diagnoseLayersCommand({
      target: { ...target, layers },
      inits: flags.inits === undefined ? target.inits : parseInitList(flags.inits),
      batch: whole('--batch', flags.batch ?? '1000', 1),
      seed: whole('--seed', flags.seed ?? '0', 0),
      dtype: given.dtype ?? target.dtype ?? 'float64',
      json: flags.json === true,
      wide: flags.wide,
    });
    return;
  }
  const hidden = target ? target.hidden : hiddenFrom(flags, given);
  const activation = target ? target.activation : (given.network?.activation ?? (DIAGNOSE_DEFAULTS.network.activation as Activation));
  const data = target ? target.data : (given.data ?? null);
  let inputs: Float64Array | undefined;
  let batch = whole('--batch', flags.batch ?? '1000', 1);
  let inputDim = flags.inputDim !== undefined ? whole('--input-dim', flags.inputDim, 1, MAX_WIDTH) : hidden[0]!;
  const limit = memoryLimit(flags.maxMemory);
  const estimate = (b: number) => diagnoseBytes(inputDim, hidden, b, DEFAULT_HISTOGRAM_SAMPLES);
  const describe = (b: number) => `diagnose (${hidden.length} layers of width up to ${Math.max(...hidden)}, batch ${b})`;
  // Refused before anything is drawn (issue 12 item 6): a data set's points are cut to the batch, so its own size is checked as well.
  if (!data) checkMemory(describe(batch), estimate(batch), limit);
  if (data) {
    // The data set's training points (their first --batch, feature-major) instead of standard normals.
    const train = makeDataset(data).train;
    if (flags.inputDim !== undefined && inputDim !== train.nFeatures) {
      throw new UsageError(`--input-dim ${inputDim} does not match --data ${data.name}'s ${train.nFeatures} features; leave --input-dim out with --data.`);
    }
    inputDim = train.nFeatures;
    batch = Math.min(batch, train.nSamples);
    checkMemory(describe(batch), estimate(batch), limit);
    inputs = new Float64Array(inputDim * batch);
    for (let f = 0; f < inputDim; f++) inputs.set(train.x.subarray(f * train.nSamples, f * train.nSamples + batch), f * batch);
  }
  const options: DiagnoseSettings = {
    hidden,
    inputDim,
    activation,
    batch,
    seed: whole('--seed', flags.seed ?? '0', 0),
    histogramSamples: Math.min(batch, DEFAULT_HISTOGRAM_SAMPLES),
    bins: DEFAULT_HISTOGRAM_BINS,
    dtype: given.dtype ?? target?.dtype ?? 'float64',
    data,
  };
  // --inits overrides a config's inits; without either, the four that show the failure modes.
  const specs = flags.inits === undefined && target ? target.inits : parseInitList(flags.inits ?? 'random:scale=0.01,random:scale=1,xavier,he');
  // Every spec checked before the first diagnosis runs: a bad last one must not cost the others' work.
  specs.forEach((spec) => resolveInit(spec, '--inits'));
  if (flags.out !== undefined) checkOutputDir(flags.out);
  const tty = process.stderr.isTTY === true;
  const runs = specs.map((spec, i) => {
    if (tty) process.stderr.write(`\rdiagnosing ${formatInitSpec(spec)} (${i + 1}/${specs.length})…\x1b[K`);
    return diagnose(spec, inputs ? { ...options, inputs } : options);
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const doc = stringifyResults(diagnosisDocument(options, runs));
  const written = flags.out !== undefined ? await writeFigures(flags.out, options, runs, doc) : [];
  if (flags.json) {
    process.stdout.write(doc + '\n');
    return;
  }
  const width = outputWidth(flags.wide);
  process.stdout.write(wrapText(`${hidden.length} hidden ${activation} layers [${hidden.join(', ')}], ${options.batch} ${data ? `${data.name} points (seed ${data.seed})` : 'N(0, 1) inputs'} of width ${options.inputDim}, seed ${options.seed}${options.dtype === 'float32' ? ', measured in float32' : ''}`, width) + '\n\n');
  process.stdout.write(runs.map((r) => formatDiagnosis(r, width)).join('\n\n') + '\n');
  if (written.length > 0) process.stdout.write(`\n${wrapText(`Wrote ${written.length} files to ${flags.out}/: ${written.map((p) => p.split('/').pop()).join(', ')}`, width)}\n`);
}

async function writeFigures(out: string, options: DiagnoseSettings, runs: readonly Diagnosis[], doc: string): Promise<string[]> {
  const labelled = runs.map((d) => ({ label: formatInitSpec(d.init), diagnosis: d }));
  const figures = await diagnosisFigures(labelled, { activation: options.activation, hidden: options.hidden, batch: options.batch });
  const files = new Map<string, string | Uint8Array>([['diagnosis.json', doc + '\n']]);
  for (const f of figures) {
    files.set(`${f.name}.svg`, f.svg);
    files.set(`${f.name}.png`, f.png);
  }
  return saveOutputFiles('--out', out, files);
}
