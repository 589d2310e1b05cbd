/**
 * The published tarball (issue 11, item 2): what it holds, and the two packaging linters,
 * publint and arethetypeswrong (ESM-only profile), both clean.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { packTarball, REPO, run, toolPath, type Packed } from './support.js';

let packed: Packed;
let paths: Set<string>;
before(() => {
  packed = packTarball();
  paths = new Set(packed.files.map((f) => f.path));
  console.log(`tarball: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
});
after(() => rmSync(dirname(packed.tarball), { recursive: true, force: true }));

test('the tarball holds the entry points, the CLI, the playground and the CommonJS stub', () => {
  for (const p of [
    'package.json', 'README.md', 'cjs/esm-only.cjs', 'cjs/esm-only.d.cts',
    'dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/node.d.ts', 'dist/report.js', 'dist/report.d.ts',
    'dist/tfjs/index.js', 'dist/tfjs/index.d.ts', 'dist/cli/main.js', 'dist/web/index.html',
  ]) assert.ok(paths.has(p), `missing ${p}`);
});

test('every file that package.json exports is in the tarball', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> };
  const targets: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') targets.push(v.replace(/^\.\//, ''));
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(pkg.exports);
  walk(pkg.bin);
  assert.ok(targets.length >= 17);
  for (const t of targets) assert.ok(paths.has(t), `exported ${t} is not in the tarball`);
});

test('no source maps without sources, no unreferenced build/kernels.wasm, no tests or sources', () => {
  const bad = [...paths].filter((p) => p.endsWith('.map') || p.startsWith('build/') || p.startsWith('src/') || p.startsWith('test/') || p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.endsWith('.d.cts'));
  assert.deepEqual(bad, []);
});

test('every compiled module in dist/ comes from a current source file and has its declarations', () => {
  // A module whose source was deleted or moved stays in dist/ until it is cleaned, and would ship.
  const stale = [...paths]
    .filter((p) => p.startsWith('dist/') && !p.startsWith('dist/web/') && p.endsWith('.js'))
    .filter((p) => !existsSync(join(REPO, 'src', p.slice('dist/'.length).replace(/\.js$/, '.ts'))) || !paths.has(p.replace(/\.js$/, '.d.ts')));
  assert.deepEqual(stale, []);
});

test('publint finds nothing, warnings included', () => {
  const { stdout } = run(process.execPath, [toolPath('publint/src/cli.js'), 'run', packed.tarball, '--strict', '--level', 'suggestion'], REPO);
  console.log(stdout.trim());
  assert.match(stdout, /All good!/);
});

test('arethetypeswrong (ESM-only profile) finds no problem in any entry point', () => {
  const { stdout } = run(process.execPath, [toolPath('@arethetypeswrong/cli/dist/index.js'), packed.tarball, '--profile', 'esm-only', '--format', 'json'], REPO);
  const report = JSON.parse(stdout) as {
    analysis: { entrypoints: Record<string, unknown> };
    problems?: Record<string, { kind: string; entrypoint?: string; resolutionKind?: string }[]>;
  };
  assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './node', './package.json', './report', './tfjs']);
  // The esm-only profile ignores the CommonJS resolutions (node10, node16 from CJS), as the CLI does.
  const all = Object.values(report.problems ?? {}).flat();
  const counted = all.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
  console.log(`attw: ${counted.length} problems (${all.length - counted.length} in ignored CommonJS resolutions)`);
  assert.deepEqual(counted, []);
});
