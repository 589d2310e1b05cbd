import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomicFile.js';
import { buildReport } from '../report/html/index.js';
import { UsageError } from '../util/errors.js';
import { writeOutputFiles } from './atomicOutput.js';

export interface ReportCommandOptions {
  out?: string;
  /** commander's --no-boundaries. */
  boundaries?: boolean;
}

/**
 * `initlab report DIR [--out FILE]`: one self-contained HTML page for a sweep folder (default
 * DIR/report.html), its figures also as PNG in a `figures/` folder beside it. The PNGs are written
 * first and the page last, each atomically, so an interrupted report leaves the previous page (or
 * none) — never a half-written one.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions): Promise<void> {
  const out = options.out ?? join(dir, 'report.html');
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out ${out}: is a folder; pass a file path such as ${join(out, 'report.html')}.`);
  const figuresDir = join(dirname(out), 'figures');
  if (existsSync(figuresDir) && !statSync(figuresDir).isDirectory()) throw new UsageError(`${figuresDir}: a file of that name exists; the report's PNGs go into that folder.`);
  const tty = process.stderr.isTTY;
  const report = await buildReport(dir, {
    ...(options.boundaries === false ? { boundaries: false } : {}),
    figuresHref: relative(dirname(resolve(out)), resolve(figuresDir)).split('\\').join('/') || 'figures',
    ...(tty ? { onProgress: (m: string) => process.stderr.write(`\r\u001b[2K${m}`) } : {}),
  });
  if (tty) process.stderr.write('\r\u001b[2K');
  writeOutputFiles(figuresDir, new Map(report.figures.map((f) => [`${f.name}.png`, f.png])));
  writeFileAtomic(out, report.html);
  for (const w of report.warnings) process.stderr.write(`initlab: warning: ${w}\n`);
  process.stdout.write(`Wrote ${out} (${report.runs} runs, ${report.figures.length} figures; PNGs in ${figuresDir}).\n`);
}
