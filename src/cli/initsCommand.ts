import Table from 'cli-table3';
import { registerAllInitializers } from '../init/frameworks/index.js';
import { listInitializers } from '../init/registry.js';

/** `initlab inits`: every registered initializer with its framework, distribution and formula. */
export function initsCommand(options: { json?: boolean }): void {
  registerAllInitializers();
  const defs = listInitializers();
  if (options.json) {
    const rows = defs.map((d) => ({
      name: d.name,
      framework: d.framework,
      distribution: d.distribution,
      formula: d.formula,
      reference: d.reference,
      parameters: d.parameters.map((p) => ({ name: p.name, type: p.type, default: p.default, description: p.description })),
    }));
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  // Wrapped to ~150 columns: some formulas and parameter lists are long.
  const table = new Table({
    head: ['name', 'framework', 'distribution', 'formula', 'parameters'],
    colWidths: [26, 11, 24, 48, 36],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const d of defs) {
    table.push([d.name, d.framework, d.distribution, d.formula, d.parameters.map((p) => `${p.name}=${String(p.default)}`).join(' ') || '—']);
  }
  process.stdout.write(table.toString() + '\n');
}
