/**
 * Reading IDX files from disk, gzipped or not, into `IdxArray`s (the parser is idx.ts).
 *
 * node:fs and node:zlib are fetched through `process.getBuiltinModule` (Node ≥ 20.16), as
 * userData.ts does, instead of static imports: this module sits under makeDataset in the root
 * entry, which must load and bundle in browsers. Where there is no file system, reading fails with
 * a UsageError saying so.
 *
 * Parsed files are kept in a small cache keyed by path, size and modification time: a sweep builds
 * the same data set once per run (and once more to validate it), and gunzipping Fashion-MNIST's
 * 26 MB training images takes a noticeable fraction of a second each time.
 */
import { UsageError } from '../util/errors.js';
import { IdxFormatError, parseIdx } from './idx.js';
import type { IdxArray } from './idx.js';

interface Stat {
  readonly size: number;
  readonly mtimeMs: number;
  isDirectory(): boolean;
}

interface NodeFs {
  readFileSync(path: string): Uint8Array;
  statSync(path: string): Stat;
  existsSync(path: string): boolean;
}

interface NodeZlib {
  gunzipSync(data: Uint8Array): Uint8Array;
}

function builtin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.(id) as T | undefined;
}

function nodeFs(dataset: string, path: string): NodeFs {
  const fs = builtin<NodeFs>('node:fs');
  if (fs === undefined) {
    throw new UsageError(`data set '${dataset}': cannot read file '${path}' here: reading files needs Node.js 20.16 or later.`);
  }
  return fs;
}

/** Whether `path` is an existing directory (false where there is no file system). */
export function isDirectory(path: string): boolean {
  const fs = builtin<NodeFs>('node:fs');
  if (fs === undefined) return false;
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` exists (false where there is no file system). */
export function fileExists(path: string): boolean {
  const fs = builtin<NodeFs>('node:fs');
  return fs !== undefined && fs.existsSync(path);
}

const CACHE_ENTRIES = 4;
const cache = new Map<string, { key: string; array: IdxArray }>();

/** gzip's magic bytes (RFC 1952, section 2.3.1). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads and parses the IDX file at `path` (gzip detected from its magic bytes, not its name).
 * @throws UsageError naming the data set, the file and, for a malformed file, the byte offset (of
 *   the decompressed data for a gzipped file).
 */
export function readIdxFile(dataset: string, path: string): IdxArray {
  const fs = nodeFs(dataset, path);
  const where = `data set '${dataset}': file '${path}'`;
  let stat: Stat;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`${where} cannot be read: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}.`);
  }
  if (stat.isDirectory()) throw new UsageError(`${where} is a directory; give the IDX file itself.`);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = cache.get(path);
  if (hit !== undefined && hit.key === key) return hit.array;

  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    throw new UsageError(`${where} cannot be read: ${(e as Error).message}.`);
  }
  let what = '';
  if (isGzip(bytes)) {
    const zlib = builtin<NodeZlib>('node:zlib');
    if (zlib === undefined) throw new UsageError(`${where} is gzipped, and gunzipping needs Node.js 20.16 or later; give the file uncompressed.`);
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch (e) {
      // zlib does not say where the stream broke; the compressed size at least tells a cut download.
      throw new UsageError(`${where} is a damaged gzip file (${(e as Error).message}; ${stat.size} compressed bytes); download or reinstall it.`);
    }
    what = ' of the decompressed data';
  }
  let array: IdxArray;
  try {
    array = parseIdx(bytes);
  } catch (e) {
    if (e instanceof IdxFormatError) throw new UsageError(`${where}, byte ${e.offset}${what}: ${e.problem}.`);
    throw e;
  }
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.delete(path);
  cache.set(path, { key, array });
  return array;
}
