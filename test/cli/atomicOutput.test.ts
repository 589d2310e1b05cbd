import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkOutputDir, writeOutputFiles } from '../../src/cli/atomicOutput.js';
import { UsageError } from '../../src/util/errors.js';

describe('atomic output', () => {
  it('creates a new folder with every file and leaves no staging folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'initlab-atomic-'));
    const out = join(parent, 'a', 'out');
    writeOutputFiles(out, new Map<string, string | Uint8Array>([['x.json', '{}'], ['y.bin', Uint8Array.of(1, 2)]]));
    assert.deepEqual(readdirSync(out).sort(), ['x.json', 'y.bin']);
    assert.deepEqual(readdirSync(join(parent, 'a')), ['out']);
    // Not mkdtemp's 0700: the ordinary mode under the process umask.
    const umask = process.umask(0o022);
    process.umask(umask);
    assert.equal(statSync(out).mode & 0o777, 0o777 & ~umask);
  });
  it('replaces files in an existing folder and keeps the others', () => {
    const out = mkdtempSync(join(tmpdir(), 'initlab-atomic-'));
    writeFileSync(join(out, 'old.txt'), 'old');
    writeFileSync(join(out, 'x.json'), 'stale');
    writeOutputFiles(out, new Map([['x.json', 'fresh']]));
    assert.equal(readFileSync(join(out, 'x.json'), 'utf8'), 'fresh');
    assert.deepEqual(readdirSync(out).sort(), ['old.txt', 'x.json']);
  });
  it('refuses an output path that is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-atomic-'));
    writeFileSync(join(dir, 'f'), '');
    assert.throws(() => checkOutputDir(join(dir, 'f')), UsageError);
    assert.doesNotThrow(() => checkOutputDir(join(dir, 'new')));
    assert.throws(() => checkOutputDir(join(dir, 'f', 'sub', 'out')), (e: unknown) => e instanceof UsageError && /is a file, not a folder/.test(e.message));
    assert.doesNotThrow(() => checkOutputDir(join(dir, 'new', 'deeper')));
  });
});
