import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { makeDirs, present, removeCreatedDirs } from '../io/makeDirs.js';
import { guarded } from './interrupt.js';
import { writingTo } from './outputPlace.js';

export { checkOutputDir } from './outputPlace.js';

function currentUmask(): number {
  // process.umask() without an argument is deprecated; set-and-restore reads it the supported way.
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

/**
 * Writes all files of a result at once, so that an interrupted or failed run never leaves a
 * half-written file or a half-filled new folder behind:
 *
 * - a new folder is filled as a temporary sibling and renamed into place whole;
 * - into an existing folder, the files are staged in a temporary folder *inside* it and renamed
 *   one by one. Inside, not beside: an existing folder may be a mount point, and a rename from the
 *   parent's file system into it fails with EXDEV.
 *
 * On failure the staging folder and any parent folders made for it are removed again.
 */
export function writeOutputFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): string[] {
  const target = resolve(dir);
  const exists = present(target);
  const created = exists ? [] : makeDirs(dirname(target));
  let staging: string | undefined;
  try {
    staging = exists ? mkdtempSync(join(target, '.partial-')) : mkdtempSync(join(dirname(target), `.${basename(target)}.partial-`));
    for (const [name, content] of files) writeFileSync(join(staging, name), content);
    if (!exists) {
      // mkdtemp makes the folder 0700; a new output folder gets the ordinary mode (umask applies).
      chmodSync(staging, 0o777 & ~currentUmask());
      renameSync(staging, target);
    } else {
      for (const name of files.keys()) renameSync(join(staging, name), join(target, name));
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (err) {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
    removeCreatedDirs(created);
    throw err;
  }
  return [...files.keys()].map((name) => join(dir, name));
}

/**
 * `writeOutputFiles` for a command's `flag DIR`: with Ctrl-C held off until the files are all in
 * place or all gone, and a file-system failure (a full disk, a read-only mount) as one line that
 * ends with `note` (default: no files were written).
 */
export function saveOutputFiles(flag: string, dir: string, files: ReadonlyMap<string, string | Uint8Array>, note?: string): Promise<string[]> {
  return guarded(() => writingTo(flag, dir, () => writeOutputFiles(dir, files), note));
}

/** `writeFileAtomic` for a command's `flag FILE`, in the same way. */
export function saveOutputFile(flag: string, file: string, content: string | Uint8Array, note?: string): Promise<void> {
  return guarded(() => writingTo(flag, file, () => writeFileAtomic(file, content), note));
}
