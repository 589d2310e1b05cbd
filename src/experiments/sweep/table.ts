import { renderTable, wrapText, type TableCell } from '../../util/textTable.js';
import type { Stats } from './stats.js';
import { flattenGroup, type GroupSummary, type SweepSummary } from './summarize.js';

const fixed = (x: number, digits: number) => String(Number(x.toFixed(digits)));

/** `0.953 ± 0.012` (mean ± 95% CI half-width), `0.953` for one run, `—` for none. */
function meanCi(s: Stats, digits: number): string {
  if (s.mean === null) return '—';
  if (s.ci95 === null) return fixed(s.mean, digits);
  return `${fixed(s.mean, digits)} ± ${fixed(s.ci95[1] - s.mean, digits)}`;
}

const percent = (x: number) => `${fixed(100 * x, 1)}%`;

function reached(g: GroupSummary): string {
  const t = g.iterationsToTarget;
  if (!t) return '—';
  return t.mean === null ? percent(t.reached) : `${percent(t.reached)} @ ${fixed(t.mean, 0)}`;
}

/** Column titles for setting fields: the last part of the path unless two fields share it. */
function titles(fields: readonly string[]): string[] {
  const last = fields.map((f) => f.split('.').pop()!);
  return fields.map((f, i) => (last.filter((l) => l === last[i]).length > 1 ? f : last[i]!));
}

/**
 * The human summary of a sweep: one row per group (init × setting), the setting fields that vary
 * between groups, and mean ± 95% CI over the init seeds; fitted to `width` columns (wrapped, or
 * one block per group when it cannot be; Infinity keeps the natural widths).
 */
export function formatSummary(summary: SweepSummary, title?: string, width = Infinity): string {
  const fields = summary.varying.filter((f) => f !== 'init');
  const stopped = summary.groups.some((g) => g.stopped !== undefined);
  const head = [
    ...titles(fields),
    'init',
    'runs',
    'test acc',
    'train acc',
    'final loss',
    ...(summary.groups.some((g) => g.iterationsToTarget) ? ['reached target @ iter'] : []),
    ...(summary.metric ? [`${summary.metric.name} (${summary.metric.goal === 'minimize' ? 'min' : 'max'})`] : []),
    'diverged',
    ...(stopped ? ['stopped'] : []),
    'symmetric',
    'rank',
  ];
  const rows: TableCell[][] = [];
  // With a metric the rows are the sweep's leaderboard, best first (stable: ties keep spec order).
  const groupsInOrder = summary.metric ? [...summary.groups].sort((a, b) => a.rank - b.rank) : summary.groups;
  for (const g of groupsInOrder) {
    const flat = new Map(flattenGroup(g.setting, g.init));
    rows.push([
      ...fields.map((f) => String(flat.get(f) ?? '—')),
      g.label,
      String(g.runs),
      meanCi(g.testAccuracy, 4),
      meanCi(g.trainAccuracy, 4),
      meanCi(g.finalTrainLoss, 4),
      ...(summary.groups.some((x) => x.iterationsToTarget) ? [reached(g)] : []),
      ...(summary.metric ? [g.metric ? meanCi(g.metric, 4) : '—'] : []),
      percent(g.diverged),
      ...(stopped ? [percent(g.stopped ?? 0)] : []),
      percent(g.symmetric),
      String(g.rank),
    ]);
  }
  const groups = summary.groups.length;
  const expected = summary.expected !== null && summary.expected !== summary.runs ? ` of ${summary.expected}` : '';
  const lines = [
    wrapText(`initlab ${summary.initlab.version} — ${title !== undefined ? `${title}: ` : ''}${summary.runs}${expected} runs in ${groups} group${groups === 1 ? '' : 's'} (mean ± 95% CI over init seeds; ${summary.metric ? `ranked across the sweep by ${summary.metric.name}, ${summary.metric.goal}d` : 'rank of the init within its setting by test accuracy, then loss'})`, width),
    renderTable(head, rows, width),
  ];
  if (summary.outside > 0) lines.push(wrapText(`(${summary.outside} record${summary.outside === 1 ? '' : 's'} in runs.jsonl not part of the current spec were left out)`, width));
  return lines.join('\n');
}
