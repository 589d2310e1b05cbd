import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema, formatRuleValue, parseRuleText, ruleSchema, ruleText, ruleTextValue, type Setting, type ValueRule } from '../../src/settings/index.js';
import { UsageError } from '../../src/util/errors.js';

const ok = (rule: ValueRule, value: unknown) => assert.equal(ruleSchema(rule).safeParse(value).success, true, `${JSON.stringify(rule)} should accept ${JSON.stringify(value)}`);
const bad = (rule: ValueRule, value: unknown) => assert.equal(ruleSchema(rule).safeParse(value).success, false, `${JSON.stringify(rule)} should refuse ${JSON.stringify(value)}`);

describe('value rules', () => {
  it('number: finite, with an open or closed lower bound', () => {
    const positive: ValueRule = { type: 'number', min: 0, minOpen: true };
    ok(positive, 5e-324);
    bad(positive, 0);
    bad(positive, Infinity);
    bad(positive, Number.NaN);
    const nonNegative: ValueRule = { type: 'number', min: 0 };
    ok(nonNegative, 0);
    bad(nonNegative, -5e-324);
    ok({ type: 'number' }, -1e308);
    bad({ type: 'number' }, -Infinity);
    bad({ type: 'number' }, '1');
  });

  it('integer and seed: whole numbers in range (a seed is 0 … 2^32 − 1, numpy legacy seed())', () => {
    const r: ValueRule = { type: 'integer', min: 1, max: 10 };
    ok(r, 1);
    ok(r, 10);
    bad(r, 0);
    bad(r, 11);
    bad(r, 2.5);
    ok({ type: 'seed' }, 0);
    ok({ type: 'seed' }, 4294967295);
    bad({ type: 'seed' }, 4294967296);
    bad({ type: 'seed' }, -1);
  });

  it('choice, widths, named, inits, shape3', () => {
    const act: ValueRule = { type: 'choice', values: ['relu', 'tanh'], what: 'activation' };
    ok(act, 'tanh');
    const refused = ruleSchema(act).safeParse('tahn');
    assert.equal(refused.success, false);
    assert.match(refused.error!.issues[0]!.message, /unknown activation 'tahn'\. Did you mean 'tanh'\?.*Known: relu, tanh/);
    const widths: ValueRule = { type: 'widths', max: 8, maxLength: 2 };
    ok(widths, []);
    ok(widths, [8, 1]);
    bad(widths, [9]);
    bad(widths, [1, 1, 1]);
    const opt: ValueRule = { type: 'named', names: ['sgd', 'adam'], what: 'optimizer' };
    ok(opt, { name: 'adam', beta1: 0.9 });
    bad(opt, { name: 'adamw' });
    bad(opt, { name: 'adam', betas: [0.9] });
    ok({ type: 'named', names: ['blobs'], what: 'data set', listParams: true }, { name: 'blobs', centers: [1, 2] });
    ok({ type: 'inits' }, [{ name: 'he' }]);
    bad({ type: 'inits' }, []);
    ok({ type: 'shape3', max: 4 }, [1, 4, 4]);
    bad({ type: 'shape3', max: 4 }, [1, 4]);
  });

  it('reads text through the one number grammar and names the flag in errors', () => {
    assert.equal(parseRuleText({ type: 'number', min: 0, minOpen: true }, '--lr', ' 1e-3 '), 0.001);
    assert.deepEqual(parseRuleText({ type: 'widths', max: 100, maxLength: 5 }, '--hidden', '10,5'), [10, 5]);
    assert.deepEqual(parseRuleText({ type: 'widths', max: 100, maxLength: 5 }, '--hidden', ''), []);
    assert.equal(parseRuleText({ type: 'seed' }, '--seed', '4294967295'), 4294967295);
    const fails = (rule: ValueRule, text: string, message: RegExp) =>
      assert.throws(() => parseRuleText(rule, '--x', text), (e: unknown) => e instanceof UsageError && message.test(e.message));
    fails({ type: 'number' }, 'lots', /^--x: expected a number, got 'lots'\.$/);
    fails({ type: 'number' }, '1e400', /^--x: '1e400' is out of range/);
    fails({ type: 'integer', min: 1, max: 9 }, '0', /^--x: must be ≥ 1 \(got 0\)\.$/);
    fails({ type: 'integer', min: 1, max: 9 }, '1.5', /^--x: must be an integer \(got 1\.5\)\.$/);
    fails({ type: 'widths', max: 9, maxLength: 3 }, '3,10', /^--x: must be ≤ 9 \(item 2\) \(got 3,10\)\.$/);
    fails({ type: 'seed' }, '4294967296', /^--x: must be < 2\^32/);
    assert.throws(() => ruleTextValue({ type: 'init' }, '--x', 'he'), TypeError);
  });

  it('words each rule for --help and the README', () => {
    assert.equal(ruleText({ type: 'number', min: 0, minOpen: true }), 'a finite number > 0');
    assert.equal(ruleText({ type: 'integer', min: 1, max: 3 }), 'a whole number 1 … 3');
    assert.equal(ruleText({ type: 'seed' }), 'a whole number from 0 to 4294967295');
    assert.equal(ruleText({ type: 'named', names: ['sgd'], what: 'optimizer' }), 'an optimizer (sgd) with parameters');
  });

  it('writes values back as the text flags read', () => {
    assert.equal(formatRuleValue([10, 5]), '10,5');
    assert.equal(formatRuleValue({ name: 'random', scale: 10 }), 'random:scale=10');
    assert.equal(formatRuleValue([{ name: 'zeros' }, { name: 'he' }]), 'zeros,he');
    assert.equal(formatRuleValue(0.01), '0.01');
  });
});

describe('configSchema', () => {
  const settings: Setting[] = [
    { path: 'data', key: 'data', rule: { type: 'named', names: ['circles', 'moons'], what: 'data set', listParams: true }, default: { name: 'circles', seed: 1 }, doc: 'the data set' },
    { path: 'data.seed', key: 'dataSeed', rule: { type: 'seed' }, default: 1, doc: 'its seed' },
    { path: 'training.learningRate', key: 'lr', rule: { type: 'number', min: 0, minOpen: true }, default: 0.01, doc: 'the rate' },
    { path: 'training.l2', key: 'l2', rule: { type: 'number', min: 0 }, doc: 'decay' },
  ];
  it('nests strict objects by path; fields with a default are required unless partial', () => {
    const full = configSchema(settings);
    assert.equal(full.safeParse({ data: { name: 'moons', seed: 2, noise: 0.1 }, training: { learningRate: 0.1 } }).success, true);
    assert.equal(full.safeParse({ data: { name: 'moons', seed: 2 }, training: {} }).success, false, 'learningRate is required');
    assert.equal(full.safeParse({ data: { name: 'moons', seed: 2 }, training: { learningRate: 0.1, l3: 1 } }).success, false, 'strict');
    assert.equal(full.safeParse({ data: { name: 'moons', seed: -1 }, training: { learningRate: 0.1 } }).success, false, 'data.seed keeps its rule inside data');
    const partial = configSchema(settings, { partial: true });
    assert.equal(partial.safeParse({}).success, true);
    assert.equal(partial.safeParse({ training: { l2: -1 } }).success, false);
  });
});
