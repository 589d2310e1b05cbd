import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeOutputFiles } from '../../src/cli/atomicOutput.js';
import { checkOutputDir, checkOutputFile, outputError } from '../../src/cli/outputPlace.js';
import { describeFsError } from '../../src/io/fsErrorText.js';
import { UsageError } from '../../src/util/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-place-'));
const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: test`), { code });

describe('output places', () => {
  it("refuses an empty or blank path (it would mean the current folder)", () => {
    for (const p of ['', '  ']) {
      assert.throws(() => checkOutputDir(p), (e: unknown) => e instanceof UsageError && /an empty path; give a name, e\.g\. --out results/.test(e.message));
      assert.throws(() => checkOutputFile(p, '--csv', 'summary.csv'), (e: unknown) => e instanceof UsageError && /--csv .*an empty path/.test(e.message));
    }
  });

  it('the probe leaves nothing behind in a writable folder', () => {
    const dir = tmp();
    checkOutputDir(join(dir, 'new', 'out'));
    checkOutputDir(dir);
    checkOutputFile(join(dir, 'x.csv'), '--csv', 'summary.csv');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a folder as a file path', () => {
    const dir = tmp();
    assert.throws(() => checkOutputFile(dir, '--output', 'w.npy'), (e: unknown) => e instanceof UsageError && /that is a folder; pass a file path such as .*w\.npy/.test(e.message));
  });

  it('names a user-fixable file-system failure in words and keeps other errors out', () => {
    assert.equal(describeFsError(errno('ENOSPC')), 'the disk is full (ENOSPC)');
    assert.equal(describeFsError(errno('EROFS')), 'the file system is read-only (EROFS)');
    assert.equal(describeFsError(new Error('a bug')), undefined);
    assert.equal(outputError('--out', 'x', new TypeError('a bug')), undefined);
    const e = outputError('--out', 'res', errno('ENOSPC'), 'The table above was printed, but no files were written to res.');
    assert.equal(e?.message, '--out res: cannot write there: the disk is full (ENOSPC); free some space or choose another place. The table above was printed, but no files were written to res.');
  });

  it('a failed write removes the staging folder and the parent folders it made', () => {
    const dir = tmp();
    // 'a/b' as a file name fails inside the staging folder (no such subfolder).
    assert.throws(() => writeOutputFiles(join(dir, 'p', 'q', 'out'), new Map([['ok.json', '{}'], ['a/b', 'x']])), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(dir), []);
    writeFileSync(join(dir, 'keep'), 'k');
    assert.throws(() => writeOutputFiles(dir, new Map([['ok.json', '{}'], ['a/b', 'x']])), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(dir), ['keep'], 'no staging folder inside an existing folder either, and no file renamed in');
  });
});
