import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialize, resolveInit } from '../../../src/init/index.js';
import { DefaultRandom } from '../../../src/random/xoshiro.js';
import { type Dist, assertDistribution, closedForm, Phi } from './stats.js';

/*
 * Every random framework initializer on a large seeded sample (131 072 values, 147 456 for conv) against
 * the closed form of the spec (docs/reference/initializers.md): mean and std within 6 standard errors
 * (the std's from the 4th moment), support never left, and a Kolmogorov–Smirnov statistic below the
 * α = 0.001 critical value for the target CDF. Dense shapes have fan_in 512 and fan_out 256 in every layout:
 * PyTorch (out, in) = (256, 512); Keras, TF.js, JAX (in, out) = (512, 256).
 */

const OI = [256, 512];
const IO = [512, 256];
const FAN_IN = 512;
const FAN_OUT = 256;
const AVG = (FAN_IN + FAN_OUT) / 2;
// Std of N(0, 1) truncated to (−2, 2), from the test's own erf.
const C = Math.sqrt(1 - (4 * Math.exp(-2)) / Math.sqrt(2 * Math.PI) / (Phi(2) - Phi(-2)));

const N = (std: number, mean = 0): Dist => ({ kind: 'normal', mean, std });
const U = (low: number, high: number): Dist => ({ kind: 'uniform', low, high });
const Usym = (limit: number): Dist => U(-limit, limit);
/** Truncated at mean ± 2·parent. */
const T2 = (parent: number, mean = 0): Dist => ({ kind: 'truncnorm', mean, std: parent, low: mean - 2 * parent, high: mean + 2 * parent });
/** ±2σ truncation with the Keras/JAX correction: the values have std √v. */
const T2corrected = (v: number): Dist => T2(Math.sqrt(v) / C);
const TA = (mean: number, std: number, low: number, high: number): Dist => ({ kind: 'truncnorm', mean, std, low, high });

interface Case {
  spec: string;
  shape: number[];
  dist: Dist;
}

const CASES: Case[] = [
  // PyTorch (torch/nn/init.py)
  { spec: 'torch:uniform', shape: OI, dist: U(0, 1) },
  { spec: 'torch:uniform:a=-3:b=2', shape: OI, dist: U(-3, 2) },
  { spec: 'torch:normal', shape: OI, dist: N(1) },
  { spec: 'torch:normal:mean=1:std=2', shape: OI, dist: N(2, 1) },
  { spec: 'torch:trunc_normal', shape: OI, dist: TA(0, 1, -2, 2) },
  { spec: 'torch:trunc_normal:std=0.02:a=-0.04:b=0.04', shape: OI, dist: TA(0, 0.02, -0.04, 0.04) },
  { spec: 'torch:trunc_normal:mean=1:std=1:a=0:b=3', shape: OI, dist: TA(1, 1, 0, 3) },
  { spec: 'torch:trunc_normal:std=0.02', shape: OI, dist: TA(0, 0.02, -2, 2) },
  { spec: 'torch:trunc_normal:mean=3:std=0.5:a=4:b=5', shape: OI, dist: TA(3, 0.5, 4, 5) },
  { spec: 'torch:xavier_uniform', shape: OI, dist: Usym(Math.sqrt(6 / (FAN_IN + FAN_OUT))) },
  { spec: 'torch:xavier_uniform:gain=1.4142135623730951', shape: OI, dist: Usym(0.125) },
  { spec: 'torch:xavier_normal', shape: OI, dist: N(Math.sqrt(2 / (FAN_IN + FAN_OUT))) },
  { spec: 'torch:kaiming_uniform', shape: OI, dist: Usym(Math.sqrt(6 / FAN_IN)) },
  { spec: 'torch:kaiming_uniform:a=0.2', shape: OI, dist: Usym(Math.sqrt(3) * Math.sqrt(2 / 1.04) / Math.sqrt(FAN_IN)) },
  { spec: 'torch:kaiming_normal', shape: OI, dist: N(Math.sqrt(2 / FAN_IN)) },
  { spec: 'torch:kaiming_normal:mode=fan_out:nonlinearity=relu', shape: OI, dist: N(Math.sqrt(2 / FAN_OUT)) },
  { spec: 'torch:kaiming_normal:nonlinearity=tanh', shape: OI, dist: N(5 / 3 / Math.sqrt(FAN_IN)) },
  { spec: 'torch:linear_default', shape: OI, dist: Usym(1 / Math.sqrt(FAN_IN)) },
  { spec: 'torch:conv_default', shape: [64, 32, 3, 3], dist: Usym(1 / Math.sqrt(288)) },
  // Keras 3 (keras/src/initializers/random_initializers.py)
  { spec: 'keras:variance_scaling', shape: IO, dist: T2corrected(1 / FAN_IN) },
  { spec: 'keras:variance_scaling:distribution=normal:mode=fan_out:scale=3', shape: IO, dist: T2corrected(3 / FAN_OUT) },
  { spec: 'keras:variance_scaling:distribution=untruncated_normal:mode=fan_avg:scale=2', shape: IO, dist: N(Math.sqrt(2 / AVG)) },
  { spec: 'keras:variance_scaling:distribution=uniform:mode=fan_out', shape: IO, dist: Usym(Math.sqrt(3 / FAN_OUT)) },
  { spec: 'keras:glorot_uniform', shape: IO, dist: Usym(Math.sqrt(6 / (FAN_IN + FAN_OUT))) },
  { spec: 'keras:glorot_normal', shape: IO, dist: T2corrected(1 / AVG) },
  { spec: 'keras:he_uniform', shape: IO, dist: Usym(Math.sqrt(6 / FAN_IN)) },
  { spec: 'keras:he_normal', shape: IO, dist: T2corrected(2 / FAN_IN) },
  { spec: 'keras:lecun_uniform', shape: IO, dist: Usym(Math.sqrt(3 / FAN_IN)) },
  { spec: 'keras:lecun_normal', shape: IO, dist: T2corrected(1 / FAN_IN) },
  { spec: 'keras:he_normal', shape: [3, 3, 32, 64], dist: T2corrected(2 / 288) },
  { spec: 'keras:truncated_normal', shape: IO, dist: T2(0.05) },
  { spec: 'keras:truncated_normal:mean=0.5:stddev=0.1', shape: IO, dist: T2(0.1, 0.5) },
  { spec: 'keras:random_normal', shape: IO, dist: N(0.05) },
  { spec: 'keras:random_uniform', shape: IO, dist: U(-0.05, 0.05) },
  { spec: 'keras:random_uniform:minval=0:maxval=1', shape: IO, dist: U(0, 1) },
  { spec: 'keras:dense_default', shape: IO, dist: Usym(Math.sqrt(6 / (FAN_IN + FAN_OUT))) },
  // TF.js (tfjs-layers/src/initializers.ts): 'normal' is truncated at ±2√v and NOT corrected.
  { spec: 'tfjs:varianceScaling', shape: IO, dist: T2(Math.sqrt(1 / FAN_IN)) },
  { spec: 'tfjs:varianceScaling:distribution=truncatedNormal', shape: IO, dist: Usym(Math.sqrt(3 / FAN_IN)) },
  { spec: 'tfjs:varianceScaling:mode=fanAvg:distribution=uniform:scale=3', shape: IO, dist: Usym(Math.sqrt(9 / AVG)) },
  { spec: 'tfjs:glorotUniform', shape: IO, dist: Usym(Math.sqrt(6 / (FAN_IN + FAN_OUT))) },
  { spec: 'tfjs:glorotNormal', shape: IO, dist: T2(Math.sqrt(1 / AVG)) },
  { spec: 'tfjs:heNormal', shape: IO, dist: T2(Math.sqrt(2 / FAN_IN)) },
  { spec: 'tfjs:heUniform', shape: IO, dist: Usym(Math.sqrt(6 / FAN_IN)) },
  { spec: 'tfjs:leCunNormal', shape: IO, dist: T2(Math.sqrt(1 / FAN_IN)) },
  { spec: 'tfjs:leCunUniform', shape: IO, dist: Usym(Math.sqrt(3 / FAN_IN)) },
  { spec: 'tfjs:heNormal', shape: [2, 2, 2, 2, 2, 2], dist: T2(Math.sqrt(2 / 8)) }, // rank 6: fan_in = √64
  { spec: 'tfjs:truncatedNormal', shape: IO, dist: T2(0.05) },
  { spec: 'tfjs:randomNormal', shape: IO, dist: N(0.05) },
  { spec: 'tfjs:randomNormal:stddev=0', shape: IO, dist: N(0.05) }, // `||` default
  { spec: 'tfjs:randomUniform', shape: IO, dist: U(-0.05, 0.05) },
  { spec: 'tfjs:randomUniform:minval=0:maxval=1', shape: IO, dist: U(-0.05, 1) }, // `||` default
  { spec: 'tfjs:dense_default', shape: IO, dist: T2(Math.sqrt(1 / AVG)) },
  // JAX (jax/_src/nn/initializers.py), Flax
  { spec: 'jax:variance_scaling', shape: IO, dist: T2corrected(1 / FAN_IN) },
  { spec: 'jax:variance_scaling:mode=fan_geo_avg:distribution=normal', shape: IO, dist: N(Math.sqrt(1 / Math.sqrt(FAN_IN * FAN_OUT))) },
  { spec: 'jax:variance_scaling:distribution=uniform:mode=fan_avg:scale=2', shape: IO, dist: Usym(Math.sqrt(6 / AVG)) },
  { spec: 'jax:he_normal', shape: IO, dist: T2corrected(2 / FAN_IN) },
  { spec: 'jax:he_normal:in_axis=-1:out_axis=-2', shape: IO, dist: T2corrected(2 / FAN_OUT) },
  { spec: 'jax:he_uniform', shape: IO, dist: Usym(Math.sqrt(6 / FAN_IN)) },
  { spec: 'jax:glorot_normal', shape: IO, dist: T2corrected(1 / AVG) },
  { spec: 'jax:glorot_uniform', shape: IO, dist: Usym(Math.sqrt(6 / (FAN_IN + FAN_OUT))) },
  { spec: 'jax:lecun_normal', shape: IO, dist: T2corrected(1 / FAN_IN) },
  { spec: 'jax:lecun_uniform', shape: IO, dist: Usym(Math.sqrt(3 / FAN_IN)) },
  { spec: 'jax:normal', shape: IO, dist: N(0.01) },
  { spec: 'jax:uniform', shape: IO, dist: U(0, 0.01) },
  { spec: 'jax:truncated_normal', shape: IO, dist: T2(0.01) },
  { spec: 'jax:truncated_normal:stddev=0.5:lower=-1:upper=3', shape: IO, dist: TA(0, 0.5, -0.5, 1.5) },
  { spec: 'jax:dense_default', shape: IO, dist: T2corrected(1 / FAN_IN) },
];

describe('random framework initializers: moments, support and KS vs the closed form (n = 131 072)', () => {
  CASES.forEach((c, i) => {
    const want = closedForm(c.dist);
    it(`${c.spec} on ${c.shape.join('x')}: ${c.dist.kind}, std ${want.std.toPrecision(5)}`, () => {
      const t = initialize(c.spec, c.shape, new DefaultRandom(1000 + i));
      assertDistribution(t.values, c.dist, c.spec);
      // expectedStd and describe().actualStd are the std the samples really have (1e-10: the test's erf
      // series loses ~1e-13 absolutely in the tails, which a truncated moment amplifies).
      assert.ok(Math.abs(t.expectedStd - want.std) <= 1e-10 * want.std, `${c.spec}: expectedStd ${t.expectedStd} vs ${want.std}`);
      assert.ok(Math.abs(t.description.actualStd - want.std) <= 1e-10 * want.std, `${c.spec}: actualStd ${t.description.actualStd}`);
      if (c.dist.kind !== 'normal') {
        const bounds = t.description.bounds;
        assert.ok(bounds, `${c.spec}: describe() gives bounds`);
        assert.ok(Math.abs(bounds[0] - c.dist.low) < 1e-15 + 1e-12 * Math.abs(c.dist.low) && Math.abs(bounds[1] - c.dist.high) < 1e-15 + 1e-12 * Math.abs(c.dist.high), `${c.spec}: bounds ${bounds.join(', ')}`);
      }
      if (c.dist.kind === 'truncnorm') assert.ok(Math.abs(t.description.parentStd! - c.dist.std) <= 1e-12 * c.dist.std, `${c.spec}: parentStd`);
    });
  });
});

describe('torch:sparse (torch/nn/init.py sparse_, pytorch-init-values.json pytorch.sparse_)', () => {
  it('(10, 6), sparsity 0.3: exactly ceil(0.3·10) = 3 zeros in every column (sparse_.zeros_per_column)', () => {
    const t = initialize('torch:sparse:sparsity=0.3', [10, 6], new DefaultRandom(5));
    for (let c = 0; c < 6; c++) {
      let zeros = 0;
      for (let r = 0; r < 10; r++) if (t.values[r * 6 + c] === 0) zeros++;
      assert.equal(zeros, 3);
    }
  });
  it('(256, 512), sparsity 0.9: 231 zeros per column, the rest N(0, 0.01²) by KS', () => {
    const t = initialize('torch:sparse:sparsity=0.9', OI, new DefaultRandom(6));
    const nonzero: number[] = [];
    for (let c = 0; c < 512; c++) {
      let zeros = 0;
      for (let r = 0; r < 256; r++) {
        const v = t.values[r * 512 + c]!;
        if (v === 0) zeros++;
        else nonzero.push(v);
      }
      assert.equal(zeros, Math.ceil(0.9 * 256));
    }
    assertDistribution(nonzero, N(0.01), 'torch:sparse non-zeros');
    assert.ok(Math.abs(t.expectedStd - 0.01 * Math.sqrt(25 / 256)) < 1e-15);
  });
});

describe('draw order', () => {
  it('same seed ⇒ torch:kaiming_normal = std × torch:normal draws exactly (spec §1.3 normal_)', () => {
    const a = initialize('torch:kaiming_normal', [16, 512], new DefaultRandom(9)).values;
    const b = initialize('torch:normal', [16, 512], new DefaultRandom(9)).values;
    assert.deepEqual(Array.from(a), Array.from(b).map((z) => z * Math.sqrt(2 / 512)));
  });
  it('resolveInit + initialize is deterministic for a seed', () => {
    const spec = resolveInit('jax:he_normal');
    assert.deepEqual(initialize(spec, [64, 32], new DefaultRandom(3)).values, initialize(spec, [64, 32], new DefaultRandom(3)).values);
  });
});
