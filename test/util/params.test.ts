import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/util/errors.js';
import { checkParam, describeRange, resolveParams, type ParamSpec } from '../../src/util/params.js';

/*
 * The one parameter checker (issue 11 item 4) against hand-written expectations: every value and
 * every message below is written out, not computed by the code under test.
 */

const OWNER = "thing 'x'";
const spec = (p: Partial<ParamSpec> & Pick<ParamSpec, 'type'>): ParamSpec => ({ name: 'p', doc: 'a test parameter', ...p });

/** Asserts that checkParam refuses `v` with exactly `message`. */
function refuses(p: ParamSpec, v: unknown, message: string, text = false): void {
  assert.throws(
    () => checkParam(OWNER, p, v, { text }),
    (err: unknown) => err instanceof UsageError && err.message === message,
    `${JSON.stringify(v)} should be refused with: ${message}`,
  );
}

describe('util/params: describeRange', () => {
  it('writes each type and bound kind in words', () => {
    assert.equal(describeRange(spec({ type: 'number' })), 'a finite number in (-∞, ∞)');
    assert.equal(describeRange(spec({ type: 'number', min: 0 })), 'a finite number in [0, ∞)');
    assert.equal(describeRange(spec({ type: 'number', min: 0, minOpen: true, max: 1, maxOpen: true })), 'a finite number in (0, 1)');
    assert.equal(describeRange(spec({ type: 'integer', min: 2, max: 100 })), 'an integer in [2, 100]');
    assert.equal(describeRange(spec({ type: 'boolean' })), 'true or false');
    assert.equal(describeRange(spec({ type: 'string' })), 'a non-empty string');
    assert.equal(describeRange(spec({ type: 'string', choices: ['a', 'b'] })), "one of 'a', 'b'");
    assert.equal(describeRange(spec({ type: 'number[]', min: 0 })), 'a list of finite numbers in [0, ∞)');
    assert.equal(describeRange(spec({ type: 'integer|number[]', min: 1, max: 9 })), 'an integer in [1, 9] or a list of finite numbers');
    assert.equal(describeRange(spec({ type: 'number|number[]', max: 1 })), 'a finite number in (-∞, 1] or a list of them');
    assert.equal(describeRange(spec({ type: 'number', min: 0, range: 'a probability' })), 'a probability');
  });
});

describe('util/params: checkParam', () => {
  it('closed bounds take their end points, open ones refuse them', () => {
    const closed = spec({ type: 'number', min: 0, max: 1 });
    assert.equal(checkParam(OWNER, closed, 0), 0);
    assert.equal(checkParam(OWNER, closed, 1), 1);
    refuses(closed, -1e-300, "thing 'x': parameter 'p' must be a finite number in [0, 1], got -1e-300.");
    refuses(closed, 1.0000000000000002, "thing 'x': parameter 'p' must be a finite number in [0, 1], got 1.0000000000000002.");
    const open = spec({ type: 'number', min: 0, minOpen: true, max: 1, maxOpen: true });
    assert.equal(checkParam(OWNER, open, 5e-324), 5e-324);
    assert.equal(checkParam(OWNER, open, 0.9999999999999999), 0.9999999999999999);
    refuses(open, 0, "thing 'x': parameter 'p' must be a finite number in (0, 1), got 0.");
    refuses(open, 1, "thing 'x': parameter 'p' must be a finite number in (0, 1), got 1.");
  });
  it('refuses non-finite numbers even without bounds, and writes them as numbers', () => {
    const p = spec({ type: 'number' });
    refuses(p, Number.POSITIVE_INFINITY, "thing 'x': parameter 'p' must be a finite number in (-∞, ∞), got Infinity.");
    refuses(p, Number.NaN, "thing 'x': parameter 'p' must be a finite number in (-∞, ∞), got NaN.");
  });
  it('integers: whole and safe', () => {
    const p = spec({ type: 'integer', min: 1 });
    assert.equal(checkParam(OWNER, p, 3), 3);
    refuses(p, 2.5, "thing 'x': parameter 'p' must be an integer in [1, ∞), got 2.5.");
    refuses(p, 0, "thing 'x': parameter 'p' must be an integer in [1, ∞), got 0.");
    refuses(p, 2 ** 53, "thing 'x': parameter 'p' must be an integer in [1, ∞), got 9007199254740992.");
  });
  it('choices, with the closest one suggested', () => {
    const p = spec({ name: 'mode', type: 'string', choices: ['fan_in', 'fan_out'] });
    assert.equal(checkParam(OWNER, p, 'fan_out'), 'fan_out');
    refuses(p, 'fan_outt', "thing 'x': parameter 'mode' must be one of 'fan_in', 'fan_out', got 'fan_outt'. Did you mean 'fan_out'?");
    refuses(p, 3, "thing 'x': parameter 'mode' must be one of 'fan_in', 'fan_out', got 3.");
    refuses(spec({ type: 'string' }), '', "thing 'x': parameter 'p' must be a non-empty string, got ''.");
  });
  it('booleans', () => {
    const p = spec({ type: 'boolean' });
    assert.equal(checkParam(OWNER, p, false), false);
    refuses(p, 1, "thing 'x': parameter 'p' must be true or false, got 1.");
    refuses(p, 'true', "thing 'x': parameter 'p' must be true or false, got 'true'.");
    assert.equal(checkParam(OWNER, p, 'true', { text: true }), true);
  });
  it('lists: every element within the bounds, never empty', () => {
    const p = spec({ type: 'number[]', min: 0 });
    assert.deepEqual(checkParam(OWNER, p, [0, 2.5]), [0, 2.5]);
    refuses(p, [1, -1], "thing 'x': parameter 'p' must be a list of finite numbers in [0, ∞), got [1, -1].");
    refuses(p, [], "thing 'x': parameter 'p' must be a list of finite numbers in [0, ∞), got [].");
    refuses(p, '1,2', "thing 'x': parameter 'p' must be a list of finite numbers in [0, ∞), got '1,2'.");
    assert.deepEqual(checkParam(OWNER, p, '1,2', { text: true }), [1, 2]);
    assert.deepEqual(checkParam(OWNER, p, '3', { text: true }), [3]);
  });
  it('a count or a list; one value or a list', () => {
    const count = spec({ type: 'integer|number[]', min: 2, max: 10 });
    assert.equal(checkParam(OWNER, count, 4), 4);
    // The list holds coordinates: only finiteness applies to it, not the count's bounds.
    assert.deepEqual(checkParam(OWNER, count, [-5, 50]), [-5, 50]);
    refuses(count, 11, "thing 'x': parameter 'p' must be an integer in [2, 10] or a list of finite numbers, got 11.");
    const each = spec({ type: 'number|number[]', min: 0, max: 1 });
    assert.deepEqual(checkParam(OWNER, each, [0.2, 0.8]), [0.2, 0.8]);
    refuses(each, [0.2, 1.5], "thing 'x': parameter 'p' must be a finite number in [0, 1] or a list of them, got [0.2, 1.5].");
  });
  it('text numbers only when asked for, and never past a double', () => {
    const p = spec({ type: 'number' });
    refuses(p, '0.5', "thing 'x': parameter 'p' must be a finite number in (-∞, ∞), got '0.5'.");
    assert.equal(checkParam(OWNER, p, '0.5', { text: true }), 0.5);
    assert.equal(checkParam(OWNER, p, '1e-3', { text: true }), 0.001);
    refuses(p, 'abc', "thing 'x': parameter 'p' must be a finite number in (-∞, ∞), got 'abc'.", true);
    assert.throws(() => checkParam(OWNER, p, '1e400', { text: true }), /^UsageError: thing 'x': parameter 'p': '1e400' is out of range/);
  });
});

describe('util/params: resolveParams', () => {
  const specs: readonly ParamSpec[] = [
    { name: 'scale', type: 'number', default: 1, min: 0, minOpen: true, doc: 'a scale' },
    { name: 'mode', type: 'string', default: 'fan_in', choices: ['fan_in', 'fan_out'], doc: 'a fan' },
    { name: 'steps', type: 'integer', min: 1, doc: 'no default' },
  ];
  it('fills defaults, leaves out parameters with neither value nor default, skips reserved keys and undefined values', () => {
    assert.deepEqual(resolveParams(OWNER, specs, { name: 'x' }), { scale: 1, mode: 'fan_in' });
    assert.deepEqual(resolveParams(OWNER, specs, { name: 'x', scale: 2, steps: 5, mode: undefined }), { scale: 2, mode: 'fan_in', steps: 5 });
    assert.deepEqual(resolveParams(OWNER, specs, { name: 'x', seed: 3 }, { reserved: ['name', 'seed'] }), { scale: 1, mode: 'fan_in' });
  });
  it('unknown keys: what is accepted, and the closest name', () => {
    assert.throws(() => resolveParams(OWNER, specs, { scal: 2 }, { where: '--inits' }), {
      message: "--inits: unknown parameter 'scal' for thing 'x'; it accepts: scale, mode, steps. Did you mean 'scale'?",
    });
    assert.throws(() => resolveParams(OWNER, [], { a: 1 }), { message: "unknown parameter 'a' for thing 'x'; it takes no parameters." });
    // An own '__proto__' key (as setOwn writes one) is a key like any other.
    const hostile = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    assert.throws(() => resolveParams(OWNER, specs, hostile), { message: "unknown parameter '__proto__' for thing 'x'; it accepts: scale, mode, steps." });
  });
  it('required parameters, and values checked with the where prefix', () => {
    const needed: ParamSpec[] = [{ name: 'path', type: 'string', required: true, doc: 'the file to read.' }];
    assert.throws(() => resolveParams(OWNER, needed, {}), { message: "thing 'x' needs the parameter 'path' (a non-empty string): the file to read." });
    assert.deepEqual(resolveParams(OWNER, needed, { path: 'a.csv' }), { path: 'a.csv' });
    assert.throws(() => resolveParams(OWNER, specs, { scale: 0 }, { where: 'config.inits[1]' }), {
      message: "config.inits[1]: thing 'x': parameter 'scale' must be a finite number in (0, ∞), got 0.",
    });
  });
});
