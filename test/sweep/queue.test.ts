/*
 * Sweeps on a BullMQ queue (issue 13, items 1 and 2), end to end: the built CLI's coordinator
 * (`initlab sweep --queue`) and worker processes (`initlab worker`) against a real redis-server
 * that each test starts on a free 127.0.0.1 port (test/helpers/redisServer.ts), with faults made
 * for real: kill -9 of a worker mid-run and of the coordinator, a Redis restart, a run that throws,
 * bad URLs and passwords. Lock and stall intervals are shortened through the environment so that
 * a killed worker's job is back within seconds instead of BullMQ's default 30 s.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CLI, runCli } from '../helpers/cli.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redisServer.js';

const FAST = { INITLAB_QUEUE_LOCK_MS: '2000', INITLAB_QUEUE_STALLED_MS: '1000', INITLAB_QUEUE_POLL_MS: '100' };
const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-queue-'));

/** 2 inits × 3 seeds of a run that takes about half a second (long enough to be killed mid-run). */
const SPEC = `name: queue-test
base:
  data: { name: circles, seed: 1, samples: 200, noise: 0.1 }
  network: { hidden: [16, 16], activation: tanh }
  training: { optimizer: sgd, learningRate: 0.3, iterations: 1000, logEvery: 250 }
grid:
  inits: [xavier, he]
  seeds: 3
`;

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

function startCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Proc {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...FAST, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out + err)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; stdout: ${out}; stderr: ${err}`);
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}; stdout: ${out}; stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** Stops a worker the way an operator does (SIGTERM) once its sweep is done: it must exit 0. */
async function finish(p: Proc): Promise<void> {
  p.child.kill('SIGTERM');
  assert.equal(await p.exited, 0, p.out() + p.err());
}

const live: Proc[] = [];
const redises: TestRedis[] = [];
after(async () => {
  for (const p of live) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const r of redises) await r.close();
});

function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Proc {
  const p = startCli(args, options);
  live.push(p);
  return p;
}

async function redis(options: { password?: string } = {}): Promise<TestRedis> {
  const r = await startRedis(options);
  redises.push(r);
  return r;
}

function setup(spec = SPEC): { dir: string; spec: string; out: string } {
  const dir = tmp();
  writeFileSync(join(dir, 'spec.yaml'), spec);
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

const lines = (out: string) => readFileSync(join(out, 'runs.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
const ids = (out: string) => lines(out).map((l) => (JSON.parse(l) as { id: string }).id);
const manifestIds = (out: string) => (JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { ids: string[] }).ids;
const sweepId = (out: string) => (JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { queue: { sweep: string } }).queue.sweep;

/** A record line as a local sweep writes it: the seconds zeroed, the queue's `worker` object cut out (nothing else may differ). */
const comparable = (line: string) => line.replace(/"seconds":[-+.e\d]+/, '"seconds":0').replace(/,"worker":\{"host":"[^"]*","pid":\d+,"attempt":\d+\}/, '');

/** Exactly one line per run id of the manifest, no other. */
function assertComplete(out: string): void {
  const got = ids(out);
  assert.equal(new Set(got).size, got.length, `duplicate ids in runs.jsonl: ${got.join(' ')}`);
  assert.deepEqual([...got].sort(), [...manifestIds(out)].sort());
}

/** The folders hold exactly `names`, and the same bytes under each name. */
function assertSameFiles(got: string, want: string, names: readonly string[]): void {
  assert.deepEqual(readdirSync(got).sort(), [...names].sort());
  assert.deepEqual(readdirSync(want).sort(), [...names].sort());
  for (const name of names) assert.ok(readFileSync(join(got, name)).equals(readFileSync(join(want, name))), `${name} differs from the local sweep's`);
}

async function waitForFile(path: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForLines(out: string, n: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(join(out, 'runs.jsonl')) || lines(out).length < n) {
    if (Date.now() > deadline) throw new Error(`runs.jsonl did not reach ${n} lines`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ids a worker started and has not finished (from its log). */
function runningOn(p: Proc): string[] {
  const started = [...p.out().matchAll(/^([0-9a-f]{16}) started/gm)].map((m) => m[1]!);
  return started.filter((id) => !new RegExp(`^${id} (ok|diverged|failed)`, 'm').test(p.out()));
}

/** Waits until a job of the sweep (one running on `on`, if given) has reported progress, so that a kill lands mid-run. */
async function waitForRunningJob(r: TestRedis, out: string, on?: Proc): Promise<string> {
  await waitForFile(join(out, 'sweep.json'));
  const queue = new Queue(`initlab-sweep-${sweepId(out)}`, { connection: { host: '127.0.0.1', port: r.port } });
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      for (const job of await queue.getJobs(['active'])) {
        const p = job?.progress as { done?: number; total?: number } | undefined;
        // Early in the run (under half done), so that the kill lands before it ends.
        if (job?.id && p && typeof p.done === 'number' && typeof p.total === 'number' && p.done > 0 && p.done < p.total / 2 && (!on || runningOn(on).includes(job.id))) return job.id;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('no job started');
  } finally {
    await queue.close();
  }
}

describe('initlab sweep --queue / initlab worker (real redis-server)', { timeout: 300_000 }, () => {
  it('two worker processes, one killed with kill -9 mid-run: every run id once, records equal to a local sweep of the spec', async () => {
    const r = await redis();
    const { dir, spec, out } = setup();
    const local = await runCli(['sweep', spec, '--out', join(dir, 'local'), '--workers', '1']);
    assert.equal(local.code, 0, local.stderr);

    const coordinator = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const a = cli(['worker', '--queue', r.url]);
    const b = cli(['worker', '--queue', r.url]);
    await a.waitFor(/ ok in /);
    // A took its next job at once: kill it while that job is running.
    const victim = await waitForRunningJob(r, out, a);
    a.child.kill('SIGKILL');
    assert.equal(await coordinator.exited, 0, coordinator.err());
    await finish(b);
    assert.match(coordinator.out(), /6 runs done; records in/);

    assertComplete(out);
    const queued = lines(out).map(comparable).sort();
    const reference = lines(join(dir, 'local')).map(comparable).sort();
    assert.deepEqual(queued, reference);
    // Every record names its worker; at least one run was retried after A died (attempt 2, by B).
    const records = lines(out).map((l) => JSON.parse(l) as { id: string; worker: { host: string; pid: number; attempt: number } });
    for (const rec of records) assert.ok([a.child.pid, b.child.pid].includes(rec.worker.pid), JSON.stringify(rec.worker));
    const victimRecord = records.find((rec) => rec.id === victim)!;
    assert.equal(victimRecord.worker.pid, b.child.pid, 'the job running on the killed worker was finished by the other');
    assert.equal(victimRecord.worker.attempt, 2);
    // Stored parameters: the local sweep's files, bit for bit (the victim's from its second attempt).
    assertSameFiles(join(out, 'params'), join(dir, 'local', 'params'), ids(out).map((id) => `${id}.safetensors`));
  });

  it('early termination and saveInitial on the queue, the coordinator killed with kill -9 mid-rung and restarted: the local sweep\'s records, stopped runs, parameters and initial parameters, bit for bit', async () => {
    const r = await redis();
    // earlyStop.test.ts's sweep: six runs, hyperband min_iter 50, eta 3 over 300 updates (rungs at 50 and 150).
    const { dir, spec, out } = setup(`name: queue-rungs
method: list
base:
  data: { name: moons, seed: 2, samples: 120, noise: 0.2 }
  network: { hidden: [8, 8], activation: tanh }
  training: { optimizer: adam, learningRate: 0.01, iterations: 300, logEvery: 50, batchSize: 16 }
runs: [{ lr: 0.001 }, { lr: 0.003 }, { lr: 0.01 }, { lr: 0.03 }, { lr: 0.0003 }, { lr: 0.01, inits: xavier }]
metric: { name: testLoss, goal: minimize }
earlyStop: { type: hyperband, min_iter: 50, eta: 3 }
saveInitial: true
`);
    const local = await runCli(['sweep', spec, '--out', join(dir, 'local'), '--workers', '1']);
    assert.equal(local.code, 0, local.stderr);

    // Half of rung 50 trained (a worker that leaves after 3 jobs), its checkpoints kept; then the coordinator dies.
    const first = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const a = cli(['worker', '--queue', r.url, '--max-jobs', '3']);
    assert.equal(await a.exited, 0, a.err());
    assert.equal((a.out().match(/^[0-9a-f]{16}-0-50 started /gm) ?? []).length, 3, a.out());
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(out, 'checkpoints')) || readdirSync(join(out, 'checkpoints')).length < 3) {
      if (Date.now() > deadline) throw new Error('the coordinator did not store the 3 checkpoints');
      await new Promise((res) => setTimeout(res, 50));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(existsSync(join(out, 'runs.jsonl')) ? lines(out).length : 0, 0, 'no run has a record before its rung is decided');

    const second = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const b = cli(['worker', '--queue', r.url]);
    const c = cli(['worker', '--queue', r.url]);
    assert.equal(await second.exited, 0, second.err());
    assert.match(second.err(), /resuming sweep/);
    await finish(b);
    await finish(c);

    assertComplete(out);
    assert.deepEqual(lines(out).map(comparable).sort(), lines(join(dir, 'local')).map(comparable).sort());
    const statuses = lines(out).map((l) => (JSON.parse(l) as { status: string }).status).sort();
    assert.deepEqual(statuses, ['ok', 'stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    // No segment enqueued twice: 6 to rung 50 (3 of them before the kill), 2 from 50 to 150, 1 from 150 to its end.
    // (First attempts only: a job whose worker lost its lock under load may legitimately run again, as attempt 2.)
    const log = a.out() + b.out() + c.out();
    const firsts = (segment: string) => (log.match(new RegExp(`^[0-9a-f]{16}-${segment} in [\\d.]+ s \\(sweep [0-9a-f]{16}, attempt 1\\)$`, 'gm')) ?? []).length;
    assert.equal(firsts('0-50 paused at 50'), 6, log);
    assert.equal(firsts('50-150 paused at 150'), 2, log);
    assert.equal(firsts('150-end ok'), 1, log);
    const names = ids(out).flatMap((id) => [`${id}.safetensors`, `${id}.initial.safetensors`]);
    assertSameFiles(join(out, 'params'), join(dir, 'local', 'params'), names);
    assert.equal(existsSync(join(out, 'checkpoints')), false, 'no checkpoint left once every run has its record');
  });

  it('a worker killed mid-run alone: its job is retried after stall detection by a worker started later', async () => {
    const r = await redis();
    const { spec, out } = setup();
    const coordinator = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const a = cli(['worker', '--queue', r.url]);
    const victim = await waitForRunningJob(r, out);
    a.child.kill('SIGKILL');
    await a.exited;
    const b = cli(['worker', '--queue', r.url]);
    assert.equal(await coordinator.exited, 0, coordinator.err());
    await finish(b);
    assertComplete(out);
    const rec = lines(out).map((l) => JSON.parse(l) as { id: string; worker: { pid: number; attempt: number } }).find((x) => x.id === victim)!;
    assert.deepEqual([rec.worker.pid, rec.worker.attempt], [b.child.pid, 2]);
  });

  it('the coordinator killed with kill -9 and restarted: resumes its queue, collects the runs finished meanwhile, loses and repeats none', async () => {
    const r = await redis();
    const { spec, out } = setup();
    const first = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const w = cli(['worker', '--queue', r.url]);
    await waitForLines(out, 1);
    first.child.kill('SIGKILL');
    await first.exited;
    const collected = lines(out).length;
    const id = sweepId(out);
    // Runs finish while no coordinator is there: they wait in BullMQ's completed set.
    const doneBefore = (w.out().match(/ ok in /g) ?? []).length;
    await w.waitFor(new RegExp(`(?:[\\s\\S]* ok in ){${doneBefore + 2}}`));
    const second = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    assert.equal(await second.exited, 0, second.err());
    assert.match(second.err(), new RegExp(`resuming sweep ${id}`));
    assert.equal(sweepId(out), id);
    assertComplete(out);
    assert.ok(lines(out).length > collected);
    await finish(w);
    assert.equal((w.out().match(/ ok in /g) ?? []).length, 6, 'each run trained once');
  });

  it('Redis restarted mid-sweep (append-only file on): the sweep goes on to the end', async () => {
    const r = await redis();
    const { spec, out } = setup();
    const coordinator = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const w = cli(['worker', '--queue', r.url]);
    await waitForLines(out, 1);
    await r.stop();
    await new Promise((res) => setTimeout(res, 1000));
    await r.restart();
    assert.equal(await coordinator.exited, 0, coordinator.err());
    assertComplete(out);
    await finish(w);
  });

  it('Redis restarted with its data lost: the coordinator enqueues the missing runs again and the sweep ends complete', async () => {
    const r = await redis();
    const { spec, out } = setup();
    const coordinator = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const w = cli(['worker', '--queue', r.url]);
    await waitForLines(out, 1);
    await r.stop();
    rmSync(join(r.dir, 'appendonlydir'), { recursive: true, force: true });
    await r.restart();
    assert.equal(await coordinator.exited, 0, coordinator.err());
    assertComplete(out);
    await finish(w);
  });

  it('a run that throws is recorded as "status": "failed" with its error, once, and is not queued again', async () => {
    const r = await redis();
    // The coordinator's folder has data.csv; the worker runs elsewhere, where the file is missing.
    const spec = `name: failing
base:
  network: { hidden: [4], activation: relu }
  training: { optimizer: sgd, learningRate: 0.1, iterations: 50, logEvery: 25 }
grid:
  data: [{ name: circles, seed: 1, samples: 60 }, { name: csv, seed: 1, path: data.csv, label: y }]
  seeds: 2
`;
    const { dir, out } = setup(spec);
    writeFileSync(join(dir, 'data.csv'), 'a,b,y\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`).join('\n') + '\n');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const coordinator = cli(['sweep', 'spec.yaml', '--out', 'out', '--queue', r.url], { cwd: dir });
    const w = cli(['worker', '--queue', r.url], { cwd: elsewhere });
    assert.equal(await coordinator.exited, 0, coordinator.err());
    await finish(w);
    assertComplete(out);
    const records = lines(out).map((l) => JSON.parse(l) as { status: string; error?: string; config: { data: { name: string } }; worker: { attempt: number } });
    const failed = records.filter((x) => x.status === 'failed');
    assert.equal(failed.length, 2);
    for (const f of failed) {
      assert.equal(f.config.data.name, 'csv');
      assert.match(f.error!, /data\.csv/);
      assert.equal(f.worker.attempt, 1);
    }
    assert.match(coordinator.err(), /2 runs failed on a worker/);
    assert.equal((w.out().match(/ failed \(sweep/g) ?? []).length, 2, 'each failing run was tried once');
    // summarize reads the folder (failed runs left out); a second coordinator queues nothing.
    const s = await runCli(['summarize', out]);
    assert.equal(s.code, 0, s.stderr);
    const again = cli(['sweep', 'spec.yaml', '--out', 'out', '--queue', r.url], { cwd: dir });
    assert.equal(await again.exited, 0, again.err());
    assert.match(again.out(), /0 runs done \(4 finished earlier, skipped\)/);
  });

  it('with early termination, a run that throws at its first rung is recorded as failed, drops out of the race, and is not sent again', async () => {
    const r = await redis();
    // Rungs at 25 and 50 (hyperband, eta 2); the csv runs fail on the worker, which lacks data.csv.
    const spec = `name: failing-rungs
base:
  network: { hidden: [4], activation: relu }
  training: { optimizer: sgd, learningRate: 0.1, iterations: 100, logEvery: 25 }
grid:
  data: [{ name: circles, seed: 1, samples: 60 }, { name: csv, seed: 1, path: data.csv, label: y }]
  seeds: 2
metric: { name: trainLoss, goal: minimize }
earlyStop: { type: hyperband, min_iter: 25, eta: 2 }
`;
    const { dir, out } = setup(spec);
    writeFileSync(join(dir, 'data.csv'), 'a,b,y\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`).join('\n') + '\n');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const coordinator = cli(['sweep', 'spec.yaml', '--out', 'out', '--queue', r.url], { cwd: dir });
    const w = cli(['worker', '--queue', r.url], { cwd: elsewhere });
    assert.equal(await coordinator.exited, 0, coordinator.err());
    await finish(w);
    assertComplete(out);
    const records = lines(out).map((l) => JSON.parse(l) as { status: string; stoppedAt?: number; config: { data: { name: string } } });
    // The two circles runs report at rung 25: hyperband keeps ⌊2/2⌋ = 1, which goes on alone to its end.
    assert.deepEqual(records.map((x) => `${x.config.data.name} ${x.status}${x.stoppedAt !== undefined ? ` ${x.stoppedAt}` : ''}`).sort(), ['circles ok', 'circles stopped 25', 'csv failed', 'csv failed']);
    assert.match(coordinator.err(), /2 runs failed on a worker/);
    assert.equal((w.out().match(/-0-25 failed \(sweep/g) ?? []).length, 2, w.out());
    assert.equal((w.out().match(/ failed \(sweep/g) ?? []).length, 2, 'each failing run was tried once');
    assert.equal(existsSync(join(out, 'checkpoints')), false);
  });

  it('bad or unreachable URL, wrong password: one line, exit 2, within a few seconds, nothing written', async () => {
    const r = await redis({ password: 'right-password' });
    const { spec, out } = setup();
    const closed = await freePort();
    const cases: [string[], RegExp][] = [
      [['sweep', spec, '--out', out, '--queue', 'http://127.0.0.1:6379'], /--queue: expected redis:\/\//],
      [['sweep', spec, '--out', out, '--queue', `redis://127.0.0.1:${closed}`], /cannot reach Redis/],
      [['sweep', spec, '--out', out, '--queue', `redis://:wrong@127.0.0.1:${r.port}`], /refused the credentials/],
      [['sweep', spec, '--out', out, '--queue', `redis://127.0.0.1:${r.port}`], /refused the credentials/],
      [['sweep', spec, '--out', out, '--queue', `redis://127.0.0.1:${r.port}`, '--workers', '2'], /--workers: with --queue/],
      [['worker', '--queue', `redis://127.0.0.1:${closed}`], /cannot reach Redis/],
      [['worker', '--queue', `redis://:wrong@127.0.0.1:${r.port}`], /refused the credentials/],
      [['worker', '--queue', 'redis://127.0.0.1:6379/x'], /database after '\/' must be a number/],
      [['worker', '--queue', `rediss://127.0.0.1:${r.port}`], /no TLS connection.*redis:\/\/ is for a server without TLS/],
    ];
    for (const [args, message] of cases) {
      const t0 = Date.now();
      const res = await runCli(args);
      const seconds = (Date.now() - t0) / 1000;
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.equal(res.stdout, '');
      assert.match(res.stderr, message);
      assert.equal(res.stderr.trimEnd().split('\n').length, 1, res.stderr);
      assert.doesNotMatch(res.stderr, /wrong|right-password/, 'the password is never printed');
      assert.ok(seconds < 8, `${args.join(' ')} took ${seconds} s`);
      assert.equal(existsSync(out), false, 'nothing written');
    }
    // The right password, from REDIS_PASSWORD, connects (and --max-jobs 1 / --idle-exit end the worker).
    const w = cli(['worker', '--queue', `redis://127.0.0.1:${r.port}`, '--idle-exit', '0.5'], { env: { REDIS_PASSWORD: 'right-password' } });
    assert.equal(await w.exited, 0, w.err());
    assert.match(w.out(), /0 jobs done; exiting \(idle for 0.5 s\)/);
  });

  it('two sweeps share one Redis: a worker serves every registered sweep, another only the one named by --sweep; both end complete and leave nothing in Redis', async () => {
    const r = await redis();
    const one = setup();
    const two = setup(SPEC.replace('name: queue-test', 'name: second').replace('seeds: 3', 'seeds: [10, 11]'));
    const c1 = cli(['sweep', one.spec, '--out', one.out, '--queue', r.url]);
    const c2 = cli(['sweep', two.spec, '--out', two.out, '--queue', r.url]);
    await waitForFile(join(two.out, 'sweep.json'));
    const onlyTwo = cli(['worker', '--queue', r.url, '--sweep', sweepId(two.out)]);
    const all = cli(['worker', '--queue', r.url, '--concurrency', '2']);
    assert.equal(await c1.exited, 0, c1.err());
    assert.equal(await c2.exited, 0, c2.err());
    await finish(onlyTwo);
    await finish(all);
    assertComplete(one.out);
    assertComplete(two.out);
    assert.equal(ids(one.out).length, 6);
    assert.equal(ids(two.out).length, 4);
    assert.notEqual(sweepId(one.out), sweepId(two.out));
    assert.match(all.out(), new RegExp(`serving sweep ${sweepId(one.out)}`));
    assert.match(all.out(), new RegExp(`serving sweep ${sweepId(two.out)}`));
    assert.doesNotMatch(onlyTwo.out(), new RegExp(`sweep ${sweepId(one.out)}`));
    // Finished sweeps unregister themselves and remove their queues' jobs (a worker still attached may leave its meta and stalled-check marker).
    const client = new Redis({ host: '127.0.0.1', port: r.port });
    try {
      assert.deepEqual((await client.keys('*')).filter((k) => !/^bull:initlab-sweep-[0-9a-f]{16}:(meta|stalled-check)$/.test(k)), []);
    } finally {
      client.disconnect();
    }
  });

  it('a worker exits cleanly on SIGTERM, finishing its running jobs first; --max-jobs ends one after k runs', async () => {
    const r = await redis();
    const { spec, out } = setup();
    const coordinator = cli(['sweep', spec, '--out', out, '--queue', r.url]);
    const a = cli(['worker', '--queue', r.url, '--concurrency', '2']);
    const running = await waitForRunningJob(r, out, a);
    a.child.kill('SIGTERM');
    assert.equal(await a.exited, 0, a.err());
    assert.match(a.out(), new RegExp(`${running} ok in`));
    assert.match(a.out(), /exiting \(SIGTERM\)/);
    // A finished at most the 2 runs it had started: 4 or more are left. B takes one and leaves.
    const b = cli(['worker', '--queue', r.url, '--max-jobs', '1']);
    assert.equal(await b.exited, 0, b.err());
    assert.match(b.out(), /1 job done; exiting \(--max-jobs reached\)/);
    const c = cli(['worker', '--queue', r.url, '--concurrency', '2']);
    assert.equal(await coordinator.exited, 0, coordinator.err());
    await finish(c);
    assertComplete(out);
    // Nothing ran twice: A's finished jobs were not retried.
    const done = [a, b, c].map((p) => (p.out().match(/ ok in /g) ?? []).length);
    assert.equal(done[1], 1);
    assert.equal(done[0]! + done[1]! + done[2]!, 6);
  });
});
