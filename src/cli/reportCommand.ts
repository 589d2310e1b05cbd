import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { makeDirs, removeCreatedDirs } from '../io/makeDirs.js';
import { buildReport } from '../report/html/index.js';
import { UsageError } from '../util/errors.js';
import { writeOutputFiles } from './atomicOutput.js';
import { guarded } from './interrupt.js';
import { checkOutputFile, writingTo } from './outputPlace.js';
import { outputWidth, wrapText } from '../util/textTable.js';

export interface ReportCommandOptions {
  out?: string;
  /** commander's --no-boundaries. */
  boundaries?: boolean;
}

/**
 * The PNGs, then the page, each atomically. A failure (a full disk) removes the figures folder
 * and the parent folders when this write made them, so a report that could not be written leaves
 * nothing; an earlier report's page stays as it was.
 */
function writeReport(out: string, figuresDir: string, figures: ReadonlyMap<string, Uint8Array>, html: string): void {
  const created = makeDirs(dirname(resolve(out)));
  const newFigures = !existsSync(figuresDir);
  try {
    writeOutputFiles(figuresDir, figures);
    writeFileAtomic(out, html);
  } catch (err) {
    if (newFigures) rmSync(figuresDir, { recursive: true, force: true });
    removeCreatedDirs(created);
    throw err;
  }
}

/**
 * `initlab report DIR [--out FILE]`: one self-contained HTML page for a sweep folder (default
 * DIR/report.html), its figures also as PNG in a `figures/` folder beside it. An interrupted report
 * leaves the previous page (or none), never a half-written one.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions): Promise<void> {
  if (dir.trim() === '') throw new UsageError("report '': an empty sweep folder path; pass the --out folder of 'initlab sweep'.");
  const out = options.out ?? join(dir, 'report.html');
  // Without --out the page goes into DIR: name it so in errors.
  const flag = options.out !== undefined ? '--out' : 'report';
  checkOutputFile(out, flag, 'report.html');
  const figuresDir = join(dirname(out), 'figures');
  if (existsSync(figuresDir) && !statSync(figuresDir).isDirectory()) throw new UsageError(`${figuresDir}: a file of that name exists; the report's PNGs go into that folder.`);
  const tty = process.stderr.isTTY;
  const report = await buildReport(dir, {
    ...(options.boundaries === false ? { boundaries: false } : {}),
    figuresHref: relative(dirname(resolve(out)), resolve(figuresDir)).split('\\').join('/') || 'figures',
    ...(tty ? { onProgress: (m: string) => process.stderr.write(`\r\u001b[2K${m}`) } : {}),
  });
  if (tty) process.stderr.write('\r\u001b[2K');
  const figures = new Map(report.figures.map((f) => [`${f.name}.png`, f.png]));
  await guarded(() => writingTo(flag, out, () => writeReport(out, figuresDir, figures, report.html)));
  for (const w of report.warnings) process.stderr.write(`initlab: warning: ${w}\n`);
  process.stdout.write(`${wrapText(`Wrote ${out} (${report.runs} runs, ${report.figures.length} figures; PNGs in ${figuresDir}).`, outputWidth())}\n`);
}
