import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Runs a child Node process in which '@tensorflow/*' cannot be resolved at all (fixtures/block-tfjs.mjs)
// and imports a module there: if the module, or anything it imports, needed TensorFlow.js, the
// import would throw.
const root = fileURLToPath(new URL('../../', import.meta.url));
const block = fileURLToPath(new URL('./fixtures/block-tfjs.mjs', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/import-module.ts', import.meta.url));

function importUnderBlock(modulePath: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', block, child, modulePath], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('initlab does not need TensorFlow.js', () => {
  it('the block works: importing @tensorflow/tfjs fails under it (control)', () => {
    const r = importUnderBlock(fileURLToPath(new URL('./fixtures/import-tfjs.ts', import.meta.url)));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /blocked by test: @tensorflow\/tfjs/);
  });
  it('importing initlab (src/index.ts) works with @tensorflow/* unresolvable and loads none of it', () => {
    const r = importUnderBlock(`${root}src/index.ts`);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { exports: number; tfjsInCache: string[] };
    assert.ok(report.exports > 10);
    assert.deepEqual(report.tfjsInCache, []);
  });
  it('even initlab/tfjs (src/tfjs/index.ts) imports without TensorFlow.js: it only uses the tf the caller passes', () => {
    const r = importUnderBlock(`${root}src/tfjs/index.ts`);
    assert.equal(r.status, 0, r.stderr);
  });
});
