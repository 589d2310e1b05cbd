import '../init/index.js'; // registers every built-in initializer
import { registerAllInitializers } from '../init/frameworks/index.js';
import { describeInit } from '../init/initialize.js';
import { listInitializers } from '../init/registry.js';
import { resolveInit } from '../init/spec.js';
import type { InitDescription, InitSpec, InitializerDefinition, ResolvedInit, WeightLayout } from '../init/types.js';
import { UsageError } from '../util/errors.js';
import { outputWidth, renderTable, wrapLine, wrapText, type TableCell } from '../util/textTable.js';

/**
 * Parses `--shape 256x512` (also `256×512` or `256,512`) into positive whole dimensions.
 * Rank and framework-specific rules are checked later, by the initializer.
 */
export function parseShape(text: string | undefined): number[] {
  if (text === undefined) throw new UsageError("--shape is required, e.g. '--shape 256x512' (PyTorch (out, in); Keras/JAX (in, out)).");
  const parts = text.trim().split(/[x×,]/);
  if (text.trim() === '' || parts.some((p) => !/^\d+$/.test(p.trim()))) {
    throw new UsageError(`--shape '${text}': write the dimensions as whole numbers separated by 'x', e.g. 256x512 or 64x32x3x3.`);
  }
  const shape = parts.map((p) => Number(p.trim()));
  if (shape.some((d) => d < 1 || !Number.isSafeInteger(d))) {
    throw new UsageError(`--shape ${text}: every dimension must be a whole number ≥ 1.`);
  }
  return shape;
}

/** Resolves the spec and checks the shape against it; every UsageError names the flag at fault. */
export function resolveForShape(specText: string, shapeText: string | undefined): { init: ResolvedInit; shape: number[] } {
  const init = resolveInit(specText, 'SPEC');
  const shape = parseShape(shapeText);
  try {
    describeInit(init, shape);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`--shape ${shapeText!}: ${err.message}`);
    throw err;
  }
  return { init, shape };
}

/** How people write each framework's name. */
export const FRAMEWORK_NAMES: Readonly<Record<string, string>> = { initlab: 'initlab', torch: 'PyTorch', keras: 'Keras 3', tfjs: 'TF.js', jax: 'JAX' };

const layoutOf = (def: InitializerDefinition): WeightLayout => def.layout ?? 'out-in';

/**
 * Moves a weight shape between layouts: PyTorch/course (out, in, k1, k2, …) ↔ Keras/TF.js/JAX
 * (k1, k2, …, in, out). Rank ≤ 1 shapes are the same in both.
 */
export function translateShape(shape: readonly number[], from: WeightLayout, to: WeightLayout): number[] {
  if (from === to || shape.length < 2) return [...shape];
  if (from === 'out-in') {
    const [out, inp, ...kernel] = shape;
    return [...kernel, inp!, out!];
  }
  const n = shape.length;
  return [shape[n - 1]!, shape[n - 2]!, ...shape.slice(0, n - 2)];
}

/** The layer a weight shape belongs to, in words: "dense 512 → 256" or "conv 3x3, 32 → 64 channels". */
export function layerOf(shape: readonly number[], layout: WeightLayout): string {
  if (shape.length === 1) return `a vector of ${shape[0]!}`;
  const n = shape.length;
  const [inp, out, kernel] = layout === 'out-in' ? [shape[1]!, shape[0]!, shape.slice(2)] : [shape[n - 2]!, shape[n - 1]!, shape.slice(0, n - 2)];
  return kernel.length === 0 ? `dense ${inp} → ${out}` : `conv ${kernel.join('x')}, ${inp} → ${out} channels`;
}

/** How a layout names its axes, for the human output. */
export function layoutWords(layout: WeightLayout, rank: number): string {
  if (layout === 'out-in') return rank > 2 ? '(out, in, k…) as in PyTorch' : '(out, in) as in PyTorch and the course';
  return rank > 2 ? '(k…, in, out) as in Keras, TF.js and JAX' : '(in, out) as in Keras, TF.js and JAX';
}

/** One initializer on one shape, as `explain` reports it (also the JSON form). */
export interface ExplainedInit {
  name: string;
  framework: string;
  spec: InitSpec;
  layout: WeightLayout;
  shape: number[];
  fanIn: number;
  fanOut: number;
  distribution: string;
  bounds: [number, number] | null;
  targetStd: number | null;
  actualStd: number | null;
  parentStd: number | null;
  /** actualStd / targetStd: below 1 when e.g. an uncorrected truncation shrinks the std. */
  actualOverTarget: number | null;
  notes: string[];
}

/** A same-family initializer from another framework, on the translated shape (or why it cannot take it). */
export type FamilyMember =
  | (ExplainedInit & { ratioToRequested: number | null })
  | { name: string; framework: string; layout: WeightLayout; shape: number[]; error: string };

export interface Explanation extends ExplainedInit {
  summary: string;
  formula: string;
  reference: string;
  family: string | null;
  dataDependent: boolean;
  layer: string;
  familyMembers: FamilyMember[];
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

function explainOne(init: ResolvedInit, shape: readonly number[]): ExplainedInit {
  const def = init.definition;
  const { fanIn, fanOut, description } = describeInit(init, shape);
  const d: InitDescription = description;
  const target = finite(d.targetStd);
  const actual = finite(d.actualStd);
  return {
    name: def.name,
    framework: def.framework,
    spec: init.spec,
    layout: layoutOf(def),
    shape: [...shape],
    fanIn,
    fanOut,
    distribution: d.distribution,
    bounds: d.bounds ? [d.bounds[0], d.bounds[1]] : null,
    targetStd: target,
    actualStd: actual,
    parentStd: finite(d.parentStd),
    actualOverTarget: target !== null && actual !== null && target !== 0 ? actual / target : null,
    notes: [...d.notes],
  };
}

/** Everything `initlab explain` prints, for one spec on one shape (in the spec's framework layout). */
export function explain(init: ResolvedInit, shape: readonly number[]): Explanation {
  const def = init.definition;
  const self = explainOne(init, shape);
  const members: FamilyMember[] = [];
  if (def.family !== undefined) {
    for (const other of listInitializers()) {
      if (other.family !== def.family || other.name === def.name) continue;
      const layout = layoutOf(other);
      const theirShape = translateShape(shape, self.layout, layout);
      try {
        const e = explainOne(resolveInit({ name: other.name }), theirShape);
        const ratio = e.actualStd !== null && self.actualStd !== null && self.actualStd !== 0 ? e.actualStd / self.actualStd : null;
        members.push({ ...e, ratioToRequested: ratio });
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        members.push({ name: other.name, framework: other.framework, layout, shape: theirShape, error: err.message });
      }
    }
  }
  return {
    ...self,
    summary: def.summary,
    formula: def.formula,
    reference: def.reference,
    family: def.family ?? null,
    dataDependent: def.dataDependent === true,
    layer: layerOf(shape, self.layout),
    familyMembers: members,
  };
}

/** A number for people: 6 significant digits, no trailing zeros. */
export function fmt(x: number | null): string {
  if (x === null) return 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(6)));
  return x.toExponential(5).replace(/\.?0+e/, 'e');
}

/** Bounds as described; without them a plain normal is unbounded, anything else is left open ('—'). */
const fmtBounds = (e: ExplainedInit): string => {
  if (e.bounds) return `[${fmt(e.bounds[0])}, ${fmt(e.bounds[1])}]`;
  if (e.actualStd === 0) return '— (constant)';
  return /^(untruncated )?normal\b/i.test(e.distribution) ? 'unbounded' : '—';
};

function fmtRatio(x: number | null): string {
  return x === null ? 'n/a' : `×${x.toFixed(4)}`;
}

/** The human-readable form of an explanation. */
export function formatExplanation(x: Explanation, width = Infinity): string {
  const lines: string[] = [];
  lines.push(`${x.name} (${FRAMEWORK_NAMES[x.framework] ?? x.framework}) on ${x.shape.join('x')}: ${x.summary}`);
  // Values wrap under themselves (15 columns in), sentences under their first word.
  const row = (k: string, v: string): void => void lines.push(...wrapLine(`  ${k.padEnd(13)}${v}`, width, 13));
  const done = (): string => lines.map((l) => (l.includes('\n') ? l : wrapText(l, width))).join('\n');
  row('formula', x.formula);
  row('reference', x.reference);
  row('shape', `${x.shape.join('x')}, layout ${layoutWords(x.layout, x.shape.length)}: ${x.layer}`);
  row('fans', `fan_in ${x.fanIn}, fan_out ${x.fanOut} (as ${FRAMEWORK_NAMES[x.framework] ?? x.framework} computes them for this shape)`);
  row('distribution', x.distribution);
  row('bounds', fmtBounds(x));
  row('target std', fmt(x.targetStd));
  row('actual std', `${fmt(x.actualStd)}${x.actualOverTarget !== null && x.actualOverTarget !== 1 ? ` (${fmtRatio(x.actualOverTarget)} of the target)` : x.actualOverTarget === 1 ? ' (= target)' : ''}`);
  if (x.parentStd !== null) row('parent std', `${fmt(x.parentStd)} (the normal before truncation)`);
  if (x.dataDependent) row('data', "data-dependent: needs a network and a batch ('initlab sample' refuses it; use it in compare)");
  if (x.notes.length > 0) {
    lines.push('  notes');
    for (const n of x.notes) lines.push(`    - ${n}`);
  }
  lines.push('');
  if (x.family === null) {
    lines.push(`'${x.name}' has no cross-framework family key, so there is nothing to set beside it.`);
    return done();
  }
  if (x.familyMembers.length === 0) {
    lines.push(`Family '${x.family}': no other framework's initializer is registered in it.`);
    return done();
  }
  lines.push(`Family '${x.family}' in the other frameworks, for the same layer (${x.layer}); "vs ${x.name}" = their actual std / ${fmt(x.actualStd)}:`);
  const head = ['name', 'shape (its layout)', 'fan_in', 'fan_out', 'distribution', 'bounds', 'target std', 'actual std', 'actual/target', `vs ${x.name}`];
  const rows: TableCell[][] = [];
  rows.push([`${x.name} (this)`, x.shape.join('x'), x.fanIn, x.fanOut, x.distribution, fmtBounds(x), fmt(x.targetStd), fmt(x.actualStd), fmtRatio(x.actualOverTarget), fmtRatio(1)]);
  for (const m of x.familyMembers) {
    if ('error' in m) {
      rows.push([m.name, m.shape.join('x'), { colSpan: 8, content: `cannot take this shape: ${m.error}` }]);
    } else {
      rows.push([m.name, m.shape.join('x'), m.fanIn, m.fanOut, m.distribution, fmtBounds(m), fmt(m.targetStd), fmt(m.actualStd), fmtRatio(m.actualOverTarget), fmtRatio(m.ratioToRequested)]);
    }
  }
  lines.push(renderTable(head, rows, width));
  const differing = x.familyMembers.filter((m) => !('error' in m) && m.ratioToRequested !== null && Math.abs(m.ratioToRequested - 1) > 1e-9);
  if (differing.length > 0) {
    lines.push(`Differences: ${differing.map((m) => `${m.name} ${fmtRatio((m as { ratioToRequested: number }).ratioToRequested)}`).join(', ')} (std relative to ${x.name}).`);
  }
  return done();
}

export interface ExplainOptions {
  shape?: string;
  json?: boolean;
  wide?: boolean;
}

/** `initlab explain SPEC --shape 256x512 [--json]`: what an initializer really does to a tensor. */
export function explainCommand(specText: string, options: ExplainOptions): void {
  registerAllInitializers();
  const { init, shape } = resolveForShape(specText, options.shape);
  const x = explain(init, shape);
  if (options.json) {
    process.stdout.write(JSON.stringify(x, null, 2) + '\n');
    return;
  }
  process.stdout.write(formatExplanation(x, outputWidth(options.wide)) + '\n');
}
