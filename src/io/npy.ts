/**
 * NumPy's `.npy` format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * the magic `\x93NUMPY`, a version (1.0, or 2.0 when the header does not fit in 65535 bytes), the
 * header length (u16 / u32 little-endian), a Python-literal dict header, then the raw C-order data.
 *
 * The encoder writes the bytes numpy 1.24's `np.save` writes for the same float array: the dict's
 * keys sorted (`descr`, `fortran_order`, `shape`), the 21-digit growth space numpy ≥ 1.24 appends
 * after the dict (`GROWTH_AXIS_MAX_DIGITS − len(repr(shape[0]))` spaces, none for a 0-d array), then
 * spaces and a final `\n` so that magic + length + header is a multiple of 64 bytes (`ARRAY_ALIGN`;
 * when it already is, numpy still adds a full 64 bytes of padding).
 */
import { UsageError } from '../util/errors.js';

/** The float dtypes initlab writes: 8-byte (`<f8`, float64) and 4-byte (`<f4`, float32) little-endian. */
export type FloatDtype = 'f8' | 'f4';

/** A decoded array: values widened to float64, row-major (C order) over `shape`. */
export interface DecodedArray {
  values: Float64Array;
  shape: number[];
  dtype: FloatDtype;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Checks a shape and returns its element count. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`invalid dimension ${String(d)} in shape [${shape.join(', ')}]`);
    n *= d;
  }
  return n;
}

/** Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]!},)`;
  return `(${shape.join(', ')})`;
}

/** Writes `values` (row-major over `shape`) as little-endian floats of `dtype` into a new byte array. */
export function encodeFloats(values: Float64Array, dtype: FloatDtype): Uint8Array {
  const width = dtype === 'f8' ? 8 : 4;
  const bytes = new Uint8Array(values.length * width);
  const view = new DataView(bytes.buffer);
  if (dtype === 'f8') for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  else for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Reads `count` floats of `dtype` from `bytes` at `offset` (little-endian unless `bigEndian`). */
export function decodeFloats(bytes: Uint8Array, offset: number, count: number, dtype: FloatDtype, bigEndian = false): Float64Array {
  const width = dtype === 'f8' ? 8 : 4;
  if (offset + count * width > bytes.length) throw new RangeError(`data truncated: need ${count * width} bytes at offset ${offset}, have ${bytes.length - offset}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * width);
  const out = new Float64Array(count);
  if (dtype === 'f8') for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, !bigEndian);
  else for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, !bigEndian);
  return out;
}

/**
 * Encodes a C-order float array as `.npy` bytes, identical to numpy 1.24's `np.save` of an array of
 * dtype `<f8` (default) or `<f4` (values rounded to float32).
 */
export function encodeNpy(values: Float64Array, shape: readonly number[], dtype: FloatDtype = 'f8'): Uint8Array {
  const size = shapeSize(shape);
  if (size !== values.length) throw new RangeError(`shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  let dict = `{'descr': '<${dtype}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  // Version 1.0 stores the header length in 2 bytes; numpy falls back to 2.0 (4 bytes) beyond that.
  let lengthBytes = 2;
  let hlen = dict.length + 1; // + '\n'
  let padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
  if (hlen + padlen > 0xffff) {
    lengthBytes = 4;
    padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
  }
  const headerTotal = MAGIC.length + 2 + lengthBytes + hlen + padlen;
  const data = encodeFloats(values, dtype);
  const out = new Uint8Array(headerTotal + data.length);
  out.set(MAGIC, 0);
  out[6] = lengthBytes === 2 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (lengthBytes === 2) view.setUint16(8, hlen + padlen, true);
  else view.setUint32(8, hlen + padlen, true);
  let p = MAGIC.length + 2 + lengthBytes;
  for (let i = 0; i < dict.length; i++) out[p++] = dict.charCodeAt(i); // the header is ASCII
  out.fill(0x20, p, p + padlen);
  p += padlen;
  out[p++] = 0x0a;
  out.set(data, p);
  return out;
}

function headerField(header: string, key: string): string {
  const m = new RegExp(`['"]${key}['"]\\s*:\\s*('[^']*'|"[^"]*"|True|False|\\([^)]*\\))`).exec(header);
  if (!m) throw new UsageError(`.npy header has no '${key}' field: ${header.trim()}`);
  return m[1]!;
}

/**
 * Decodes `.npy` bytes (versions 1.0, 2.0 and 3.0) holding a float64 or float32 array of either
 * byte order, C or Fortran order; the result is always C order. Other dtypes are refused.
 * @throws UsageError for anything that is not such a file.
 */
export function decodeNpy(bytes: Uint8Array): DecodedArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new UsageError('not a .npy file (the magic string \\x93NUMPY is missing).');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let hlen: number;
  if (major === 1) {
    hlen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new UsageError('.npy file truncated in its header.');
    hlen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new UsageError(`unsupported .npy format version ${major}.${bytes[7]!}.`);
  }
  if (headerStart + hlen > bytes.length) throw new UsageError('.npy file truncated in its header.');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + hlen));
  const descr = headerField(header, 'descr').slice(1, -1);
  const m = /^([<>|=])?f([48])$/.exec(descr);
  if (!m) throw new UsageError(`.npy dtype '${descr}' is not supported: only float64 and float32 ('<f8', '<f4', '>f8', '>f4').`);
  const dtype: FloatDtype = m[2] === '8' ? 'f8' : 'f4';
  const bigEndian = m[1] === '>';
  const fortran = headerField(header, 'fortran_order') === 'True';
  const shapeText = headerField(header, 'shape').slice(1, -1).trim();
  const shape = shapeText === '' ? [] : shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`.npy shape '(${shapeText})' is not a tuple of integers.`);
    return Number(s);
  });
  const count = shapeSize(shape);
  const dataStart = headerStart + hlen;
  const width = dtype === 'f8' ? 8 : 4;
  if (bytes.length - dataStart < count * width) throw new UsageError(`.npy data truncated: shape (${shapeText}) needs ${count * width} bytes, the file has ${bytes.length - dataStart}.`);
  const raw = decodeFloats(bytes, dataStart, count, dtype, bigEndian);
  return { values: fortran ? fortranToC(raw, shape) : raw, shape, dtype };
}

/** Reorders column-major (Fortran) values into row-major (C) order. */
export function fortranToC(values: Float64Array, shape: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let c = 0; c < values.length; c++) {
    // idx is the multi-index of C-order position c; its Fortran offset:
    let f = 0;
    let stride = 1;
    for (let k = 0; k < rank; k++) {
      f += idx[k]! * stride;
      stride *= shape[k]!;
    }
    out[c] = values[f]!;
    for (let k = rank - 1; k >= 0; k--) {
      if (++idx[k]! < shape[k]!) break;
      idx[k] = 0;
    }
  }
  return out;
}
