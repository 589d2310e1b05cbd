import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeInit, fansFor, getInitializer, initialize, listInitializers, resolveInit } from '../../../src/init/index.js';
import { FRAMEWORK_INITIALIZERS, registerAllInitializers, registerFrameworkInitializers } from '../../../src/init/frameworks/index.js';
import { checkShapeFor } from '../../../src/init/fans.js';
import { UsageError } from '../../../src/util/errors.js';
import { DefaultRandom } from '../../../src/random/xoshiro.js';
import { readReference } from '../../helpers/reference.js';
import { moments } from './stats.js';

interface CrossRef {
  cross_framework: {
    fans: Record<string, Record<string, number[] | string>>;
    analytic_dense_512_in_256_out: Record<string, number | string | Record<string, number>>;
  };
}
const ref = readReference<CrossRef>('pytorch-init-values.json').cross_framework;
const dense = ref.analytic_dense_512_in_256_out;
const heRef = dense['he_normal'] as Record<string, number>;

const fansOf = (name: string, shape: number[]) => {
  const init = resolveInit(name);
  return fansFor(init.definition, shape, init.params);
};

describe('fan rules (cross_framework.fans)', () => {
  const shapes: [string, number[]][] = [
    ['(512, 256)', [512, 256]],
    ['(3, 3, 32, 64)', [3, 3, 32, 64]],
    ['(5, 8, 16)', [5, 8, 16]],
    ['(3, 3, 3, 2, 4)', [3, 3, 3, 2, 4]],
    ['(7,)', [7]],
    ['(2, 2, 2, 2, 2, 2)', [2, 2, 2, 2, 2, 2]],
  ];
  for (const [key, shape] of shapes) {
    it(`${key}: keras3 ${JSON.stringify(ref.fans[key]!['keras3'])}, tfjs ${JSON.stringify(ref.fans[key]!['tfjs'])}, jax ${JSON.stringify(ref.fans[key]!['jax'])}`, () => {
      const k = ref.fans[key]!['keras3'] as number[];
      assert.deepEqual(fansOf('keras:he_normal', shape), { fanIn: k[0], fanOut: k[1] });
      const t = ref.fans[key]!['tfjs'] as number[];
      assert.deepEqual(fansOf('tfjs:heNormal', shape), { fanIn: t[0], fanOut: t[1] });
      const j = ref.fans[key]!['jax'];
      if (typeof j === 'string') {
        assert.match(j, /ValueError/);
        assert.throws(() => checkShapeFor(getInitializer('jax:he_normal'), shape, resolveInit('jax:he_normal').params), UsageError);
      } else assert.deepEqual(fansOf('jax:he_normal', shape), { fanIn: j[0], fanOut: j[1] });
    });
  }
  it('JAX in_axis/out_axis select the fan axes; bad axes are refused', () => {
    assert.deepEqual(fansOf('jax:he_normal:in_axis=0:out_axis=1', [16, 32, 3, 3]), { fanIn: 16 * 9, fanOut: 32 * 9 });
    assert.throws(() => initialize('jax:he_normal:in_axis=2', [4, 4], new DefaultRandom(1)), /not an axis of a 2-D tensor/);
    assert.throws(() => initialize('jax:glorot_uniform:in_axis=-1', [4, 4], new DefaultRandom(1)), /must be different axes/);
  });
});

describe('three "he normal"s on a Dense layer with 512 inputs and 256 outputs (cross_framework.analytic_dense_512_in_256_out)', () => {
  const cases = [
    { spec: 'keras:he_normal', shape: [512, 256], std: heRef['keras3 HeNormal: actual std']!, maxAbs: heRef['keras3 HeNormal: |w| max']! },
    { spec: 'tfjs:heNormal', shape: [512, 256], std: heRef['tfjs heNormal: actual std']!, maxAbs: heRef['tfjs heNormal: |w| max']! },
    { spec: 'jax:he_normal', shape: [512, 256], std: heRef['target_std']!, maxAbs: 2 * heRef['jax he_normal: parent stddev']! },
    { spec: 'torch:kaiming_normal', shape: [256, 512], std: heRef['pytorch kaiming_normal_: actual std (untruncated)']!, maxAbs: Infinity },
  ];
  for (const c of cases) {
    it(`${c.spec} ${c.shape.join('x')}: std ${c.std.toPrecision(6)}, |w| < ${c.maxAbs}`, () => {
      const t = initialize(c.spec, c.shape, new DefaultRandom(77));
      assert.deepEqual([t.fanIn, t.fanOut], [512, 256]);
      assert.ok(Math.abs(t.expectedStd - c.std) < 1e-16, `expectedStd ${t.expectedStd}`);
      assert.equal(t.description.targetStd, heRef['target_std']);
      const m = moments(t.values);
      assert.ok(Math.abs(m.std - c.std) < 6 * m.seStd, `sample std ${m.std}`);
      assert.ok(Math.max(-m.min, m.max) < c.maxAbs);
      if (c.maxAbs === Infinity) assert.ok(Math.max(-m.min, m.max) > 4 * c.std, 'untruncated: tails beyond the ±2.27σ of the truncated ones');
      else assert.ok(Math.abs(t.description.bounds![1] - c.maxAbs) < 1e-15);
    });
  }
  it('the TF.js variant is 0.8796× the others, and its describe() says it differs from its documentation/Keras', () => {
    const d = describeInit(resolveInit('tfjs:heNormal'), [512, 256]).description;
    assert.ok(Math.abs(d.actualStd / d.targetStd - 0.87962566103423978) < 1e-15);
    assert.equal(d.parentStd, heRef['tfjs heNormal: parent stddev (no correction)']);
    assert.ok(d.notes.some((n) => n.includes('differs from its documentation') && n.includes('Keras')));
    assert.match(d.distribution, /uncorrected/);
    const k = describeInit(resolveInit('keras:he_normal'), [512, 256]).description;
    assert.ok(Math.abs(k.parentStd! - heRef['keras3 HeNormal: parent stddev, truncation |x|<2*parent']!) < 1e-17);
    assert.match(k.distribution, /corrected/);
  });
  it('uniform limits and normal stds of the table: he_uniform, glorot_uniform, lecun_uniform, glorot/lecun normal, PyTorch default', () => {
    const bound = (spec: string, shape: number[]) => describeInit(resolveInit(spec), shape).description.bounds![1];
    const close = (a: number, e: number) => assert.ok(Math.abs(a - e) <= 4e-16 * e, `${a} vs ${e}`);
    for (const s of ['keras:he_uniform', 'tfjs:heUniform', 'jax:he_uniform']) close(bound(s, [512, 256]), dense['he_uniform_limit (all frameworks)'] as number);
    close(bound('torch:kaiming_uniform', [256, 512]), dense['he_uniform_limit (all frameworks)'] as number);
    for (const s of ['keras:glorot_uniform', 'keras:dense_default', 'tfjs:glorotUniform', 'jax:glorot_uniform']) close(bound(s, [512, 256]), dense['glorot_uniform_limit (all frameworks)'] as number);
    close(bound('torch:xavier_uniform', [256, 512]), dense['glorot_uniform_limit (all frameworks)'] as number);
    for (const s of ['keras:lecun_uniform', 'tfjs:leCunUniform', 'jax:lecun_uniform']) close(bound(s, [512, 256]), dense['lecun_uniform_limit'] as number);
    close(bound('torch:linear_default', [256, 512]), dense['pytorch_default_linear_limit'] as number);
    const std = (spec: string, shape: number[]) => initialize(spec, shape, new DefaultRandom(1)).expectedStd;
    close(std('torch:linear_default', [256, 512]), dense['pytorch_default_linear_std'] as number);
    for (const s of ['keras:glorot_normal', 'jax:glorot_normal']) close(std(s, [512, 256]), dense['glorot_normal target std'] as number);
    close(std('torch:xavier_normal', [256, 512]), dense['glorot_normal target std'] as number);
    for (const s of ['keras:lecun_normal', 'jax:lecun_normal', 'jax:dense_default']) close(std(s, [512, 256]), dense['lecun_normal target std'] as number);
    close(std('tfjs:glorotNormal', [512, 256]) / 0.87962566103423978, dense['glorot_normal target std'] as number);
    close(std('tfjs:dense_default', [512, 256]) / 0.87962566103423978, dense['glorot_normal target std'] as number);
  });
});

describe('registry of framework initializers', () => {
  it('registers 66 framework and paper initializers, idempotently', () => {
    registerFrameworkInitializers();
    registerAllInitializers();
    const names = listInitializers().map((d) => d.name);
    assert.equal(FRAMEWORK_INITIALIZERS.length, 66);
    for (const d of FRAMEWORK_INITIALIZERS) assert.ok(names.includes(d.name), d.name);
    assert.equal(new Set(names).size, names.length);
  });
  it('names carry their framework prefix and camelCase is kept for TF.js', () => {
    for (const d of FRAMEWORK_INITIALIZERS) {
      if (d.framework === 'initlab') assert.ok(!d.name.includes(':'));
      else assert.ok(d.name.startsWith(`${d.framework}:`), d.name);
    }
    assert.ok(getInitializer('tfjs:leCunNormal') && getInitializer('tfjs:glorotUniform'));
    assert.throws(() => getInitializer('tfjs:he_normal'), UsageError);
  });
  it('every definition documents itself and describes a shape it accepts consistently with expectedStd', () => {
    for (const d of FRAMEWORK_INITIALIZERS) {
      for (const field of ['summary', 'distribution', 'formula', 'reference'] as const) assert.ok(d[field].length >= 5, `${d.name}.${field}`);
      assert.ok(d.layout === 'out-in' || d.layout === 'in-out', d.name);
      const [lo, hi] = d.ranks!;
      const shape = lo <= 2 && hi >= 2 ? [8, 8] : [8, 8, 3, 3];
      const init = resolveInit(d.name);
      const { description } = describeInit(init, shape);
      const t = initialize(init, shape, new DefaultRandom(1));
      assert.ok(Number.isFinite(description.actualStd) && Math.abs(description.actualStd - t.expectedStd) <= 1e-15 * Math.max(1, t.expectedStd), d.name);
      assert.ok(d.label(init.params).length > 0);
      // Ranks outside the accepted range are refused with a UsageError naming them.
      if (hi < 8) assert.throws(() => initialize(d.name, new Array<number>(hi + 1).fill(2), new DefaultRandom(1)), (e: unknown) => e instanceof UsageError && e.message.includes(d.name));
      if (lo > 1) assert.throws(() => initialize(d.name, new Array<number>(lo - 1).fill(4), new DefaultRandom(1)), UsageError);
    }
  });
  it('family keys line up "the same" initializer across frameworks', () => {
    const byFamily = new Map<string, string[]>();
    for (const d of FRAMEWORK_INITIALIZERS) if (d.family) byFamily.set(d.family, [...(byFamily.get(d.family) ?? []), d.name]);
    const expect: Record<string, string[]> = {
      he_normal: ['torch:kaiming_normal', 'keras:he_normal', 'tfjs:heNormal', 'jax:he_normal'],
      he_uniform: ['torch:kaiming_uniform', 'keras:he_uniform', 'tfjs:heUniform', 'jax:he_uniform'],
      glorot_normal: ['torch:xavier_normal', 'keras:glorot_normal', 'tfjs:glorotNormal', 'jax:glorot_normal'],
      glorot_uniform: ['torch:xavier_uniform', 'keras:glorot_uniform', 'tfjs:glorotUniform', 'jax:glorot_uniform'],
      lecun_normal: ['keras:lecun_normal', 'tfjs:leCunNormal', 'jax:lecun_normal'],
      lecun_uniform: ['keras:lecun_uniform', 'tfjs:leCunUniform', 'jax:lecun_uniform'],
      orthogonal: ['orthogonal', 'torch:orthogonal', 'keras:orthogonal', 'tfjs:orthogonal', 'jax:orthogonal'],
      dense_default: ['torch:linear_default', 'keras:dense_default', 'tfjs:dense_default', 'jax:dense_default'],
      identity: ['torch:eye', 'keras:identity', 'tfjs:identity'],
      truncated_normal: ['torch:trunc_normal', 'keras:truncated_normal', 'tfjs:truncatedNormal', 'jax:truncated_normal'],
      normal: ['torch:normal', 'keras:random_normal', 'tfjs:randomNormal', 'jax:normal'],
      uniform: ['torch:uniform', 'keras:random_uniform', 'tfjs:randomUniform', 'jax:uniform'],
      zeros: ['torch:zeros', 'keras:zeros', 'tfjs:zeros', 'jax:zeros'],
      ones: ['torch:ones', 'keras:ones', 'tfjs:ones', 'jax:ones'],
      constant: ['torch:constant', 'keras:constant', 'tfjs:constant', 'jax:constant'],
    };
    for (const [family, names] of Object.entries(expect)) assert.deepEqual(byFamily.get(family)?.sort(), [...names].sort(), family);
  });
  it('TF.js quirks are visible in describe(): truncatedNormal distribution is uniform, `||` defaults', () => {
    const vs = describeInit(resolveInit('tfjs:varianceScaling:distribution=truncatedNormal'), [512, 256]).description;
    assert.equal(vs.distribution, 'uniform');
    assert.ok(vs.notes.some((n) => n.includes('uniform branch')));
    const u = describeInit(resolveInit('tfjs:randomUniform:minval=0:maxval=1'), [4, 4]).description;
    assert.deepEqual(u.bounds, [-0.05, 1]);
    assert.ok(u.notes.some((n) => n.includes('||')));
  });
  it("Keras maps distribution='normal' to truncated_normal and says so", () => {
    const d = describeInit(resolveInit('keras:variance_scaling:distribution=normal'), [512, 256]).description;
    assert.match(d.distribution, /truncated normal \(±2σ, corrected\)/);
    assert.ok(d.notes.some((n) => n.includes("silently mapped")));
    assert.throws(() => resolveInit('keras:variance_scaling:scale=0'), /parameter 'scale' must be a finite number in \(0, ∞\), got 0\./);
  });
});
