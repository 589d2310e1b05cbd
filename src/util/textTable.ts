import Table from 'cli-table3';

/*
 * Tables and text that fit the terminal (issue 11, item 5): `inits` printed 151 columns, `explain`
 * 191 and `diagnose` 352 whatever the terminal. A table keeps its bordered layout when it fits;
 * otherwise it loses its borders and its widest columns wrap (never below their longest word),
 * and when even that does not fit it turns vertical: one block of `header  value` lines per row.
 * `--wide` (width Infinity) keeps the bordered layout at its natural width.
 */

/** A cell spanning `colSpan` columns (a row-level remark, e.g. "cannot take this shape: …"). */
export interface SpanCell {
  colSpan: number;
  content: string;
}
export type TableCell = string | number | SpanCell;

/** Columns a string takes on a terminal: code points (the tables hold no wide CJK or emoji). */
export const displayWidth = (s: string): number => [...s].length;

/**
 * The width to fit: Infinity with `wide`; else $COLUMNS when set (a script, or a shell that
 * exports it); else the terminal's width when stdout is one; else Infinity: output to a pipe or a
 * file keeps one table row per line, for grep and awk, as it always did.
 */
export function outputWidth(wide = false, env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (wide) return Infinity;
  const fromEnv = Number(env['COLUMNS']);
  if (env['COLUMNS'] !== undefined && Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  if (stdout.isTTY === true && typeof stdout.columns === 'number' && stdout.columns >= 20) return stdout.columns;
  return Infinity;
}

/**
 * Wraps one line at spaces to `width`, continuation lines indented by the line's own indent plus
 * `hang`. The spacing inside a line is kept (aligned `key   value` lines stay aligned); a word
 * longer than the width is cut (a long path or formula).
 */
export function wrapLine(line: string, width: number, hang = 2): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const pad = ' '.repeat(Math.min(indent.length + hang, Math.floor(width / 2)));
  // Alternating words and the spaces between them.
  const parts = line.slice(indent.length).split(/( +)/);
  const out: string[] = [];
  let current = indent;
  let fresh = true;
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i]!;
    const gap = i > 0 ? parts[i - 1]! : '';
    if (!fresh && displayWidth(current + gap + word) > width) {
      out.push(current);
      current = pad + word;
    } else current += fresh ? word : gap + word;
    fresh = false;
    while (displayWidth(current) > width) {
      const chars = [...current];
      out.push(chars.slice(0, width).join(''));
      current = pad + chars.slice(width).join('');
    }
  }
  out.push(current);
  return out;
}

/** Every line of `text` wrapped to `width`. */
export function wrapText(text: string, width: number, hang = 2): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width, hang))
    .join('\n');
}

const cellText = (c: TableCell): string => (typeof c === 'object' ? c.content : String(c));
const longestWord = (s: string): number => Math.max(0, ...s.split(/\s+/).map(displayWidth));

const GAP = 2;

/** `s` padded with spaces to `width` display columns (padEnd counts UTF-16 units, which √ or 𝒩 would skew). */
const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** Per-column text widths that fit `width` with `GAP` spaces between columns, wrapping the widest columns; null when they cannot. */
function fittedWidths(head: readonly string[], rows: readonly (readonly TableCell[])[], width: number): number[] | null {
  const plain = (r: readonly TableCell[], i: number) => (typeof r[i] === 'object' || r[i] === undefined ? '' : String(r[i]));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(plain(r, i)))));
  const min = head.map((h, i) => Math.min(widths[i]!, Math.max(longestWord(h), ...rows.map((r) => longestWord(plain(r, i))))));
  let total = widths.reduce((a, b) => a + b, 0) + GAP * (head.length - 1);
  while (total > width) {
    // Shrink the column with the most room above its minimum, one column at a time.
    let best = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > min[i]! && (best < 0 || widths[i]! - min[i]! > widths[best]! - min[best]!)) best = i;
    if (best < 0) return null;
    widths[best]!--;
    total--;
  }
  return widths;
}

/** A borderless table: columns `GAP` apart, a rule under the header, cells wrapped in their column. */
function plain(head: readonly string[], rows: readonly (readonly TableCell[])[], widths: readonly number[]): string {
  const line = (cells: readonly string[]): string[] => {
    const wrapped = cells.map((c, i) => c.split('\n').flatMap((part) => wrapLine(part, widths[i]!, 0)));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped.map((w, i) => pad(w[k] ?? '', widths[i]!)).join(' '.repeat(GAP)).trimEnd(),
    );
  };
  const cellsOf = (r: readonly TableCell[]): string[] => {
    const out: string[] = [];
    for (const c of r) {
      if (typeof c !== 'object') out.push(String(c));
      else {
        // A span: its text over the spanned columns' width, as one wrapped cell.
        const span = widths.slice(out.length, out.length + c.colSpan).reduce((a, b) => a + b, 0) + GAP * (c.colSpan - 1);
        const text = wrapLine(c.content, span, 0);
        out.push(text.join('\n'));
        for (let k = 1; k < c.colSpan; k++) out.push('');
      }
    }
    return out;
  };
  const rule = widths.map((w) => '─'.repeat(w)).join(' '.repeat(GAP));
  return [...line([...head]), rule, ...rows.flatMap((r) => line(cellsOf(r)))].join('\n');
}

function horizontal(head: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const r of rows) table.push(r.map((c) => (typeof c === 'object' ? { colSpan: c.colSpan, content: c.content } : c)) as never);
  return table.toString();
}

/** One block per row: `header  value` lines (values wrapped under themselves), blocks separated by a rule. */
function vertical(head: readonly string[], rows: readonly (readonly TableCell[])[], width: number): string {
  const keyWidth = Math.min(Math.max(...head.map(displayWidth)), Math.floor(width / 3));
  const blocks = rows.map((r) => {
    const lines: string[] = [];
    let col = 0;
    for (const cell of r) {
      const key = head[col] ?? '';
      col += typeof cell === 'object' ? cell.colSpan : 1;
      const prefix = `${key.padEnd(keyWidth)}  `;
      const wrapped = wrapLine(prefix + cellText(cell), width, keyWidth + 2);
      lines.push(...wrapped);
    }
    return lines.join('\n');
  });
  return blocks.join(`\n${'─'.repeat(Math.min(width, 40))}\n`);
}

/**
 * A table of `head` and `rows` no wider than `width` (Infinity: natural widths): cli-table3's
 * layout when it fits or fits after wrapping, else the vertical form.
 */
export function renderTable(head: readonly string[], rows: readonly (readonly TableCell[])[], width: number): string {
  if (!Number.isFinite(width)) return horizontal(head, rows);
  const fits = (text: string) => text.split('\n').every((l) => displayWidth(l) <= width);
  const natural = horizontal(head, rows);
  if (fits(natural)) return natural;
  // Without borders the columns need 3 fewer characters each; a span is not in the widths, so the measured result decides.
  const widths = fittedWidths(head, rows, width);
  const compact = widths ? plain(head, rows, widths) : null;
  return compact !== null && fits(compact) ? compact : vertical(head, rows, width);
}
