import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { makeDirs, removeCreatedDirs } from './makeDirs.js';

/**
 * Writes one file atomically: the bytes go to a temporary file in the same folder (created if
 * missing), which is then renamed over `path`. An interrupted or failed write never leaves a
 * half-written `path` behind; the temporary file, and any folder made for it, is removed on failure.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const target = resolve(path);
  const dir = dirname(target);
  const created = makeDirs(dir);
  const temp = join(dir, `.${basename(target)}.partial-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    removeCreatedDirs(created);
    throw err;
  }
}
