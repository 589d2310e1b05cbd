import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculateGain, describeInit, fansFor, getInitializer, initialize, resolveInit } from '../../../src/init/index.js';
import { UsageError } from '../../../src/util/errors.js';
import { DefaultRandom } from '../../../src/random/xoshiro.js';
import { readReference } from '../../helpers/reference.js';
import { moments } from './stats.js';

interface TorchRef {
  pytorch: {
    calculate_gain: Record<string, number>;
    calculate_gain_errors: Record<string, string>;
    fans: Record<string, { shape: number[]; fan_in: number; fan_out: number }>;
    fan_errors: Record<string, string>;
    'eye_(3,5)': number[][];
    dirac_: Record<string, { shape: number[]; groups: number; nonzero_indices: number[][]; sum: number }>;
    sparse_: { shape: number[]; sparsity: number; zeros_per_column: number[] };
    draws_256x512_seed0: Record<string, Record<string, number | boolean | number[]>>;
    default_module_init: Record<string, Record<string, unknown>>;
  };
}
const ref = readReference<TorchRef>('pytorch-init-values.json').pytorch;

describe('calculateGain (pytorch-init-values.json pytorch.calculate_gain)', () => {
  const args: Record<string, [string, number?]> = {
    'leaky_relu(param=0)': ['leaky_relu', 0],
    'leaky_relu(param=0.2)': ['leaky_relu', 0.2],
    'leaky_relu(param=sqrt(5))': ['leaky_relu', Math.sqrt(5)],
  };
  for (const [key, expected] of Object.entries(ref.calculate_gain)) {
    it(`${key} = ${expected}`, () => {
      const [nl, param] = args[key] ?? [key];
      assert.equal(calculateGain(nl, param), expected);
    });
  }
  it('ignores param for every nonlinearity but leaky_relu', () => {
    assert.equal(calculateGain('relu', 0.3), Math.SQRT2);
    assert.equal(calculateGain('tanh', true), 5 / 3);
  });
  it('refuses unsupported nonlinearities (calculate_gain_errors.gelu, .silu)', () => {
    for (const nl of ['gelu', 'silu', 'elu', 'RELU']) {
      assert.throws(() => calculateGain(nl), (e: unknown) => e instanceof UsageError && e.message === `Unsupported nonlinearity ${nl}`);
    }
    assert.match(ref.calculate_gain_errors['gelu']!, /Unsupported nonlinearity gelu/);
  });
  it("refuses a boolean or string slope for leaky_relu (calculate_gain_errors['leaky_relu(param=True)'], [\"leaky_relu(param='0.1')\"])", () => {
    assert.throws(() => calculateGain('leaky_relu', true), /negative_slope true not a valid number/);
    assert.throws(() => calculateGain('leaky_relu', '0.1'), (e: unknown) => e instanceof Error && e.message === 'negative_slope 0.1 not a valid number');
    assert.equal(ref.calculate_gain_errors["leaky_relu(param='0.1')"], 'ValueError: negative_slope 0.1 not a valid number');
  });
});

describe('PyTorch fans (pytorch.fans, pytorch.fan_errors)', () => {
  for (const [key, f] of Object.entries(ref.fans)) {
    it(`${key} → fan_in ${f.fan_in}, fan_out ${f.fan_out}`, () => {
      const init = resolveInit('torch:kaiming_normal');
      assert.deepEqual(fansFor(init.definition, f.shape, init.params), { fanIn: f.fan_in, fanOut: f.fan_out });
      assert.deepEqual(initialize(init, f.shape, new DefaultRandom(1)).fanIn, f.fan_in);
    });
  }
  it('refuses tensors with fewer than 2 dimensions for fan-based inits (fan_errors["(5,)"])', () => {
    for (const name of ['torch:kaiming_normal', 'torch:kaiming_uniform', 'torch:xavier_uniform', 'torch:xavier_normal', 'torch:orthogonal']) {
      assert.throws(() => initialize(name, [5], new DefaultRandom(1)), (e: unknown) => e instanceof UsageError && /accepts 2-D to 8-D/.test(e.message), name);
    }
    assert.match(ref.fan_errors['(5,)']!, /fewer than 2 dimensions/);
  });
  it('elementwise inits accept vectors', () => {
    for (const name of ['torch:uniform', 'torch:normal', 'torch:trunc_normal', 'torch:constant', 'torch:ones', 'torch:zeros']) {
      assert.equal(initialize(name, [7], new DefaultRandom(1)).values.length, 7);
    }
  });
});

describe('PyTorch structured inits', () => {
  it("eye on (3, 5) equals pytorch['eye_(3,5)'], and 3-D is refused (eye_3d_error)", () => {
    assert.deepEqual(Array.from(initialize('torch:eye', [3, 5], new DefaultRandom(1)).values), ref['eye_(3,5)'].flat());
    assert.throws(() => initialize('torch:eye', [3, 3, 3], new DefaultRandom(1)), /accepts 2-D tensors/);
  });
  for (const [key, d] of Object.entries(ref.dirac_)) {
    it(`dirac ${key}: ones exactly at pytorch.dirac_ nonzero_indices`, () => {
      const t = initialize(`torch:dirac:groups=${d.groups}`, d.shape, new DefaultRandom(1));
      const strides = d.shape.map((_, i) => d.shape.slice(i + 1).reduce((a, b) => a * b, 1));
      const expected = new Float64Array(t.values.length);
      for (const idx of d.nonzero_indices) expected[idx.reduce((s, v, i) => s + v * strides[i]!, 0)] = 1;
      assert.deepEqual(t.values, expected);
      assert.equal(t.values.reduce((a, b) => a + b, 0), d.sum);
    });
  }
  it('dirac refuses 2-D and out channels not divisible by groups', () => {
    assert.throws(() => initialize('torch:dirac', [4, 4], new DefaultRandom(1)), /accepts 3-D to 5-D/);
    assert.throws(() => initialize('torch:dirac:groups=3', [4, 2, 3, 3], new DefaultRandom(1)), /divisible by groups/);
  });
  it('sparse refuses 3-D (sparse_.error_for_3d)', () => {
    assert.throws(() => initialize('torch:sparse', [4, 4, 4], new DefaultRandom(1)), (e: unknown) => e instanceof UsageError);
  });
  it('constant, ones, zeros fill (pytorch.constant)', () => {
    assert.ok(initialize('torch:constant:val=0.3', [4, 4], new DefaultRandom(1)).values.every((v) => v === 0.3));
    assert.ok(initialize('torch:ones', [2, 2], new DefaultRandom(1)).values.every((v) => v === 1));
    assert.ok(initialize('torch:zeros', [2, 2], new DefaultRandom(1)).values.every((v) => v === 0));
  });
  it('trunc_normal and uniform refuse inverted bounds', () => {
    assert.throws(() => initialize('torch:trunc_normal:a=1:b=-1', [4, 4], new DefaultRandom(1)), /a=1 must be < b=-1/);
    assert.throws(() => initialize('torch:uniform:a=1:b=0', [4, 4], new DefaultRandom(1)), /must be ≤/);
  });
});

describe('PyTorch module defaults (pytorch.default_module_init)', () => {
  const bound = (spec: string, shape: number[]) => describeInit(resolveInit(spec), shape).description.bounds![1];
  it('Linear(512, 256): U(±1/√512) (nn.Linear(512,256).weight.expected_bound)', () => {
    const w = ref.default_module_init['nn.Linear(512,256)']!['weight'] as Record<string, number>;
    assert.ok(Math.abs(bound('torch:linear_default', [256, 512]) - w['expected_bound']!) < 1e-16);
  });
  it('Conv2d(32, 64, 3) bound 1/√288; grouped fan_in 72; ConvTranspose2d uses out·k² = 576', () => {
    const conv = ref.default_module_init['nn.Conv2d(32,64,3)']!['weight'] as Record<string, number>;
    assert.ok(Math.abs(bound('torch:conv_default', [64, 32, 3, 3]) - conv['expected_bound']!) < 1e-16);
    const grouped = ref.default_module_init['nn.Conv2d(32,64,3,groups=4)']!['weight'] as Record<string, number>;
    assert.ok(Math.abs(bound('torch:conv_default', [64, 8, 3, 3]) - grouped['expected_bound']!) < 1e-16);
    const transposed = ref.default_module_init['nn.ConvTranspose2d(32,64,3)']!['weight'] as Record<string, number>;
    assert.ok(Math.abs(bound('torch:conv_default', [32, 64, 3, 3]) - transposed['expected_bound']!) < 1e-16);
  });
  it("linear_default's variance is 1/6 of He normal's (nn.Linear(512,256).variance_ratio_vs_he_normal)", () => {
    const ratio = ref.default_module_init['nn.Linear(512,256)']!['variance_ratio_vs_he_normal'] as number;
    const lin = initialize('torch:linear_default', [256, 512], new DefaultRandom(21));
    const he = initialize('torch:kaiming_normal', [256, 512], new DefaultRandom(22));
    assert.ok(Math.abs((lin.expectedStd / he.expectedStd) ** 2 - ratio) < 1e-15);
    // Sampled: the ratio of sample variances within 6 standard errors (delta method on both).
    const a = moments(lin.values);
    const b = moments(he.values);
    const r = (a.std / b.std) ** 2;
    const se = r * 2 * Math.sqrt((a.seStd / a.std) ** 2 + (b.seStd / b.std) ** 2);
    assert.ok(Math.abs(r - ratio) < 6 * se, `sample variance ratio ${r} vs ${ratio} (6 SE = ${6 * se})`);
    assert.ok(lin.description.notes.some((n) => n.includes('1/6')));
  });
  it('measured PyTorch draws agree with the closed forms used (draws_256x512_seed0 expected_std / expected_bound)', () => {
    const d = ref.draws_256x512_seed0;
    const std = (spec: string) => describeInit(resolveInit(spec), [256, 512]).description.actualStd;
    assert.ok(Math.abs(std('torch:kaiming_normal') - (d['kaiming_normal_ (defaults: a=0, fan_in, leaky_relu)']!['expected_std'] as number)) < 1e-17);
    assert.ok(Math.abs(std('torch:kaiming_normal:mode=fan_out:nonlinearity=relu') - (d['kaiming_normal_(mode=fan_out, nonlinearity=relu)']!['expected_std'] as number)) < 1e-17);
    assert.ok(Math.abs(std('torch:kaiming_normal:nonlinearity=tanh') - (d['kaiming_normal_(nonlinearity=tanh)']!['expected_std'] as number)) < 1e-16);
    assert.ok(Math.abs(std('torch:xavier_normal') - (d['xavier_normal_ (gain=1)']!['expected_std'] as number)) < 1e-17);
    const b = (spec: string) => describeInit(resolveInit(spec), [256, 512]).description.bounds![1];
    // PyTorch computes the bound as √3·(gain·√(2/(fan_in+fan_out))); the reference as √(6/…): 1-ulp apart.
    const close = (a: number, e: number) => assert.ok(Math.abs(a - e) <= 4e-16 * e, `${a} vs ${e}`);
    close(b('torch:kaiming_uniform'), d['kaiming_uniform_ (defaults)']!['expected_bound'] as number);
    close(b('torch:xavier_uniform'), d['xavier_uniform_ (gain=1)']!['expected_bound'] as number);
    close(b('torch:kaiming_uniform:a=2.23606797749979'), d['kaiming_uniform_(a=sqrt(5)) (nn.Linear default)']!['expected_bound'] as number);
  });
});

describe('PyTorch describe() notes', () => {
  it("trunc_normal's bounds are absolute: std=0.02 cuts at ±100σ", () => {
    const d = describeInit(resolveInit('torch:trunc_normal:std=0.02'), [256, 512]).description;
    assert.deepEqual(d.bounds, [-2, 2]);
    assert.equal(d.parentStd, 0.02);
    assert.ok(d.notes.some((n) => n.includes('absolute')) && d.notes.some((n) => n.includes('untruncated')));
    assert.ok(Math.abs(d.actualStd - 0.02) < 1e-15);
  });
  it('kaiming_normal is untruncated and says so; defaults explain the leaky_relu slope', () => {
    const d = describeInit(resolveInit('torch:kaiming_normal'), [256, 512]).description;
    assert.equal(d.bounds, undefined);
    assert.ok(d.notes.some((n) => n.includes('untruncated')));
    assert.ok(d.notes.some((n) => n.includes('0.01')));
  });
  it('kaiming parameters are validated from the parameter list', () => {
    assert.throws(() => resolveInit('torch:kaiming_normal:mode=fan_avg'), /parameter 'mode' must be one of 'fan_in', 'fan_out', got 'fan_avg'\./);
    assert.throws(() => resolveInit('torch:kaiming_normal:nonlinearity=gelu'), /one of/);
    assert.equal(getInitializer('torch:kaiming_normal').layout, 'out-in');
  });
});
