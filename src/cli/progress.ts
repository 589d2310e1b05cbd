import cliProgress from 'cli-progress';

/** A progress reporter over several runs: one bar of total iterations on stderr, only on a terminal. */
export interface Progress {
  update(runIndex: number, done: number): void;
  stop(): void;
}

export function createProgress(totals: readonly number[], label: string): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const done = totals.map(() => 0);
  const total = totals.reduce((a, b) => a + b, 0);
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} iterations | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update(runIndex, value) {
      done[runIndex] = value;
      bar.update(done.reduce((a, b) => a + b, 0));
    },
    stop: () => bar.stop(),
  };
}
