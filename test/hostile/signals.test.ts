import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNothingLeft, runInitlab, startInitlab, tempDir, tree, wholeRecords, type Outcome, type Running } from './harness.js';

/*
 * Ctrl-C (SIGINT) and SIGTERM stop every long command within a few seconds and leave no partial
 * file; a sweep keeps its whole records and resumes (issue 12, item 7 and the "signals" category).
 */

/** Prompt: from the signal to the exit. Generous for a loaded 2-core CI machine; a spin never ends. */
const PROMPT_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ready: () => boolean, running: Running, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  let exited = false;
  void running.done.then(() => (exited = true));
  while (!ready()) {
    if (exited) assert.fail(`it exited before ${what}: ${running.output().stderr}`);
    if (Date.now() > until) assert.fail(`no ${what} within ${limitMs} ms`);
    await sleep(20);
  }
}

/** Sends `signal` and returns the outcome with the time from the signal to the exit. */
async function stop(running: Running, signal: NodeJS.Signals): Promise<Outcome & { afterSignalMs: number }> {
  const sent = Date.now();
  running.child.kill(signal);
  const r = await running.done;
  return { ...r, afterSignalMs: Date.now() - sent };
}

/** Stopped by the signal: killed by it (the default action), or exited with 128 + its number after cleaning up. */
function assertStoppedBy(r: Outcome & { afterSignalMs: number }, signal: NodeJS.Signals): void {
  const code = signal === 'SIGINT' ? 130 : 143;
  assert.ok(r.signal === signal || r.code === code, `stopped by ${signal}: exit ${String(r.code)}, signal ${String(r.signal)}, stderr ${r.stderr}`);
  assert.ok(r.afterSignalMs < PROMPT_MS, `stopped ${r.afterSignalMs} ms after ${signal}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  assert.ok(r.stderr.trim().split('\n').length <= 1, `at most one line on stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
}

const LONG_SWEEP = `base:
  data: { name: circles, seed: 1, samples: 200, noise: 0.1 }
  network: { hidden: [16, 16] }
  training: { learningRate: 0.3, iterations: 3000, logEvery: 500 }
grid:
  inits: [he, xavier]
  seeds: 4
`;

const lines = (path: string): number => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length : 0);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  describe(`${signal} stops a long command promptly, with no partial files`, () => {
    it('compare (several inits on worker threads), with --out', async () => {
      const dir = tempDir('sig');
      const running = startInitlab(['compare', '--iterations', '2000000', '--out', join(dir, 'out')]);
      await sleep(2500); // past start-up, into the work
      assertStoppedBy(await stop(running, signal), signal);
      assertNothingLeft(dir, []);
    });

    it('compare (one init, trained on the main thread)', async () => {
      const dir = tempDir('sig');
      const running = startInitlab(['compare', '--inits', 'he', '--iterations', '2000000', '--out', join(dir, 'out')]);
      await sleep(2500); // past start-up, into the work
      assertStoppedBy(await stop(running, signal), signal);
      assertNothingLeft(dir, []);
    });

    it('diagnose (synchronous work on the main thread), with --out', async () => {
      const dir = tempDir('sig');
      const running = startInitlab(['diagnose', '--width', '1000', '--depth', '200', '--batch', '1000', '--out', join(dir, 'out')]);
      await sleep(2500); // past start-up, into the work
      assertStoppedBy(await stop(running, signal), signal);
      assertNothingLeft(dir, []);
    });

    it('sweep: keeps its whole records, no lock; the same command resumes', async () => {
      const dir = tempDir('sig');
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, LONG_SWEEP);
      const out = join(dir, 'out');
      const runs = join(out, 'runs.jsonl');
      const running = startInitlab(['sweep', spec, '--workers', '2', '--out', out]);
      await waitFor('a first finished run', () => lines(runs) >= 1, running);
      const r = await stop(running, signal);
      assertStoppedBy(r, signal);
      assert.match(r.stderr, new RegExp(`^initlab: interrupted \\(${signal}\\)\\. The \\d+ finished runs? (is|are) kept in .*runs\\.jsonl; run the same command again to resume\\.\\n$`));
      const kept = wholeRecords(runs, readFileSync(runs, 'utf8'));
      assert.ok(kept.length >= 1 && kept.length < 8, `${kept.length} runs kept`);
      assert.deepEqual(besidesParams(tree(out), kept.map((x) => x.id)), ['runs.jsonl', 'sweep.json'], 'no lock, no partial file');
      if (signal === 'SIGINT') {
        const again = await runInitlab(['sweep', spec, '--workers', '2', '--out', out], { timeoutMs: 180_000 });
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, new RegExp(`${8 - kept.length} runs done \\(${kept.length} finished earlier, skipped\\)`));
        const ids = wholeRecords(runs, readFileSync(runs, 'utf8')).map((x) => x.id);
        assert.equal(new Set(ids).size, 8);
        assert.equal(ids.length, 8);
      }
    });

    it('sweep stopped before its first run finished leaves no folder', async () => {
      const dir = tempDir('sig');
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, LONG_SWEEP.replace('iterations: 3000', 'iterations: 50000000'));
      const out = join(dir, 'out');
      const running = startInitlab(['sweep', spec, '--workers', '2', '--out', out]);
      await waitFor('sweep.json', () => existsSync(join(out, 'sweep.json')), running);
      const r = await stop(running, signal);
      assertStoppedBy(r, signal);
      assert.equal(r.stderr, `initlab: interrupted (${signal}). No files were written.\n`);
      assertNothingLeft(dir, ['spec.yaml']);
    });

    it('trainability: keeps its whole records, no lock', async () => {
      const dir = tempDir('sig');
      const out = join(dir, 'out');
      const runs = join(out, 'runs.jsonl');
      const running = startInitlab(['trainability', '--depth', '2,4', '--sigma-w2', '1,2,3', '--iterations', '4000', '--workers', '2', '--out', out]);
      await waitFor('a first finished run', () => lines(runs) >= 1, running, 120_000);
      const r = await stop(running, signal);
      assertStoppedBy(r, signal);
      const kept = wholeRecords(runs, readFileSync(runs, 'utf8'));
      assert.deepEqual(besidesParams(tree(out), kept.map((x) => x.id)), ['runs.jsonl', 'sweep.json']);
    });

    it('trainability --out /proc/x (was: a 100% CPU spin deaf to Ctrl-C) ends at once', async () => {
      const running = startInitlab(['trainability', '--iterations', '100000', '--out', '/proc/initlab-x'], { timeoutMs: 30_000 });
      await sleep(1000);
      const r = await stop(running, signal);
      // Refused before the signal (exit 2), or stopped by it if start-up was slower: either way at once.
      assert.equal(r.timedOut, false);
      assert.ok(r.code === 2 || r.code === (signal === 'SIGINT' ? 130 : 143) || r.signal === signal, `exit ${String(r.code)} ${String(r.signal)}: ${r.stderr}`);
      assert.ok(r.afterSignalMs < PROMPT_MS, `${r.afterSignalMs} ms`);
    });
  });
}

describe('a signal during a guarded synchronous write', () => {
  it('is handled when the write is over (not swallowed): the clean-up runs and the process exits 130', async () => {
    const dir = tempDir('guard');
    const marker = join(dir, 'marker');
    const script = fileURLToPath(new URL('./fixtures/guardedBusy.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, marker], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('busy')) resolve();
      }),
    );
    child.kill('SIGINT');
    assert.equal(await done, 130, stderr);
    assert.equal(readFileSync(marker, 'utf8'), 'done', 'the synchronous work finished first');
    assert.equal(stderr, 'initlab: interrupted (SIGINT). The clean-up ran.\n');
    assert.doesNotMatch(stdout, /went on/);
  });
});

/**
 * The folder's entries less DIR/params (issue 13 item 4), after checking it: whole parameters
 * files only (no partial one), one for every kept record (a run's parameters are written before
 * its record; a disk that filled between the two may leave one more, of a run done again later).
 */
function besidesParams(entries: readonly string[], keptIds: readonly string[]): string[] {
  const params = entries.filter((e) => e.startsWith('params/'));
  for (const p of params) assert.match(p, /^params\/[0-9a-f]{16}\.safetensors$/, 'a whole parameters file');
  for (const id of keptIds) assert.ok(params.includes(`params/${id}.safetensors`), `parameters of kept run ${id}`);
  return entries.filter((e) => e !== 'params' && !e.startsWith('params/'));
}
