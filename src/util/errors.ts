/**
 * An error caused by what the user asked for (a bad flag, an unknown initializer, an invalid config
 * field), as opposed to a bug. Its message is one line that names the problem and the fix; the CLI
 * prints it alone and exits with status 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Levenshtein distance, used to suggest the closest known name for a misspelt one. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known names closest to `name` (at most `count`, only plausible ones), best first. */
export function closestNames(name: string, known: readonly string[], count = 3): string[] {
  const lower = name.toLowerCase();
  return known
    .map((k) => ({ k, d: editDistance(lower, k.toLowerCase()) - (k.toLowerCase().includes(lower) ? 2 : 0) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 2)))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, count)
    .map(({ k }) => k);
}

/** " Did you mean a, b?" or "" when nothing is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const near = closestNames(name, known);
  return near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
}
