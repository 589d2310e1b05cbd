import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeDirs, nearestExisting, removeCreatedDirs } from '../../src/io/makeDirs.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-makedirs-'));

describe('makeDirs', () => {
  it('creates the missing levels and returns them, outermost first; removeCreatedDirs undoes it', () => {
    const dir = tmp();
    const created = makeDirs(join(dir, 'a', 'b', 'c'));
    assert.deepEqual(created, [join(dir, 'a'), join(dir, 'a', 'b'), join(dir, 'a', 'b', 'c')]);
    assert.deepEqual(makeDirs(join(dir, 'a', 'b')), [], 'nothing to create');
    removeCreatedDirs(created);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('removeCreatedDirs keeps a folder someone wrote into, and its parents', () => {
    const dir = tmp();
    const created = makeDirs(join(dir, 'a', 'b'));
    writeFileSync(join(dir, 'a', 'keep'), 'x');
    removeCreatedDirs(created);
    assert.deepEqual(readdirSync(join(dir, 'a')), ['keep']);
  });

  it('a path through a file: nearestExisting stops at the file, makeDirs fails and creates nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), '');
    assert.equal(nearestExisting(join(dir, 'f', 'x', 'y')), join(dir, 'f'));
    assert.throws(() => makeDirs(join(dir, 'f', 'x', 'y')), { code: 'ENOTDIR' });
    assert.deepEqual(readdirSync(dir), ['f']);
  });

  it("under /proc fails at once with ENOENT (Node 20's mkdir -p spins there forever)", () => {
    // In a child with a time limit, so that a regression fails instead of hanging the suite.
    const module = fileURLToPath(new URL('../../src/io/makeDirs.ts', import.meta.url));
    const code = `const { makeDirs } = await import(${JSON.stringify(module)}); try { makeDirs('/proc/initlab-nope/deeper'); console.log('created'); } catch (e) { console.log(e.code); }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'it ended by itself');
    assert.equal(r.stdout.trim(), 'ENOENT', r.stderr);
    assert.equal(existsSync('/proc/initlab-nope'), false);
  });

  it('an existing folder needs nothing', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'x'));
    assert.deepEqual(makeDirs(join(dir, 'x')), []);
  });
});
