/*
 * The queue's pure parts: the --queue URL (the forms of the redis:// scheme as IANA registers it,
 * https://www.iana.org/assignments/uri-schemes/prov/redis: redis://[user[:password]@]host[:port][/db],
 * port 6379 by default), and failed runs in runs.jsonl.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeResult, encodeAnswer, failedRecord, jobIdFor, MAX_JOB_FILE_BYTES, runIdOfJob } from '../../src/experiments/sweep/queue/job.js';
import { parseQueueUrl, redact } from '../../src/experiments/sweep/queue/url.js';
import { expandSweep, parseSweepSpec } from '../../src/experiments/sweep/spec.js';
import { readRunsFile, RunStore, serializeRecord } from '../../src/experiments/sweep/store.js';
import { runId } from '../../src/experiments/runId.js';
import { UsageError } from '../../src/util/errors.js';
import { runConfig } from './fakeRunner.js';

describe('--queue URL', () => {
  it('reads host, port, db, user and password; 6379 and db 0 by default; rediss:// is TLS', () => {
    assert.deepEqual(parseQueueUrl('redis://10.0.0.5:6380/3', {}), { host: '10.0.0.5', port: 6380, db: 3, tls: false, display: 'redis://10.0.0.5:6380/3' });
    assert.deepEqual(parseQueueUrl('redis://queue.lab', {}), { host: 'queue.lab', port: 6379, db: 0, tls: false, display: 'redis://queue.lab' });
    assert.deepEqual(parseQueueUrl('rediss://ann:s%40cret@h:7000', {}), { host: 'h', port: 7000, db: 0, username: 'ann', password: 's@cret', tls: true, display: 'rediss://ann:***@h:7000' });
    assert.deepEqual(parseQueueUrl('redis://[::1]:6379', {}), { host: '::1', port: 6379, db: 0, tls: false, display: 'redis://[::1]:6379' });
  });

  it('takes the password from REDIS_PASSWORD unless the URL has one', () => {
    assert.equal(parseQueueUrl('redis://h:1', { REDIS_PASSWORD: 'env' }).password, 'env');
    assert.equal(parseQueueUrl('redis://:url@h:1', { REDIS_PASSWORD: 'env' }).password, 'url');
    assert.equal(parseQueueUrl('redis://h:1', { REDIS_PASSWORD: '' }).password, undefined);
  });

  it('refuses other schemes, a missing host and a db that is not a number, without echoing a password', () => {
    for (const bad of ['http://h:6379', 'h:6379', 'redis://', 'redis://:pw@h:1/zero', 'redis://h:1/?x=1']) {
      assert.throws(() => parseQueueUrl(bad, {}), (err: unknown) => err instanceof UsageError && !err.message.includes('pw@'), bad);
    }
    assert.equal(redact('redis://u:p@h:1/2'), 'redis://u:***@h:1/2');
    assert.equal(redact('redis://h:1'), 'redis://h:1');
  });
});

describe('failed runs in runs.jsonl', () => {
  it('are read back apart from the records, count as done, and are not written twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-failed-'));
    const [a, b] = expandSweep(parseSweepSpec({ base: { training: { iterations: 20, logEvery: 10 } }, grid: { inits: ['zeros', 'he'] } }));
    const store = RunStore.open(dir);
    const failed = failedRecord(runId(b!), b!, "data set 'csv': cannot read file 'x.csv'", 0.25, { host: 'h', pid: 7, attempt: 1 });
    assert.equal(store.append(runConfig(a!)), true);
    assert.equal(store.append(failed), true);
    assert.equal(store.append(failed), false);
    store.close();
    const line = readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n')[1]!;
    assert.equal(line, `{"id":"${runId(b!)}","config":${JSON.stringify(b)},"status":"failed","error":"data set 'csv': cannot read file 'x.csv'","seconds":0.25,"initlab":{"version":"${failed.initlab.version}"},"worker":{"host":"h","pid":7,"attempt":1}}`);
    const back = readRunsFile(dir);
    assert.deepEqual(back.records.map((r) => r.id), [runId(a!)]);
    assert.deepEqual(back.failed, [failed]);
    const again = RunStore.open(dir);
    assert.equal(again.has(runId(b!)), true);
    again.close();
  });
});

describe('a job\'s answer with its files (queue/job.ts)', () => {
  const [c] = expandSweep(parseSweepSpec({ base: { training: { iterations: 20, logEvery: 10 } }, grid: { inits: ['he'] } }));
  const id = runId(c!);
  const worker = { host: 'h', pid: 7, attempt: 1 };
  const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, k) => (k * 31 + seed) & 0xff);

  it('carries the record and every file byte for byte, and a paused run with its checkpoint', () => {
    const record = runConfig(c!);
    const files = { params: bytes(1000, 1), initial: bytes(1000, 2) };
    const encoded = encodeAnswer({ record, files }, worker, c!, 0.1);
    assert.equal(encoded.outcome, record.status);
    const back = decodeResult(encoded.value)!;
    assert.ok('record' in back);
    // The record as runs.jsonl holds it, `worker` last.
    assert.equal(serializeRecord(back.record), serializeRecord({ ...record, worker }));
    assert.deepEqual(back.files, files);
    const paused = decodeResult(encodeAnswer({ paused: { id, pausedAt: 10 }, files: { params: bytes(10, 3), checkpoint: bytes(50, 4) } }, worker, c!, 0.1).value)!;
    assert.deepEqual(paused, { paused: { id, pausedAt: 10 }, files: { params: bytes(10, 3), checkpoint: bytes(50, 4) } });
    // A bare record line (failed runs; jobs of coordinators before stored parameters) still reads.
    assert.deepEqual(decodeResult(serializeRecord(record)), { record, files: {} });
  });

  it('over the size limit: a finished run comes back without its files, a paused one fails with the reason', () => {
    const record = runConfig(c!);
    const big = encodeAnswer({ record, files: { params: bytes(600, 1), initial: bytes(600, 2) } }, worker, c!, 0.1, 1000);
    assert.match(big.note!, /parameters files \(0\.0 MiB\) are over the 0\.0 MiB a queue job may carry and were not stored; 'initlab report' trains it again/);
    const back = decodeResult(big.value)!;
    assert.ok('record' in back);
    assert.deepEqual(back.files, {});
    assert.equal(back.record.id, id);
    const stuck = decodeResult(encodeAnswer({ paused: { id, pausedAt: 10 }, files: { checkpoint: bytes(1001, 4) } }, worker, c!, 0.1, 1000).value)!;
    assert.ok('record' in stuck && stuck.record.status === 'failed');
    assert.match((stuck.record as { error: string }).error, /checkpoint at rung 10 is .* over the .* a queue job may carry; run this spec without --queue/);
    assert.equal(MAX_JOB_FILE_BYTES, 16 * 1024 * 1024);
  });

  it('names a run\'s segments apart, and the run back from any of them', () => {
    assert.equal(jobIdFor(id, 0, undefined), id);
    assert.equal(jobIdFor(id, 0, 50), `${id}-0-50`);
    assert.equal(jobIdFor(id, 150, undefined), `${id}-150-end`);
    for (const j of [id, `${id}-0-50`, `${id}-150-end`]) assert.equal(runIdOfJob(j), id);
  });
});
