import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';

/** Fails early (before any work) when `dir` cannot become an output folder. */
export function checkOutputDir(dir: string): void {
  const full = resolve(dir);
  if (existsSync(full) && !statSync(full).isDirectory()) {
    throw new UsageError(`--out ${dir}: a file of that name exists; pass a folder path.`);
  }
  // A file where a parent folder should be (--out notes.txt/run) would fail only at the end, after the work.
  for (let p = dirname(full); p !== dirname(p); p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory()) throw new UsageError(`--out ${dir}: ${p} is a file, not a folder; pass a folder path.`);
      break;
    }
  }
}

function currentUmask(): number {
  // process.umask() without an argument is deprecated; set-and-restore reads it the supported way.
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
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
      // mkdtemp makes the folder 0700; a new output folder gets the ordinary mode (umask applies).
      chmodSync(staging, 0o777 & ~currentUmask());
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
