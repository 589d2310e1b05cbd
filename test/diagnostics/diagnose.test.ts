import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, histogramSpan, type Diagnosis } from '../../src/diagnostics/diagnose.js';
import { signalSample } from '../../src/diagnostics/signalSample.js';
import { layerStatistics, moments } from '../../src/diagnostics/statistics.js';
import { registerAllInitializers } from '../../src/init/frameworks/index.js';
import { initializeDenseNetwork, resolveInit } from '../../src/init/index.js';
import { DefaultRandom } from '../../src/random/index.js';

/*
 * diagnose() at sizes that take about a second each (width 256, depth 6, batch 500; the issue's
 * 512 × 10 × 1000 takes ≈ 15 s per init on this machine, so its full-size check is
 * examples/diagnose-done-when.mjs, whose output the README shows). Expected values are closed forms
 * (ReLU), an independent trapezoid integral of the tanh variance map, or statistical bounds.
 */
registerAllInitializers();

const WIDTH = 256;
const DEPTH = 6;
const BATCH = 500;
const OPTIONS = { hidden: Array<number>(DEPTH).fill(WIDTH), inputDim: WIDTH, batch: BATCH, seed: 0 };

const cache = new Map<string, Diagnosis>();
function run(init: string, activation: 'tanh' | 'relu'): Diagnosis {
  const key = `${init}|${activation}`;
  let d = cache.get(key);
  if (!d) cache.set(key, (d = diagnose(init, { ...OPTIONS, activation })));
  return d;
}

const within = (actual: number, expected: number, rel: number, what: string): void =>
  assert.ok(Math.abs(actual / expected - 1) <= rel, `${what}: ${actual} not within ${100 * rel}% of ${expected}`);

/** E_z[tanh²(√q z)] by the trapezoid rule, h = 1e-3 on [−10, 10] (geometrically convergent for this analytic, decaying integrand). */
function tanhMeanSquare(q: number): number {
  const h = 1e-3;
  const s = Math.sqrt(q);
  let t = 0;
  for (let i = -10000; i <= 10000; i++) {
    const z = i * h;
    t += Math.tanh(s * z) ** 2 * Math.exp(-0.5 * z * z);
  }
  return (t * h) / Math.sqrt(2 * Math.PI);
}

describe('diagnose: theory beside measurement', () => {
  it('ReLU: predicted q^l and gradient variances follow the closed forms (He: constant; xavier: halving)', () => {
    const he = run('he', 'relu');
    const xavier = run('xavier', 'relu');
    // q¹ = σ_w²·mean(x²) with mean(x²) of 128 000 N(0, 1) draws: 1 ± 0.4% (1 sd).
    within(he.layers[0]!.predictedPreVar!, 2, 0.02, 'He q¹');
    within(xavier.layers[0]!.predictedPreVar!, 1, 0.02, 'xavier q¹');
    const q1 = he.layers[0]!.predictedPreVar!;
    const x1 = xavier.layers[0]!.predictedPreVar!;
    for (const l of he.layers) assert.ok(Math.abs(l.predictedPreVar! / q1 - 1) < 1e-9, `He q^${l.layer} = q¹ (σ_w²/2 = 1)`);
    for (const l of xavier.layers) assert.ok(Math.abs(l.predictedPreVar! / (x1 / 2 ** (l.layer - 1)) - 1) < 1e-9, `xavier q^${l.layer} = q¹/2^(l−1)`);
    // Backward: Var ∂L/∂Z_L = E[relu'²]/m² = 1/(2m²), then ×(σ_w²/2) per layer down.
    const vL = 1 / (2 * BATCH * BATCH);
    for (const l of he.layers) assert.ok(Math.abs(l.predictedGradVar! / vL - 1) < 1e-9, `He grad var at ${l.layer}`);
    for (const l of xavier.layers) assert.ok(Math.abs(l.predictedGradVar! / (vL / 2 ** (DEPTH - l.layer)) - 1) < 1e-9, `xavier grad var at ${l.layer}`);
  });

  it('ReLU: over seeds, the measured variance averages to q^l exactly (a martingale), within 4 standard errors', () => {
    // Given layer l − 1, E_W[mean Z_l²] = σ_w²·mean(A_{l−1}²), and a symmetric W makes E[relu(z)²] = E[z²]/2, so
    // E[measured variance of Z_l] = q^l in every layer for He; one seed's ratio wanders by ≈ 10–20% at this size.
    const seeds = 16;
    const ratios = Array.from({ length: seeds }, (_, seed) =>
      diagnose('he', { hidden: [128, 128, 128, 128, 128, 128], inputDim: 128, batch: 200, seed, activation: 'relu', histogramSamples: 8 }).layers.map(
        (l) => (l.preStd * l.preStd) / l.predictedPreVar!,
      ));
    for (let l = 0; l < 6; l++) {
      const r = ratios.map((x) => x[l]!);
      const mean = r.reduce((a, b) => a + b, 0) / seeds;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (seeds - 1));
      assert.ok(Math.abs(mean - 1) <= 4 * (sd / Math.sqrt(seeds)), `layer ${l + 1}: mean ${mean} ± ${sd / Math.sqrt(seeds)}`);
    }
  });

  it('ReLU measured beside theory at seed 0: within 25%, post std ≈ 0.83 under He', () => {
    // The issue's tolerance. One seed's ratio wanders with depth (over 10 seeds of the 512-wide, 10-layer net the
    // seed-to-seed sd is ≈ 13% at layer 10, and 2 seeds go beyond 25% somewhere; examples/diagnose-done-when.mjs),
    // so this checks one seed against the issue's number, not a bound every seed meets; the seed average above is the sharp check.

    for (const d of [run('he', 'relu'), run('xavier', 'relu')]) {
      for (const l of d.layers) {
        within(l.preStd, Math.sqrt(l.predictedPreVar!), 0.25, `${d.init.name} layer ${l.layer} forward`);
        within(l.gradStd, Math.sqrt(l.predictedGradVar!), 0.25, `${d.init.name} layer ${l.layer} backward`);
      }
    }
    // std(relu(z)) for z ~ N(0, q): √(q/2 − q/(2π)); He keeps q = 2: 0.826.
    for (const l of run('he', 'relu').layers) within(l.postStd, Math.sqrt(1 - 1 / Math.PI), 0.25, `He post std at ${l.layer}`);
    // Xavier halves q per layer: the std shrinks by 1/√2 per layer, on average over the 5 steps within 8%.
    const x = run('xavier', 'relu').layers;
    within(Math.pow(x[DEPTH - 1]!.preStd / x[0]!.preStd, 1 / (DEPTH - 1)), Math.SQRT1_2, 0.08, 'xavier per-layer factor');
  });

  it('tanh: measured std within 5% of the variance map iterated by an independent integral; xavier decays slowly, N(0, 0.01²) collapses', () => {
    const qs = new Map<string, number[]>();
    for (const [init, sigmaW2] of [['xavier', 1], ['random:scale=0.01', 1e-4 * WIDTH], ['random:scale=1', WIDTH]] as const) {
      const d = run(init, 'tanh');
      let q = d.layers[0]!.predictedPreVar!;
      within(q, sigmaW2, 0.02, `${init} q¹ = σ_w²·mean(x²)`);
      const seq: number[] = [];
      for (const l of d.layers) {
        seq.push(q);
        within(l.predictedPreVar!, q, 1e-7, `${init} predicted q^${l.layer}`);
        // At width 256 each layer's weights move the variance by ≈ 0.6% (1 sd), compounding over 6 layers.
        within(l.preStd, Math.sqrt(q), 0.05, `${init} layer ${l.layer} measured`);
        q = sigmaW2 * tanhMeanSquare(q);
      }
      qs.set(init, seq);
    }
    // Per-layer factor of the std over layers 1 → 6. Xavier (σ_w² = 1): q^{l+1} ≈ q^l − 2(q^l)² once q is small, a
    // power-law decay (the integral gives ×0.80 per layer here); N(0, 0.01²): ×σ_w = 0.16 per layer, exponential.
    const factor = (v: readonly number[]) => Math.pow(v[DEPTH - 1]! / v[0]!, 1 / (DEPTH - 1));
    for (const init of ['xavier', 'random:scale=0.01']) {
      const expected = Math.sqrt(factor(qs.get(init)!));
      within(factor(run(init, 'tanh').layers.map((l) => l.preStd)), expected, 0.02, `${init} per-layer factor`);
    }
    within(Math.sqrt(factor(qs.get('random:scale=0.01')!)), 0.01 * Math.sqrt(WIDTH), 0.01, 'N(0, 0.01²): tanh linear near 0');
    assert.ok(Math.sqrt(factor(qs.get('xavier')!)) > 0.75, 'xavier decays slowly');
  });

  it('meanfield init with σ_b² > 0: q^l adds σ_b² per layer (independent integral) and the measured std follows within 5%', () => {
    // σ_w² = 1.5, σ_b² = 0.05 (Schoenholz et al.'s ordered side): q¹ = σ_w²·mean(x²) + σ_b², q^{l+1} = σ_w² E[tanh²(√q^l z)] + σ_b².
    const d = diagnose('meanfield:sigmaW2=1.5:sigmaB2=0.05', { ...OPTIONS, activation: 'tanh' });
    const q1 = d.layers[0]!.predictedPreVar!;
    within(q1, 1.5 + 0.05, 0.02, 'q¹ = σ_w²·E[x²] + σ_b²');
    let q = q1;
    for (const l of d.layers) {
      within(l.predictedPreVar!, q, 1e-6, `q^${l.layer} (trapezoid)`);
      within(l.preStd, Math.sqrt(q), 0.05, `measured pre std at layer ${l.layer}`);
      q = 1.5 * tanhMeanSquare(q) + 0.05;
    }
    // Without biases the same σ_w² gives a smaller q: σ_b² really enters.
    const noBias = diagnose('meanfield:sigmaW2=1.5', { ...OPTIONS, activation: 'tanh' });
    assert.ok(noBias.layers[DEPTH - 1]!.predictedPreVar! < d.layers[DEPTH - 1]!.predictedPreVar! - 0.01);
  });

  it('tanh backward: measured std of ∂L/∂Z within 5% of the mean-field prediction', () => {
    for (const init of ['xavier', 'random:scale=0.01', 'random:scale=1']) {
      for (const l of run(init, 'tanh').layers) within(l.gradStd, Math.sqrt(l.predictedGradVar!), 0.05, `${init} layer ${l.layer} backward`);
    }
  });
});

describe('diagnose: histograms', () => {
  it('every histogram holds units × samples entries; tanh activations on [−1, 1]; relu has ≈ half its entries exactly 0', () => {
    for (const d of [run('xavier', 'tanh'), run('he', 'relu')]) {
      assert.equal(d.histogramSamples, 256);
      for (const l of d.layers) {
        for (const h of [l.histograms.pre, l.histograms.post, l.histograms.grad]) {
          assert.equal(h.counts.length, 40);
          assert.equal(h.counts.reduce((a, b) => a + b, 0) + h.below + h.above + h.nonFinite, WIDTH * 256);
        }
      }
    }
    const t = run('xavier', 'tanh').layers[0]!.histograms.post;
    assert.deepEqual([t.edges[0], t.edges[40]], [-1, 1]);
    // P(z ≤ 0) = 1/2 for each entry; 65 536 entries (correlated across the units of a sample only through
    // weights' O(1/√256) overlaps): 2% is more than 4 standard deviations.
    for (const l of run('he', 'relu').layers) {
      const share = l.exactZeros.post / (WIDTH * 256);
      assert.ok(Math.abs(share - 0.5) < 0.02, `layer ${l.layer}: ${share} of relu outputs are 0`);
      assert.equal(l.exactZeros.pre, 0);
    }
  });

  it('signalSample reproduces layerStatistics: on the whole batch the same stds, on fewer samples the same leading columns', () => {
    const sizes = [16, 12, 12, 8];
    const m = 40;
    const rng = new DefaultRandom(5);
    const x = Float64Array.from({ length: 16 * m }, () => rng.standardNormal());
    const p = initializeDenseNetwork(resolveInit('xavier'), sizes, new DefaultRandom(6), 6);
    for (const act of ['tanh', 'relu'] as const) {
      const stats = layerStatistics(p, sizes, act, x, m, { errorSeed: 9 });
      const full = signalSample(p, sizes, act, x, m, m, 9);
      const part = signalSample(p, sizes, act, x, m, 7, 9);
      for (let l = 0; l < 3; l++) {
        const s = stats.layers[l]!;
        assert.ok(Math.abs(moments(full[l]!.pre).std / s.pre.std - 1) < 1e-12);
        assert.ok(Math.abs(moments(full[l]!.post).std / s.post.std - 1) < 1e-12);
        assert.ok(Math.abs(moments(full[l]!.grad).std / s.gradZStd - 1) < 1e-12);
        for (let i = 0; i < sizes[l + 1]!; i++) {
          for (let j = 0; j < 7; j++) {
            assert.equal(part[l]!.pre[i * 7 + j], full[l]!.pre[i * m + j]);
            assert.equal(part[l]!.grad[i * 7 + j], full[l]!.grad[i * m + j]);
          }
        }
      }
    }
  });

  it('histogramSpan: fixed for bounded activations, mean ± 4 std clipped to the data otherwise, symmetric for Z and ∂L/∂Z', () => {
    const m = (mean: number, std: number, min: number, max: number) => ({ mean, std, min, max });
    assert.deepEqual(histogramSpan('post', 'tanh', [m(0, 0.5, -1, 1)]), [-1, 1]);
    assert.deepEqual(histogramSpan('post', 'sigmoid', [m(0.5, 0.1, 0, 1)]), [0, 1]);
    const near = (got: [number, number], want: [number, number]) => assert.ok(Math.abs(got[0] - want[0]) < 1e-12 && Math.abs(got[1] - want[1]) < 1e-12, `${got} vs ${want}`);
    // relu: lo = max(min, mean − 4 std) = 0 in both layers; hi = the larger of min(5, 0.6 + 4) and min(1.5, 0.3 + 2).
    near(histogramSpan('post', 'relu', [m(0.6, 1, 0, 5), m(0.3, 0.5, 0, 1.5)]), [0, 4.6]);
    // ∂L/∂Z: layer spans [−2e-3, 4e-3] and [−4e-4, 4e-4], made symmetric about 0.
    near(histogramSpan('grad', 'relu', [m(0, 1e-3, -2e-3, 5e-3), m(0, 1e-4, -1e-3, 1e-3)]), [-4e-3, 4e-3]);
    // All zero (zeros init), or nothing finite: a unit span rather than an empty one.
    assert.deepEqual(histogramSpan('pre', 'tanh', [m(0, 0, 0, 0)]), [-1, 1]);
    assert.deepEqual(histogramSpan('grad', 'tanh', [m(Number.NaN, Number.NaN, Number.NaN, Number.NaN)]), [-1, 1]);
  });
});
