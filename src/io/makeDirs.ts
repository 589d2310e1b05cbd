import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Whether anything is at `path`; a path through a file (ENOTDIR) leads nowhere, like a missing one. */
export function present(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw err;
  }
}

/** The deepest existing path at or above `path` (the root at worst). */
export function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!present(p) && p !== dirname(p)) p = dirname(p);
  return p;
}

/**
 * Creates `dir` and its missing parents, one level at a time, and returns the folders it created
 * (outermost first) so that a failed write can remove them again.
 *
 * Not `mkdirSync(dir, { recursive: true })`: on Node 20 that loops forever, at 100% CPU and deaf to
 * Ctrl-C, when the parent is a pseudo file system that answers ENOENT to mkdir (`/proc/x`). One
 * plain mkdir per level fails at once with the real error.
 */
export function makeDirs(dir: string): string[] {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let p = target; !present(p) && p !== dirname(p); p = dirname(p)) missing.unshift(p);
  const created: string[] = [];
  try {
    for (const p of missing) {
      mkdirSync(p);
      created.push(p);
    }
  } catch (err) {
    removeCreatedDirs(created);
    throw err;
  }
  return created;
}

/** Removes folders made by `makeDirs`, innermost first, and only while they are empty. */
export function removeCreatedDirs(created: readonly string[]): void {
  for (const p of [...created].reverse()) {
    try {
      rmdirSync(p);
    } catch {
      return; // not empty (someone else wrote there) or already gone: leave it and its parents
    }
  }
}
