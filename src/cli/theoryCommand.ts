import { THEORY_ACTIVATIONS, theoryActivation } from '../theory/activations.js';
import { meanField, type MeanFieldSummary } from '../theory/meanField.js';
import { UsageError } from '../util/errors.js';

export interface TheoryOptions {
  activation?: string;
  sigmaW2?: string;
  sigmaB2?: string;
  json?: boolean;
}

/** Parses a flag's number: finite, and > 0 (or ≥ 0 when zero is allowed). */
export function parseTheoryNumber(flag: string, text: string | undefined, allowZero: boolean): number {
  const bound = allowZero ? '≥ 0' : '> 0';
  if (text === undefined) throw new UsageError(`${flag} is required, a number ${bound}, e.g. '${flag} ${allowZero ? '0.05' : '1.5'}'.`);
  const x = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(x) || x < 0 || (!allowZero && x === 0)) throw new UsageError(`${flag} '${text}': write a finite number ${bound}.`);
  return x;
}

/** JSON has no Infinity or NaN: those become the strings "Infinity", "-Infinity", "NaN". */
const jsonNumber = (x: number): number | string => (Number.isFinite(x) ? x : String(x));

/** The `--json` document: exactly qStar, chi1, cStar, chiC, xiQ, xiC. */
export function theoryJson(s: MeanFieldSummary): Record<keyof MeanFieldSummary, number | string> {
  return { qStar: jsonNumber(s.qStar), chi1: jsonNumber(s.chi1), cStar: jsonNumber(s.cStar), chiC: jsonNumber(s.chiC), xiQ: jsonNumber(s.xiQ), xiC: jsonNumber(s.xiC) };
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(8))) : String(x));

/** The human-readable report. */
export function formatTheory(activation: string, sigmaW2: number, sigmaB2: number, s: MeanFieldSummary): string {
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
  ].join('\n');
}

/** `initlab theory`: q*, χ₁, c*, χ_c, ξ_q, ξ_c of a deep random network (Poole et al. 2016; Schoenholz et al. 2017). */
export function theoryCommand(options: TheoryOptions): void {
  if (options.activation === undefined) throw new UsageError(`--activation is required: one of ${THEORY_ACTIVATIONS.join(', ')}.`);
  const activation = theoryActivation(options.activation);
  const sigmaW2 = parseTheoryNumber('--sigma-w2', options.sigmaW2, false);
  const sigmaB2 = parseTheoryNumber('--sigma-b2', options.sigmaB2, true);
  const s = meanField(activation, sigmaW2, sigmaB2);
  if (options.json) {
    process.stdout.write(JSON.stringify(theoryJson(s), null, 2) + '\n');
    return;
  }
  process.stdout.write(formatTheory(activation.name, sigmaW2, sigmaB2, s) + '\n');
}
