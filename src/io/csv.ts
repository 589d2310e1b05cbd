/**
 * A plain CSV layout for one tensor, readable by `numpy.loadtxt(f, delimiter=',')` (which skips the
 * `#` line), spreadsheets and pandas (`comment='#'`, `header=None`):
 *
 * * line 1: `# shape: 256x512` — the tensor's full shape (`# shape: scalar` for 0-d);
 * * then one line per index of the first dimension, with the remaining dimensions flattened in
 *   row-major order into comma-separated columns: a 2-D (r, c) tensor is r lines of c values; an
 *   N-D (d0, d1, …) tensor is d0 lines of d1·d2·… values; a 1-D tensor of n is n lines of 1 value
 *   (as `numpy.savetxt` writes it); a 0-d tensor is one line.
 *
 * Numbers are JavaScript's shortest round-trip decimal (`String(x)`), so reading them back with
 * any correct float parser gives the same float64 values. `\n` line endings, one after every line.
 */
import { UsageError } from '../util/errors.js';
import { shapeSize } from './npy.js';

/** Encodes row-major `values` over `shape` as CSV text (see the module comment for the layout). */
export function encodeCsv(values: Float64Array, shape: readonly number[]): string {
  const size = shapeSize(shape);
  if (size !== values.length) throw new RangeError(`shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  const rows = shape.length === 0 ? 1 : shape[0]!;
  const cols = rows === 0 ? 0 : size / rows;
  const lines = [`# shape: ${shape.length === 0 ? 'scalar' : shape.join('x')}`];
  for (let r = 0; r < rows; r++) {
    const cells = new Array<string>(cols);
    for (let c = 0; c < cols; c++) cells[c] = String(values[r * cols + c]!);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Reads CSV written by `encodeCsv` back (the `# shape:` line gives the shape). */
export function decodeCsv(text: string): { values: Float64Array; shape: number[] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const m = /^# shape: (scalar|\d+(?:x\d+)*)$/.exec(lines[0] ?? '');
  if (!m) throw new UsageError("CSV tensor: the first line must be '# shape: AxB…'.");
  const shape = m[1] === 'scalar' ? [] : m[1]!.split('x').map(Number);
  const size = shapeSize(shape);
  const rows = shape.length === 0 ? 1 : shape[0]!;
  const cols = rows === 0 ? 0 : size / rows;
  const body = lines.slice(1);
  if (body.length !== rows) throw new UsageError(`CSV tensor: shape ${m[1]!} needs ${rows} data lines, found ${body.length}.`);
  const values = new Float64Array(size);
  body.forEach((line, r) => {
    const cells = cols === 0 && line === '' ? [] : line.split(',');
    if (cells.length !== cols) throw new UsageError(`CSV tensor: line ${r + 2} has ${cells.length} values, expected ${cols}.`);
    cells.forEach((cell, c) => {
      const x = Number(cell.trim());
      if (cell.trim() === '' || Number.isNaN(x) && cell.trim() !== 'NaN') throw new UsageError(`CSV tensor: line ${r + 2}, column ${c + 1}: '${cell}' is not a number.`);
      values[r * cols + c] = x;
    });
  });
  return { values, shape };
}
