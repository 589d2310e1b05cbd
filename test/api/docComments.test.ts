/*
 * Issue 11, item 6: every public export (the root and every subpath of package.json `exports`) has
 * a doc comment, which TypeDoc (npm run docs) turns into the API pages. Read with the TypeScript
 * compiler from the sources, so a new export without one fails here, naming it and its file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryPoints, exportedSymbols } from './exportedDocs.js';

describe('API doc comments', () => {
  const symbols = exportedSymbols();

  it('covers every entry point of package.json exports', () => {
    assert.deepEqual([...entryPoints().keys()].sort(), ['.', './node', './report', './tfjs']);
    for (const entry of entryPoints().keys()) assert.ok(symbols.filter((s) => s.entry === entry).length >= 10, `${entry}: its exports were read`);
    // Names the README and the web rely on are among them.
    for (const name of ['NumpyRandomState', 'makeCircles', 'makeMoons', 'initialize', 'meanField', 'criticalSigmaW2']) {
      assert.ok(symbols.some((s) => s.entry === '.' && s.name === name), name);
    }
  });

  it('every exported declaration has a doc comment', () => {
    const missing = symbols.filter((s) => !s.documented).map((s) => `${s.entry} ${s.name} (${s.file})`);
    assert.deepEqual(missing, [], `exports without a /** doc comment */:\n${missing.join('\n')}`);
  });
});
