// Sweep throughput at 1 and 2 worker threads: the same 16 independent runs, timed as whole
// `initlab sweep` processes, best of 2. Prints runs per second and the scaling ratio.
// Run after a build: `npm run bench` (or `node bench/sweep-scaling.mjs [--json]`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const json = process.argv.includes('--json');
const SPEC = `name: bench-sweep-scaling
base:
  data: { name: circles, seed: 1, samples: 300, noise: 0.05 }
  network: { hidden: [10, 5], activation: relu }
  training: { optimizer: sgd, learningRate: 0.05, iterations: 3000, logEvery: 500 }
grid:
  inits: [he, xavier, "random:scale=1", orthogonal]
  seeds: 4
`;
const RUNS = 16;

function timeSweep(workers) {
  let best = Infinity;
  for (let rep = 0; rep < 2; rep++) {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-bench-sweep-'));
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'sweep', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--workers', String(workers), '--json'], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`initlab sweep failed: ${r.stderr}`);
    best = Math.min(best, seconds);
  }
  return best;
}

const one = timeSweep(1);
const two = timeSweep(2);
const result = {
  runs: RUNS,
  statistic: 'best of 2 whole-process times',
  workers1: { seconds: one, runsPerSecond: RUNS / one },
  workers2: { seconds: two, runsPerSecond: RUNS / two },
  scaling: one / two,
};
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(`Sweep of ${RUNS} runs (course net on circles, 3000 iterations each), ${result.statistic}:\n`);
  process.stdout.write(`  1 worker : ${one.toFixed(2)} s, ${result.workers1.runsPerSecond.toFixed(2)} runs/s\n`);
  process.stdout.write(`  2 workers: ${two.toFixed(2)} s, ${result.workers2.runsPerSecond.toFixed(2)} runs/s\n`);
  process.stdout.write(`  scaling 2 vs 1 workers: ${result.scaling.toFixed(2)}× (ideal 2× on 2 free cores)\n`);
}
