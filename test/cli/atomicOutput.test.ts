import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  });
});
