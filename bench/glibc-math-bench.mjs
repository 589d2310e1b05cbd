#!/usr/bin/env node
// Benchmark (not a test): what matching glibc bit for bit costs.
//
//   node bench/glibc-math-bench.mjs [--n N] [--normals M] [--repeats R] [--json] [--wall] [--from-src]
//
// 1. Per call, ns: Math.log / crLog (correctly rounded, double-double) / glibcLog (the port of
//    glibc's __log_fma with an emulated fma) on the polar method's r2 ∈ (0, 1); the same for sin and
//    cos on make_circles' angles [0, 2π); and fma itself. N inputs (default 10^6), best of R (3).
// 2. NumpyRandomState.standardNormal, normals per second, with its default log (glibcLog), with
//    crLog (the previous default) and with Math.log; M normals (default 2·10^6), best of R.
//
// Times are CPU time of this process (process.cpuUsage), not wall time, so that other work on a
// shared machine inflates them less; --wall uses performance.now() instead.
//
// Loads initlab from dist/ (run `npm run build:ts` first) or, with --from-src, from src/ through tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs, root } from './args.mjs';
import { mulberry32 } from './mulberry32.mjs';

const fail = (message) => {
  process.stderr.write(`glibc-math-bench: ${message}\n`);
  process.exit(1);
};
const { flag, option } = benchArgs('node bench/glibc-math-bench.mjs [--n N] [--normals M] [--repeats R] [--json] [--wall] [--from-src]');
const N = Number(option('--n', '1000000'));
const NORMALS = Number(option('--normals', '2000000'));
const REPEATS = Number(option('--repeats', '3'));
for (const [name, v] of [['--n', N], ['--normals', NORMALS], ['--repeats', REPEATS]]) {
  if (!Number.isInteger(v) || v < 1) fail(`${name} must be a positive integer`);
}
const fromSrc = flag('--from-src');
const ext = fromSrc ? '.ts' : '.js';
const base = join(root, fromSrc ? 'src' : 'dist');
if (!existsSync(join(base, 'math', 'glibcLog' + ext))) {
  fail(`${join(base, 'math', 'glibcLog' + ext)} is missing: run \`npm run build:ts\` first, or \`node --import tsx bench/glibc-math-bench.mjs --from-src\``);
}
const wall = flag('--wall');
/** Milliseconds: CPU time of this process (user + system), or wall time with --wall. */
const now = () => {
  if (wall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = (path) => import(pathToFileURL(join(base, path + ext)).href);
const [{ crLog, crSin, crCos }, { glibcLog }, { glibcSin, glibcCos }, { fma }, { NumpyRandomState }] = await Promise.all([
  load('math/correctlyRounded'), load('math/glibcLog'), load('math/glibcSinCos'), load('math/fma'), load('random/numpyRandomState'),
]);

/** Best ns per call; a loop compiled per function keeps each call site monomorphic. */
function timePerCall(f, inputs) {
  // eslint-disable-next-line no-new-func
  const loop = new Function('f', 'inputs', 'let s = 0; for (let i = 0; i < inputs.length; i++) s += f(inputs[i]); return s;');
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = now();
    const s = loop(f, inputs);
    best = Math.min(best, now() - t0);
    if (Number.isNaN(s)) fail('NaN in a benchmark sum');
  }
  return (best * 1e6) / inputs.length;
}

const rand = mulberry32(7);
const r2 = Float64Array.from({ length: N }, () => {
  for (;;) {
    const a = 2 * rand() - 1;
    const b = 2 * rand() - 1;
    const s = a * a + b * b;
    if (s > 0 && s < 1) return s;
  }
});
const angles = Float64Array.from({ length: N }, () => 2 * Math.PI * rand());
const fmaA = Float64Array.from({ length: N }, () => rand() - 0.5);

const perCall = {};
for (const [name, inputs, fns] of [
  ['log', r2, { Math: Math.log, cr: crLog, glibc: glibcLog }],
  ['sin', angles, { Math: Math.sin, cr: crSin, glibc: glibcSin }],
  ['cos', angles, { Math: Math.cos, cr: crCos, glibc: glibcCos }],
]) {
  perCall[name] = {};
  for (const [variant, f] of Object.entries(fns)) perCall[name][variant] = timePerCall(f, inputs);
}
perCall.fma = { emulated: timePerCall((x) => fma(x, 1.000000001, -0.25), fmaA), 'a*b+c': timePerCall((x) => x * 1.000000001 - 0.25, fmaA) };

function normalsPerSecond(log) {
  let best = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const rng = log === undefined ? new NumpyRandomState(0) : new NumpyRandomState(0, { log });
    let s = 0;
    const t0 = now();
    for (let i = 0; i < NORMALS; i++) s += rng.standardNormal();
    best = Math.min(best, now() - t0);
    if (Number.isNaN(s)) fail('NaN in the normals');
  }
  return NORMALS / (best / 1000);
}
const normals = { glibcLog: normalsPerSecond(undefined), crLog: normalsPerSecond(crLog), 'Math.log': normalsPerSecond(Math.log) };

if (flag('--json')) {
  process.stdout.write(JSON.stringify({ node: process.version, clock: wall ? 'wall' : 'cpu', n: N, normals: NORMALS, repeats: REPEATS, perCallNs: perCall, normalsPerSecond: normals }) + '\n');
} else {
  const f = (x) => x.toFixed(1).padStart(6);
  process.stdout.write(`Node ${process.version}, ${N} inputs per function, best of ${REPEATS}, ${wall ? 'wall' : 'CPU'} time (ns per call)\n`);
  for (const name of ['log', 'sin', 'cos']) {
    const p = perCall[name];
    process.stdout.write(`  ${name}  Math ${f(p.Math)}   correctly rounded ${f(p.cr)}   glibc port ${f(p.glibc)}  (${(p.glibc / p.Math).toFixed(1)}× Math, ${(p.glibc / p.cr).toFixed(2)}× cr)\n`);
  }
  process.stdout.write(`  fma  emulated ${f(perCall.fma.emulated)}   a*b+c ${f(perCall.fma['a*b+c'])}\n`);
  const m = (x) => (x / 1e6).toFixed(2).padStart(5);
  process.stdout.write(`NumpyRandomState.standardNormal, ${NORMALS} normals, millions per second:\n`);
  process.stdout.write(`  glibcLog (default) ${m(normals.glibcLog)}   crLog ${m(normals.crLog)}   Math.log ${m(normals['Math.log'])}\n`);
}
