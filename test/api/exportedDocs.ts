/*
 * The public API's exported declarations and whether each has a doc comment, read with the
 * TypeScript compiler API from the package's entry points (the `exports` subpaths of
 * package.json, mapped back to their sources). Used by docComments.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** package.json `exports` subpath → the source file its `import.default` is built from. */
export function entryPoints(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { import?: { default?: string } }> };
  const out = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const js = typeof target === 'string' ? target : target.import?.default;
    if (js === undefined || !js.endsWith('.js')) continue;
    out.set(subpath, join(ROOT, js.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')));
  }
  return out;
}

export interface ExportedSymbol {
  entry: string;
  name: string;
  /** Where it is declared, relative to the repository root. */
  file: string;
  documented: boolean;
  /** The text of its doc comment(s), tags included ('' when none). */
  doc: string;
  /** Whether it is a function (a declaration, or a const holding an arrow function). */
  isFunction: boolean;
}

/** Whether `decl` (or the statement holding it, for `export const x = …`) has a /** … *\/ comment. */
function hasDoc(decl: ts.Declaration): boolean {
  let node: ts.Node = decl;
  if (ts.isVariableDeclaration(node)) node = node.parent.parent; // VariableStatement
  const jsDoc = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  return jsDoc !== undefined && jsDoc.some((d) => (typeof d.comment === 'string' ? d.comment.trim() !== '' : (d.comment?.length ?? 0) > 0) || (d.tags?.length ?? 0) > 0);
}

/** The doc comment text of `decl` (with its tags), '' when it has none. */
function docText(decl: ts.Declaration): string {
  let node: ts.Node = decl;
  if (ts.isVariableDeclaration(node)) node = node.parent.parent;
  const jsDoc = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return jsDoc.map((d) => d.getText()).join('\n');
}

const isFunctionDecl = (d: ts.Declaration): boolean =>
  ts.isFunctionDeclaration(d) || (ts.isVariableDeclaration(d) && d.initializer !== undefined && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)));

/** Every exported symbol of every entry point, each once per entry. */
export function exportedSymbols(): ExportedSymbol[] {
  const entries = entryPoints();
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram([...entries.values()], config.options);
  const checker = program.getTypeChecker();
  const out: ExportedSymbol[] = [];
  for (const [entry, file] of entries) {
    const source = program.getSourceFile(file)!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = symbol.getDeclarations() ?? [];
      const first = decls[0];
      out.push({
        entry,
        name: exported.getName(),
        file: first ? first.getSourceFile().fileName.replace(`${ROOT}/`, '') : '?',
        documented: decls.some(hasDoc),
        doc: decls.map(docText).join('\n'),
        isFunction: decls.some(isFunctionDecl),
      });
    }
  }
  return out;
}
