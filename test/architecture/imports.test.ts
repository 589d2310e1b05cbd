import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { cycles, importEdges, relativeImports, unitOf, upwardImports } from './importGraph.js';

/*
 * Layers that point one way (issue 10, item 5). src/ is split into concerns, one folder each, in
 * this order, bottom first; a file may import files of its own folder and of any folder BELOW its
 * own, never above or beside. Two folders in one group are independent of each other.
 *
 *   util, version.ts   errors, the package version: no imports from src/
 *   math               fdlibm (exp and the sigmoid on it too), glibc ports, double-double, the normal distribution's functions
 *   random             numpy-exact streams
 *   io                 file formats (npy, csv, safetensors, atomic writes): data/ reads npy files
 *   core               the run vocabulary: activation, head, RunConfig and its specs, run records (types only)
 *   kernels            the WebAssembly / plain-TS course engine
 *   nn                 the dense network and the one activation table
 *   init               initializers of every framework (LSUV runs the network's activation)
 *   data               data sets
 *   settings           every setting of a run defined once: the table, value rules, schemas from it
 *   train              training runs and sessions; reaches diagnostics only through TrainingHooks
 *   theory             mean-field theory
 *   diagnostics        layer statistics, problems, diagnose (uses theory's predictions)
 *   experiments        compare, sweeps, trainability; plugs diagnostics into training; the worker pool
 *   report             figures and the HTML report
 *   cli, tfjs          the command line; the TF.js plugin (a separate entry point)
 *   index.ts, node.ts, report.ts   the package's entry points: initlab, initlab/node, initlab/report
 *
 * web/ sits on top of all of it: it may import any of src/ (never the other way round), and its
 * own files no more form a cycle than src/'s do. Besides the direction, no files (anywhere in
 * src/) and no folders import each other in a circle.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['util', 'version.ts'],
  ['math'],
  ['random'],
  ['io'],
  ['core'],
  ['kernels'],
  ['nn'],
  ['init'],
  ['data'],
  ['settings'],
  ['train'],
  ['theory'],
  ['diagnostics'],
  ['experiments'],
  ['report'],
  ['cli', 'tfjs'],
  ['index.ts', 'node.ts', 'report.ts'],
];

const repo = fileURLToPath(new URL('../../', import.meta.url));
const { files, edges } = importEdges(repo, 'src');

describe('architecture: imports point down the layers', () => {
  it('reads the imports of every source file', () => {
    assert.ok(files.length > 150, `${files.length} files`);
    // Spot checks that the scanner sees real imports of each kind.
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    assert.ok(has('src/nn/network.ts', 'src/nn/activations.ts'));
    assert.ok(has('src/index.ts', 'src/core/runConfig.ts'), 'export type * from');
    assert.ok(has('src/train/session.ts', 'src/core/trainingStats.ts'), 'import type');
  });

  it('places every folder and top-level file of src/ in the layer order', () => {
    const placed = new Set(LAYERS.flat());
    const units = readdirSync(new URL('../../src/', import.meta.url)); // folders, and files at the top
    assert.deepEqual(units.filter((u) => !placed.has(u)), []);
  });

  it('has no import from a higher layer, a same-layer neighbour, or outside src/', () => {
    assert.deepEqual(upwardImports(edges, LAYERS), []);
  });

  it('has no import cycle between files', () => {
    assert.deepEqual(cycles(files, edges), []);
  });

  it('has no import cycle between folders', () => {
    const units = [...new Set(files.map(unitOf))];
    const unitEdges = edges.map((e) => ({ from: unitOf(e.from), to: unitOf(e.to) })).filter((e) => e.from !== e.to);
    assert.deepEqual(cycles(units, unitEdges), []);
  });
});

describe('architecture: the playground sits on top', () => {
  it('web/src imports only itself and src/, with no cycle between its files', () => {
    const web = importEdges(repo, 'web/src');
    assert.ok(web.edges.some((e) => e.to.startsWith('src/')), 'the playground uses the library');
    assert.deepEqual(web.edges.filter((e) => !e.to.startsWith('web/src/') && !e.to.startsWith('src/')), []);
    assert.deepEqual(cycles(web.files, web.edges), []);
  });
});

// The checks themselves, on made-up sources and graphs: they must catch what they are there to catch.
describe('architecture: the checks catch violations', () => {
  it('the scanner finds every kind of import and none in comments or strings', () => {
    const source = [
      "// import x from './comment.js';",
      "/* export * from './block.js' */",
      "import a, { b } from './a.js';",
      "import type { T } from './t.js';",
      "import * as ns from './ns.js';",
      "import './side.js';",
      "export { c } from './c.js';",
      "export type * from './typestar.js';",
      "const s = \"import q from './string.js'\";",
      "import {\n  m,\n} from './multi.js';",
      "const later = () => import('./dyn.js');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    assert.deepEqual(relativeImports(source), ['./a.js', './t.js', './ns.js', './side.js', './c.js', './typestar.js', './multi.js', './dyn.js']);
  });

  it('flags an upward import, a sideways one, an unplaced folder and an escape from src/', () => {
    const layers = [['util'], ['nn'], ['train', 'theory']];
    const problems = upwardImports(
      [
        { from: 'src/nn/a.ts', to: 'src/util/b.ts' },
        { from: 'src/nn/a.ts', to: 'src/train/c.ts' },
        { from: 'src/train/c.ts', to: 'src/theory/d.ts' },
        { from: 'src/train/c.ts', to: 'src/extra/e.ts' },
        { from: 'src/util/b.ts', to: 'web/src/f.ts' },
      ],
      layers,
    );
    assert.deepEqual(problems, [
      'src/nn/a.ts imports src/train/c.ts: nn (layer 1) may only import layers below it, and train is layer 2',
      'src/train/c.ts imports src/theory/d.ts: train (layer 2) may only import layers below it, and theory is layer 2',
      'src/train/c.ts imports src/extra/e.ts: extra has no place in the layer order',
      'src/util/b.ts imports web/src/f.ts, outside src/',
    ]);
  });

  it('finds cycles of two and more nodes and self-imports, and nothing in a DAG', () => {
    const e = (from: string, to: string) => ({ from, to });
    assert.deepEqual(cycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('a', 'c'), e('c', 'd')]), []);
    assert.deepEqual(cycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd'), e('d', 'd')]), [['d'], ['a', 'b', 'c']]);
  });
});
