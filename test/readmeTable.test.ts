import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

// The README's cross-framework table is generated from the registry; it must match the code.
describe('README initializer table', () => {
  it('is what scripts/gen-readme-initializers.mjs generates from the built registry', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const r = spawnSync(process.execPath, ['scripts/gen-readme-initializers.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
