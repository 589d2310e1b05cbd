import { renderTable, wrapText, type TableCell } from '../util/textTable.js';
import type { ComparisonResult } from '../experiments/compare.js';

const num = (x: number | undefined) => (x === undefined ? '—' : Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : String(x));
const acc = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(4))) : String(x));

/**
 * The human summary of a comparison: the article's table (cost at 0 and at the last logged
 * iteration, final cost, accuracies, seconds) and then one computed finding per initializer.
 */
export function formatComparison(result: ComparisonResult, width = Infinity): string {
  const { iterations, logEvery } = result.config.training;
  const lastLogged = Math.floor((iterations - 1) / logEvery) * logEvery;
  const head = ['init', 'cost @0'];
  if (lastLogged > 0) head.push(`cost @${lastLogged}`);
  head.push(`cost @${iterations}`, 'train acc', 'test acc', 'seconds');
  const rows: TableCell[][] = [];
  for (const run of result.runs) {
    const at = (it: number) => run.costs.find((c) => c.iteration === it)?.cost;
    const row = [run.label, num(at(0))];
    if (lastLogged > 0) row.push(num(at(lastLogged)));
    row.push(run.status === 'diverged' ? `diverged @${run.divergedAt}` : num(at(iterations)), acc(run.trainAccuracy), acc(run.testAccuracy), run.seconds.toFixed(3));
    rows.push(row);
  }
  const c = result.config;
  const lines = [
    wrapText(`initlab ${result.initlab.version} — ${c.data.name} (train ${c.data.trainSamples}, test ${c.data.testSamples}, noise ${c.data.noise}), ` +
      `layers [${[2, ...c.network.hidden, 1].join(', ')}], lr ${c.training.learningRate}, ${iterations} iterations, init seed ${c.initSeed}, backend ${result.initlab.backend}`, width),
    renderTable(head, rows, width),
    '',
    ...result.runs.map((r) => wrapText(`${r.label}: ${r.finding.message}`, width)),
  ];
  return lines.join('\n');
}
