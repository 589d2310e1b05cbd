import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatInitSpec, initializerNames, parseInitList, parseInitSpec, resolveInit, getInitializer } from '../../src/init/index.js';
import { UsageError } from '../../src/util/errors.js';

describe('parseInitSpec', () => {
  it('reads a bare name', () => assert.deepEqual(parseInitSpec('he'), { name: 'he' }));
  it('reads key=value parameters as numbers, booleans and strings', () => {
    assert.deepEqual(parseInitSpec('random:scale=0.01'), { name: 'random', scale: 0.01 });
    assert.deepEqual(parseInitSpec('x:a=1e-3:b=true:c=fan_out'), { name: 'x', a: 0.001, b: true, c: 'fan_out' });
  });
  it('keeps a framework prefix as part of the name', () => {
    assert.deepEqual(parseInitSpec('torch:kaiming_normal:mode=fan_out'), { name: 'torch:kaiming_normal', mode: 'fan_out' });
    assert.deepEqual(parseInitSpec('keras:he_normal'), { name: 'keras:he_normal' });
  });
  it('rejects malformed parameters and empty specs', () => {
    assert.throws(() => parseInitSpec('random:scale'), UsageError);
    assert.throws(() => parseInitSpec('random:=3'), UsageError);
    assert.throws(() => parseInitSpec(''), UsageError);
    assert.throws(() => parseInitSpec('random:name=he'), /initializer spec 'random:name=he' sets 'name' as a parameter: put the name first/);
    assert.throws(() => parseInitSpec('random:scale=1:scale=2'), /initializer spec 'random:scale=1:scale=2' sets 'scale' twice/);
  });
  it("keeps '__proto__' as an own parameter (resolveInit then refuses it as unknown)", () => {
    const spec = parseInitSpec('random:__proto__=5');
    assert.equal(Object.getOwnPropertyDescriptor(spec, '__proto__')?.value, 5);
    assert.equal(Object.getPrototypeOf(spec), Object.prototype);
    assert.throws(() => resolveInit(spec, '--inits'), /--inits: unknown parameter '__proto__' for initializer 'random'; it accepts: scale\./);
  });
  it('round-trips through formatInitSpec', () => {
    assert.equal(formatInitSpec(parseInitSpec('random:scale=0.01')), 'random:scale=0.01');
  });
  it('splits --inits lists and rejects empty items', () => {
    assert.deepEqual(parseInitList('zeros,random:scale=10,he'), [{ name: 'zeros' }, { name: 'random', scale: 10 }, { name: 'he' }]);
    assert.throws(() => parseInitList('zeros,,he'), /empty item/);
  });
});

describe('resolveInit', () => {
  it('fills defaults: random means randn × 10, the notebook\'s large random init', () => {
    assert.deepEqual(resolveInit('random').spec, { name: 'random', scale: 10 });
    assert.deepEqual(resolveInit({ name: 'random', scale: 0.01 }).spec, { name: 'random', scale: 0.01 });
  });
  it('names the closest initializer for a misspelt one and lists the known ones', () => {
    assert.throws(() => resolveInit('hee'), (err: Error) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /unknown initializer 'hee'/);
      assert.match(err.message, /Did you mean 'he'/);
      for (const name of ['zeros', 'random', 'he', 'xavier']) assert.ok(err.message.includes(name));
      return true;
    });
  });
  it('rejects unknown and invalid parameters', () => {
    assert.throws(() => resolveInit('random:scal=3'), /unknown parameter 'scal'.*Did you mean 'scale'/);
    assert.throws(() => resolveInit('he:scale=3'), /takes no parameters/);
    assert.throws(() => resolveInit('random:scale=-1'), /initializer 'random': parameter 'scale' must be a finite number in \(0, ∞\), got -1\./);
    assert.throws(() => resolveInit('random:scale=abc'), /finite number/);
    // Written as the number it is, not as JSON's "null" (issue 12 item 15).
    assert.throws(() => resolveInit('random:scale=Infinity'), /initializer 'random': parameter 'scale' must be a finite number in \(0, ∞\), got Infinity\./);
    assert.throws(() => resolveInit('random:scale=-Infinity'), /must be a finite number in \(0, ∞\), got -Infinity\./);
  });
  it('registers the course initializers with formula and reference', () => {
    for (const name of ['zeros', 'random', 'he', 'xavier']) {
      assert.ok(initializerNames().includes(name));
      const def = getInitializer(name);
      assert.ok(def.formula.length > 0 && def.reference.length > 0 && def.summary.length > 0);
    }
  });
});
