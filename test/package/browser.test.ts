/**
 * The root entry in a browser (issue 11, item 3): esbuild --bundle --platform=browser, run on the
 * installed tarball, bundles `import { initialize } from 'initlab'` and the whole root entry without
 * an error, and nothing but initlab's own modules goes in (no node: built-ins, vega, resvg, zod…).
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { consumerProject, packTarball } from './support.js';

let tarball: string;
let project: string;
before(() => {
  tarball = packTarball().tarball;
  project = consumerProject(tarball);
  writeFileSync(join(project, 'initialize.js'), "import { initialize } from 'initlab';\nconsole.log(initialize);\n");
  writeFileSync(join(project, 'everything.js'), "export * from 'initlab';\n");
});
after(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(dirname(tarball), { recursive: true, force: true });
});

for (const entry of ['initialize.js', 'everything.js']) {
  test(`esbuild --bundle --platform=browser bundles ${entry} with initlab's modules only`, async () => {
    const result = await build({
      absWorkingDir: project, entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm',
      write: false, metafile: true, logLevel: 'silent', outfile: 'out.js',
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    const inputs = Object.keys(result.metafile.inputs);
    const foreign = inputs.filter((p) => p !== entry && !p.startsWith('node_modules/initlab/dist/'));
    assert.deepEqual(foreign, []);
    const bytes = result.outputFiles[0]!.contents.length;
    console.log(`${entry}: ${inputs.length - 1} modules of initlab, ${bytes} bytes unminified`);
    assert.ok(inputs.length > 20);
  });
}
