import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFsError, fsErrorCode } from '../io/fsErrorText.js';
import { nearestExisting } from '../io/makeDirs.js';
import { UsageError } from '../util/errors.js';

/*
 * Checks of an output place before any work starts (a full disk or /proc found after an hour of
 * training loses the hour), and the one-line error for a write that fails anyway at the end.
 */

const shown = (path: string): string => (path === '' ? "''" : path);

function refuseEmpty(flag: string, path: string, example: string): void {
  // `--out ''` resolves to the current folder and would scatter the files there.
  if (path.trim() === '') throw new UsageError(`${flag} ${shown(path)}: an empty path; give a name, e.g. ${flag} ${example}.`);
}

/**
 * The one-line error for a failed write to `path` (given to `flag`), or undefined when `err` is not
 * a file-system failure the user can fix. `note` replaces the default "No files were written."
 */
export function outputError(flag: string, path: string, err: unknown, note = 'No files were written.'): UsageError | undefined {
  const words = describeFsError(err);
  if (words === undefined) return undefined;
  const code = fsErrorCode(err);
  const fix = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? 'free some space or choose another place' : 'choose a folder you can write to';
  return new UsageError(`${flag} ${shown(path)}: cannot write there: ${words}; ${fix}. ${note}`);
}

/** Runs `write`; a file-system failure becomes `outputError`'s one line. */
export function writingTo<T>(flag: string, path: string, write: () => T, note?: string): T {
  try {
    return write();
  } catch (err) {
    throw outputError(flag, path, err, note) ?? err;
  }
}

/**
 * Proves that `base` (an existing folder) takes a new folder and a byte of data, and leaves nothing:
 * /proc refuses the folder (ENOENT), a read-only mount too (EROFS), a full disk the byte (ENOSPC).
 */
function probe(flag: string, given: string, base: string): void {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(base, '.initlab-probe-'));
    writeFileSync(join(dir, 'probe'), 'x');
  } catch (err) {
    throw outputError(flag, given, err) ?? err;
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails early (before any work) when `dir` cannot become an output folder. */
export function checkOutputDir(dir: string, flag = '--out'): void {
  refuseEmpty(flag, dir, 'results');
  const full = resolve(dir);
  const existing = nearestExisting(full);
  if (!statSync(existing).isDirectory()) {
    if (existing === full) throw new UsageError(`${flag} ${dir}: a file of that name exists; pass a folder path.`);
    // A file where a parent folder should be (--out notes.txt/run) would fail only at the end, after the work.
    throw new UsageError(`${flag} ${dir}: ${existing} is a file, not a folder; pass a folder path.`);
  }
  probe(flag, dir, existing);
}

/** Fails early when `file` cannot be written (an empty path, a folder, an unwritable place). */
export function checkOutputFile(file: string, flag: string, example: string): void {
  refuseEmpty(flag, file, example);
  const full = resolve(file);
  if (nearestExisting(full) === full && statSync(full).isDirectory()) throw new UsageError(`${flag} ${file}: that is a folder; pass a file path such as ${join(file, example)}.`);
  const existing = nearestExisting(dirname(full));
  if (!statSync(existing).isDirectory()) throw new UsageError(`${flag} ${file}: ${existing} is a file, not a folder; pass a path in a folder.`);
  probe(flag, file, existing);
}
