import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomicFile.js';
import { makeDirs, removeCreatedDirs } from '../../io/makeDirs.js';
import { UsageError } from '../../util/errors.js';
import { VERSION } from '../../version.js';
import type { FailedRunRecord, RunRecord } from '../runTypes.js';

/*
 * A sweep's folder:
 *
 *   DIR/sweep.json   the spec as written, initlab's version, the expanded run count and the run ids
 *                    in expansion order; written atomically when a sweep starts.
 *   DIR/runs.jsonl   one RunRecord per line, appended whole (one write of the full line, then fsync)
 *                    as each run finishes, in any order. A `kill -9` loses at most the runs in
 *                    flight; a line torn by a crash (only ever the last one) is ignored when reading
 *                    and cut off before the next append, so every append starts on a fresh line.
 *
 * A run that failed on a queue worker is a FailedRunRecord line (`"status": "failed"` and its `error`,
 * no metrics): it counts as done (it is not queued again) but is kept out of `records`, so
 * summaries and reports see only trained runs.
 *
 * Non-finite metrics (a diverged run's loss) are written as the strings "NaN", "Infinity" and
 * "-Infinity" — plain JSON would turn them into null — and read back as numbers.
 */

export const RUNS_FILE = 'runs.jsonl';
export const SWEEP_FILE = 'sweep.json';
const LOCK_FILE = '.sweep.lock';

/** sweep.json */
export interface SweepManifest {
  initlab: { version: string };
  /** The spec exactly as the file held it (after JSON/YAML parsing). */
  spec: unknown;
  /** The spec file's path as given on the command line. */
  specFile?: string;
  /** Number of runs the spec expands to. */
  runs: number;
  /** Their ids, in expansion order (summaries list groups in this order). */
  ids: string[];
  /** Present when the sweep runs on a queue (`--queue`): its sweep id, which names its BullMQ queue. */
  queue?: { sweep: string };
}

/** One line of runs.jsonl: the record, its non-finite numbers as strings. */
export function serializeRecord(record: RunRecord | FailedRunRecord): string {
  return JSON.stringify(record, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
}

const METRIC_KEYS = ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy'] as const;
const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function reviveMetric(point: unknown): void {
  if (typeof point !== 'object' || point === null) return;
  const p = point as Record<string, unknown>;
  for (const key of METRIC_KEYS) {
    const v = p[key];
    if (typeof v === 'string' && v in NON_FINITE) p[key] = NON_FINITE[v];
    else if (v === null) p[key] = Number.NaN;
  }
}

function isRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['id'] === 'string' && typeof r['config'] === 'object' && r['config'] !== null && typeof r['final'] === 'object' && r['final'] !== null && Array.isArray(r['metrics']);
}

function isFailedRecord(value: unknown): value is FailedRunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r['status'] === 'failed' && typeof r['id'] === 'string' && typeof r['config'] === 'object' && r['config'] !== null && typeof r['error'] === 'string';
}

/** Parses one line of runs.jsonl that may be a failed run's; undefined when it is neither. */
export function parseAnyRecordLine(line: string): RunRecord | FailedRunRecord | undefined {
  const record = parseRecordLine(line);
  if (record) return record;
  try {
    const value: unknown = JSON.parse(line);
    return isFailedRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Parses one line of runs.jsonl; undefined when it is not a run record. */
export function parseRecordLine(line: string): RunRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  value.metrics.forEach(reviveMetric);
  reviveMetric(value.final);
  return value;
}

/**
 * What is wrong with a parsed record's numbers, e.g. `testAccuracy: expected a number`; undefined if
 * nothing. A metric that is not a number was left out of every mean before, so a summary said
 * n = 11 of 12 without a word (issue 12 item 13).
 */
export function recordProblem(record: RunRecord): string | undefined {
  const points: [string, unknown][] = [['final', record.final], ...record.metrics.map((p, i): [string, unknown] => [`metrics[${i}]`, p])];
  for (const [where, point] of points) {
    if (typeof point !== 'object' || point === null) return `${where}: expected an object`;
    const p = point as Record<string, unknown>;
    for (const key of METRIC_KEYS) {
      if (typeof p[key] !== 'number') return `${where === 'final' ? '' : `${where}.`}${key}: expected a number`;
    }
  }
  const seed = (record.config as { initSeed?: unknown }).initSeed;
  if (typeof seed !== 'number') return 'config.initSeed: expected a number';
  return undefined;
}

export interface RunsFile {
  /** The records, first occurrence of each id only, in file order. */
  records: RunRecord[];
  /** Runs that failed on a queue worker (first occurrence of each id, in file order). */
  failed: FailedRunRecord[];
  /** Byte length of the complete lines (where the next append must start). */
  validBytes: number;
  /** The file ended in a torn line, which was ignored. */
  truncated: boolean;
  /** Lines with an id seen before (ignored). */
  duplicates: number;
  /** The last line is a complete record without its newline (a hand edit): the next append adds one. */
  missingNewline: boolean;
}

/**
 * Reads DIR/runs.jsonl (an absent file is an empty sweep). A last line without its newline that is not
 * a complete record is a run torn by a crash: ignored. Any other bad line means the file was damaged or
 * edited, and is an error naming the line.
 */
export function readRunsFile(dir: string): RunsFile {
  const path = join(dir, RUNS_FILE);
  if (!existsSync(path)) return { records: [], failed: [], validBytes: 0, truncated: false, duplicates: 0, missingNewline: false };
  const bytes = readFileSync(path);
  const records: RunRecord[] = [];
  const failed: FailedRunRecord[] = [];
  const ids = new Set<string>();
  let duplicates = 0;
  let start = 0;
  let line = 0;
  let validBytes = 0;
  let truncated = false;
  while (start < bytes.length) {
    line++;
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    const text = bytes.subarray(start, end).toString('utf8');
    const next = nl === -1 ? bytes.length : nl + 1;
    if (text.trim() === '') {
      start = next;
      if (nl !== -1) validBytes = next;
      continue;
    }
    const record = parseAnyRecordLine(text);
    if (!record) {
      if (nl === -1) {
        truncated = true;
        break;
      }
      throw new UsageError(`${path}:${line}: not a run record (the file was damaged or edited); remove that line, and its run will be done again.`);
    }
    const problem = record.status === 'failed' ? undefined : recordProblem(record);
    if (problem !== undefined) {
      throw new UsageError(`${path} line ${line}: damaged record (${problem}); remove that line, and its run will be done again.`);
    }
    if (ids.has(record.id)) duplicates++;
    else {
      ids.add(record.id);
      if (record.status === 'failed') failed.push(record);
      else records.push(record);
    }
    start = next;
    validBytes = next;
  }
  const missingNewline = !truncated && bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
  return { records, failed, validBytes, truncated, duplicates, missingNewline };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The append side of runs.jsonl for one sweep process. Opening it takes DIR/.sweep.lock (so two
 * sweeps cannot write the same folder at once; a lock left by a killed process is taken over), reads
 * the finished records and cuts off a torn last line.
 */
export class RunStore {
  private readonly ids: Set<string>;
  private fd: number | undefined;
  private needsNewline: boolean;
  private readonly lockPath: string;
  private readonly dropLock = (): void => rmSync(this.lockPath, { force: true });
  // process.exit (a caught Ctrl-C) skips `finally` blocks: the lock must still go, and a sweep
  // stopped before its first run finished leaves nothing, as one that failed.
  private readonly onExit = (): void => this.discardIfEmpty();

  private constructor(
    readonly dir: string,
    readonly records: RunRecord[],
    readonly failed: FailedRunRecord[],
    fd: number,
    needsNewline: boolean,
    lockPath: string,
    /** What this store created (folders, then entries of DIR), removed by `discardIfEmpty`. */
    private readonly created: { dirs: string[]; entries: string[] },
  ) {
    this.ids = new Set([...records, ...failed].map((r) => r.id));
    this.fd = fd;
    this.needsNewline = needsNewline;
    this.lockPath = lockPath;
    process.on('exit', this.onExit);
  }

  static open(dir: string): RunStore {
    const dirs = makeDirs(dir);
    const before = new Set(readdirSync(dir));
    let lockPath: string | undefined;
    let fd: number | undefined;
    try {
      lockPath = takeLock(dir);
      const file = readRunsFile(dir);
      const path = join(dir, RUNS_FILE);
      fd = openSync(path, 'a');
      if (file.truncated && file.validBytes < statSync(path).size) {
        ftruncateSync(fd, file.validBytes);
        fsyncSync(fd);
      }
      // params/ and checkpoints/ (./runFiles.ts) too: a sweep with early termination writes a paused run's files before any record.
      const entries = [RUNS_FILE, SWEEP_FILE, 'params', 'checkpoints'].filter((name) => !before.has(name));
      return new RunStore(dir, file.records, file.failed, fd, file.missingNewline, lockPath, { dirs, entries });
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      if (lockPath !== undefined) rmSync(lockPath, { force: true });
      for (const name of [RUNS_FILE]) if (!before.has(name)) rmSync(join(dir, name), { force: true });
      removeCreatedDirs(dirs);
      throw err;
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The configs (and their ids, in the same order) that have no record yet, in sweep order. */
  pendingOf<C>(configs: readonly C[], ids: readonly string[]): { pending: C[]; pendingIds: string[] } {
    const pending: C[] = [];
    const pendingIds: string[] = [];
    configs.forEach((c, i) => {
      if (!this.ids.has(ids[i]!)) {
        pending.push(c);
        pendingIds.push(ids[i]!);
      }
    });
    return { pending, pendingIds };
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Appends a finished run as one line (one write, then fsync); a run already stored is not written
   * again. A write that fails part-way (a disk filling up) is cut off again, so the file keeps only
   * whole records and a later run resumes from them.
   */
  append(record: RunRecord | FailedRunRecord): boolean {
    if (this.fd === undefined) throw new Error('RunStore is closed');
    if (this.ids.has(record.id)) return false;
    const line = Buffer.from(`${this.needsNewline ? '\n' : ''}${serializeRecord(record)}\n`, 'utf8');
    const size = fstatSync(this.fd).size;
    try {
      let written = 0;
      while (written < line.length) written += writeSync(this.fd, line, written, line.length - written);
      fsyncSync(this.fd);
    } catch (err) {
      try {
        ftruncateSync(this.fd, size);
        fsyncSync(this.fd);
      } catch {
        // the torn line stays; reading ignores a torn last line and the next open cuts it off
      }
      throw err;
    }
    this.needsNewline = false;
    this.ids.add(record.id);
    if (record.status === 'failed') this.failed.push(record);
    else this.records.push(record);
    return true;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.dropLock();
    process.removeListener('exit', this.onExit);
  }

  /**
   * After a failure with no run stored at all: closes the store and removes what it created (the
   * runs file, sweep.json, the folders), so a sweep that could not start leaves nothing behind.
   */
  discardIfEmpty(): void {
    if (this.fd === undefined) return;
    this.close();
    if (this.records.length > 0 || this.failed.length > 0) return;
    for (const name of this.created.entries) rmSync(join(this.dir, name), { force: true, recursive: true });
    removeCreatedDirs(this.created.dirs);
  }
}

function takeLock(dir: string): string {
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeLock(lockPath);
      return lockPath;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readLock(lockPath), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new UsageError(`--out ${dir}: another sweep (process ${pid}) is writing this folder; wait for it or stop it (a stale ${LOCK_FILE} may be deleted).`);
      }
      rmSync(lockPath, { force: true }); // left by a killed sweep
    }
  }
  throw new UsageError(`--out ${dir}: cannot take ${LOCK_FILE}; another sweep may be starting in this folder.`);
}

/** Creates the lock holding this process id; removed again when the id cannot be written (a full disk). */
function writeLock(path: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, `${process.pid}\n`);
  } catch (err) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw err;
  }
  closeSync(fd);
}

function readLock(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Writes DIR/sweep.json atomically. */
export function writeManifest(dir: string, manifest: Omit<SweepManifest, 'initlab'>): void {
  const doc: SweepManifest = { initlab: { version: VERSION }, ...manifest };
  writeFileAtomic(join(dir, SWEEP_FILE), JSON.stringify(doc, null, 2) + '\n');
}

/** Reads DIR/sweep.json; undefined when there is none. */
export function readManifest(dir: string): SweepManifest | undefined {
  const path = join(dir, SWEEP_FILE);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message}).`);
  }
  const m = value as Partial<SweepManifest> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.ids) || typeof m.runs !== 'number') {
    throw new UsageError(`${path}: not a sweep manifest (expected initlab, spec, runs and ids).`);
  }
  return m as SweepManifest;
}
