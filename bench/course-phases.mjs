#!/usr/bin/env node
// Benchmark (not a test): where one iteration of the course net's `train` goes, in µs per
// iteration, for [2, 10, 5, 1] on 300 samples. Compiles assembly/bench/phases.ts (the kernels of
// assembly/ plus a per-kernel export) into build/, then times `train` and each kernel alone,
// best (minimum) of ROUNDS interleaved rounds of N iterations. Given other .wasm builds of
// phases.ts as arguments (e.g. one compiled from an older assembly/), it times them interleaved
// with the current one, which is how the README's before/after table was measured.
//   npm run build:ts && node bench/course-phases.mjs [OTHER.wasm …]   (env ROUNDS, N, TRAIN_ONLY)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'build', 'course-phases.wasm');
const asc = spawnSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), join(root, 'assembly/bench/phases.ts'),
  '--config', join(root, 'asconfig.json'), '--target', 'release', '-o', built], { stdio: 'inherit', cwd: root });
if (asc.status !== 0) throw new Error('asc failed');
const { planLayout, writeDescriptor, writeInputs } = await import(pathToFileURL(join(root, 'dist/kernels/layout.js')).href);
const paths = [built, ...process.argv.slice(2).filter((a) => a.endsWith('.wasm'))];
const ROUNDS = Number(process.env.ROUNDS ?? 15), N = Number(process.env.N ?? 3000);
const sizes = [2, 10, 5, 1], m = 300;
const names = [['fwd1', 0, 1], ['fwd2', 0, 2], ['fwd3', 0, 3], ['sigm', 1, 3], ['bwd3', 2, 3], ['bwd2', 2, 2], ['grad3', 3, 3], ['grad2', 3, 2], ['grad1', 3, 1]];
const setups = paths.map((p) => {
  const k = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(p)), {}).exports;
  let seed = 1; const u = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const layout = planLayout(sizes, m, k.heapBase());
  const have = k.memory.buffer.byteLength;
  if (layout.end > have) k.memory.grow(Math.ceil((layout.end - have) / 65536));
  const mem = new Float64Array(k.memory.buffer);
  writeInputs(mem, layout, Float64Array.from({ length: 2 * m }, () => u() * 2 - 1));
  for (let s = 0; s < m; s++) mem[layout.labels / 8 + s] = u() < 0.5 ? 1 : 0;
  writeDescriptor(new Int32Array(k.memory.buffer), layout);
  layout.layers.forEach(({ fanIn, fanOut, weights }) => { for (let i = 0; i < fanOut * (fanIn + 1); i++) mem[weights / 8 + i] = (u() * 2 - 1) * 0.8; });
  const saved = mem.slice(layout.descriptor / 8, layout.end / 8);
  return { p, k, layout, saved, best: {} };
});
const time = (f) => { const t0 = performance.now(); f(); return (performance.now() - t0) / N * 1000; };
for (let r = 0; r < ROUNDS; r++) {
  for (const s of setups) {
    const { k, layout } = s;
    new Float64Array(k.memory.buffer).set(s.saved, layout.descriptor / 8);
    const put = (n, t) => { s.best[n] = Math.min(s.best[n] ?? Infinity, t); };
    put('train', time(() => k.train(layout.descriptor, N, 0.01)));
    if (k.phase && !process.env.TRAIN_ONLY) for (const [n, w, l] of names) put(n, time(() => k.phase(layout.descriptor, w, l, N)));
  }
}
for (const s of setups) {
  const ph = names.filter(([n]) => s.best[n] !== undefined).map(([n]) => `${n} ${s.best[n].toFixed(2)}`).join(' ');
  const sum = names.reduce((a, [n]) => a + (s.best[n] ?? 0), 0);
  console.log(`${s.p.split('/').pop().padEnd(18)} train ${s.best.train.toFixed(2)} µs/it | ${ph} | sum ${sum.toFixed(2)}`);
}
