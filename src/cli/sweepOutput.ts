import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRunsFile, RUNS_FILE } from '../experiments/sweep/store.js';

/**
 * The end of the one line for a sweep (or trainability) whose writing failed or was interrupted:
 * how many finished runs DIR/runs.jsonl keeps and that the same command resumes, or that nothing
 * was written (a sweep that stored no run removes the files it made: RunStore.discardIfEmpty).
 */
export function sweepKeptNote(out: string): string {
  const path = join(out, RUNS_FILE);
  let stored = 0;
  try {
    stored = existsSync(path) ? readRunsFile(out).records.length : 0;
  } catch {
    stored = 0;
  }
  if (stored === 0) return 'No files were written.';
  return `The ${stored} finished run${stored === 1 ? ' is' : 's are'} kept in ${path}; run the same command again to resume.`;
}
