import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';

/** Fails early (before any work) when `dir` cannot become an output folder. */
export function checkOutputDir(dir: string): void {
  const full = resolve(dir);
  if (existsSync(full) && !statSync(full).isDirectory()) {
    throw new UsageError(`--out ${dir}: a file of that name exists; pass a folder path.`);
  }
}

/**
 * Writes all files of a result at once: first into a temporary sibling folder, then moved into
 * place by renames, so an interrupted or failed run never leaves a half-written file or a
 * half-filled new folder behind.
 */
export function writeOutputFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): string[] {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    if (!existsSync(target)) {
      renameSync(staging, target);
    } else {
      for (const name of files.keys()) renameSync(join(staging, name), join(target, name));
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return [...files.keys()].map((name) => join(dir, name));
}
