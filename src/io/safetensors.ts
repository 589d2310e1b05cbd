/**
 * The safetensors format (https://github.com/huggingface/safetensors, "Format"): an 8-byte
 * little-endian unsigned header size N, N bytes of UTF-8 JSON, then one flat byte buffer. The JSON
 * maps each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets into the
 * byte buffer, which must be covered without holes) and may hold `"__metadata__"`, a string→string
 * map. Data is little-endian, row-major.
 *
 * The encoder follows the reference (Rust) writer: compact JSON with `__metadata__` first, tensors
 * ordered by dtype width (F64 before F32) then by name and laid out in that order, and the header
 * padded with spaces (0x20) to a multiple of 8 bytes so the data is 8-byte aligned.
 */
import { UsageError } from '../util/errors.js';
import { decodeFloats, encodeFloats, shapeSize, type DecodedArray, type FloatDtype } from './npy.js';

/** A tensor to write: row-major `values` over `shape`, stored as float64 (`f8`, default) or float32. */
export interface TensorInput {
  values: Float64Array;
  shape: readonly number[];
  dtype?: FloatDtype;
}

/** A decoded file: the tensors (values widened to float64) and the `__metadata__` map. */
export interface DecodedSafetensors {
  tensors: Record<string, DecodedArray>;
  metadata: Record<string, string>;
}

const DTYPE_NAME: Record<FloatDtype, string> = { f8: 'F64', f4: 'F32' };
const WIDTH: Record<FloatDtype, number> = { f8: 8, f4: 4 };

/** Encodes named float tensors (and an optional string metadata map) as safetensors bytes. */
export function encodeSafetensors(tensors: Readonly<Record<string, TensorInput>>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const entries = Object.entries(tensors).map(([name, t]) => {
    if (name === '__metadata__') throw new RangeError("a tensor may not be named '__metadata__'");
    const dtype = t.dtype ?? 'f8';
    const size = shapeSize(t.shape);
    if (size !== t.values.length) throw new RangeError(`tensor '${name}': shape [${t.shape.join(', ')}] holds ${size} values, got ${t.values.length}`);
    return { name, dtype, shape: [...t.shape], values: t.values };
  });
  entries.sort((a, b) => WIDTH[b.dtype] - WIDTH[a.dtype] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') throw new RangeError(`metadata '${k}' must be a string`);
    header['__metadata__'] = { ...metadata };
  }
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = encodeFloats(e.values, e.dtype);
    header[e.name] = { dtype: DTYPE_NAME[e.dtype], shape: e.shape, data_offsets: [offset, offset + data.length] };
    chunks.push(data);
    offset += data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let p = 8 + padded;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Decodes safetensors bytes holding F64 and F32 tensors; checks that every tensor's offsets match its
 * shape and that the tensors cover the byte buffer exactly.
 * @throws UsageError for a malformed file or another dtype.
 */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  const bad = (why: string): never => {
    throw new UsageError(`not a valid safetensors file: ${why}.`);
  };
  if (bytes.length < 8) bad('shorter than the 8-byte header size');
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) bad(`header size ${n} exceeds the file`);
  const headerEnd = 8 + Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, headerEnd)));
  } catch {
    return bad('the header is not UTF-8 JSON');
  }
  if (!isRecord(header)) return bad('the header is not a JSON object');
  const metadata: Record<string, string> = {};
  const tensors: Record<string, DecodedArray> = {};
  const spans: [number, number][] = [];
  const dataLength = bytes.length - headerEnd;
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isRecord(info)) bad('__metadata__ is not an object');
      for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
        if (typeof v !== 'string') bad(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    if (!isRecord(info)) return bad(`tensor '${name}' is not an object`);
    const { dtype: dtypeName, shape, data_offsets: offsets } = info;
    const dtype = (Object.keys(DTYPE_NAME) as FloatDtype[]).find((d) => DTYPE_NAME[d] === dtypeName);
    if (dtype === undefined) return bad(`tensor '${name}' has dtype ${JSON.stringify(dtypeName)}; only F64 and F32 are supported`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) return bad(`tensor '${name}' has an invalid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isSafeInteger(d))) return bad(`tensor '${name}' has invalid data_offsets`);
    const [begin, end] = offsets as [number, number];
    const count = shapeSize(shape as number[]);
    if (begin < 0 || end < begin || end > dataLength) bad(`tensor '${name}' data_offsets [${begin}, ${end}] lie outside the ${dataLength}-byte buffer`);
    if (end - begin !== count * WIDTH[dtype]) bad(`tensor '${name}' has ${end - begin} bytes for shape [${(shape as number[]).join(', ')}] of ${dtypeName}`);
    spans.push([begin, end]);
    tensors[name] = { values: decodeFloats(bytes, headerEnd + begin, count, dtype), shape: [...(shape as number[])], dtype };
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end] of spans) {
    if (begin !== covered) bad(begin > covered ? `the byte buffer has a hole at ${covered}` : `tensors overlap at ${begin}`);
    covered = end;
  }
  if (covered !== dataLength) bad(`the byte buffer has ${dataLength - covered} unindexed bytes at its end`);
  return { tensors, metadata };
}
