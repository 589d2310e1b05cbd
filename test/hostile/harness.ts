import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI } from '../helpers/cli.js';

/*
 * The hostile-input suite's promise, in one place: a user's mistake gets an exit code, one line on
 * stderr with no stack, nothing on stdout where promised, and no files left behind.
 */

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
  /** The harness had to kill it (it ran past `timeoutMs`). */
  timedOut: boolean;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<Outcome>;
  /** stdout and stderr so far. */
  output(): { stdout: string; stderr: string };
}

export interface SpawnOptions {
  cwd?: string;
  /** Killed with SIGKILL after this long (default 60 s); `timedOut` then says so. */
  timeoutMs?: number;
}

/** Starts the built `initlab` CLI (dist/cli/main.js) with stdin closed. */
export function startInitlab(args: readonly string[], options: SpawnOptions = {}): Running {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Runs the CLI to its end. */
export function runInitlab(args: readonly string[], options: SpawnOptions = {}): Promise<Outcome> {
  return startInitlab(args, options).done;
}

export interface ErrorPromise {
  /** Exit code (default 2, a usage error). */
  code?: number;
  /** The one line must match this. */
  message?: RegExp;
  /** stdout must be empty (default true). */
  quiet?: boolean;
}

/** Exit code, exactly one line on stderr that starts with "initlab: " and carries no stack, and (by default) empty stdout. */
export function assertOneLineError(r: Outcome, promise: ErrorPromise = {}): void {
  const context = `exit ${String(r.code)}${r.signal ? ` (${r.signal})` : ''}, stderr:\n${r.stderr}`;
  assert.equal(r.timedOut, false, `it ran past its time limit and was killed; ${context}`);
  assert.equal(r.code, promise.code ?? 2, context);
  assert.ok(r.stderr.endsWith('\n'), `stderr ends its line: ${JSON.stringify(r.stderr)}`);
  const lines = r.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got ${lines.length}:\n${r.stderr}`);
  assert.match(lines[0]!, /^initlab: /, context);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |node:internal|Error: /, `no stack or internal error: ${r.stderr}`);
  if (promise.message) assert.match(lines[0]!, promise.message);
  if (promise.quiet ?? true) assert.equal(r.stdout, '', 'nothing on stdout');
}

/** Every path under `dir` (hidden ones too), relative and sorted; [] for a missing folder. */
export function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      out.push(relative(dir, p));
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** `tree(dir)` now equals `before`: nothing was left behind (no staging folder, no lock, no probe). */
export function assertNothingLeft(dir: string, before: readonly string[], what = dir): void {
  assert.deepEqual(tree(dir), [...before].sort(), `files left behind in ${what}`);
}

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `initlab-hostile-${label}-`));

/** Lines of a runs.jsonl, each asserted to be a whole JSON record ending in a newline. */
export function wholeRecords(path: string, text: string): { id: string }[] {
  assert.ok(text === '' || text.endsWith('\n'), `${path} ends with a complete line`);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as { id: string };
      } catch {
        assert.fail(`${path}:${i + 1} is not a whole record: ${l.slice(0, 80)}…`);
      }
    });
}
