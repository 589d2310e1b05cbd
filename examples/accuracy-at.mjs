#!/usr/bin/env node
// Test accuracy at chosen iterations, mean ± std over the init seeds of each group of a sweep folder:
// a table in the style of Mishkin & Matas (2015), whose tables compare inits after a fixed training
// budget. The summary of `initlab sweep` gives the final point only; this reads the logged points.
//
// Usage: node examples/accuracy-at.mjs DIR ITERATION [ITERATION…]
// Groups are runs that differ only in their init seed; a run that diverged before an iteration
// counts as missing there (n says how many seeds are in each mean).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...its] = process.argv.slice(2);
const iterations = its.map(Number);
if (dir === undefined || iterations.length === 0 || !iterations.every((i) => Number.isInteger(i) && i >= 0)) {
  process.stderr.write('usage: node examples/accuracy-at.mjs DIR ITERATION [ITERATION…] (whole numbers ≥ 0)\n');
  process.exit(2);
}
let text;
try {
  text = readFileSync(join(dir, 'runs.jsonl'), 'utf8');
} catch (e) {
  process.stderr.write(`accuracy-at: cannot read ${join(dir, 'runs.jsonl')}: ${e.code ?? e.message}\n`);
  process.exit(2);
}
const records = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const groups = new Map();
for (const r of records) {
  const { initSeed, ...setting } = r.config;
  const net = setting.network;
  // network.layers: its number of layers and whether it holds batchnorm (the group key below is the whole list).
  const shape = net.layers?.length
    ? `${net.layers.length} layers${JSON.stringify(net.layers).includes('"batchnorm"') ? ' with batchnorm' : ''}`
    : `${net.hidden.length}×${net.hidden[0]}`;
  const label = `${net.activation} ${shape} ${setting.init.name}${Object.entries(setting.init).filter(([k]) => k !== 'name').map(([k, v]) => `:${k}=${v}`).join('')}`;
  const key = JSON.stringify(setting);
  if (!groups.has(key)) groups.set(key, { label, runs: [] });
  groups.get(key).runs.push(r);
}
const stat = (xs) => {
  const n = xs.length;
  if (n === 0) return '—';
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)} (n=${n})`;
};
const head = ['group', ...iterations.map((i) => `test acc @ ${i}`)];
const rows = [...groups.values()].map(({ label, runs }) => [
  label,
  ...iterations.map((it) => stat(runs.map((r) => r.metrics.find((m) => m.iteration === it)?.testAccuracy).filter((v) => typeof v === 'number'))),
]);
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (cells) => `| ${cells.map((x, c) => x.padEnd(widths[c])).join(' | ')} |`;
process.stdout.write([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n');
