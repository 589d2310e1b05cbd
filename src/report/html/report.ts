import { existsSync, statSync } from 'node:fs';
import { stringify as stringifyYaml } from 'yaml';
import { makeDataset, type DataBundle } from '../../data/makeDataset.js';
import type { RunConfig, RunRecord } from '../../core/runConfig.js';
import { canonicalJson, runId } from '../../experiments/sweep/ids.js';
import { expandSweep, parseSweepSpec, readSweepSpecText } from '../../experiments/sweep/spec.js';
import type { Stats } from '../../experiments/sweep/stats.js';
import { readManifest, readRunsFile, RUNS_FILE, SWEEP_FILE, type SweepManifest } from '../../experiments/sweep/store.js';
import { manifestMetric } from '../../experiments/sweep/earlyStop.js';
import { flattenGroup, summarizeRuns, type GroupSummary, type Setting, type SweepSummary } from '../../experiments/sweep/summarize.js';
import { registerAllInitializers } from '../../init/frameworks/index.js';
import { formatInitSpec } from '../../init/spec.js';
import { UsageError } from '../../util/errors.js';
import { VERSION } from '../../version.js';
import { figureSlug } from '../comparisonFigures.js';
import { boundsAround, decisionGrid } from '../decisionGrid.js';
import { renderVegaLiteToSvg, svgToPng } from '../vegaRender.js';
import type { VegaLiteSpec } from '../vegaSpec.js';
import { escapeHtml, safeId } from './escape.js';
import { bandPoints, classMapSpec, seedBandSpec, shapeMetricSpec, type BandSeries, type ShapeSeries } from './figures.js';
import { boundaryRun, predictClasses } from './replay.js';
import { layerStatsSection } from './statsSection.js';
import { inlineSvg } from './svg.js';
import { REPORT_CSS } from './style.js';

/*
 * `initlab report`: one self-contained HTML page for a sweep folder — summary tables and rankings,
 * loss curves with seed bands, final metrics against depth and width, decision-boundary grids for
 * 2-D data, and the exact spec and environment. Figures are inline SVG; the same figures as PNG
 * are returned for the caller to write beside the page (DIR/figures/). Everything taken from the
 * spec, the records or the file system is escaped.
 */

export interface ReportOptions {
  /** Retrain the first seed of each group to draw decision boundaries (default true). */
  boundaries?: boolean;
  /** The folder the PNGs go to, relative to the HTML file, for the page's links (default 'figures'). */
  figuresHref?: string;
  /** The date printed in the report (default: now). */
  now?: Date;
  /** Progress lines (e.g. "retraining 3/14"), for a terminal. */
  onProgress?: (message: string) => void;
}

export interface ReportFigure {
  /** File name without extension (a slug). */
  name: string;
  png: Uint8Array;
}

export interface BuiltReport {
  html: string;
  figures: ReportFigure[];
  /** Records summarized. */
  runs: number;
  /** Lines worth telling the user (replays that did not match, data that could not be rebuilt). */
  warnings: string[];
}

type Leaf = string | number | boolean | null;

// ---- formatting --------------------------------------------------------------------------------

/** A number in 4 significant digits; — for null or NaN. */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

function pct(v: number): string {
  return `${String(Number((v * 100).toFixed(1)))}%`;
}

/** `mean ± half-CI` over `[min, max]` as two lines of a cell; — when nothing was finite. */
function statCell(s: Stats | null, asPercent: boolean): string {
  if (!s || s.n === 0 || s.mean === null) return '<td class="num">—</td>';
  const f = (v: number | null) => (v === null ? '—' : asPercent ? pct(v) : fmt(v));
  const half = s.ci95 ? (s.ci95[1] - s.ci95[0]) / 2 : null;
  const main = half === null ? f(s.mean) : `${f(s.mean)} ± ${asPercent ? pct(half) : fmt(half)}`;
  const range = `${f(s.min)} – ${f(s.max)}`;
  return `<td class="num"><span class="mean">${escapeHtml(main)}</span><br><span class="range">${escapeHtml(range)}</span></td>`;
}

function leafText(v: Leaf): string {
  return v === null ? 'null' : String(v);
}

// ---- loading -----------------------------------------------------------------------------------

interface SweepFolder {
  manifest: SweepManifest | undefined;
  records: RunRecord[];
  summary: SweepSummary;
  /** Group key → its records, lowest seed first. */
  byGroup: Map<string, RunRecord[]>;
}

const groupKeyOfConfig = (c: RunConfig) => canonicalJson({ ...c, initSeed: undefined });
const groupKey = (g: GroupSummary) => canonicalJson({ ...g.setting, init: g.init });
const settingKey = (s: Setting) => canonicalJson(s);

function loadFolder(dir: string): SweepFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such folder; pass the --out folder of 'initlab sweep'.`);
  const manifest = readManifest(dir);
  const { records } = readRunsFile(dir);
  if (records.length === 0) {
    throw new UsageError(`${dir}: no finished runs (no ${RUNS_FILE}${manifest ? '' : ` or ${SWEEP_FILE}`}, or it is empty); run 'initlab sweep SPEC --out ${dir}' first.`);
  }
  const metric = manifestMetric(manifest?.spec);
  const summary = summarizeRuns(records, { ...(manifest ? { order: manifest.ids } : {}), ...(metric ? { metric } : {}) });
  const wanted = manifest ? new Set(manifest.ids) : undefined;
  const byGroup = new Map<string, RunRecord[]>();
  for (const r of records) {
    if (wanted && !wanted.has(r.id)) continue;
    const k = groupKeyOfConfig(r.config);
    const list = byGroup.get(k);
    if (list) list.push(r);
    else byGroup.set(k, [r]);
  }
  for (const list of byGroup.values()) list.sort((a, b) => a.config.initSeed - b.config.initSeed);
  return { manifest, records, summary, byGroup };
}

// ---- the page ----------------------------------------------------------------------------------

interface SettingBlock {
  key: string;
  setting: Setting;
  label: string;
  groups: GroupSummary[];
}

class FigureSink {
  readonly figures: ReportFigure[] = [];
  private readonly names = new Set<string>();
  constructor(private readonly href: string) {}

  /** Renders a spec; returns the figure's HTML (inline SVG + caption with the PNG link). */
  async add(baseName: string, spec: VegaLiteSpec, alt: string, caption?: string, cls = 'plot'): Promise<string> {
    let name = figureSlug(baseName) || 'figure';
    for (let i = 2; this.names.has(name); i++) name = `${figureSlug(baseName)}-${i}`;
    this.names.add(name);
    const svg = await renderVegaLiteToSvg(spec);
    this.figures.push({ name, png: svgToPng(svg) });
    const link = `<a class="png" href="${escapeHtml(`${this.href}/${name}.png`)}">PNG</a>`;
    const cap = caption !== undefined ? `${escapeHtml(caption)} ${link}` : link;
    return `<figure class="${cls}" id="fig-${escapeHtml(safeId(name))}">${inlineSvg(svg, `f${this.figures.length}`, alt)}<figcaption>${cap}</figcaption></figure>`;
  }
}

/** Builds the report of a sweep folder. */
export async function buildReport(dir: string, options: ReportOptions = {}): Promise<BuiltReport> {
  registerAllInitializers();
  const folder = loadFolder(dir);
  const { summary, manifest, byGroup } = folder;
  const warnings: string[] = [];
  const sink = new FigureSink(options.figuresHref ?? 'figures');
  const progress = options.onProgress ?? (() => undefined);

  const varying = summary.varying.filter((k) => k !== 'init');
  const settingLabel = (s: Setting, skip: readonly string[] = []) =>
    flattenGroup(s, undefined)
      .filter(([k]) => varying.includes(k) && !skip.includes(k))
      .map(([k, v]) => `${k} = ${leafText(v)}`)
      .join(', ') || 'all runs';

  const blocks: SettingBlock[] = [];
  for (const r of summary.rankings) {
    const key = settingKey(r.setting);
    blocks.push({ key, setting: r.setting, label: settingLabel(r.setting), groups: summary.groups.filter((g) => settingKey(g.setting) === key) });
  }

  // Data sets, rebuilt once each (for the task, the feature count and the decision boundaries).
  const dataCache = new Map<string, DataBundle | string>();
  const dataFor = (s: Setting): DataBundle | string => {
    const k = canonicalJson(s.data);
    let d = dataCache.get(k);
    if (d === undefined) {
      try {
        d = makeDataset(s.data);
      } catch (err) {
        d = err instanceof Error ? err.message : String(err);
      }
      dataCache.set(k, d);
    }
    return d;
  };
  const isRegression = blocks.some((b) => {
    const d = dataFor(b.setting);
    return typeof d !== 'string' && d.task === 'regression';
  });
  const accName = isRegression ? 'R²' : 'accuracy';

  const name = typeof (manifest?.spec as { name?: unknown } | undefined)?.name === 'string' ? String((manifest!.spec as { name: string }).name) : undefined;
  const description =
    typeof (manifest?.spec as { description?: unknown } | undefined)?.description === 'string' ? String((manifest!.spec as { description: string }).description) : undefined;
  const title = `initlab sweep report${name !== undefined ? ` — ${name}` : ''}`;
  const now = options.now ?? new Date();

  // --- overview
  const common = flattenGroup(summary.groups[0]!.setting, summary.groups[0]!.init).filter(([k]) => !summary.varying.includes(k));
  const overview = [
    '<section id="overview"><h2>Overview</h2>',
    description !== undefined ? `<p class="description">${escapeHtml(description)}</p>` : '',
    `<p>${summary.runs} finished run${summary.runs === 1 ? '' : 's'}${summary.expected !== null ? ` of ${summary.expected} in the spec` : ''}` +
      `${summary.outside > 0 ? ` (${summary.outside} more in ${RUNS_FILE} are not in the current spec and are left out)` : ''}; ` +
      `${summary.groups.length} group${summary.groups.length === 1 ? '' : 's'} (runs that differ only in the init seed) in ${blocks.length} setting${blocks.length === 1 ? '' : 's'}.` +
      `${summary.expected !== null && summary.runs < summary.expected ? ' <strong>The sweep is not finished:</strong> the numbers below cover the finished runs only.' : ''}</p>`,
    `<p>Varying: ${summary.varying.length > 0 ? summary.varying.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ') : 'nothing'}.</p>`,
    '<details><summary>Common to every run</summary><table class="kv"><tbody>',
    ...common.map(([k, v]) => `<tr><th scope="row"><code>${escapeHtml(k)}</code></th><td><code>${escapeHtml(leafText(v))}</code></td></tr>`),
    '</tbody></table></details>',
    '<nav><h3>Contents</h3><ol>',
    '<li><a href="#summary">Summary per setting</a></li><li><a href="#ranking">Ranking of inits</a></li><li><a href="#curves">Loss curves</a></li>',
    '%%STATS_LINK%%%%SHAPE_LINK%%%%BOUNDARY_LINK%%<li><a href="#spec">Spec and environment</a></li></ol></nav></section>',
  ];

  // --- summary tables
  const summaryHtml: string[] = [
    '<section id="summary"><h2>Summary per setting</h2>',
    `<p class="note">Each cell: mean ± half-width of the 95% confidence interval (Student t) over the seeds, and below it min – max. ` +
      `Losses and ${accName === 'R²' ? 'R²' : 'accuracies'} are the final logged values; a diverged run's non-finite loss is left out of the loss ` +
      `statistics (its ${accName} counts). Iterations to target: over the runs that reached the target loss, with the share that did. Rows are ranked by ${summary.metric ? `the spec's metric, mean final ${escapeHtml(summary.metric.name)} (${escapeHtml(summary.metric.goal)}), across the sweep` : `mean final test ${accName}, then mean final train loss`}.</p>`,
  ];
  for (const [i, b] of blocks.entries()) {
    const rows = [...b.groups].sort((x, y) => x.rank - y.rank);
    summaryHtml.push(
      `<h3 id="setting-${i + 1}">${escapeHtml(b.label)}</h3>`,
      `<div class="scroll"><table class="summary" data-setting="${i + 1}"><thead><tr><th scope="col">rank</th><th scope="col">init</th><th scope="col">runs</th>` +
        `<th scope="col">final train loss</th><th scope="col">train ${accName}</th><th scope="col">test ${accName}</th>` +
        '<th scope="col">diverged</th><th scope="col">symmetric</th><th scope="col">iterations to target</th></tr></thead><tbody>',
    );
    for (const g of rows) {
      const t = g.iterationsToTarget;
      const target =
        t === null
          ? '<td class="num">no target</td>'
          : t.n === 0
            ? `<td class="num">never (target ${escapeHtml(fmt(t.targetLoss))})</td>`
            : statCell(t, false).replace('</td>', `<br><span class="range">${escapeHtml(pct(t.reached))} reached ${escapeHtml(fmt(t.targetLoss))}</span></td>`);
      summaryHtml.push(
        `<tr><td class="num">${g.rank}</td><th scope="row"><span class="init">${escapeHtml(g.label)}</span><br><code>${escapeHtml(formatInitSpec(g.init))}</code></th>` +
          `<td class="num">${g.runs}</td>${statCell(g.finalTrainLoss, false)}${statCell(g.trainAccuracy, !isRegression)}${statCell(g.testAccuracy, !isRegression)}` +
          `<td class="num${g.diverged > 0 ? ' bad' : ''}">${escapeHtml(pct(g.diverged))}</td><td class="num${g.symmetric > 0 ? ' bad' : ''}">${escapeHtml(pct(g.symmetric))}</td>${target}</tr>`,
      );
    }
    summaryHtml.push('</tbody></table></div>');
  }
  summaryHtml.push('</section>');

  // --- leaderboard: with the spec's metric, every group of the sweep ranked by it (best first)
  if (summary.metric) {
    const m = summary.metric;
    const anyStopped = summary.groups.some((g) => g.stopped !== undefined);
    const asPercent = m.name.endsWith('Accuracy') && !isRegression;
    summaryHtml.unshift(
      `<section id="leaderboard"><h2>Leaderboard by ${escapeHtml(m.name)} (${escapeHtml(m.goal)})</h2>`,
      `<p class="note">The spec's metric: every group of the sweep ranked by the mean of its runs' final ${escapeHtml(m.name)}${anyStopped ? ' (a run stopped early counts with its value where it stopped)' : ''}; equal means share a rank.</p>`,
      `<div class="scroll"><table class="leaderboard"><thead><tr><th scope="col">rank</th><th scope="col">setting</th><th scope="col">init</th><th scope="col">runs</th><th scope="col">${escapeHtml(m.name)}</th>${anyStopped ? '<th scope="col">stopped</th>' : ''}</tr></thead><tbody>`,
      ...[...summary.groups]
        .sort((a, b) => a.rank - b.rank)
        .map(
          (g) =>
            `<tr><td class="num">${g.rank}</td><td>${escapeHtml(settingLabel(g.setting))}</td><th scope="row"><span class="init">${escapeHtml(g.label)}</span></th><td class="num">${g.runs}</td>${statCell(g.metric ?? null, asPercent)}${
              anyStopped ? `<td class="num">${escapeHtml(pct(g.stopped ?? 0))}</td>` : ''
            }</tr>`,
        ),
      '</tbody></table></div></section>',
    );
  }

  // --- ranking
  const maxInits = Math.max(...summary.rankings.map((r) => r.inits.length));
  const rankingHtml: string[] = [
    '<section id="ranking"><h2>Ranking of inits per setting</h2>',
    summary.metric
      ? `<p class="note">Best first, by the spec's metric: mean final ${escapeHtml(summary.metric.name)} (${escapeHtml(summary.metric.goal)}); the rank is the one across the whole sweep (see the leaderboard).</p>`
      : `<p class="note">Best first, by mean final test ${accName} (then mean final train loss); equal means share a rank.</p>`,
    '<div class="scroll"><table class="ranking"><thead><tr><th scope="col">setting</th>',
    ...Array.from({ length: maxInits }, (_, i) => `<th scope="col">#${i + 1}</th>`),
    '</tr></thead><tbody>',
  ];
  for (const [i, r] of summary.rankings.entries()) {
    const cells = r.inits.map(
      (x) =>
        `<td><span class="init">${escapeHtml(x.label)}</span><br><span class="range">${x.rank}. test ${escapeHtml(accName)} ${escapeHtml(
          x.testAccuracy === null ? '—' : isRegression ? fmt(x.testAccuracy) : pct(x.testAccuracy),
        )}, loss ${escapeHtml(fmt(x.finalTrainLoss))}</span></td>`,
    );
    while (cells.length < maxInits) cells.push('<td></td>');
    rankingHtml.push(`<tr><th scope="row"><a href="#setting-${i + 1}">${escapeHtml(blocks[i]!.label)}</a></th>${cells.join('')}</tr>`);
  }
  rankingHtml.push('</tbody></table></div></section>');

  // --- loss curves with seed bands, one panel per setting
  const curvesHtml: string[] = [
    '<section id="curves"><h2>Loss curves</h2>',
    '<p class="note">Training loss (log scale) per init: the line is the mean over the seeds that logged that iteration, the band their min – max. ' +
      'A diverged run drops out at its divergence; a run that reached the target loss stops there.</p><div class="panels">',
  ];
  for (const [i, b] of blocks.entries()) {
    progress(`loss curves ${i + 1}/${blocks.length}`);
    const series: BandSeries[] = [];
    const notes: string[] = [];
    for (const g of b.groups) {
      const runs = byGroup.get(groupKey(g)) ?? [];
      series.push({ label: g.label, points: bandPoints(runs.map((r) => r.metrics), (p) => p.iteration, (p) => p.trainLoss) });
      const div = runs.filter((r) => r.status === 'diverged').length;
      if (div > 0) notes.push(`${g.label}: ${div} of ${runs.length} runs diverged`);
    }
    const seeds = Math.max(...b.groups.map((g) => g.runs));
    const subtitle = [`${seeds} seed${seeds === 1 ? '' : 's'} per init; line: mean, band: min – max`, ...notes.slice(0, 4), ...(notes.length > 4 ? [`… and ${notes.length - 4} more`] : [])];
    curvesHtml.push(await sink.add(`loss-${String(i + 1).padStart(2, '0')}`, seedBandSpec(series, { title: b.label, subtitle }), `Training loss curves, ${b.label}`));
  }
  curvesHtml.push('</div></section>');

  // --- layer statistics during training (runs made with training.statsEvery)
  const statsHtml = await layerStatsSection(blocks.map((b) => ({ label: b.label, groups: b.groups.map((g) => ({ label: g.label, runs: byGroup.get(groupKey(g)) ?? [] })) })), sink, progress);

  // --- final metric vs depth / width
  const shapeHtml: string[] = [];
  for (const axis of ['depth', 'width'] as const) {
    const valueOf = (s: Setting): number | null => {
      const h = s.network.hidden;
      if (axis === 'depth') return h.length;
      return h.length > 0 && h.every((n) => n === h[0]) ? h[0]! : null;
    };
    const values = new Set(summary.groups.map((g) => valueOf(g.setting)).filter((v): v is number => v !== null));
    if (values.size < 2) continue;
    // Panels: everything but the hidden sizes (and the other shape number, which stays in the panel's key).
    const panels = new Map<string, { label: string; groups: GroupSummary[] }>();
    for (const g of summary.groups) {
      const v = valueOf(g.setting);
      if (v === null) continue;
      const h = g.setting.network.hidden;
      const rest = { ...g.setting, network: { ...g.setting.network, hidden: undefined } };
      const shapeKey = axis === 'depth' ? (h.every((n) => n === h[0]) ? `width ${h[0]}` : 'mixed widths') : `depth ${h.length}`;
      const k = canonicalJson({ rest, shapeKey });
      const label = [settingLabel(g.setting, ['network.hidden']), shapeKey].filter((x) => x !== 'all runs').join(', ');
      const p = panels.get(k);
      if (p) p.groups.push(g);
      else panels.set(k, { label, groups: [g] });
    }
    const figs: string[] = [];
    for (const [pi, p] of [...panels.values()].entries()) {
      const byInit = new Map<string, GroupSummary[]>();
      for (const g of p.groups) {
        const k = canonicalJson(g.init);
        byInit.set(k, [...(byInit.get(k) ?? []), g]);
      }
      const series: ShapeSeries[] = [...byInit.values()].map((gs) => ({
        label: gs[0]!.label,
        points: gs
          .map((g) => ({
            x: valueOf(g.setting)!,
            accuracy: g.testAccuracy.mean,
            accuracyLo: g.testAccuracy.ci95?.[0] ?? null,
            accuracyHi: g.testAccuracy.ci95?.[1] ?? null,
            loss: g.finalTrainLoss.mean,
            lossLo: g.finalTrainLoss.ci95?.[0] ?? null,
            lossHi: g.finalTrainLoss.ci95?.[1] ?? null,
          }))
          .sort((a, b) => a.x - b.x),
      }));
      if (!series.some((s) => s.points.length > 1)) continue;
      figs.push(
        await sink.add(
          `${axis}-${String(pi + 1).padStart(2, '0')}`,
          shapeMetricSpec(axis, series, {
            title: `Final metrics vs ${axis}${p.label ? ` — ${p.label}` : ''}`,
            subtitle: ['mean over seeds, bars: 95% CI of the mean'],
            accuracyTitle: `final test ${accName}`,
          }),
          `Final test ${accName} and train loss against ${axis}, ${p.label}`,
        ),
      );
    }
    if (figs.length > 0) shapeHtml.push(`<h3>Against ${axis === 'depth' ? 'depth (hidden layers)' : 'width (units per hidden layer)'}</h3><div class="panels">`, ...figs, '</div>');
  }
  const hasShape = shapeHtml.length > 0;
  if (hasShape) shapeHtml.unshift('<section id="shape"><h2>Final metrics vs depth and width</h2>');
  if (hasShape) shapeHtml.push('</section>');

  // --- decision boundaries (2-D classification data): the first seed of each group, retrained
  const boundaryHtml: string[] = [];
  if (options.boundaries !== false) {
    const rows: string[] = [];
    const eligible = blocks.filter((b) => {
      const d = dataFor(b.setting);
      if (typeof d === 'string') {
        warnings.push(`decision boundaries of "${b.label}" left out: the data could not be rebuilt (${d})`);
        return false;
      }
      return d.train.nFeatures === 2 && d.task !== 'regression';
    });
    const total = eligible.reduce((n, b) => n + b.groups.length, 0);
    let done = 0;
    let replaySeconds = 0;
    let stored = 0;
    let retrained = 0;
    for (const [bi, b] of eligible.entries()) {
      const data = dataFor(b.setting) as DataBundle;
      const m = data.train.nSamples;
      const points = Array.from({ length: m }, (_, s) => ({ x0: data.train.x[s]!, x1: data.train.x[m + s]!, label: data.train.y[s]! }));
      const bounds = boundsAround(points, 0.25);
      const cells: string[] = [];
      for (const g of b.groups) {
        done++;
        progress(`decision boundaries: ${done}/${total}`);
        const first = (byGroup.get(groupKey(g)) ?? [])[0];
        if (!first) continue;
        const seed = first.config.initSeed;
        if (first.status === 'diverged') {
          cells.push(
            `<div class="cell empty"><p class="init">${escapeHtml(g.label)}</p><p>seed ${seed} diverged at iteration ${escapeHtml(String(first.divergedAt ?? '?'))}: no boundary</p></div>`,
          );
          continue;
        }
        const t0 = performance.now();
        // The stored final parameters (DIR/params) when the sweep kept them; else the run trained again.
        const replay = boundaryRun(dir, first, data);
        if (replay.source === 'stored') stored++;
        else {
          retrained++;
          replaySeconds += (performance.now() - t0) / 1000;
        }
        if (replay.storedProblem !== undefined) warnings.push(`decision boundary of ${g.label} in "${b.label}": stored parameters not used (${replay.storedProblem}); the run was trained again`);
        const sub = [`seed ${seed}, test ${accName} ${isRegression ? fmt(first.final.testAccuracy) : pct(first.final.testAccuracy)}`];
        if (!replay.matches) {
          const how = replay.source === 'stored' ? 'stored parameters give' : 'retraining gave';
          sub.push(`⚠ ${replay.source === 'stored' ? 'stored' : 'retrained'} loss ${fmt(replay.trainLoss)} ≠ recorded ${fmt(first.final.trainLoss)}`);
          warnings.push(`decision boundary of ${g.label} in "${b.label}": ${how} seed ${seed} train loss ${replay.trainLoss}, the record has ${first.final.trainLoss}`);
        }
        let classes: Uint8Array = new Uint8Array(0);
        const grid = decisionGrid(
          (x, n) => {
            const r = predictClasses(replay.net, x, n);
            classes = r.classes;
            return Float64Array.from(r.classes);
          },
          bounds,
          80,
          80,
        );
        const spec = classMapSpec({ title: g.label, subtitle: sub, grid, classes, nClasses: data.nClasses, points, width: 190 });
        cells.push(
          await sink.add(
            `boundary-${String(bi + 1).padStart(2, '0')}-${formatInitSpec(g.init)}`,
            spec,
            `Decision boundary of ${g.label}, ${b.label}, seed ${seed}`,
            undefined,
            'cell',
          ),
        );
      }
      rows.push(`<h3>${escapeHtml(b.label)}</h3><div class="boundary-row">${cells.join('')}</div>`);
    }
    if (rows.length > 0) {
      boundaryHtml.push(
        '<section id="boundaries"><h2>Decision boundaries</h2>',
        `<p class="note">One row per setting, one map per init: the predicted class over the plane (class 0 red, class 1 blue${
          eligible.some((b) => (dataFor(b.setting) as DataBundle).nClasses > 2) ? ', then green, orange, purple, …' : ''
        }) with the training points, for the lowest seed of each group. ${boundarySourceNote(stored, retrained, replaySeconds)}</p>`,
        ...rows,
        '</section>',
      );
    }
  }

  // --- spec and environment
  const specFile = manifest?.specFile;
  let specText: string | undefined;
  let specSource = '';
  if (manifest) {
    // The file as written when it still expands to exactly this sweep's runs (sweep.json's copy is
    // the parsed spec, which loses the file's comments and layout).
    if (specFile !== undefined && existsSync(specFile)) {
      try {
        const { text, raw } = readSweepSpecText(specFile);
        const ids = expandSweep(parseSweepSpec(raw, specFile)).map(runId);
        if (ids.length === manifest.ids.length && ids.every((id, i) => id === manifest.ids[i])) {
          specText = text;
          specSource = `the file ${specFile}, as written (it still expands to exactly this sweep's runs)`;
        }
      } catch {
        // fall through to the manifest's copy
      }
    }
    if (specText === undefined) {
      specText = stringifyYaml(manifest.spec);
      specSource = `${SWEEP_FILE}'s copy of the spec${specFile !== undefined ? ` (from ${specFile})` : ''}, as YAML`;
    }
  }
  const versions = [...new Set(folder.records.map((r) => r.initlab?.version).filter((v): v is string => typeof v === 'string'))];
  const env: [string, string][] = [
    ['report made by', `initlab ${VERSION}`],
    ['runs made by', versions.length > 0 ? versions.map((v) => `initlab ${v}`).join(', ') : 'unknown'],
    ['sweep.json written by', manifest ? `initlab ${manifest.initlab?.version ?? 'unknown'}` : `no ${SWEEP_FILE}`],
    ['Node.js', process.version],
    ['platform', `${process.platform} ${process.arch}`],
    ['date', now.toISOString()],
    ['sweep folder', dir],
  ];
  const specHtml = [
    '<section id="spec"><h2>Spec and environment</h2><table class="kv env"><tbody>',
    ...env.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</tbody></table>',
    specText !== undefined
      ? `<h3>The spec</h3><p class="note">From ${escapeHtml(specSource)}.</p><pre class="spec"><code>${escapeHtml(specText)}</code></pre>`
      : `<p>No ${SWEEP_FILE} in the folder: the spec is unknown.</p>`,
    '</section>',
  ];

  const overviewHtml = overview
    .join('')
    .replace('%%STATS_LINK%%', statsHtml !== '' ? '<li><a href="#layer-stats">Layer statistics during training</a></li>' : '')
    .replace('%%SHAPE_LINK%%', hasShape ? '<li><a href="#shape">Final metrics vs depth and width</a></li>' : '')
    .replace('%%BOUNDARY_LINK%%', boundaryHtml.length > 0 ? '<li><a href="#boundaries">Decision boundaries</a></li>' : '');

  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="initlab ${escapeHtml(VERSION)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style></head><body><main>`,
    `<header><h1>${escapeHtml(title)}</h1><p class="meta">initlab ${escapeHtml(VERSION)} · Node.js ${escapeHtml(process.version)} · ${escapeHtml(now.toISOString())}</p></header>`,
    overviewHtml,
    summaryHtml.join('\n'),
    rankingHtml.join('\n'),
    curvesHtml.join('\n'),
    statsHtml,
    shapeHtml.join('\n'),
    boundaryHtml.join('\n'),
    specHtml.join('\n'),
    '</main></body></html>',
    '',
  ].join('\n');
  return { html, figures: sink.figures, runs: summary.runs, warnings };
}

/** Where the boundary networks came from, for the section's note. */
function boundarySourceNote(stored: number, retrained: number, seconds: number): string {
  const parts: string[] = [];
  if (stored > 0) parts.push(`${stored === 1 ? 'one network was' : `${stored} networks were`} loaded from the sweep's stored final parameters (params/&lt;id&gt;.safetensors), without training`);
  if (retrained > 0) parts.push(`${retrained === 1 ? 'one network' : `${retrained} networks`} without stored parameters ${retrained === 1 ? 'was' : 'were'} trained again (${Number(seconds.toFixed(3))} s)`);
  return `${parts.join('; ')}; each was checked against the recorded final training loss.`;
}
