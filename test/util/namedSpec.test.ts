import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNamedSpec, type NamedSpecOptions } from '../../src/util/namedSpec.js';
import { UsageError } from '../../src/util/errors.js';

const DATA: NamedSpecOptions = { where: '--data', example: 'moons:noise=0.2' };
const INIT: NamedSpecOptions = { where: 'initializer spec', example: 'random:scale=0.01', prefixes: ['torch', 'keras'] };

function refuses(text: string, options: NamedSpecOptions, message: string): void {
  assert.throws(
    () => parseNamedSpec(text, options),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
      assert.equal(e.message, message);
      return true;
    },
    text,
  );
}

describe('parseNamedSpec', () => {
  it('reads a bare name', () => {
    assert.deepEqual(parseNamedSpec('moons', DATA), { name: 'moons', params: {} });
    assert.deepEqual(parseNamedSpec('  moons \n', DATA), { name: 'moons', params: {} });
  });

  it('types values: decimals as numbers, true/false as booleans, ±Infinity as numbers, the rest as text', () => {
    assert.deepEqual(parseNamedSpec('x:a=1e-3:b=true:c=false:d=fan_out:e=-.5:f=+2.:g=Infinity:h=-Infinity:i=True:j=0x10', DATA), {
      name: 'x',
      params: { a: 0.001, b: true, c: false, d: 'fan_out', e: -0.5, f: 2, g: Infinity, h: -Infinity, i: 'True', j: '0x10' },
    });
  });

  it('trims names, keys and values', () => {
    assert.deepEqual(parseNamedSpec(' circles : noise = 0.1 : factor=0.5 ', DATA), { name: 'circles', params: { noise: 0.1, factor: 0.5 } });
  });

  it('keeps a framework prefix with the name only when prefixes are given', () => {
    assert.deepEqual(parseNamedSpec('torch:kaiming_normal:mode=fan_out', INIT), { name: 'torch:kaiming_normal', params: { mode: 'fan_out' } });
    assert.deepEqual(parseNamedSpec('keras:he_normal', INIT), { name: 'keras:he_normal', params: {} });
    // A prefix word followed by a parameter is a name of its own.
    assert.deepEqual(parseNamedSpec('torch:a=1', INIT), { name: 'torch', params: { a: 1 } });
    // Without prefixes, 'torch:kaiming_normal' is a name and a malformed parameter.
    refuses('torch:kaiming_normal', DATA, "--data 'torch:kaiming_normal': malformed parameter 'kaiming_normal'; write key=value, e.g. 'moons:noise=0.2'.");
  });

  it('refuses an empty name', () => {
    refuses('', DATA, "--data '' has no name: write a name such as 'moons' or 'moons:noise=0.2'.");
    refuses('  ', INIT, "initializer spec '  ' has no name: write a name such as 'random' or 'random:scale=0.01'.");
    refuses(':noise=1', DATA, "--data ':noise=1' has no name: write a name such as 'moons' or 'moons:noise=0.2'.");
  });

  it('refuses a part that is not key=value, naming the part and an example', () => {
    for (const [text, part] of [
      ['moons:noise', 'noise'],
      ['moons:=3', '=3'],
      ['moons:noise=', 'noise='],
      ['moons:noise= ', 'noise='],
      ['moons::noise=1', ''],
      ['moons:noise=1:', ''],
    ] as const) {
      refuses(text, DATA, `--data '${text}': malformed parameter '${part}'; write key=value, e.g. 'moons:noise=0.2'.`);
    }
  });

  it("refuses the key 'name' and a key given twice", () => {
    refuses('moons:name=circles', DATA, "--data 'moons:name=circles' sets 'name' as a parameter: put the name first, e.g. 'moons:noise=0.2'.");
    refuses('moons:noise=0.1:noise=0.2', DATA, "--data 'moons:noise=0.1:noise=0.2' sets 'noise' twice: give each parameter once.");
  });

  it('refuses a number beyond a double instead of reading Infinity or 0', () => {
    refuses('random:scale=1e400', INIT, "initializer spec 'random:scale=1e400': parameter 'scale': '1e400' is out of range (a number must lie within ±1.8e308, with no nonzero value nearer 0 than ±5e-324).");
    refuses('moons:noise=1e-400', DATA, "--data 'moons:noise=1e-400': parameter 'noise': '1e-400' is out of range (a number must lie within ±1.8e308, with no nonzero value nearer 0 than ±5e-324).");
  });

  it("keeps '__proto__' as an own parameter, so the caller can refuse it", () => {
    const { params } = parseNamedSpec('moons:__proto__=5', DATA);
    assert.deepEqual(Object.keys(params), ['__proto__']);
    assert.equal(Object.getOwnPropertyDescriptor(params, '__proto__')?.value, 5);
    assert.equal(Object.getPrototypeOf(params), Object.prototype);
  });

  it('a value may hold any character but the separator', () => {
    assert.deepEqual(parseNamedSpec('csv:path=/tmp/a b=c.csv', DATA), { name: 'csv', params: { path: '/tmp/a b=c.csv' } });
  });
});
