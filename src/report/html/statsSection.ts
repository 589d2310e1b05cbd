import type { VegaLiteSpec } from '../vegaSpec.js';
import type { RunRecord } from '../../core/runConfig.js';
import { layerStdSpec, updateRatioSpec, type StatsSeries } from '../trainingStatsFigures.js';

/*
 * The report's "Layer statistics during training" section, for sweeps whose runs recorded them
 * (training.statsEvery): per setting, the activation and gradient std of every hidden layer over
 * training and the update-to-weight ratio, one panel per init. A group's runs differ only in the
 * init seed; averaging stds across seeds would blur a run that blew up into one that did not, so
 * the section shows the lowest seed of each group (as the decision boundaries do) and says so.
 */

/** What the section needs of the report's figure collector. */
export interface FigureAdder {
  add(baseName: string, spec: VegaLiteSpec, alt: string, caption?: string, cls?: string): Promise<string>;
}

export interface StatsBlock {
  /** The setting in words. */
  label: string;
  /** Its groups (one per init), each with its runs sorted by init seed. */
  groups: ReadonlyArray<{ label: string; runs: readonly RunRecord[] }>;
}

/** The section's HTML, or '' when no run has statistics. */
export async function layerStatsSection(blocks: readonly StatsBlock[], sink: FigureAdder, progress: (message: string) => void = () => undefined): Promise<string> {
  const withStats = blocks
    .map((b) => ({
      label: b.label,
      series: b.groups.flatMap((g): (StatsSeries & { seed: number })[] => {
        const run = g.runs.find((r) => r.stats !== undefined && r.stats.length > 0);
        return run ? [{ label: g.label, stats: run.stats!, seed: run.config.initSeed }] : [];
      }),
    }))
    .filter((b) => b.series.length > 0);
  if (withStats.length === 0) return '';
  const html: string[] = [
    '<section id="layer-stats"><h2>Layer statistics during training</h2>',
    '<p class="note">Recorded every <code>training.statsEvery</code> updates on the whole training set with the real gradients of the training loss ' +
      '(src/diagnostics/trainingStatistics.ts): per hidden layer the std of the activations A<sub>l</sub> and of ∂L/∂Z<sub>l</sub>, and the ' +
      'update-to-weight ratio ‖ΔW<sub>l</sub>‖/‖W<sub>l</sub>‖ of the single update before each record. One run per init: the lowest seed of each group. ' +
      'Values a log axis cannot show (exactly 0, as under the zeros init, or not finite) are listed under each figure\'s title.</p><div class="panels">',
  ];
  for (const [i, b] of withStats.entries()) {
    progress(`layer statistics ${i + 1}/${withStats.length}`);
    const seeds = [...new Set(b.series.map((s) => s.seed))];
    const sub = `seed ${seeds.join(', ')}`;
    const n = String(i + 1).padStart(2, '0');
    html.push(
      await sink.add(`layer-std-${n}`, layerStdSpec(b.series, { title: `Layer std — ${b.label}`, subtitle: [`activation std (top) and ∂L/∂Z std (bottom); ${sub}`] }), `Per-layer activation and gradient std over training, ${b.label}`),
      await sink.add(`update-ratio-${n}`, updateRatioSpec(b.series, { title: `Update ratio — ${b.label}`, subtitle: [sub] }), `Per-layer update-to-weight ratio over training, ${b.label}`),
    );
  }
  html.push('</div></section>');
  return html.join('\n');
}
