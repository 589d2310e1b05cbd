import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, formatExplanation, layerOf, parseShape, translateShape, type Explanation } from '../../src/cli/explainCommand.js';
import { torchFans } from '../../src/init/fans.js';
import { listInitializers, registerInitializer, resolveInit } from '../../src/init/index.js';
import type { InitializerDefinition } from '../../src/init/types.js';
import { UsageError } from '../../src/util/errors.js';
import { runCli } from '../helpers/cli.js';

const oneLineError = (r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void => {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
};

describe('initlab explain (end to end)', () => {
  it('--help documents the spec, --shape and --json', async () => {
    const r = await runCli(['explain', '--help']);
    assert.equal(r.code, 0);
    for (const s of ['<spec>', '--shape', '--json', '(out, in)', '(in, out)']) assert.ok(r.stdout.includes(s), s);
  });

  it('explains he on 256x512: normal, unbounded, fans 512/256, std √(2/512)', async () => {
    const r = await runCli(['explain', 'he', '--shape', '256x512']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^he \(initlab\) on 256x512/);
    assert.match(r.stdout, /fan_in 512, fan_out 256/);
    assert.match(r.stdout, /distribution normal\n/);
    assert.match(r.stdout, /bounds +unbounded/);
    assert.match(r.stdout, /target std +0\.0625\n/);
    assert.match(r.stdout, /actual std +0\.0625 \(= target\)/);
    assert.match(r.stdout, /dense 512 → 256/);
    assert.match(r.stdout, /W ~ N\(0, 1\) · sqrt\(2 \/ fan_in\)/);
  });

  it('--json prints the same as one object', async () => {
    const r = await runCli(['explain', 'he', '--shape', '256x512', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const x = JSON.parse(r.stdout) as Explanation;
    assert.equal(x.name, 'he');
    assert.deepEqual(x.spec, { name: 'he' });
    assert.deepEqual(x.shape, [256, 512]);
    assert.equal(x.layout, 'out-in');
    assert.equal(x.fanIn, 512);
    assert.equal(x.fanOut, 256);
    assert.equal(x.distribution, 'normal');
    assert.equal(x.bounds, null);
    assert.equal(x.parentStd, null);
    assert.equal(x.targetStd, Math.sqrt(2 / 512));
    assert.equal(x.actualStd, Math.sqrt(2 / 512));
    assert.equal(x.actualOverTarget, 1);
    assert.equal(x.layer, 'dense 512 → 256');
    assert.ok(Array.isArray(x.familyMembers) && Array.isArray(x.notes));
    // every family member is a same-family initializer of the registry, on the same layer
    for (const m of x.familyMembers) assert.ok(!('error' in m) ? layerOf(m.shape, m.layout) === x.layer : true, m.name);
  });

  it('takes parameters in the spec (random:scale=0.01 → std 0.01 whatever the shape)', async () => {
    const r = await runCli(['explain', 'random:scale=0.01', '--shape', '3x7', '--json']);
    const x = JSON.parse(r.stdout) as Explanation;
    assert.deepEqual(x.spec, { name: 'random', scale: 0.01 });
    assert.equal(x.actualStd, 0.01);
    assert.equal(x.fanIn, 7);
  });
});

describe('initlab explain: bad input gets exit 2, one stderr line, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['a zero dimension', ['he', '--shape', '0x5'], /--shape 0x5: every dimension must be a whole number ≥ 1/],
    ['a 1-D shape for a 2-D initializer', ['he', '--shape', '5'], /--shape 5: 'he' accepts 2-D tensors, not the 1-D shape 5/],
    ['a 3-D shape for a 2-D-only initializer', ['he', '--shape', '64x32x3'], /--shape 64x32x3: 'he' accepts 2-D tensors, not the 3-D shape/],
    ['a malformed shape', ['he', '--shape', '256 by 512'], /--shape '256 by 512': write the dimensions as whole numbers/],
    ['a negative dimension', ['he', '--shape', '-3x4'], /--shape '-3x4'/],
    ['a fractional dimension', ['he', '--shape', '2.5x4'], /--shape '2\.5x4'/],
    ['no shape', ['he'], /--shape is required/],
    ['an unknown initializer', ['hee', '--shape', '2x2'], /unknown initializer 'hee'\. Did you mean 'he'/],
    ['an unknown parameter', ['random:scal=2', '--shape', '2x2'], /unknown parameter 'scal'/],
    ['a bad parameter value', ['random:scale=-1', '--shape', '2x2'], /initializer 'random': parameter 'scale' must be a finite number in \(0, ∞\), got -1\./],
    ['no spec', ['--shape', '2x2'], /missing required argument 'spec'/],
    ['an unknown option', ['he', '--shape', '2x2', '--colour'], /unknown option '--colour'/],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, async () => oneLineError(await runCli(['explain', ...args]), message));
  }
});

describe('explain() across the registry (works for every registered initializer)', () => {
  /** A 2-D (dense 512 → 256) shape in the initializer's layout, or a conv shape for ≥3-D-only ones. */
  const shapeFor = (def: InitializerDefinition): number[] => {
    const [lo] = def.ranks ?? [2, 2];
    const base = lo <= 2 ? [256, 512] : [64, 32, ...new Array<number>(lo - 2).fill(3)];
    return translateShape(base, 'out-in', def.layout ?? 'out-in');
  };

  it('describes every initializer on a valid shape with consistent numbers', () => {
    let checked = 0;
    for (const def of listInitializers()) {
      let x: Explanation;
      try {
        x = explain(resolveInit({ name: def.name }), shapeFor(def));
      } catch (err) {
        if (err instanceof UsageError) continue; // e.g. a square-only or divisibility rule
        throw err;
      }
      checked += 1;
      assert.equal(x.name, def.name);
      if (x.actualStd !== null && x.targetStd !== null && x.targetStd !== 0) assert.equal(x.actualOverTarget, x.actualStd / x.targetStd);
      if (x.bounds !== null) assert.ok(x.bounds[0] <= x.bounds[1], def.name);
      assert.ok(formatExplanation(x).startsWith(`${def.name} (`));
      for (const m of x.familyMembers) {
        const other = listInitializers().find((d) => d.name === m.name)!;
        assert.equal(other.family, def.family);
        assert.deepEqual(m.shape, translateShape(x.shape, x.layout, other.layout ?? 'out-in'));
        if ('error' in m) continue;
        assert.equal(layerOf(m.shape, m.layout), x.layer, `${def.name} vs ${m.name}`);
        if (m.actualStd !== null && x.actualStd !== null && x.actualStd !== 0) assert.equal(m.ratioToRequested, m.actualStd / x.actualStd);
      }
    }
    assert.ok(checked >= 4, `${checked} initializers explained`);
  });
});

describe('explain(): the family table translates shapes between layouts', () => {
  // Two stand-ins for the "same" initializer in two frameworks (this test process only).
  const base = {
    summary: 'test', distribution: 'normal', formula: 'test', reference: 'test', parameters: [],
    label: () => 'test', fill: (out: Float64Array) => out.fill(0), ranks: [2, 5] as const, family: 'test_he_normal',
  };
  const torchLike: InitializerDefinition = {
    ...base, name: 'test_torch_he', framework: 'torch', layout: 'out-in',
    expectedStd: (ctx) => Math.sqrt(2 / ctx.fanIn),
  };
  const kerasFans = (shape: readonly number[]): { fanIn: number; fanOut: number } => {
    const n = shape.length;
    const rf = shape.slice(0, n - 2).reduce((a, b) => a * b, 1);
    return { fanIn: shape[n - 2]! * rf, fanOut: shape[n - 1]! * rf };
  };
  const c = 0.87962566103423978;
  const tfjsLike: InitializerDefinition = {
    ...base, name: 'test_tfjs_he', framework: 'tfjs', layout: 'in-out', fans: kerasFans,
    expectedStd: (ctx) => c * Math.sqrt(2 / ctx.fanIn),
    describe: (ctx) => ({
      distribution: 'truncated normal (±2σ, uncorrected)', targetStd: Math.sqrt(2 / ctx.fanIn), actualStd: c * Math.sqrt(2 / ctx.fanIn),
      parentStd: Math.sqrt(2 / ctx.fanIn), bounds: [-2 * Math.sqrt(2 / ctx.fanIn), 2 * Math.sqrt(2 / ctx.fanIn)], notes: ['uncorrected'],
    }),
  };
  const squareOnly: InitializerDefinition = {
    ...base, name: 'test_jax_square', framework: 'jax', layout: 'in-out', fans: kerasFans, ranks: [2, 2],
    expectedStd: (ctx) => Math.sqrt(2 / ctx.fanIn),
  };
  registerInitializer(torchLike);
  registerInitializer(tfjsLike);
  registerInitializer(squareOnly);

  it('translates (out, in, kh, kw) to (kh, kw, in, out): same fans, the std ratio of the truncation', () => {
    const x = explain(resolveInit({ name: 'test_torch_he' }), [64, 32, 3, 3]);
    assert.equal(x.fanIn, 288);
    assert.equal(x.fanOut, 576);
    assert.equal(x.layer, 'conv 3x3, 32 → 64 channels');
    const tf = x.familyMembers.find((m) => m.name === 'test_tfjs_he')!;
    assert.ok(!('error' in tf));
    assert.deepEqual(tf.shape, [3, 3, 32, 64]);
    assert.equal(tf.fanIn, 288);
    assert.equal(tf.fanOut, 576);
    assert.equal(tf.parentStd, Math.sqrt(2 / 288));
    assert.ok(Math.abs(tf.ratioToRequested! - c) < 1e-15);
    assert.ok(Math.abs(tf.actualOverTarget! - c) < 1e-15);
    const sq = x.familyMembers.find((m) => m.name === 'test_jax_square')!;
    assert.ok('error' in sq && /accepts 2-D tensors/.test(sq.error));
    const text = formatExplanation(x);
    assert.match(text, /Family 'test_he_normal'/);
    assert.match(text, /test_tfjs_he .*3x3x32x64/);
    assert.match(text, /×0\.8796/);
    assert.match(text, /cannot take this shape/);
  });

  it('translates a dense (in, out) kernel back to (out, in)', () => {
    const x = explain(resolveInit({ name: 'test_tfjs_he' }), [512, 256]);
    assert.equal(x.layer, 'dense 512 → 256');
    assert.equal(x.fanIn, 512);
    const t = x.familyMembers.find((m) => m.name === 'test_torch_he')!;
    assert.ok(!('error' in t));
    assert.deepEqual(t.shape, [256, 512]);
    assert.deepEqual(torchFans(t.shape), { fanIn: t.fanIn, fanOut: t.fanOut });
    assert.ok(Math.abs(t.ratioToRequested! - 1 / c) < 1e-14);
  });

  it('parseShape and translateShape', () => {
    assert.deepEqual(parseShape('256x512'), [256, 512]);
    assert.deepEqual(parseShape('64×32×3×3'), [64, 32, 3, 3]);
    assert.throws(() => parseShape('0x5'), /≥ 1/);
    assert.deepEqual(translateShape([5], 'out-in', 'in-out'), [5]);
    assert.deepEqual(translateShape([64, 32, 3, 5], 'out-in', 'in-out'), [3, 5, 32, 64]);
    assert.deepEqual(translateShape([3, 5, 32, 64], 'in-out', 'out-in'), [64, 32, 3, 5]);
  });
});
