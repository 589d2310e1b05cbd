import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runSweep } from '../../src/experiments/sweep/run.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { readManifest, readRunsFile, RunStore, serializeRecord } from '../../src/experiments/sweep/store.js';
import { runId } from '../../src/experiments/runId.js';
import { UsageError } from '../../src/util/errors.js';
import { runConfig } from './fakeRunner.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-store-'));
const configs = (n: number) => expandSweep(parseSweepSpec({ base: { training: { iterations: 20, logEvery: 10 } }, grid: { inits: ['zeros', 'he'], seeds: n } }));
const lines = (dir: string) => readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n');

describe('runs.jsonl store', () => {
  it('appends whole lines and reads them back, non-finite metrics included', () => {
    const dir = tmp();
    const cs = expandSweep(parseSweepSpec({ grid: { learningRate: [0.1, 10] } }));
    const store = RunStore.open(dir);
    const written = cs.map((c) => runConfig(c));
    for (const r of written) assert.equal(store.append(r), true);
    store.close();
    const text = readFileSync(join(dir, 'runs.jsonl'), 'utf8');
    assert.equal(text, written.map((r) => serializeRecord(r) + '\n').join(''));
    assert.match(text, /"trainLoss":"NaN"/);
    const back = readRunsFile(dir);
    assert.equal(back.truncated, false);
    assert.deepEqual(back.records, written);
    assert.ok(Number.isNaN(back.records[1]!.final.trainLoss));
    assert.equal(back.records[1]!.final.testLoss, Number.POSITIVE_INFINITY);
  });

  it('lists the configs without a record, with their ids, in sweep order', () => {
    const dir = tmp();
    const cs = configs(2).slice(0, 3);
    const ids = cs.map(runId);
    const store = RunStore.open(dir);
    store.append(runConfig(cs[1]!));
    assert.deepEqual(store.pendingOf(cs, ids), { pending: [cs[0], cs[2]], pendingIds: [ids[0], ids[2]] });
    store.close();
  });

  it('never writes a run twice: a stored id is not appended again', () => {
    const dir = tmp();
    const [c] = configs(1);
    const store = RunStore.open(dir);
    assert.equal(store.append(runConfig(c!)), true);
    assert.equal(store.append(runConfig(c!)), false);
    store.close();
    const again = RunStore.open(dir);
    assert.equal(again.has(runId(c!)), true);
    assert.equal(again.append(runConfig(c!)), false);
    again.close();
    assert.equal(lines(dir).filter((l) => l !== '').length, 1);
  });

  it('ignores a torn last line, and the next append starts on a fresh line', () => {
    const dir = tmp();
    const cs = configs(2);
    const store = RunStore.open(dir);
    store.append(runConfig(cs[0]!));
    store.append(runConfig(cs[1]!));
    store.close();
    const torn = serializeRecord(runConfig(cs[2]!));
    appendFileSync(join(dir, 'runs.jsonl'), torn.slice(0, torn.length / 2));
    const read = readRunsFile(dir);
    assert.equal(read.truncated, true);
    assert.deepEqual(read.records.map((r) => r.id), [runId(cs[0]!), runId(cs[1]!)]);

    const resumed = RunStore.open(dir);
    assert.equal(resumed.size, 2);
    resumed.append(runConfig(cs[3]!));
    resumed.close();
    const after = lines(dir);
    assert.equal(after.length, 4); // three records and the final ''
    assert.equal(after[3], '');
    for (const l of after.slice(0, 3)) JSON.parse(l);
    assert.deepEqual(readRunsFile(dir).records.map((r) => r.id), [cs[0], cs[1], cs[3]].map((c) => runId(c!)));
  });

  it('keeps a complete last record that only lacks its newline, adding the newline before the next append', () => {
    const dir = tmp();
    const cs = configs(1);
    writeFileSync(join(dir, 'runs.jsonl'), serializeRecord(runConfig(cs[0]!)));
    assert.equal(readRunsFile(dir).records.length, 1);
    const store = RunStore.open(dir);
    store.append(runConfig(cs[1]!));
    store.close();
    assert.equal(readRunsFile(dir).records.length, 2);
    assert.equal(lines(dir).length, 3);
  });

  it('reports a damaged line in the middle by its number; skips blank lines and repeated ids', () => {
    const dir = tmp();
    const [a, b] = configs(1).map((c) => serializeRecord(runConfig(c)));
    writeFileSync(join(dir, 'runs.jsonl'), `${a}\n\n${a}\n${b}\n`);
    const read = readRunsFile(dir);
    assert.equal(read.records.length, 2);
    assert.equal(read.duplicates, 1);
    writeFileSync(join(dir, 'runs.jsonl'), `${a}\n{"broken\n${b}\n`);
    assert.throws(() => readRunsFile(dir), (err: unknown) => err instanceof UsageError && /runs\.jsonl:2: not a run record/.test(err.message));
  });

  it('refuses a folder another live sweep holds; takes over a lock left by a dead one', () => {
    const dir = tmp();
    writeFileSync(join(dir, '.sweep.lock'), `${process.ppid}\n`);
    assert.throws(() => RunStore.open(dir), /another sweep \(process \d+\) is writing this folder/);
    writeFileSync(join(dir, '.sweep.lock'), '999999999\n');
    const store = RunStore.open(dir);
    store.close();
    assert.equal(existsSync(join(dir, '.sweep.lock')), false);
  });
});

describe('runSweep: resume', () => {
  it('writes sweep.json, skips finished ids on resume and never duplicates', async () => {
    const dir = tmp();
    const cs = configs(5);
    const manifest = { spec: { any: 'thing' }, specFile: 'x.yaml' };
    // A first, partial session: only some of the runs.
    const first = await runSweep(dir, cs.slice(0, 4), { runner: runConfig, manifest });
    assert.equal(first.ran, 4);
    const m1 = readManifest(dir)!;
    assert.equal(m1.runs, 4);
    // The whole sweep: the four are skipped.
    const seen: string[] = [];
    const second = await runSweep(dir, cs, { runner: runConfig, manifest, onRecord: (r) => seen.push(r.id) });
    assert.equal(second.skipped, 4);
    assert.equal(second.ran, cs.length - 4);
    assert.deepEqual(seen, cs.slice(4).map(runId));
    const third = await runSweep(dir, cs, { runner: runConfig, manifest });
    assert.equal(third.ran, 0);
    const ids = readRunsFile(dir).records.map((r) => r.id);
    assert.equal(ids.length, cs.length);
    assert.deepEqual([...ids].sort(), cs.map(runId).sort());
    assert.equal(lines(dir).filter((l) => l !== '').length, cs.length);
    const m = readManifest(dir)!;
    assert.equal(m.runs, cs.length);
    assert.deepEqual(m.ids, cs.map(runId));
    assert.deepEqual(m.spec, { any: 'thing' });
    assert.ok(m.initlab.version.length > 0);
    assert.equal(existsSync(join(dir, '.sweep.lock')), false);
  });
});
