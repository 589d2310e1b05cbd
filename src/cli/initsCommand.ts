import { outputWidth, renderTable } from '../util/textTable.js';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { listInitializers } from '../init/registry.js';

/** `initlab inits`: every registered initializer with its framework, distribution and formula. */
export function initsCommand(options: { json?: boolean; wide?: boolean }): void {
  registerAllInitializers();
  const defs = listInitializers();
  if (options.json) {
    const rows = defs.map((d) => ({
      name: d.name,
      framework: d.framework,
      distribution: d.distribution,
      formula: d.formula,
      reference: d.reference,
      parameters: d.parameters.map((p) => ({ name: p.name, type: p.type, default: p.default, description: p.doc })),
    }));
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  // Fitted to the terminal (wrapped, or one block per initializer); --wide: one line per initializer.
  const rows = defs.map((d) => [d.name, d.framework, d.distribution, d.formula, d.parameters.map((p) => `${p.name}=${String(p.default)}`).join(' ') || '—']);
  process.stdout.write(renderTable(['name', 'framework', 'distribution', 'formula', 'parameters'], rows, outputWidth(options.wide)) + '\n');
}
