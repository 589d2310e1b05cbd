/*
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP.
 *
 * By default initlab leaves these signals alone, so the process dies at once even in the middle of
 * a long synchronous computation (a JavaScript listener could only run after it). They are caught
 * only inside `guarded` sections: while files are being written (a listener runs after the
 * synchronous write has finished or cleaned up, so a signal never leaves a partial file) and while
 * a sweep waits on its workers (so the finished runs can be named and the lock removed).
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];
const NUMBER: Readonly<Record<Signal, number>> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/** Called when a signal stops the process inside a guarded section; may return a sentence for the one line printed. */
export type OnInterrupt = () => string | void;

const active: OnInterrupt[] = [];

function stop(signal: Signal): void {
  const notes: string[] = [];
  for (const fn of [...active].reverse()) {
    try {
      const note = fn();
      if (note) notes.push(note);
    } catch {
      // a failing clean-up must not keep the process alive
    }
  }
  // On a terminal the line starts afresh (a progress bar may hold the cursor); piped, it is one line.
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}initlab: interrupted (${signal}).${notes.map((n) => ` ${n}`).join('')}\n`);
  process.exit(128 + NUMBER[signal]);
}

const listeners = new Map<Signal, () => void>(SIGNALS.map((s) => [s, () => stop(s)]));

/**
 * Lets a signal caught during synchronous work reach its listener: libuv hands it over in the poll
 * phase. One setImmediate may run in the check phase of the current loop iteration, before any
 * poll; a second one, queued from there, runs only after the next iteration's poll.
 */
async function pollOnce(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` with the signals caught; on a signal, `onInterrupt` (and those of enclosing sections)
 * runs and the process exits with 128 + the signal's number. The listeners are removed only after a
 * poll phase of the event loop: removed at once, a signal that arrived during synchronous work never
 * reaches a listener (Node 20 was seen to ignore it, or to die of it later, after printing results).
 */
export async function guarded<T>(work: () => T | Promise<T>, onInterrupt?: OnInterrupt): Promise<T> {
  if (active.length === 0) for (const [s, l] of listeners) process.on(s, l);
  const entry: OnInterrupt = onInterrupt ?? (() => undefined);
  active.push(entry);
  try {
    return await work();
  } finally {
    await pollOnce();
    active.splice(active.lastIndexOf(entry), 1);
    if (active.length === 0) for (const [s, l] of listeners) process.removeListener(s, l);
  }
}
