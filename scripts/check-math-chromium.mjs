#!/usr/bin/env node
// Cross-engine check (not a suite test): evaluates src/math/fdlibm.ts's expm1/tanh/log1p/log in Node
// and in Debian's chromium (/usr/bin/chromium through playwright-core) on the same inputs, and counts
// the results that differ in any bit — expected 0 — next to the same count for the engines' own
// Math.expm1/tanh/log1p/log, which do differ.
//
//   npm run build:ts && node scripts/check-math-chromium.mjs [--n N] [--json]
//
// The page gets the compiled dist/math/fdlibm.js (it imports nothing) with its `export`s turned into
// a returned object; inputs and results cross as base64 Float64Array bytes, so −0, NaN and ±Infinity
// arrive intact. Exit status: 0 when our functions agree on every input, 1 otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { mulberry32 } from '../bench/mulberry32.mjs';

const CHROMIUM = '/usr/bin/chromium';
const NAMES = ['expm1', 'tanh', 'log1p', 'log'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const fail = (message) => {
  process.stderr.write(`check-math-chromium: ${message}\n`);
  process.exit(2);
};
const N = Number(option('--n', '100000'));
if (!Number.isInteger(N) || N < 1) fail('--n must be a positive integer');
const compiled = join(root, 'dist', 'math', 'fdlibm.js');
if (!existsSync(compiled)) fail(`${compiled} is missing: run \`npm run build:ts\` first`);
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install -y chromium`);

const ours = await import(pathToFileURL(compiled).href);
const oursByName = { expm1: ours.fdlibmExpm1, tanh: ours.fdlibmTanh, log1p: ours.fdlibmLog1p, log: ours.fdlibmLog };

const rand = mulberry32(20240917);
const words = new Uint32Array(2);
const wordsF64 = new Float64Array(words.buffer);
const anyDouble = () => {
  words[0] = rand() * 4294967296;
  words[1] = rand() * 4294967296;
  return wordsF64[0];
};
// Per function: the training path's range, a wide range, and a few random bit patterns.
const ranges = {
  expm1: [() => -6 * rand(), () => 80 * rand() - 40, () => 1400 * rand() - 700],
  tanh: [() => 12 * rand() - 6, () => 50 * rand() - 25, () => (2 * rand() - 1) * 2 ** (-30 * rand())],
  log1p: [() => Math.exp(-30 * rand()), () => 2 * rand() - 1, () => 2 ** (200 * rand() - 100)],
  log: [() => 1 + 9 * rand(), () => 2 ** (2000 * rand() - 1000), () => 0.5 + rand()],
};
const inputs = {};
for (const name of NAMES) {
  const gens = ranges[name];
  inputs[name] = Float64Array.from({ length: N }, (_, i) => (i % 50 === 49 ? anyDouble() : gens[i % gens.length]()));
}

const toBase64 = (f64) => Buffer.from(f64.buffer, f64.byteOffset, f64.byteLength).toString('base64');
const fromBase64 = (s) => {
  const bytes = Buffer.from(s, 'base64');
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
};

// The module's source as a function body returning its exports.
const source = readFileSync(compiled, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
const exported = [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
if (exported.length < 4) fail(`expected the fdlibm exports in ${compiled}, found ${exported.join(', ')}`);
const factory = `(() => {\n${source.replace(/^export /gm, '')}\nreturn { ${exported.join(', ')} };\n})()`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
let report;
try {
  const page = await browser.newPage();
  const version = browser.version();
  const payload = Object.fromEntries(NAMES.map((n) => [n, toBase64(inputs[n])]));
  const pageResults = await page.evaluate(({ factory, payload }) => {
    const lib = (0, eval)(factory);
    const fns = { expm1: lib.fdlibmExpm1, tanh: lib.fdlibmTanh, log1p: lib.fdlibmLog1p, log: lib.fdlibmLog };
    const decode = (s) => {
      const bin = atob(s);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return new Float64Array(bytes.buffer);
    };
    const encode = (f64) => {
      const bytes = new Uint8Array(f64.buffer);
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(bin);
    };
    const out = {};
    for (const name of Object.keys(fns)) {
      const xs = decode(payload[name]);
      out[name] = { ours: encode(xs.map(fns[name])), math: encode(xs.map(Math[name])) };
    }
    return out;
  }, { factory, payload });

  const sameBits = (a, b) => Object.is(a, b);
  report = { node: process.version, chromium: version, n: N, functions: {} };
  for (const name of NAMES) {
    const xs = inputs[name];
    const oursPage = fromBase64(pageResults[name].ours);
    const mathPage = fromBase64(pageResults[name].math);
    let oursDiffer = 0;
    let mathDiffer = 0;
    let oursVsNodeMath = 0;
    const examples = [];
    for (let i = 0; i < N; i++) {
      const x = xs[i];
      const o = oursByName[name](x);
      const mNode = Math[name](x);
      if (!sameBits(o, oursPage[i])) {
        oursDiffer++;
        if (examples.length < 3) examples.push(`${name}(${x}): node ${o}, chromium ${oursPage[i]}`);
      }
      if (!sameBits(mNode, mathPage[i])) mathDiffer++;
      if (!sameBits(o, mNode)) oursVsNodeMath++;
    }
    report.functions[name] = { oursDiffer, mathDiffer, oursVsNodeMath, examples };
  }
} finally {
  await browser.close();
}

if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const lines = [`Node ${report.node} vs Chromium ${report.chromium}, ${N} inputs per function (results differing in any bit):`];
  for (const name of NAMES) {
    const r = report.functions[name];
    lines.push(`  ${name.padEnd(6)} fdlibm port: ${String(r.oursDiffer).padStart(6)}   Math.${name.padEnd(6)}: ${String(r.mathDiffer).padStart(6)} (${((100 * r.mathDiffer) / N).toFixed(3)}%)   port vs Node's Math: ${r.oursVsNodeMath}`);
    for (const e of r.examples) lines.push(`    ${e}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(NAMES.every((n) => report.functions[n].oursDiffer === 0) ? 0 : 1);
