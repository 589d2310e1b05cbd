// Sweep throughput (issue 10, item 4), timed as whole `initlab sweep` processes:
//
// 1. W1 overhead: examples/deep-relu-30-moons.yaml reduced to its one run (he, lr 0.003, one seed):
//    the process's wall time over the record's `seconds` (target ≤ 1.2×). The difference is what a
//    sweep costs beyond training: Node and module start-up, the worker thread, data and weights,
//    writing the records and the summary.
// 2. Scaling: the deep study (30 hidden ReLU layers of width 64 on moons, momentum, batch 64) as 8
//    runs — he and N(0, 0.01²) × lr 0.001 and 0.003 × 2 seeds — at 1 and 2 workers (target ≥ 1.8×).
//    Every repetition measures both, interleaved, so that a load spike from other processes hits
//    both alike; the spread over the repetitions is printed with the median.
// 3. Beside each scaling measurement, what the machine gives right then: the same fixed
//    floating-point loop in 1 and in 2 threads at once. On a shared machine the second core is
//    often busy elsewhere; the sweep cannot scale better than this ("machine" column), and its
//    scaling over the machine's is the sweep's own efficiency.
//
// Also printed: the sum of the records' `seconds` at 1 and 2 workers. Runs that take longer with 2
// workers point at contention (other processes, shared caches, memory bandwidth); a gap between
// wall time and seconds/workers points at start-up or idle workers.
//
// Run after a build: `npm run bench` (or `node bench/sweep-scaling.mjs [--json] [--reps N]
// [--iterations N] [--w1-iterations N]`; the smaller iteration counts are for a quick look only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { benchArgs } from './args.mjs';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const { flag, whole: intArg } = benchArgs();
const json = flag('--json');
const REPS = intArg('--reps', 3);
const ITERATIONS = intArg('--iterations', 500);
const W1_ITERATIONS = intArg('--w1-iterations', 2000);

const deep = (iterations, grid) => `name: bench-deep
base:
  data: { name: moons, seed: 0, samples: 500, noise: 0.1 }
  network: { activation: relu }
  training: { optimizer: momentum, batchSize: 64, iterations: ${iterations}, logEvery: 250 }
grid:
${grid}
  depth: [30]
  width: [64]
`;
const W1_SPEC = deep(W1_ITERATIONS, '  inits: [he]\n  learningRate: [0.003]\n  seeds: 1');
const STUDY_SPEC = deep(ITERATIONS, '  inits: [he, "random:scale=0.01"]\n  learningRate: [0.001, 0.003]\n  seeds: 2');
const STUDY_RUNS = 8;

/** One `initlab sweep` process: its wall time and the records' seconds. */
function sweep(spec, workers) {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-bench-sweep-'));
  try {
    writeFileSync(join(dir, 'spec.yaml'), spec);
    const out = join(dir, 'out');
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'sweep', join(dir, 'spec.yaml'), '--out', out, '--workers', String(workers), '--json'], { encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`initlab sweep failed: ${r.stderr}`);
    const seconds = readFileSync(join(out, 'runs.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l).seconds);
    return { wall, seconds: seconds.reduce((a, b) => a + b, 0), runs: seconds.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A fixed floating-point loop (a few hundred ms), in `threads` worker threads at once: the wall time.
const LOOP = `(async () => {
  const { parentPort } = await import('node:worker_threads');
  let x = 0.5, s = 0;
  for (let i = 0; i < 3e8; i++) { x = x * 1.0000001 + 1e-9; s += x; }
  parentPort.postMessage(s);
})();`;
async function loopWall(threads) {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const w = new Worker(LOOP, { eval: true });
      w.once('message', () => void w.terminate().then(resolve));
      w.once('error', reject);
    })),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}
/** The speed 2 threads get over 1 right now: 2 × (one thread's time) / (two threads' time). */
async function machineScaling() {
  const one = await loopWall(1);
  const two = await loopWall(2);
  return (2 * one) / two;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

const w1 = [];
const reps = [];
for (let rep = 0; rep < REPS; rep++) {
  if (rep < 2) w1.push(sweep(W1_SPEC, 1));
  const machine = await machineScaling();
  const one = sweep(STUDY_SPEC, 1);
  const two = sweep(STUDY_SPEC, 2);
  if (one.runs !== STUDY_RUNS || two.runs !== STUDY_RUNS) throw new Error(`expected ${STUDY_RUNS} runs, got ${one.runs} and ${two.runs}`);
  // busy: the share of the workers' time spent in runs (Σ seconds / (workers × wall)); the rest is start-up and idle workers.
  reps.push({ machine, one, two, scaling: one.wall / two.wall, efficiency: one.wall / two.wall / machine, busy1: one.seconds / one.wall, busy2: two.seconds / (2 * two.wall) });
}
const w1Best = w1.reduce((a, b) => (a.wall / a.seconds <= b.wall / b.seconds ? a : b));
const result = {
  w1: { iterations: W1_ITERATIONS, wall: w1Best.wall, seconds: w1Best.seconds, overhead: w1Best.wall / w1Best.seconds, statistic: `best of ${w1.length}` },
  study: {
    runs: STUDY_RUNS,
    iterations: ITERATIONS,
    repetitions: reps.map((r) => ({
      workers1: { wall: r.one.wall, runsPerSecond: STUDY_RUNS / r.one.wall, sumSeconds: r.one.seconds, busy: r.busy1 },
      workers2: { wall: r.two.wall, runsPerSecond: STUDY_RUNS / r.two.wall, sumSeconds: r.two.seconds, busy: r.busy2 },
      scaling: r.scaling,
      machineScaling: r.machine,
    })),
    scaling: { median: median(reps.map((r) => r.scaling)), min: Math.min(...reps.map((r) => r.scaling)), max: Math.max(...reps.map((r) => r.scaling)) },
    machineScaling: { median: median(reps.map((r) => r.machine)), min: Math.min(...reps.map((r) => r.machine)), max: Math.max(...reps.map((r) => r.machine)) },
  },
};
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const o = result.w1;
  process.stdout.write(`W1 sweep (deep-relu-30-moons, one run, ${o.iterations} updates), ${o.statistic}: wall ${o.wall.toFixed(2)} s, record's seconds ${o.seconds.toFixed(2)} s, wall/seconds ${o.overhead.toFixed(3)}× (target ≤ 1.2×)\n`);
  process.stdout.write(`Deep study, ${STUDY_RUNS} runs of 30×64 ReLU, ${ITERATIONS} updates each, 1 vs 2 workers (${REPS} repetitions):\n`);
  process.stdout.write('  rep | 1 worker: wall, runs/s, Σ seconds, busy | 2 workers: wall, runs/s, Σ seconds, busy | scaling | machine | sweep/machine\n');
  reps.forEach((r, i) => {
    const cell = (x, busy) => `${x.wall.toFixed(1).padStart(6)} s ${(STUDY_RUNS / x.wall).toFixed(3)} ${x.seconds.toFixed(1).padStart(6)} s ${(100 * busy).toFixed(0).padStart(3)}%`;
    process.stdout.write(`  ${String(i + 1).padStart(3)} | ${cell(r.one, r.busy1)}          | ${cell(r.two, r.busy2)}           | ${r.scaling.toFixed(2)}×   | ${r.machine.toFixed(2)}×   | ${(100 * r.efficiency).toFixed(0)}%\n`);
  });
  process.stdout.write('  (busy: Σ seconds / (workers × wall), the workers\' time spent training; Σ seconds growing with 2 workers = runs slowed by contention)\n');
  const s = result.study;
  process.stdout.write(`  scaling 2 vs 1 workers: median ${s.scaling.median.toFixed(2)}× (${spread(reps.map((r) => r.scaling))}); the machine gave ${s.machineScaling.median.toFixed(2)}× (${spread(reps.map((r) => r.machine))}) (target ≥ 1.8×; 2× on 2 free cores)\n`);
}
