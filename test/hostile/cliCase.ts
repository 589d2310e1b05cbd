import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';

/*
 * The hostile-input cases' harness (issue 12): each case runs the built CLI in a fresh folder
 * holding only the files the case writes, and asserts the promise for a refused input: exit 2,
 * exactly one line on stderr with no stack, nothing on stdout, nothing new in the folder — and,
 * for sizes, an answer within a few seconds (2 s is the promise; the bound is loose because the
 * test machine is shared).
 */

export interface CaseResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Every path under the case folder after the run, relative, sorted (the case's own files included). */
  files: string[];
}

/** A fresh folder for one case; `files` are written into it first (name → content). */
export function caseDir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every path under `dir`, relative, folders with a trailing '/', sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const rel = prefix + name;
      return statSync(join(dir, name)).isDirectory() ? [rel + '/', ...listFiles(join(dir, name), rel + '/')] : [rel];
    })
    .sort();
}

/** Runs `initlab ARGS` in `dir` (killed after `timeoutS` seconds so a hang fails instead of stalling the suite). */
export function runIn(dir: string, args: readonly string[], timeoutS = 60): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - start) / 1e9, files: listFiles(dir) });
    });
  });
}

export interface Refusal {
  /** What the one stderr line must match. */
  message: RegExp;
  /** Text that must NOT appear on stderr (e.g. a file's content). */
  hides?: string;
  /** Seconds the refusal may take (default 5: "within 2 s", loosely, on a loaded machine). */
  within?: number;
}

/** Asserts the refusal promise: exit 2, one stderr line without a stack, empty stdout, no new files. */
export function assertRefused(r: CaseResult, before: readonly string[], expect: Refusal): void {
  const context = `stderr: ${r.stderr}`;
  assert.equal(r.code, 2, context);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, /^initlab: [^\n]+\n$/, `exactly one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, context);
  assert.match(r.stderr, expect.message);
  if (expect.hides !== undefined) assert.ok(!r.stderr.includes(expect.hides), `stderr shows '${expect.hides}': ${r.stderr}`);
  assert.deepEqual(r.files, [...before].sort(), 'no files left behind');
  assert.ok(r.seconds < (expect.within ?? 5), `refused after ${r.seconds.toFixed(2)} s`);
}

/** One refused case end to end: a fresh folder with `files`, the run, the assertions, the folder removed. */
export async function refuses(args: readonly string[], expect: Refusal, files: Readonly<Record<string, string>> = {}): Promise<CaseResult> {
  const dir = caseDir(files);
  try {
    const r = await runIn(dir, args);
    assertRefused(r, Object.keys(files), expect);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
