// Sweeps on a queue (issue 13, item 5): runs per second of one `initlab sweep --queue` coordinator
// with 1, 2 and 4 `initlab worker` processes (--concurrency 1 each), all on this host. Processes
// on one host stand in for machines: what is measured is the queue's overhead (BullMQ round trips,
// collecting records, worker start-up) and how the work spreads, on however many cores this
// machine lets the workers have.
//
// Each measurement: a fresh redis-server on a free 127.0.0.1 port (append-only file on, as in
// production), a fresh sweep folder, the workers started together with the coordinator; the time
// is the coordinator's wall time, from its start to its exit with every record written. Default
// BullMQ and poll timings (nothing shortened).
//
// Run after a build: `npm run bench` (or `node bench/queue-scaling.mjs [--json] [--runs N]
// [--iterations N] [--reps N]`). Needs /usr/bin/redis-server (apt-get install -y redis-server).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const REDIS = '/usr/bin/redis-server';
const { flag, whole: intArg } = benchArgs();
const json = flag('--json');
const SEEDS = intArg('--runs', 24) / 2;
const ITERATIONS = intArg('--iterations', 1000);
const REPS = intArg('--reps', 1);
const WORKERS = [1, 2, 4];
if (!existsSync(REDIS)) {
  process.stderr.write(`queue-scaling: ${REDIS} is missing; install it with: apt-get install -y redis-server\n`);
  process.exit(2);
}

const SPEC = `name: bench-queue
base:
  data: { name: circles, seed: 1, samples: 200, noise: 0.1 }
  network: { hidden: [16, 16], activation: tanh }
  training: { optimizer: sgd, learningRate: 0.3, iterations: ${ITERATIONS}, logEvery: 250 }
grid:
  inits: [xavier, he]
  seeds: ${Math.ceil(SEEDS)}
`;
const RUNS = 2 * Math.ceil(SEEDS);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const canConnect = (port) =>
  new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' });
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
const exited = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

async function measure(workers) {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-queue-bench-'));
  const port = await freePort();
  const redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
  try {
    while (!(await canConnect(port))) await sleep(20);
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    const url = `redis://127.0.0.1:${port}`;
    const t0 = performance.now();
    const coordinator = spawn(process.execPath, [cli, 'sweep', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--queue', url, '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    coordinator.stderr.on('data', (d) => (err += d));
    const ws = Array.from({ length: workers }, () => spawn(process.execPath, [cli, 'worker', '--queue', url], { stdio: 'ignore' }));
    const code = await exited(coordinator);
    const wall = (performance.now() - t0) / 1000;
    for (const w of ws) w.kill('SIGTERM');
    await Promise.all(ws.map(exited));
    if (code !== 0) throw new Error(`coordinator exited with ${code}: ${err}`);
    const records = readFileSync(join(dir, 'out', 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    if (new Set(records.map((r) => r.id)).size !== RUNS) throw new Error(`expected ${RUNS} records, got ${records.length}`);
    const seconds = records.reduce((a, r) => a + r.seconds, 0);
    const pids = new Set(records.map((r) => r.worker.pid)).size;
    return { workers, wall, runsPerSecond: RUNS / wall, trainingSeconds: seconds, workersUsed: pids };
  } finally {
    redis.kill('SIGTERM');
    await exited(redis);
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (let rep = 0; rep < REPS; rep++) for (const w of WORKERS) results.push(await measure(w));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = WORKERS.map((w) => {
  const mine = results.filter((r) => r.workers === w);
  return { workers: w, runsPerSecond: median(mine.map((r) => r.runsPerSecond)), wall: median(mine.map((r) => r.wall)), trainingSeconds: median(mine.map((r) => r.trainingSeconds)), workersUsed: Math.min(...mine.map((r) => r.workersUsed)) };
});
if (json) {
  process.stdout.write(JSON.stringify({ runs: RUNS, iterations: ITERATIONS, reps: REPS, cores: availableParallelism(), rows }, null, 2) + '\n');
} else {
  process.stdout.write(`queue scaling: ${RUNS} runs (circles, 16x16 tanh, ${ITERATIONS} iterations), ${availableParallelism()} cores, median of ${REPS}\n`);
  process.stdout.write('worker processes | wall (s) | runs/s | vs 1 | sum of run seconds | workers that ran jobs\n');
  const base = rows[0].runsPerSecond;
  for (const r of rows) {
    process.stdout.write(`${String(r.workers).padStart(16)} | ${r.wall.toFixed(2).padStart(8)} | ${r.runsPerSecond.toFixed(2).padStart(6)} | ${(r.runsPerSecond / base).toFixed(2).padStart(4)}× | ${r.trainingSeconds.toFixed(1).padStart(18)} | ${r.workersUsed}\n`);
  }
}
