import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outputWidth, renderTable, wrapLine, wrapText } from '../../src/util/textTable.js';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('textTable', () => {
  it('outputWidth: --wide, then $COLUMNS, then the terminal, else no limit (a pipe or a file)', () => {
    assert.equal(outputWidth(true, { COLUMNS: '80' }, { isTTY: true, columns: 100 }), Infinity);
    assert.equal(outputWidth(false, { COLUMNS: '80' }, { isTTY: true, columns: 100 }), 80);
    assert.equal(outputWidth(false, {}, { isTTY: true, columns: 100 }), 100);
    assert.equal(outputWidth(false, {}, { isTTY: false }), Infinity);
    assert.equal(outputWidth(false, { COLUMNS: 'abc' }, { isTTY: false }), Infinity);
  });

  it('wrapLine keeps the spacing inside a line and hangs continuations under the indent plus hang', () => {
    assert.deepEqual(wrapLine('  key    one two three four', 20, 7), ['  key    one two', '         three four']);
    assert.deepEqual(wrapLine('short', 10), ['short']);
    // A word longer than the width is cut.
    assert.deepEqual(wrapLine('abcdefghij', 4, 0), ['abcd', 'efgh', 'ij']);
    assert.equal(wrapText('a b c\nd', Infinity), 'a b c\nd');
  });

  it('renderTable: bordered when it fits, borderless and wrapped when not, vertical as the last resort', () => {
    const head = ['name', 'value'];
    const rows = [['alpha', 'one two three four five six'], ['beta', '7']];
    const bordered = renderTable(head, rows, 80);
    assert.match(bordered, /^┌/);
    const compact = renderTable(head, rows, 24);
    assert.ok(widest(compact) <= 24, compact);
    assert.equal(compact.split('\n')[0], 'name   value');
    assert.ok(!compact.includes('│'));
    // Two unbreakable words of 26 and 25 columns cannot sit side by side in 40: one block per row.
    const long = [['initializer-with-long-name', 'distribution-that-is-long'], ['he', 'normal']];
    assert.equal(
      renderTable(['name', 'description'], long, 40),
      ['name         initializer-with-long-name', 'description  distribution-that-is-long', '─'.repeat(40), 'name         he', 'description  normal'].join('\n'),
    );
    assert.equal(renderTable(head, rows, Infinity), bordered);
  });
});
