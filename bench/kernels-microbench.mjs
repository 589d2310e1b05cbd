// Quick timing of the training kernels (not a test): train(15000, 0.01) on the course's network
// [2, 10, 5, 1] with 300 samples, for both backends; best of several runs. Two initializations:
// He-like (randn·sqrt(2/fanIn)) and the course's "large random" randn·10, whose output
// pre-activations reach |z| in the thousands, so that most sigmoids are saturated.
// Then the output layer alone: a [1, 1] network whose z = x, held fixed (learning rate 0), with
// |z| <= 3 (no saturation) and |z| <= 3000 (most sigmoids saturated, half of them past exp's
// overflow), where the cost of the sigmoid's saturated path shows directly.
// Run: npm run build:wasm && node --import tsx bench/kernels-microbench.mjs [iterations] [repeats] [he|x10|both]
import { createEngine, wasmSimdAvailable } from '../src/kernels/index.ts';
import { mulberry32 } from './mulberry32.mjs';

const iterations = Number(process.argv[2] ?? 15000);
const repeats = Number(process.argv[3] ?? 5);
const which = process.argv[4] ?? 'both';
const sizes = [2, 10, 5, 1];
const m = 300;

const uniform = mulberry32(2024);
const randn = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

const x = Float64Array.from({ length: 2 * m }, () => (uniform() * 2 - 1) * 1.2);
const y = Float64Array.from({ length: m }, (_, s) => (x[s] ** 2 + x[m + s] ** 2 < 0.7 ? 1 : 0));
// The same normals for both initializations, scaled differently; biases zero as in the course.
const normals = [];
for (let l = 1; l < sizes.length; l++) normals.push(Float64Array.from({ length: sizes[l] * sizes[l - 1] }, randn));
const biases = sizes.slice(1).map((n) => new Float64Array(n));
const inits = {
  he: normals.map((w, l) => w.map((v) => v * Math.sqrt(2 / sizes[l]))),
  x10: normals.map((w) => w.map((v) => v * 10)),
};
let macs = 0;
for (let l = 1; l < sizes.length; l++) macs += sizes[l] * sizes[l - 1] * m * (l > 1 ? 3 : 2);

function best(fn, times = repeats) {
  let t = Infinity;
  for (let r = 0; r < times; r++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

const backends = wasmSimdAvailable() ? ['wasm', 'js'] : ['js'];
for (const init of which === 'both' ? ['he', 'x10'] : [which]) {
  const weights = inits[init];
  if (weights === undefined) throw new Error(`unknown initialization ${init} (he, x10 or both)`);
  for (const backend of backends) {
    const engine = createEngine(backend, sizes, x, y, m);
    engine.setParameters({ weights, biases });
    const a = engine.forward();
    const saturated = a.filter((v) => v === 0 || v === 1).length;
    const run = (n) => () => {
      engine.setParameters({ weights, biases });
      engine.train(n, 0.01);
    };
    // The JS fallback is ~10× slower: fewer repeats.
    const t = best(run(iterations), backend === 'js' ? Math.min(repeats, 2) : repeats);
    console.log(
      `${init.padEnd(3)} ${backend.padEnd(4)} train(${iterations}): ${t.toFixed(3)} s, ` +
        `${((t / (iterations * macs)) * 1e9).toFixed(3)} ns/MAC (${macs} MACs/iteration; ` +
        `${saturated}/${m} outputs saturated at the start)`,
    );
    if (backend === 'wasm') {
      engine.setParameters({ weights, biases });
      const fwd = best(() => { for (let i = 0; i < iterations; i++) engine.forward(); });
      const grad = best(() => { for (let i = 0; i < iterations; i++) engine.gradients(); });
      console.log(`         forward() ×${iterations}: ${fwd.toFixed(3)} s; gradients() ×${iterations}: ${grad.toFixed(3)} s (both include copying results out)`);
    }
    engine.dispose();
  }
}

// The output layer alone: per-iteration microseconds for 300 samples.
for (const backend of backends) {
  const row = [];
  for (const spread of [3, 3000]) {
    const z = Float64Array.from({ length: m }, () => (uniform() * 2 - 1) * spread);
    const engine = createEngine(backend, [1, 1], z, y, m);
    engine.setParameters({ weights: [Float64Array.of(1)], biases: [Float64Array.of(0)] });
    const n = backend === 'js' ? iterations : iterations * 4;
    const t = best(() => engine.train(n, 0));
    row.push(`|z| <= ${spread}: ${((t / n) * 1e6).toFixed(2)} µs`);
    engine.dispose();
  }
  console.log(`sig ${backend.padEnd(4)} output layer alone, train(n, 0) per iteration: ${row.join(', ')}`);
}
