import { stringifyResults } from '../experiments/resultsDocument.js';
import { DEFAULT_XI_CAP, phaseDiagramFigure } from '../report/phaseDiagram.js';
import { THEORY_ACTIVATIONS, theoryActivation } from '../theory/activations.js';
import { meanFieldNotes } from '../theory/explain.js';
import { meanField, type MeanFieldSummary } from '../theory/meanField.js';
import { PHASE_ACTIVATIONS, phaseGrid, type PhaseGrid } from '../theory/phaseGrid.js';
import { UsageError } from '../util/errors.js';
import { parseDecimal } from '../util/numberText.js';
import { VERSION } from '../version.js';
import { checkOutputDir, saveOutputFiles } from './atomicOutput.js';
import { outputWidth, wrapText } from '../util/textTable.js';

export interface TheoryOptions {
  activation?: string;
  sigmaW2?: string;
  sigmaB2?: string;
  json?: boolean;
  phaseDiagram?: boolean;
  out?: string;
  sigmaW2Range?: string;
  sigmaB2Range?: string;
  grid?: string;
}

/** Parses a flag's number: finite, and > 0 (or ≥ 0 when zero is allowed). */
export function parseTheoryNumber(flag: string, text: string | undefined, allowZero: boolean): number {
  const bound = allowZero ? '≥ 0' : '> 0';
  if (text === undefined) throw new UsageError(`${flag} is required, a number ${bound}, e.g. '${flag} ${allowZero ? '0.05' : '1.5'}'.`);
  // The decimal grammar only: Number() would also read '0x10' and '0b1' as numbers.
  const x = parseDecimal(flag, text) ?? Number.NaN;
  if (!Number.isFinite(x) || x < 0 || (!allowZero && x === 0)) throw new UsageError(`${flag} '${text}': write a finite number ${bound}.`);
  return x;
}

/** JSON has no Infinity or NaN: those become the strings "Infinity", "-Infinity", "NaN". */
const jsonNumber = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

/** What a point of the theory was computed for (the `config` block of `theory --json`). */
export interface TheoryInputs {
  activation: string;
  sigmaW2: number;
  sigmaB2: number;
}

export type TheoryJson = { initlab: { version: string; node: string }; config: TheoryInputs } & Record<keyof MeanFieldSummary, number | string> & { notes?: string[] };

/**
 * The `--json` document: initlab's version and the inputs (as every results document carries
 * them), then qStar, chi1, cStar, chiC, xiQ, xiC at the top level, and `notes` (why a value is NaN
 * or ∞, see src/theory/explain.ts) only when there is something to explain.
 */
export function theoryJson(inputs: TheoryInputs, s: MeanFieldSummary, notes: readonly string[] = []): TheoryJson {
  const doc: TheoryJson = {
    initlab: { version: VERSION, node: process.version },
    config: { ...inputs },
    qStar: jsonNumber(s.qStar), chi1: jsonNumber(s.chi1), cStar: jsonNumber(s.cStar), chiC: jsonNumber(s.chiC), xiQ: jsonNumber(s.xiQ), xiC: jsonNumber(s.xiC),
  };
  if (notes.length > 0) doc.notes = [...notes];
  return doc;
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(8))) : String(x));

/** The human-readable report. */
export function formatTheory(activation: string, sigmaW2: number, sigmaB2: number, s: MeanFieldSummary, notes: readonly string[] = []): string {
  const phase = Number.isNaN(s.chi1) ? '' : s.chi1 > 1 + 1e-9 ? 'chaotic (χ₁ > 1)' : s.chi1 < 1 - 1e-9 ? 'ordered (χ₁ < 1)' : 'critical (χ₁ = 1)';
  const rows: [string, string, string][] = [
    ['q*', fmt(s.qStar), 'fixed point of the pre-activation variance'],
    ['χ₁', fmt(s.chi1), 'σ_w² E[φ\'(√q* z)²]'],
    ['c*', fmt(s.cStar), 'stable fixed point of the correlation map'],
    ['χ_c', fmt(s.chiC), 'slope of the correlation map at c*'],
    ['ξ_q', fmt(s.xiQ), 'depth scale of the variance'],
    ['ξ_c', fmt(s.xiC), 'depth scale of the correlation'],
  ];
  const w = Math.max(...rows.map((r) => r[1].length));
  return [
    `mean-field theory of ${activation}, σ_w² = ${sigmaW2}, σ_b² = ${sigmaB2}: ${phase}`,
    ...rows.map(([k, v, d]) => `  ${k.padEnd(4)} ${v.padStart(w)}  ${d}`),
    ...notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

/** `initlab theory`: q*, χ₁, c*, χ_c, ξ_q, ξ_c of a deep random network (Poole et al. 2016; Schoenholz et al. 2017). */
export async function theoryCommand(options: TheoryOptions): Promise<void> {
  if (options.phaseDiagram) return phaseDiagramCommand(options);
  for (const [flag, value] of [['--out', options.out], ['--sigma-w2-range', options.sigmaW2Range], ['--sigma-b2-range', options.sigmaB2Range], ['--grid', options.grid]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} belongs to --phase-diagram: add --phase-diagram, or drop ${flag}.`);
  }
  if (options.activation === undefined) throw new UsageError(`--activation is required: one of ${THEORY_ACTIVATIONS.join(', ')}.`);
  const activation = theoryActivation(options.activation);
  const sigmaW2 = parseTheoryNumber('--sigma-w2', options.sigmaW2, false);
  const sigmaB2 = parseTheoryNumber('--sigma-b2', options.sigmaB2, true);
  const s = meanField(activation, sigmaW2, sigmaB2);
  const notes = meanFieldNotes(activation, sigmaW2, sigmaB2, s);
  if (options.json) {
    process.stdout.write(JSON.stringify(theoryJson({ activation: activation.name, sigmaW2, sigmaB2 }, s, notes), null, 2) + '\n');
    return;
  }
  process.stdout.write(wrapText(formatTheory(activation.name, sigmaW2, sigmaB2, s, notes), outputWidth(), 6) + '\n');
}

/** Default σ_w² ranges: the critical line at σ_b² ∈ [0, 0.3] runs over σ_w² ∈ [1, 2.5] for tanh and [0.79, 1.96] for erf. */
const DEFAULT_W2_RANGE: Readonly<Record<string, [number, number]>> = { tanh: [0.5, 4], erf: [0.25, 3] };
const DEFAULT_B2_RANGE: [number, number] = [0, 0.3];
const DEFAULT_GRID: [number, number] = [70, 30];
/** About 2 ms per cell for tanh on one core (erf ≈ 4×): 40 000 cells is already a minute or more. */
const MAX_CELLS = 40_000;

/** 'LO,HI' with 0 ≤ LO < HI (LO > 0 when zero is not allowed). */
export function parseRange(flag: string, text: string, allowZero: boolean): [number, number] {
  // parseDecimal: '1e-400' is refused as out of range rather than read as LO = 0.
  const parts = text.split(',').map((t) => parseDecimal(`${flag} '${text}'`, t) ?? Number.NaN);
  const [lo, hi] = parts;
  if (parts.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || lo! < 0 || (!allowZero && lo === 0) || !(hi! > lo!)) {
    throw new UsageError(`${flag} '${text}': write LO,HI with ${allowZero ? '0 ≤ LO' : '0 < LO'} < HI, e.g. '${flag} ${allowZero ? '0,0.3' : '0.5,4'}'.`);
  }
  return [lo!, hi!];
}

/** 'NWxNB': cells along σ_w² and along σ_b². */
export function parseGrid(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(text);
  const nw = m ? Number(m[1]) : Number.NaN;
  const nb = m ? Number(m[2]) : Number.NaN;
  if (!(nw >= 2 && nb >= 2)) throw new UsageError(`--grid '${text}': write NWxNB, cells along σ_w² and σ_b², each ≥ 2, e.g. '--grid 70x30'.`);
  if (nw * nb > MAX_CELLS) throw new UsageError(`--grid '${text}': ${nw * nb} cells is more than ${MAX_CELLS} (about 2 ms each); use fewer.`);
  return [nw, nb];
}

/** phase-diagram.json: initlab's version, the config, every cell and the critical line. */
export function phaseDiagramDocument(grid: PhaseGrid, xiCap: number): Record<string, unknown> {
  return {
    initlab: { version: VERSION, node: process.version },
    config: { activation: grid.activation, sigmaW2Range: grid.sigmaW2, sigmaB2Range: grid.sigmaB2, grid: [grid.cellsW, grid.cellsB], linePoints: grid.criticalLine.length, xiCap },
    cells: grid.cells,
    criticalLine: grid.criticalLine,
    slowCells: grid.slowCells,
  };
}

/** `initlab theory --phase-diagram --out DIR`: the (σ_w², σ_b²) plane's ξ_c and critical line, as JSON, SVG and PNG. */
async function phaseDiagramCommand(options: TheoryOptions): Promise<void> {
  if (options.sigmaW2 !== undefined || options.sigmaB2 !== undefined) {
    throw new UsageError('--sigma-w2/--sigma-b2 give one point; the phase diagram takes ranges: --sigma-w2-range LO,HI --sigma-b2-range LO,HI.');
  }
  if (options.out === undefined) throw new UsageError('--phase-diagram writes files: add --out DIR.');
  const activation = theoryActivation(options.activation ?? 'tanh');
  if (!PHASE_ACTIVATIONS.includes(activation.name)) {
    const why = activation.homogeneous ? `for ${activation.name} χ₁ does not depend on σ_b² (the critical line is σ_w² = ${activation.name === 'relu' ? 2 : 1})` : 'its phase diagram is not supported';
    throw new UsageError(`--phase-diagram: --activation ${activation.name} has no phase diagram here (${why}); use ${PHASE_ACTIVATIONS.join(' or ')}.`);
  }
  const sigmaW2 = options.sigmaW2Range !== undefined ? parseRange('--sigma-w2-range', options.sigmaW2Range, false) : DEFAULT_W2_RANGE[activation.name]!;
  const sigmaB2 = options.sigmaB2Range !== undefined ? parseRange('--sigma-b2-range', options.sigmaB2Range, true) : DEFAULT_B2_RANGE;
  const [cellsW, cellsB] = options.grid !== undefined ? parseGrid(options.grid) : DEFAULT_GRID;
  checkOutputDir(options.out);

  const grid = phaseGrid({ activation: activation.name, sigmaW2, sigmaB2, cellsW, cellsB });
  const doc = stringifyResults(phaseDiagramDocument(grid, DEFAULT_XI_CAP));
  const figure = await phaseDiagramFigure(grid, { cap: DEFAULT_XI_CAP });
  const written = await saveOutputFiles('--out', options.out, new Map<string, string | Uint8Array>([
    ['phase-diagram.json', doc + '\n'],
    [`${figure.name}.svg`, figure.svg],
    [`${figure.name}.png`, figure.png],
  ]));
  if (options.json) {
    process.stdout.write(doc + '\n');
    return;
  }
  const chaotic = grid.cells.filter((c) => c.phase === 'chaotic').length;
  const at = (b: number): string => {
    const p = grid.criticalLine.reduce((best, q) => (Math.abs(q.sigmaB2 - b) < Math.abs(best.sigmaB2 - b) ? q : best));
    return `σ_b² = ${fmt(p.sigmaB2)} → σ_w² = ${fmt(p.sigmaW2)}`;
  };
  process.stdout.write(
    [
      `phase diagram of ${activation.name}: σ_w² ∈ [${sigmaW2.join(', ')}], σ_b² ∈ [${sigmaB2.join(', ')}], ${cellsW} × ${cellsB} cells (${chaotic} chaotic, ${grid.cells.length - chaotic} ordered)`,
      `critical line χ₁ = 1: ${at(sigmaB2[0])}; ${at((sigmaB2[0] + sigmaB2[1]) / 2)}; ${at(sigmaB2[1])}`,
      `Wrote ${written.length} files to ${options.out}/: ${written.map((p) => p.split('/').pop()).join(', ')}`,
    ].join('\n') + '\n',
  );
}
