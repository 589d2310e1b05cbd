/**
 * The user's own data: a CSV file with a header row, or a pair of NumPy `.npy` files. Everything
 * wrong with a file is a one-line `UsageError` that names the file and, for a bad value, its row and
 * column (CSV rows are 1-based lines of the file, the header being row 1).
 */
import { decodeNpy, fortranToC } from '../io/npy.js';
import { UsageError, didYouMean } from '../util/errors.js';
import { DECIMAL } from '../util/numberText.js';
import type { Dataset } from './types.js';

/** Features and labels read from a file, before any split. */
export interface UserTable {
  readonly data: Dataset;
  readonly featureNames: string[];
}

interface NodeFs {
  readFileSync(path: string): Uint8Array;
}

/**
 * node:fs, fetched through `process.getBuiltinModule` (Node ≥ 20.16) instead of a static import:
 * this module sits under makeDataset in the root entry, which must load in browsers and bundle
 * without Node built-ins. Where there is no file system, a UsageError says what to do instead.
 */
function nodeFs(dataset: string, path: string): NodeFs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (fs === undefined) {
    throw new UsageError(
      `data set '${dataset}': cannot read file '${path}' here: reading files needs Node.js 20.16 or later; elsewhere pass the data itself.`,
    );
  }
  return fs;
}

/** Reads a whole file, turning every failure into a UsageError naming it. */
export function readUserFile(dataset: string, path: string): Uint8Array {
  const fs = nodeFs(dataset, path);
  try {
    return fs.readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`data set '${dataset}': cannot read file '${path}': ${why}.`);
  }
}

const NON_FINITE_WORD = /^[+-]?(nan|inf|infinity)$/i;
/** What a column name looks like (echoed in errors only when every header cell does). */
const COLUMN_NAME = /^[A-Za-z_][\w .()\[\]-]{0,39}$/;

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Reads a CSV file: comma-separated, `\n` or `\r\n` line ends, an optional UTF-8 byte order mark,
 * a header row of column names (row 1; names may be wrapped in double quotes, no embedded commas),
 * then one sample per row with a number in every cell (decimal notation, optionally quoted; NaN and
 * infinities are refused). Blank lines are allowed only at the end. The column called `label` holds
 * the labels, every other column is a feature (named by its header, in file order).
 * @throws UsageError naming the file (and row/column) for a missing or empty file, a missing label
 *   column (with the closest header suggested), duplicate or empty names, a row of the wrong length,
 *   an empty or non-numeric cell, NaN or an infinite value.
 */
export function loadCsvTable(path: string, label: string): UserTable {
  const where = `data set 'csv': file '${path}'`;
  let text = new TextDecoder('utf-8').decode(readUserFile('csv', path));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new UsageError(`${where} is empty; it needs a header row and at least one row of data.`);
  const header = lines[0]!.split(',').map(unquote);
  const labelCol = header.indexOf(label);
  if (labelCol < 0) {
    // Until its header names the label column, the file may be anything (a path typo can name
    // /etc/shadow): its content is echoed only when row 1 reads as a list of column names.
    const names = header.length >= 2 && header.every((h) => COLUMN_NAME.test(h));
    const listed = names ? `${didYouMean(label, header)} Its columns: ${header.join(', ')}.` : ' Row 1 must name the columns, separated by commas (it is not shown: the file may not be a CSV).';
    throw new UsageError(`${where} has no column '${label}' (the label column).${listed}`);
  }
  header.forEach((name, c) => {
    if (name === '') throw new UsageError(`${where}, row 1 (header), column ${c + 1}: the column has no name.`);
    const first = header.indexOf(name);
    if (first !== c) throw new UsageError(`${where}, row 1 (header): the name '${name}' is used by columns ${first + 1} and ${c + 1}.`);
  });
  if (header.length < 2) throw new UsageError(`${where} has only the label column '${label}'; it needs at least one feature column.`);
  if (header.every((h) => DECIMAL.test(h))) {
    throw new UsageError(`${where}, row 1: the header row is all numbers; the first row must name the columns.`);
  }
  const n = lines.length - 1;
  if (n === 0) throw new UsageError(`${where} has a header row but no data rows.`);
  const d = header.length - 1;
  const x = new Float64Array(d * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const row = s + 2;
    const line = lines[s + 1]!;
    if (line.trim() === '') throw new UsageError(`${where}, row ${row} is empty (blank lines are only allowed at the end).`);
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new UsageError(`${where}, row ${row} has ${cells.length} cells, but the header has ${header.length} columns.`);
    }
    let f = 0;
    for (let c = 0; c < cells.length; c++) {
      const cell = unquote(cells[c]!);
      const at = `${where}, row ${row}, column ${c + 1} ('${header[c]!}')`;
      if (cell === '') throw new UsageError(`${at} is empty; every cell must hold a number.`);
      if (NON_FINITE_WORD.test(cell)) throw new UsageError(`${at} is '${cell}'; NaN and infinite values are not allowed (remove or fill them).`);
      if (!DECIMAL.test(cell)) throw new UsageError(`${at}: '${cell}' is not a number (cells must be numbers in decimal notation).`);
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new UsageError(`${at}: '${cell}' overflows to infinity.`);
      if (c === labelCol) y[s] = v;
      else x[f++ * n + s] = v;
    }
  }
  return { data: { nFeatures: d, nSamples: n, x, y }, featureNames: header.filter((_, c) => c !== labelCol) };
}

/** A numeric array read from a .npy file, as float64 in C order. */
export interface NumericArray {
  readonly values: Float64Array;
  readonly shape: number[];
  readonly dtype: string;
}

const INT_DTYPE = /^([<>|=])?([iub])([1248])$/;

/**
 * Decodes a `.npy` file of a float (float32/64, via `decodeNpy`), integer (int8 … int64, uint8 …
 * uint64) or bool dtype into float64 values. 64-bit integers beyond ±2^53 are refused.
 * @throws UsageError naming the file for anything else (other dtypes, truncation, not .npy).
 */
export function readNpyArray(dataset: string, path: string): NumericArray {
  const where = `data set '${dataset}': file '${path}'`;
  const bytes = readUserFile(dataset, path);
  if (bytes.length === 0) throw new UsageError(`${where} is empty.`);
  const wrap = (e: unknown): never => {
    if (e instanceof UsageError || e instanceof RangeError) throw new UsageError(`${where}: ${e.message.replace(/\.$/, '')}.`);
    throw e;
  };
  let descr: string;
  let header: { start: number; text: string };
  try {
    header = npyHeader(bytes);
    const m = /['"]descr['"]\s*:\s*'([^']*)'/.exec(header.text);
    if (!m) throw new UsageError(`.npy header has no 'descr' field: ${header.text.trim()}`);
    descr = m[1]!;
  } catch (e) {
    return wrap(e);
  }
  const int = INT_DTYPE.exec(descr);
  if (!int) {
    try {
      const a = decodeNpy(bytes);
      return { values: a.values, shape: a.shape, dtype: descr };
    } catch (e) {
      return wrap(e);
    }
  }
  const kind = int[2]!;
  const width = Number(int[3]);
  const bigEndian = int[1] === '>';
  const fortran = /['"]fortran_order['"]\s*:\s*True/.test(header.text);
  const sm = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header.text);
  if (!sm) return wrap(new UsageError(`.npy header has no 'shape' field: ${header.text.trim()}`));
  const parts = sm[1]!.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.some((p) => !/^\d+$/.test(p))) return wrap(new UsageError(`.npy shape '(${sm[1]!})' is not a tuple of integers`));
  const shape = parts.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - header.start < count * width) {
    return wrap(new UsageError(`.npy data truncated: shape (${sm[1]!}) needs ${count * width} bytes, the file has ${bytes.length - header.start}`));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.start, count * width);
  const raw = new Float64Array(count);
  const le = !bigEndian;
  for (let i = 0; i < count; i++) {
    const o = i * width;
    let v: number;
    if (kind === 'b') v = view.getUint8(o) === 0 ? 0 : 1;
    else if (width === 1) v = kind === 'i' ? view.getInt8(o) : view.getUint8(o);
    else if (width === 2) v = kind === 'i' ? view.getInt16(o, le) : view.getUint16(o, le);
    else if (width === 4) v = kind === 'i' ? view.getInt32(o, le) : view.getUint32(o, le);
    else {
      const big = kind === 'i' ? view.getBigInt64(o, le) : view.getBigUint64(o, le);
      v = Number(big);
      if (!Number.isSafeInteger(v)) return wrap(new UsageError(`element ${i} (${big}) is beyond ±2^53 and cannot be held exactly`));
    }
    raw[i] = v;
  }
  return { values: fortran ? fortranToC(raw, shape) : raw, shape, dtype: descr };
}

function npyHeader(bytes: Uint8Array): { start: number; text: string } {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) throw new UsageError('not a .npy file (the magic string \\x93NUMPY is missing)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  let start: number;
  let hlen: number;
  if (major === 1) {
    hlen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new UsageError('.npy file truncated in its header');
    hlen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new UsageError(`unsupported .npy format version ${major}.${bytes[7]!}`);
  }
  if (start + hlen > bytes.length) throw new UsageError('.npy file truncated in its header');
  return { start: start + hlen, text: new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + hlen)) };
}


/**
 * Reads features (shape (n, d), d ≥ 1) and labels (shape (n,) or (n, 1)) from two .npy files.
 * Feature names are x0 … x(d−1).
 * @throws UsageError naming the file for a read or format error, a wrong shape, n = 0, a sample
 *   count that differs between the files, or a NaN/infinite value (with its row and column, 1-based,
 *   and numpy index).
 */
export function loadNpyTable(featuresPath: string, labelsPath: string): UserTable {
  const fa = readNpyArray('npy', featuresPath);
  const la = readNpyArray('npy', labelsPath);
  const fw = `data set 'npy': file '${featuresPath}'`;
  const lw = `data set 'npy': file '${labelsPath}'`;
  const shapeText = (s: readonly number[]): string => (s.length === 1 ? `(${s[0]!},)` : `(${s.join(', ')})`);
  if (fa.shape.length !== 2) {
    throw new UsageError(`${fw}: the features must have shape (n, d) (samples × features), got ${shapeText(fa.shape)}.`);
  }
  const [n, d] = fa.shape as [number, number];
  if (n === 0 || d === 0) throw new UsageError(`${fw} is empty: shape ${shapeText(fa.shape)}; it needs at least one sample and one feature.`);
  if (!(la.shape.length === 1 || (la.shape.length === 2 && la.shape[1] === 1))) {
    throw new UsageError(`${lw}: the labels must have shape (n,) or (n, 1), got ${shapeText(la.shape)}.`);
  }
  if (la.shape[0] !== n) throw new UsageError(`${lw}: ${la.shape[0]!} labels for ${n} samples in '${featuresPath}'.`);
  const x = new Float64Array(d * n);
  for (let s = 0; s < n; s++) {
    for (let f = 0; f < d; f++) {
      const v = fa.values[s * d + f]!;
      if (!Number.isFinite(v)) throw new UsageError(`${fw}, row ${s + 1}, column ${f + 1} (element [${s}, ${f}]) is ${String(v)}; NaN and infinite values are not allowed.`);
      x[f * n + s] = v;
    }
  }
  for (let s = 0; s < n; s++) {
    const v = la.values[s]!;
    if (!Number.isFinite(v)) throw new UsageError(`${lw}, row ${s + 1} (element [${s}]) is ${String(v)}; NaN and infinite values are not allowed.`);
  }
  const names: string[] = [];
  for (let f = 0; f < d; f++) names.push(`x${f}`);
  return { data: { nFeatures: d, nSamples: n, x, y: Float64Array.from(la.values) }, featureNames: names };
}

/** How labels are read: classes 0 … k−1, or a regression target. */
export interface LabelKind {
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** k for classification, 0 for regression. */
  readonly nClasses: number;
}

/**
 * 'auto': classification when every label is an integer ≥ 0 and the set of labels is exactly
 * {0, …, k−1} with k ≥ 2 (binary when k = 2), otherwise regression. 'classification' insists on that
 * (UsageError otherwise); 'regression' accepts anything.
 */
export function labelKind(dataset: string, file: string, y: Float64Array, task: string): LabelKind {
  if (task === 'regression') return { task: 'regression', nClasses: 0 };
  let max = -1;
  let integral = true;
  let firstBad = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!(Number.isInteger(v) && v >= 0 && v <= 1_000_000)) {
      integral = false;
      if (firstBad < 0) firstBad = i;
    } else if (v > max) max = v;
  }
  let missing = -1;
  if (integral) {
    const seen = new Uint8Array(max + 1);
    for (let i = 0; i < y.length; i++) seen[y[i]!] = 1;
    missing = seen.indexOf(0);
  }
  const classes = integral && missing < 0 && max + 1 >= 2;
  if (classes) return { task: max + 1 === 2 ? 'binary' : 'multiclass', nClasses: max + 1 };
  // Every label the same value: 'auto' made that a regression task before, whose "accuracy" (R²) of
  // a constant target is 0 whatever the network does (issue 12 item 16). Nothing can be learnt from
  // it either way, so 'auto' refuses it; an explicit task 'regression' still accepts it.
  if (task !== 'classification' && y.length > 0 && y.every((v) => v === y[0])) {
    throw new UsageError(
      `data set '${dataset}': file '${file}': all ${y.length} labels are ${y[0]!}, a single class: there is nothing to classify. ` +
        "Add samples of another class (labels 0 … k−1, k ≥ 2), or set task 'regression' to fit the labels as numbers.",
    );
  }
  if (task === 'classification') {
    const why = !integral
      ? `label ${y[firstBad]!} (sample ${firstBad + 1}) is not an integer class index ≥ 0`
      : missing >= 0
        ? `class ${missing} never occurs (classes must be 0 … k−1, all present)`
        : 'there is only one class';
    throw new UsageError(`data set '${dataset}': file '${file}': task 'classification' needs labels 0 … k−1 with k ≥ 2, but ${why}.`);
  }
  return { task: 'regression', nClasses: 0 };
}
