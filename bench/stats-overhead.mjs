// What recording per-layer statistics at statsEvery 100 costs (issue 10, item 1: ≤ 3% on the course
// net). Two paths, each run with and without statistics, interleaved, best (minimum) of N of the
// run's own recorded `seconds` (the training loop, stats records included; process start, data
// and kernel compilation excluded), so that other load on a shared machine hits both sides alike:
//   compare: `initlab compare --inits he` (the course net on the course engine, 15000 updates);
//   sweep:   one run of the general trainer on a course-like config (circles, [10, 5] ReLU, SGD, full batch).
// Run after a build: `npm run bench`, or `node bench/stats-overhead.mjs [--runs N] [--json]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const runsAt = args.indexOf('--runs');
const N = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const EVERY = 100;

function cliRun(argv) {
  const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`initlab ${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function compareSeconds(stats) {
  const doc = JSON.parse(cliRun(['compare', '--inits', 'he', '--workers', '1', '--json', ...(stats ? ['--stats-every', String(EVERY)] : [])]));
  return doc.runs[0].seconds;
}

const ITERATIONS = 5000;
function sweepSeconds(stats) {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-bench-stats-'));
  try {
    const training = `{ optimizer: sgd, learningRate: 0.05, iterations: ${ITERATIONS}, logEvery: 1000${stats ? `, statsEvery: ${EVERY}` : ''} }`;
    writeFileSync(join(dir, 'spec.yaml'), `name: bench-stats\nbase:\n  data: { name: circles, seed: 1 }\n  network: { hidden: [10, 5], activation: relu }\n  init: he\n  training: ${training}\ngrid:\n  seeds: 1\n`);
    cliRun(['sweep', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--workers', '1', '--json']);
    return JSON.parse(readFileSync(join(dir, 'out', 'runs.jsonl'), 'utf8').trim().split('\n')[0]).seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(fn) {
  let off = Infinity;
  let on = Infinity;
  for (let i = 0; i < N; i++) {
    off = Math.min(off, fn(false));
    on = Math.min(on, fn(true));
  }
  return { offSeconds: off, onSeconds: on, overheadPercent: (on / off - 1) * 100 };
}

const result = {
  statsEvery: EVERY,
  statistic: `minimum of ${N} interleaved runs of the run's recorded seconds`,
  compare: { iterations: 15000, records: 15000 / EVERY + 1, ...measure(compareSeconds) },
  sweep: { iterations: ITERATIONS, records: ITERATIONS / EVERY + 1, ...measure(sweepSeconds) },
};
for (const k of ['compare', 'sweep']) result[k].microsecondsPerRecord = ((result[k].onSeconds - result[k].offSeconds) / result[k].records) * 1e6;
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(`Layer statistics at statsEvery ${EVERY}, ${result.statistic}:\n`);
  for (const [k, label] of [['compare', 'compare --inits he (course engine, 15000 updates)'], ['sweep', `sweep run, course-like config (${ITERATIONS} updates)`]]) {
    const r = result[k];
    // Under load the difference can come out negative: print its sign as it is.
    const sign = r.overheadPercent >= 0 ? '+' : '';
    process.stdout.write(`  ${label}: ${r.offSeconds.toFixed(3)} s without, ${r.onSeconds.toFixed(3)} s with: ${sign}${r.overheadPercent.toFixed(1)}% (${r.microsecondsPerRecord.toFixed(0)} µs per record)\n`);
  }
}
