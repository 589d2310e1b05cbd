import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/*
 * The import graph of src/, read with TypeScript's own import scanner (ts.preProcessFile: every
 * import, `import type`, `export … from`, `export * from`, side-effect import and dynamic
 * `import('…')`, none of those inside comments or strings), and the two checks the architecture
 * test makes on it: every import points down the layer order, and no files or folders import each
 * other in a circle.
 */

/** One relative import: the importing file and the file it names, both relative to the repository root (`src/nn/network.ts`). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative module specifier a TypeScript source imports or re-exports from. */
export function relativeImports(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const posix = (p: string): string => p.split(sep).join('/');

/** The edges of every .ts file under `root` (e.g. 'src'), read from `repo`; `.js` specifiers name the `.ts` sources. */
export function importEdges(repo: string, root: string): { files: string[]; edges: ImportEdge[] } {
  const files = tsFiles(join(repo, root)).map((f) => posix(relative(repo, f))).sort();
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const spec of relativeImports(readFileSync(join(repo, from), 'utf8'))) {
      const to = posix(normalize(join(dirname(from), spec))).replace(/\.js$/, '.ts');
      edges.push({ from, to });
    }
  }
  return { files, edges };
}

/** The unit a file of src/ belongs to: its top-level folder, or the file itself at the top (`version.ts`, `index.ts`). */
export function unitOf(file: string): string {
  return file.split('/')[1]!;
}

/** Strongly connected components of more than one node, or with a self-loop: the cycles of a directed graph. */
export function cycles(nodes: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const out = new Map<string, string[]>();
  for (const n of nodes) out.set(n, []);
  for (const e of edges) if (out.has(e.from) && out.has(e.to)) out.get(e.from)!.push(e.to);
  // Tarjan's algorithm, iterative so a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = out.get(frame.node)!;
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        if (component.length > 1 || succ.includes(frame.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** The imports that do not point strictly down `layers` (a list of groups, bottom first), as messages. */
export function upwardImports(edges: readonly ImportEdge[], layers: readonly (readonly string[])[]): string[] {
  const rank = new Map<string, number>();
  layers.forEach((group, i) => group.forEach((unit) => rank.set(unit, i)));
  const problems: string[] = [];
  for (const { from, to } of edges) {
    if (!to.startsWith('src/')) {
      problems.push(`${from} imports ${to}, outside src/`);
      continue;
    }
    const a = unitOf(from);
    const b = unitOf(to);
    if (a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined) {
      problems.push(`${from} imports ${to}: ${ra === undefined ? a : b} has no place in the layer order`);
    } else if (rb >= ra) {
      problems.push(`${from} imports ${to}: ${a} (layer ${ra}) may only import layers below it, and ${b} is layer ${rb}`);
    }
  }
  return problems;
}
