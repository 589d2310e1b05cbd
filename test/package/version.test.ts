/**
 * VERSION is a literal (browsers cannot read package.json at run time) kept equal to package.json's
 * version by scripts/sync-version.mjs, which `npm version` runs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { VERSION } from '../../src/index.js';

test("VERSION equals package.json's version and src/version.ts imports nothing", () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(VERSION, pkg.version);
  assert.doesNotMatch(readFileSync(new URL('../../src/version.ts', import.meta.url), 'utf8'), /^import /m);
});
