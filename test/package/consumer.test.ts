/**
 * initlab as a strict TypeScript consumer gets it (issue 11, item 2): the packed tarball, installed
 * into a fresh project, type-checks with skipLibCheck: false and "types": [] (no @types/node), with
 * lib.dom and without; at run time `import` works and `require` fails with a clear message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { consumerProject, packTarball, run, toolPath } from './support.js';

let tarball: string;
let project: string;
before(() => {
  tarball = packTarball().tarball;
  project = consumerProject(tarball);
  // Every public entry point (initlab/tfjs aside: @tensorflow/tfjs's own declarations do not pass
  // skipLibCheck: false), value and type imports both.
  writeFileSync(join(project, 'consumer.ts'), `
import { NumpyRandomState, createEngine, initialize, makeCircles, makeMoons, meanField, VERSION, type Dataset, type KernelModule } from 'initlab';
import { runComparison, readSweepSpec, writeFileAtomic, type SweepSpec } from 'initlab/node';
import { costCurveSpec, renderVegaLiteToSvg, svgToPng, type VegaLiteSpec } from 'initlab/report';

const rng = new NumpyRandomState(0);
const z: number = rng.standardNormal() + rng.normal(0, 1) + rng.uniform(-1, 1);
const circles: Dataset = makeCircles(rng, { nSamples: 10, noise: 0.1 });
const moons: Dataset = makeMoons(rng, { nSamples: 10, noise: 0.1 });
const w: Float64Array = initialize('torch:kaiming_uniform', [4, 3], rng).values;
const q: number = meanField('tanh', 1.5, 0.05).qStar;
const spec: VegaLiteSpec = costCurveSpec([]);
const png: Promise<Uint8Array> = renderVegaLiteToSvg(spec).then((svg) => svgToPng(svg));
const module: KernelModule | undefined = undefined;
export const used = [z, circles, moons, w, q, png, module, VERSION, createEngine, runComparison, readSweepSpec, writeFileAtomic];
export type Spec = SweepSpec;
`);
});
after(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(dirname(tarball), { recursive: true, force: true });
});

for (const lib of [['ES2022'], ['ES2022', 'DOM']]) {
  test(`a strict consumer compiles with skipLibCheck: false, no @types, lib ${lib.join(' + ')}`, () => {
    const config = {
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib, types: [],
        strict: true, skipLibCheck: false, noEmit: true, exactOptionalPropertyTypes: true,
      },
      files: ['consumer.ts'],
    };
    const name = `tsconfig.${lib.length}.json`;
    writeFileSync(join(project, name), JSON.stringify(config));
    const r = spawnSync(process.execPath, [toolPath('typescript/bin/tsc'), '-p', name], { cwd: project, encoding: 'utf8' });
    assert.equal(r.stdout + r.stderr, '');
    assert.equal(r.status, 0);
  });
}

test('the installed package imports, and its functions run', () => {
  const { stdout } = run(process.execPath, ['--input-type=module', '-e', `
    const { NumpyRandomState, VERSION } = await import('initlab');
    const { writeFileAtomic } = await import('initlab/node');
    console.log(VERSION, new NumpyRandomState(0).standardNormal(), typeof writeFileAtomic);
  `], project);
  // numpy: np.random.RandomState(0).standard_normal() == 1.764052345967664
  assert.equal(stdout.trim(), '0.1.0 1.764052345967664 function');
});

for (const specifier of ['initlab', 'initlab/node', 'initlab/report', 'initlab/tfjs']) {
  test(`require('${specifier}') fails with a one-line ESM-only message`, () => {
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(specifier)})`], { cwd: project, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Error: initlab is ESM-only: use `import … from 'initlab'` in an ES module, or `await import\('initlab'\)` from CommonJS\./);
    assert.equal(r.stdout, '');
  });
}
