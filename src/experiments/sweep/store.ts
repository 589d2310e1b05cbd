import { appendFileSync, closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomicFile.js';
import { UsageError } from '../../util/errors.js';
import { VERSION } from '../../version.js';
import type { RunRecord } from '../runTypes.js';

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
}

/** One line of runs.jsonl: the record, its non-finite numbers as strings. */
export function serializeRecord(record: RunRecord): string {
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
  if (!existsSync(path)) return { records: [], validBytes: 0, truncated: false, duplicates: 0, missingNewline: false };
  const bytes = readFileSync(path);
  const records: RunRecord[] = [];
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
    const record = parseRecordLine(text);
    if (!record) {
      if (nl === -1) {
        truncated = true;
        break;
      }
      throw new UsageError(`${path}:${line}: not a run record (the file was damaged or edited); remove that line, and its run will be done again.`);
    }
    const problem = recordProblem(record);
    if (problem !== undefined) {
      throw new UsageError(`${path} line ${line}: damaged record (${problem}); remove that line, and its run will be done again.`);
    }
    if (ids.has(record.id)) duplicates++;
    else {
      ids.add(record.id);
      records.push(record);
    }
    start = next;
    validBytes = next;
  }
  const missingNewline = !truncated && bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
  return { records, validBytes, truncated, duplicates, missingNewline };
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

  private constructor(
    readonly dir: string,
    readonly records: RunRecord[],
    fd: number,
    needsNewline: boolean,
    lockPath: string,
  ) {
    this.ids = new Set(records.map((r) => r.id));
    this.fd = fd;
    this.needsNewline = needsNewline;
    this.lockPath = lockPath;
  }

  static open(dir: string): RunStore {
    mkdirSync(dir, { recursive: true });
    const lockPath = takeLock(dir);
    try {
      const file = readRunsFile(dir);
      const path = join(dir, RUNS_FILE);
      const fd = openSync(path, 'a');
      if (file.truncated && file.validBytes < statSync(path).size) {
        ftruncateSync(fd, file.validBytes);
        fsyncSync(fd);
      }
      return new RunStore(dir, file.records, fd, file.missingNewline, lockPath);
    } catch (err) {
      rmSync(lockPath, { force: true });
      throw err;
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Appends a finished run as one line (one write, then fsync); a run already stored is not written again. */
  append(record: RunRecord): boolean {
    if (this.fd === undefined) throw new Error('RunStore is closed');
    if (this.ids.has(record.id)) return false;
    const line = `${this.needsNewline ? '\n' : ''}${serializeRecord(record)}\n`;
    appendFileSync(this.fd, line);
    fsyncSync(this.fd);
    this.needsNewline = false;
    this.ids.add(record.id);
    this.records.push(record);
    return true;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.lockPath, { force: true });
  }
}

function takeLock(dir: string): string {
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
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
