import { closeSync, openSync, readSync } from 'node:fs';
import { UsageError } from './errors.js';
import { formatBytes } from './limits.js';

/**
 * Reads a small text file (a config or a spec) but never more than `maxBytes`: `--config /dev/zero`
 * grew to 8 GB before (issue 12 item 8). Reading in chunks also stops on files whose size stat()
 * does not know (devices, pipes, /proc). Errors are UsageErrors: `LABEL: cannot read the file (ENOENT)…`.
 */
export function readTextFileBounded(path: string, maxBytes: number, label: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new UsageError(`${label}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new UsageError(`${label}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}); check the path.`);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new UsageError(`${label}: the file is larger than ${formatBytes(maxBytes)}, the most a config or spec file may hold; check the path.`);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
