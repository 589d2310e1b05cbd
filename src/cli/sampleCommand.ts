import '../init/index.js'; // registers every built-in initializer
import { registerAllInitializers } from '../init/frameworks/index.js';
import { initialize, type InitializedTensor } from '../init/initialize.js';
import { formatInitSpec } from '../init/spec.js';
import type { InitializerDefinition, ResolvedInit, WeightLayout } from '../init/types.js';
import { saveOutputFile } from './atomicOutput.js';
import { checkOutputFile } from './outputPlace.js';
import { encodeCsv } from '../io/csv.js';
import { encodeNpy, type FloatDtype } from '../io/npy.js';
import { encodeSafetensors } from '../io/safetensors.js';
import { pairwiseSum } from '../math/pairwiseSum.js';
import { createRandom, type RandomKind } from '../random/index.js';
import { extname } from 'node:path';
import { UsageError, didYouMean } from '../util/errors.js';
import { parseSeedText } from '../util/seed.js';
import { VERSION } from '../version.js';
import { fmt, layoutWords, resolveForShape } from './explainCommand.js';

/** The most values `sample` draws (128 MiB of float64; its JSON is then a few hundred MB). */
export const MAX_SAMPLE_VALUES = 1 << 24;
/** Above this many multiply-adds the orthogonality check (r²·c) is skipped. */
const MAX_ORTHOGONALITY_WORK = 4e9;

export type SampleFormat = 'npy' | 'safetensors' | 'csv' | 'json';

export const SAMPLE_FORMATS: readonly SampleFormat[] = ['npy', 'safetensors', 'csv', 'json'];

/** Summary statistics of a drawn tensor: population std (divided by n). */
export interface SampleStats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** For orthogonal-family initializers: max |(WWᵀ or WᵀW)/gain² − I| over the flattened matrix. */
  orthogonalityError?: number;
}

/** mean (pairwise sum), population std (two-pass), min and max. */
export function tensorStats(values: Float64Array): SampleStats {
  const n = values.length;
  const mean = pairwiseSum(values) / n;
  const dev = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    dev[i] = (v - mean) * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean, std: Math.sqrt(pairwiseSum(dev) / n), min, max };
}

/** Whether `def` promises orthonormal rows or columns (its family or name says 'orthogonal'). */
export function isOrthogonalFamily(def: InitializerDefinition): boolean {
  return /orthogonal/i.test(def.family ?? '') || /orthogonal/i.test(def.name);
}

/**
 * The tensor as the matrix its framework makes orthogonal: PyTorch layout (out, in, k…) → rows =
 * shape[0], trailing dims flattened; Keras/TF.js/JAX layout (k…, in, out) → columns = the last dim,
 * the leading dims flattened into rows.
 */
export function matrixView(shape: readonly number[], layout: WeightLayout): { rows: number; cols: number } {
  const size = shape.reduce((a, b) => a * b, 1);
  if (layout === 'out-in') return { rows: shape[0]!, cols: size / shape[0]! };
  const cols = shape[shape.length - 1]!;
  return { rows: size / cols, cols };
}

/**
 * ‖WWᵀ/g² − I‖∞ when rows ≤ cols (orthonormal rows), else ‖WᵀW/g² − I‖∞ (orthonormal columns):
 * the largest absolute entry. `g` is the initializer's gain (`gain` or `scale` parameter, else 1).
 */
export function orthogonalityError(values: Float64Array, rows: number, cols: number, gain = 1): number {
  const g2 = gain * gain;
  let worst = 0;
  if (rows <= cols) {
    for (let i = 0; i < rows; i++) {
      const ri = i * cols;
      for (let j = i; j < rows; j++) {
        const rj = j * cols;
        let s = 0;
        for (let k = 0; k < cols; k++) s += values[ri + k]! * values[rj + k]!;
        worst = Math.max(worst, Math.abs(s / g2 - (i === j ? 1 : 0)));
      }
    }
    return worst;
  }
  // Columns: accumulate WᵀW row by row of W to keep memory access sequential.
  const gram = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let i = 0; i < cols; i++) {
      const a = values[o + i]!;
      if (a === 0) continue;
      const gi = i * cols;
      for (let j = i; j < cols; j++) gram[gi + j]! += a * values[o + j]!;
    }
  }
  for (let i = 0; i < cols; i++) for (let j = i; j < cols; j++) worst = Math.max(worst, Math.abs(gram[i * cols + j]! / g2 - (i === j ? 1 : 0)));
  return worst;
}

/**
 * The matrix an orthogonality check looks at: the flattened tensor without its all-zero rows and
 * columns (delta-orthogonal kernels are zero except at the spatial centre, whose in×out block is
 * the orthogonal one; for a plain orthogonal draw nothing is removed).
 */
export function nonZeroBlock(values: Float64Array, rows: number, cols: number): { values: Float64Array; rows: number; cols: number } {
  const rowUsed = new Uint8Array(rows);
  const colUsed = new Uint8Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (values[r * cols + c] !== 0) {
        rowUsed[r] = 1;
        colUsed[c] = 1;
      }
    }
  }
  const keepRows = [...rowUsed.keys()].filter((r) => rowUsed[r] === 1);
  const keepCols = [...colUsed.keys()].filter((c) => colUsed[c] === 1);
  if (keepRows.length === rows && keepCols.length === cols) return { values, rows, cols };
  const out = new Float64Array(keepRows.length * keepCols.length);
  keepRows.forEach((r, i) => keepCols.forEach((c, j) => (out[i * keepCols.length + j] = values[r * cols + c]!)));
  return { values: out, rows: keepRows.length, cols: keepCols.length };
}

function gainOf(init: ResolvedInit): number {
  const g = init.params['gain'] ?? init.params['scale'];
  return typeof g === 'number' && g !== 0 ? Math.abs(g) : 1;
}

/** The JSON document `sample --json` prints, keys in this order. */
export interface SampleDocument {
  spec: ResolvedInit['spec'];
  shape: number[];
  fanIn: number;
  fanOut: number;
  expectedStd: number;
  stats: SampleStats;
  values: number[];
}

export interface SampleOptions {
  shape?: string;
  seed?: string;
  rng?: string;
  json?: boolean;
  format?: string;
  /** The file to write (`--out`; `--output` before). */
  out?: string;
  dtype?: string;
}

function parseSeed(text: string | undefined): number {
  return text === undefined ? 0 : parseSeedText('--seed', text);
}

function parseRng(text: string | undefined): RandomKind {
  if (text === undefined) return 'default';
  if (text !== 'numpy' && text !== 'default') throw new UsageError(`--rng: expected 'numpy' or 'default', got '${text}'.`);
  return text;
}

/** The format an output file's extension names ('w.npy' → npy), or undefined. */
export function formatFromExtension(file: string): SampleFormat | undefined {
  const ext = extname(file).slice(1).toLowerCase();
  return (SAMPLE_FORMATS as readonly string[]).includes(ext) ? (ext as SampleFormat) : undefined;
}

/**
 * The file's format: --format when given (it must agree with a known extension), else the
 * extension of --out. No --out: no file, and --format alone is a mistake.
 */
function parseFormat(format: string | undefined, out: string | undefined): SampleFormat | undefined {
  if (format !== undefined && !(SAMPLE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: expected ${SAMPLE_FORMATS.map((f) => `'${f}'`).join(', ')}, got '${format}'.${didYouMean(format, SAMPLE_FORMATS)}`);
  }
  if (out === undefined) {
    if (format !== undefined) throw new UsageError(`--format ${format}: also pass --out FILE.`);
    return undefined;
  }
  // An empty or unusable path is named as such before its (missing) extension is.
  if (out.trim() === '') checkOutputFile(out, '--out', 'sample.npy');
  const fromName = formatFromExtension(out);
  if (format === undefined && fromName === undefined) {
    throw new UsageError(`--out ${out}: name the format with the extension (.npy, .safetensors, .csv, .json) or pass --format.`);
  }
  if (format !== undefined && fromName !== undefined && format !== fromName) {
    throw new UsageError(`--format ${format} contradicts --out ${out} (a .${fromName} name): drop --format or rename the file.`);
  }
  const chosen = (format ?? fromName) as SampleFormat;
  checkOutputFile(out, '--out', `sample.${chosen}`);
  return chosen;
}

function parseDtype(text: string | undefined, format: SampleFormat | undefined): FloatDtype {
  if (text === undefined) return 'f8';
  if (format === undefined) throw new UsageError('--dtype applies to the file: also pass --out FILE.');
  // float64/float32 as in training's --dtype; f8/f4 (numpy's dtype codes) as before.
  if (text === 'f8' || text === 'float64') return 'f8';
  if (text === 'f4' || text === 'float32') return 'f4';
  throw new UsageError(`--dtype: expected 'float64' or 'float32' (also 'f8', 'f4'), got '${text}'.`);
}

/** The bytes of the drawn tensor in `format`. */
export function encodeSample(t: InitializedTensor, format: Exclude<SampleFormat, 'json'>, dtype: FloatDtype, meta: { rng: RandomKind; seed: number }): string | Uint8Array {
  switch (format) {
    case 'npy':
      return encodeNpy(t.values, t.shape, dtype);
    case 'csv':
      return encodeCsv(dtype === 'f4' ? t.values.map(Math.fround) : t.values, t.shape);
    case 'safetensors':
      return encodeSafetensors({ weight: { values: t.values, shape: t.shape, dtype } }, {
        spec: formatInitSpec(t.init.spec),
        framework: t.init.definition.framework,
        layout: t.init.definition.layout ?? 'out-in',
        fan_in: String(t.fanIn),
        fan_out: String(t.fanOut),
        rng: meta.rng,
        seed: String(meta.seed),
        generator: `initlab ${VERSION}`,
      });
  }
}

/**
 * `initlab sample SPEC --shape 256x512 [--seed 0] [--rng default|numpy] [--json] [--out FILE [--format F]]`:
 * draws one tensor and prints its statistics (and, with --json, the values); every argument is
 * checked before anything is drawn or written.
 */
export async function sampleCommand(specText: string, options: SampleOptions): Promise<void> {
  registerAllInitializers();
  const seed = parseSeed(options.seed);
  const rngKind = parseRng(options.rng);
  const format = parseFormat(options.format, options.out);
  const dtype = parseDtype(options.dtype, format);
  const { init, shape } = resolveForShape(specText, options.shape);
  const def = init.definition;
  if (def.dataDependent) {
    throw new UsageError(`'${def.name}' is data-dependent: it needs a network and a batch of data, not just a shape, so it cannot be sampled (use it in 'initlab compare').`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > MAX_SAMPLE_VALUES) {
    throw new UsageError(`--shape ${options.shape!}: that is ${size} values; sample draws at most ${MAX_SAMPLE_VALUES}.`);
  }

  const t = initialize(init, shape, createRandom(rngKind, seed));
  const stats = tensorStats(t.values);
  let orthoSkipped = false;
  let checked: { rows: number; cols: number } | undefined;
  if (isOrthogonalFamily(def)) {
    const view = matrixView(shape, def.layout ?? 'out-in');
    const block = nonZeroBlock(t.values, view.rows, view.cols);
    const work = Math.min(block.rows, block.cols) ** 2 * Math.max(block.rows, block.cols);
    if (block.rows === 0) orthoSkipped = true;
    else if (work <= MAX_ORTHOGONALITY_WORK) {
      stats.orthogonalityError = orthogonalityError(block.values, block.rows, block.cols, gainOf(init));
      checked = { rows: block.rows, cols: block.cols };
    } else orthoSkipped = true;
  }

  const doc = (): SampleDocument => ({ spec: init.spec, shape: t.shape, fanIn: t.fanIn, fanOut: t.fanOut, expectedStd: t.expectedStd, stats, values: Array.from(t.values) });
  if (format !== undefined) {
    // A .json file holds the --json document (values rounded to float32 with --dtype float32).
    const bytes = format === 'json' ? JSON.stringify({ ...doc(), values: Array.from(dtype === 'f4' ? t.values.map(Math.fround) : t.values) }) + '\n' : encodeSample(t, format, dtype, { rng: rngKind, seed });
    await saveOutputFile('--out', options.out!, bytes);
  }

  if (options.json) {
    process.stdout.write(JSON.stringify(doc()) + '\n');
    return;
  }
  const lines = [
    `${formatInitSpec(init.spec)} on ${shape.join('x')} (layout ${layoutWords(def.layout ?? 'out-in', shape.length)}), rng ${rngKind}, seed ${seed}`,
    `  fan_in ${t.fanIn}, fan_out ${t.fanOut}, expected std ${fmt(t.expectedStd)}`,
    `  mean   ${fmt(stats.mean)}`,
    `  std    ${fmt(stats.std)}${t.expectedStd > 0 ? ` (×${(stats.std / t.expectedStd).toFixed(4)} of expected)` : ''}`,
    `  min    ${fmt(stats.min)}`,
    `  max    ${fmt(stats.max)}`,
  ];
  if (stats.orthogonalityError !== undefined && checked !== undefined) {
    const { rows, cols } = checked;
    const view = matrixView(shape, def.layout ?? 'out-in');
    const block = rows === view.rows && cols === view.cols ? '' : ` (its non-zero ${rows}x${cols} block)`;
    lines.push(`  ortho  ${fmt(stats.orthogonalityError)} (max |${rows <= cols ? 'WWᵀ' : 'WᵀW'}${gainOf(init) !== 1 ? '/gain²' : ''} − I| on the ${view.rows}x${view.cols} matrix${block})`);
  }
  if (orthoSkipped) lines.push('  ortho  skipped (the matrix is too large to check quickly)');
  if (format !== undefined) lines.push(`Wrote ${options.out!} (${format}, ${dtype === 'f8' ? 'float64' : 'float32'}, ${shape.join('x')}).`);
  process.stdout.write(lines.join('\n') + '\n');
}
