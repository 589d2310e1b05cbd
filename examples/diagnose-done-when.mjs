// Issue 5's "Done when" for `initlab diagnose`, at the issue's size: 10 hidden layers of width 512 on
// 1000 standard-normal 512-wide inputs (seed 0, the CLI's default). Each measured number is printed
// beside the mean-field prediction and a closed form where one exists, and checked against the issue's
// tolerances: tanh within 2% of theory in every layer; for ReLU, whose measured std wanders from theory with
// depth (the issue: a seed-to-seed spread of 5–12% at width 512, hence its ~25%), the spread and the
// mean over 10 seeds are checked, and each seed's worst layer is reported.
// About 15 s per network on one core, 16 networks: run `npm run build:ts && node examples/diagnose-done-when.mjs`.
// Exits 1 if a check fails.
import { diagnose, formatInitSpec } from '../dist/index.js';

const OPTIONS = { hidden: Array(10).fill(512), inputDim: 512, batch: 1000, seed: 0 };
const g = (x, d = 4) => {
  if (x === null) return '—';
  const r = Number(x.toPrecision(d));
  return r !== 0 && Math.abs(r) < 1e-3 ? x.toExponential(d - 1) : r.toString();
};
let failures = 0;
function check(ok, text) {
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
  if (!ok) failures++;
}
const rel = (a, b) => Math.abs(a / b - 1);

function show(init, activation) {
  const t0 = Date.now();
  const d = diagnose(init, { ...OPTIONS, activation });
  console.log(`\n${activation} · ${formatInitSpec(d.init)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log('  layer   pre std    √q^l (theory)  Δ        post std   grad std   predicted');
  for (const l of d.layers) {
    const p = l.predictedPreVar === null ? null : Math.sqrt(l.predictedPreVar);
    const pg = l.predictedGradVar === null ? null : Math.sqrt(l.predictedGradVar);
    const delta = p ? `${(100 * (l.preStd / p - 1)).toFixed(2).replace(/^-0\.00$/, '0.00')}%` : '—';
    console.log(`  ${String(l.layer).padStart(5)}   ${g(l.preStd).padEnd(9)}  ${g(p).padEnd(13)}  ${delta.padEnd(7)}  ${g(l.postStd).padEnd(9)}  ${g(l.gradStd).padEnd(9)}  ${g(pg)}`);
  }
  console.log(`  verdicts: ${d.verdicts.map((v) => v.kind).join(', ') || 'none'}`);
  return d;
}
const worst = (d) => Math.max(...d.layers.map((l) => rel(l.preStd, Math.sqrt(l.predictedPreVar))));
const perLayer = (d) => Math.pow(d.layers[9].preStd / d.layers[0].preStd, 1 / 9);

// tanh
const small = show('random:scale=0.01', 'tanh');
// Linear regime: std_l = (σ_w·√fan_in)^l · √mean(x²), σ_w·√512 = 0.2263: 3.5e-7 at layer 10.
check(small.layers[9].preStd > 2e-7 && small.layers[9].preStd < 5e-7, `N(0, 0.01²): layer-10 std ${g(small.layers[9].preStd)} ≈ 3e-7 (closed form ${g(Math.pow(0.01 * Math.sqrt(512), 10))})`);
check(worst(small) < 0.02, `N(0, 0.01²): every layer within 2% of theory (worst ${(100 * worst(small)).toFixed(2)}%)`);
check(small.verdicts.some((v) => v.kind === 'vanishing'), 'N(0, 0.01²) flagged vanishing');

const big = show('random:scale=1', 'tanh');
// σ_z ≈ √512 = 22.6: std(tanh z) = √(1 − E[sech² z]) ≈ √(1 − 2/(σ_z √(2π))) = 0.982.
check(big.layers.every((l) => Math.abs(l.postStd - 0.98) < 0.01), `N(0, 1): post-activation std ${g(Math.min(...big.layers.map((l) => l.postStd)), 3)}…${g(Math.max(...big.layers.map((l) => l.postStd)), 3)} ≈ 0.98 in every layer`);
check(worst(big) < 0.02, `N(0, 1): every layer within 2% of theory (worst ${(100 * worst(big)).toFixed(2)}%)`);
check(big.verdicts.some((v) => v.kind === 'saturated'), 'N(0, 1) tanh flagged saturated');

for (const init of ['xavier', 'keras:lecun_normal']) {
  const d = show(init, 'tanh');
  // σ_w² = 1: q^{l+1} ≈ q^l − 2(q^l)² once q is small, a power-law decay: the std loses less than a factor 10 over
  // the 9 layers, where N(0, 0.01²) loses a factor 10⁶ (×0.23 per layer).
  const drop = d.layers[0].preStd / d.layers[9].preStd;
  const predictedDrop = Math.sqrt(d.layers[0].predictedPreVar / d.layers[9].predictedPreVar);
  check(drop > 1 && drop < 10 && rel(drop, predictedDrop) < 0.02, `${init}: decays slowly, layer 1 → 10 std ÷${g(drop, 3)} (theory ÷${g(predictedDrop, 3)}; N(0, 0.01²): ÷${g(1 / Math.pow(perLayer(small), 9), 3)})`);
  check(worst(d) < 0.02, `${init}: every layer within 2% of theory (worst ${(100 * worst(d)).toFixed(2)}%)`);
}

const zeros = show('zeros', 'tanh');
check(zeros.verdicts.some((v) => v.kind === 'symmetry'), 'zeros flagged symmetric');

// relu, inputs N(0, 1)
const he = show('he', 'relu');
// q = 2 in every layer; std(relu z) for z ~ N(0, q) = √(q(π − 1)/(2π)) = 0.826.
const heStd = Math.sqrt((2 * (Math.PI - 1)) / (2 * Math.PI));
const heWorst = he.layers.reduce((w, l) => (rel(l.postStd, heStd) > rel(w.postStd, heStd) ? l : w));
console.log(`  NOTE  seed 0: post-activation std ${g(Math.min(...he.layers.map((l) => l.postStd)), 3)}…${g(Math.max(...he.layers.map((l) => l.postStd)), 3)} (closed form ${g(heStd, 3)}), furthest at layer ${heWorst.layer}; forward std vs theory worst ${(100 * worst(he)).toFixed(1)}%`);

const xn = show('torch:xavier_normal', 'relu');
// σ_w² = 2/(fan_in + fan_out)·fan_in = 1: q halves per layer, the std shrinks ×1/√2 = 0.707.
check(rel(perLayer(xn), Math.SQRT1_2) < 0.05, `xavier_normal: std shrinks ×${g(perLayer(xn), 3)} per layer (1/√2 = 0.707)`);
// Same seed, same normal draws scaled by another constant: relu is homogeneous, so its ratios to theory are He's.
console.log(`  NOTE  xavier_normal vs theory, worst ${(100 * worst(xn)).toFixed(1)}% (the same draws as He's, rescaled)`);

// ReLU's measured std wanders from theory by a few percent per layer, and the wander accumulates with depth. Over
// seeds: (1) the mean of the measured variance is q^l exactly (given the layer below, E_W[Z²] = σ_w² mean(A²), and
// under a symmetric W, E[relu(z)²] = E[z²]/2), so its seed average must sit within sampling error of q^l = 2·mean(x²);
// (2) the spread of measured/theory std is what the issue quotes (5–12% at width 512).
const SEEDS = 10;
const ratios = [];
const worstBySeed = [];
const varRatios = [];
for (let seed = 0; seed < SEEDS; seed++) {
  const d = seed === 0 ? he : diagnose('he', { ...OPTIONS, seed, activation: 'relu' });
  ratios.push(d.layers.map((l) => l.preStd / Math.sqrt(l.predictedPreVar)));
  varRatios.push(d.layers.map((l) => (l.preStd * l.preStd) / l.predictedPreVar));
  worstBySeed.push(worst(d));
}
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
console.log(`\nrelu · he over seeds 0–${SEEDS - 1}`);
console.log('  layer   sd(measured/theory std)   mean(measured/theory variance) ± 3 s.e.');
let unbiased = true;
for (let l = 0; l < 10; l++) {
  const r = ratios.map((x) => x[l]);
  const v = varRatios.map((x) => x[l]);
  const se = sd(v) / Math.sqrt(SEEDS);
  if (Math.abs(mean(v) - 1) > 3 * se + 1e-3) unbiased = false;
  console.log(`  ${String(l + 1).padStart(5)}   ${`${(100 * sd(r)).toFixed(1)}%`.padEnd(24)}  ${mean(v).toFixed(3)} ± ${(3 * se).toFixed(3)}`);
}
check(unbiased, 'He: the measured variance averages to theory\'s q^l over the seeds, in every layer (within 3 standard errors)');
const sd10 = sd(ratios.map((x) => x[9]));
check(sd10 > 0.05 && sd10 < 0.2, `He: seed-to-seed spread of measured/theory at layer 10 is ${(100 * sd10).toFixed(1)}% (the issue: 5–12%)`);
const beyond = worstBySeed.map((w, s) => [s, w]).filter(([, w]) => w > 0.25);
console.log(`  NOTE  worst layer vs theory per seed: ${worstBySeed.map((w) => `${(100 * w).toFixed(0)}%`).join(', ')}; beyond 25%: ${beyond.length === 0 ? 'none' : beyond.map(([s]) => `seed ${s}`).join(', ')}`);

console.log(failures === 0 ? '\nall checks pass' : `\n${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
