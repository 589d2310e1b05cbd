/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 *
 *   bytes 0–1  zero
 *   byte  2    the element type: 0x08 unsigned byte (the only one image data sets use)
 *   byte  3    the number of dimensions r
 *   bytes 4 …  r sizes, each a 32-bit big-endian unsigned integer
 *   then       the elements, row-major (the last index changes fastest), one byte each for ubyte
 *
 * This module is the pure parser of bytes (no file system, loads everywhere); reading and gunzipping
 * the files lives in idxFiles.ts. Every problem is an `IdxFormatError` that carries the byte offset
 * where it was found, so the caller can name the file and the offset in one line.
 */

/** Element types of the IDX format (byte 2 of the magic number). */
const IDX_TYPES: Readonly<Record<number, string>> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'short (int16)',
  0x0c: 'int (int32)',
  0x0d: 'float (float32)',
  0x0e: 'double (float64)',
};

/** An IDX array of unsigned bytes: its dimensions (first = the item count) and its elements. */
export interface IdxArray {
  readonly dims: readonly number[];
  /** Row-major elements, a view into the parsed bytes (not a copy). */
  readonly data: Uint8Array;
}

/** A malformed IDX file; `offset` is the byte where the problem is. */
export class IdxFormatError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`byte ${offset}: ${problem}`);
    this.name = 'IdxFormatError';
  }
}

/**
 * Parses an IDX array of unsigned bytes. Dimensions of any rank ≥ 1 are accepted. Bytes past the
 * last element are refused too: a file longer than its header says is as suspect as a short one.
 * @throws IdxFormatError for a wrong magic number, an element type other than ubyte, a truncated
 *   header or body, or trailing bytes — with the byte offset.
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new IdxFormatError(bytes.length, `truncated: the 4-byte magic number needs 4 bytes, the data has ${bytes.length}`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new IdxFormatError(0, `not an IDX file: the magic number must start with two zero bytes, found ${hex}`);
  }
  const type = bytes[2]!;
  if (type !== 0x08) {
    const known = IDX_TYPES[type];
    throw new IdxFormatError(
      2,
      known !== undefined
        ? `element type 0x${type.toString(16).padStart(2, '0')} (${known}) is not supported; image and label files hold unsigned bytes (0x08)`
        : `unknown element type 0x${type.toString(16).padStart(2, '0')}; image and label files hold unsigned bytes (0x08)`,
    );
  }
  const rank = bytes[3]!;
  if (rank === 0) throw new IdxFormatError(3, 'the number of dimensions is 0; an IDX array needs at least one');
  const headerEnd = 4 + 4 * rank;
  if (bytes.length < headerEnd) {
    throw new IdxFormatError(bytes.length, `truncated in the header: ${rank} dimension sizes need bytes 4 … ${headerEnd - 1}, the data ends at byte ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    dims.push(size);
    count *= size;
  }
  if (!Number.isSafeInteger(count)) throw new IdxFormatError(4, `dimension sizes ${dims.join(' × ')} are too large`);
  const end = headerEnd + count;
  if (bytes.length < end) {
    throw new IdxFormatError(
      bytes.length,
      `truncated: dimensions ${dims.join(' × ')} need ${count} data bytes (bytes ${headerEnd} … ${end - 1}), the data ends at byte ${bytes.length}`,
    );
  }
  if (bytes.length > end) {
    throw new IdxFormatError(end, `${bytes.length - end} bytes after the last element of the ${dims.join(' × ')} array (the file should end at byte ${end})`);
  }
  return { dims, data: bytes.subarray(headerEnd, end) };
}

/** An IDX ubyte file of the given dimensions and elements (row-major): the inverse of `parseIdx`. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new RangeError(`encodeIdx: dims ${dims.join(' × ')} need ${count} elements, got ${data.length}`);
  if (dims.length === 0 || dims.length > 255) throw new RangeError(`encodeIdx: rank must be 1 … 255, got ${dims.length}`);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((size, d) => view.setUint32(4 + 4 * d, size, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
