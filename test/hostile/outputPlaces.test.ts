import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNothingLeft, assertOneLineError, runInitlab, tempDir, tree, wholeRecords } from './harness.js';
import { fill, mountTmpfs, resizeTmpfs, unmountAll } from './tmpfs.js';

/*
 * Output places a careless or hostile user gives (issue 12, items 4, 5, 7 and 12): a mount point,
 * /proc, a read-only mount, a full disk (100% and half), a disk that fills during a sweep, and an
 * empty path. Every command that writes files is tried. Tiny work everywhere (10 iterations).
 */

const SPEC = `base:
  data: { name: circles, seed: 1, samples: 40, noise: 0.1 }
  network: { hidden: [4] }
  training: { learningRate: 0.3, iterations: 10, logEvery: 5 }
grid:
  inits: [he, xavier]
  seeds: 2
`;

let work = '';
let spec = '';
/** A finished sweep folder, read by summarize and report. */
let sweepDir = '';

/** Each writing command, given the folder or file it should write. */
const COMMANDS: { name: string; file?: string; args: (place: string) => string[] }[] = [
  { name: 'compare', args: (o) => ['compare', '--inits', 'he', '--iterations', '10', '--log-every', '5', '--train-samples', '40', '--test-samples', '20', '--out', o] },
  { name: 'diagnose', args: (o) => ['diagnose', '--width', '8', '--depth', '2', '--batch', '20', '--inits', 'he', '--out', o] },
  { name: 'trainability', args: (o) => ['trainability', '--depth', '1', '--sigma-w2', '1', '--iterations', '10', '--workers', '1', '--out', o] },
  { name: 'sweep', args: (o) => ['sweep', spec, '--workers', '1', '--out', o] },
  { name: 'theory --phase-diagram', args: (o) => ['theory', '--phase-diagram', '--grid', '4x3', '--out', o] },
  { name: 'summarize --out', file: 'summary.csv', args: (f) => ['summarize', sweepDir, '--out', f] },
  { name: 'report --out', file: 'report.html', args: (f) => ['report', sweepDir, '--out', f, '--no-boundaries'] },
  { name: 'sample --out', file: 'w.npy', args: (f) => ['sample', 'he', '--shape', '64x64', '--out', f] },
];

const placeIn = (dir: string, c: (typeof COMMANDS)[number]): string => join(dir, c.file ?? 'out');

describe('hostile output places', () => {
  before(async () => {
    work = tempDir('places');
    spec = join(work, 'spec.yaml');
    writeFileSync(spec, SPEC);
    sweepDir = join(work, 'sweep');
    const r = await runInitlab(['sweep', spec, '--workers', '1', '--out', sweepDir]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(unmountAll);

  describe('a writable mount point as --out gets the whole result (was: EXDEV on rename, result lost)', () => {
    for (const c of COMMANDS.filter((x) => x.file === undefined)) {
      it(c.name, async () => {
        const mnt = mountTmpfs(4096);
        const r = await runInitlab(c.args(mnt));
        assert.equal(r.code, 0, r.stderr);
        const files = tree(mnt);
        assert.ok(files.length >= 2, `files written: ${files.join(', ')}`);
        assert.deepEqual(files.filter((f) => f.startsWith('.')), [], 'no staging folder, probe or lock left');
      });
    }
    it('report and summarize --out into a mount point', async () => {
      const mnt = mountTmpfs(4096);
      const sum = await runInitlab(['summarize', sweepDir, '--out', join(mnt, 's.csv')]);
      assert.equal(sum.code, 0, sum.stderr);
      const rep = await runInitlab(['report', sweepDir, '--out', join(mnt, 'r.html'), '--no-boundaries']);
      assert.equal(rep.code, 0, rep.stderr);
      assert.ok(tree(mnt).includes('figures'));
      assert.deepEqual(tree(mnt).filter((f) => f.split('/').pop()!.startsWith('.')), []);
    });
  });

  describe('/proc: one line, exit 2, before any work (was: ENOENT stack, or a 100% CPU spin deaf to Ctrl-C)', () => {
    for (const c of COMMANDS) {
      it(c.name, async () => {
        const before = tree(sweepDir);
        // A long training if it ran: the refusal must come first (and quickly: no mkdir -p spin on /proc).
        const args = c.args(c.file ? `/proc/initlab-nope/${c.file}` : '/proc/initlab-nope').map((a) => (a === '10' && c.name === 'trainability' ? '100000' : a));
        const r = await runInitlab(args, { timeoutMs: 30_000 });
        assertOneLineError(r, { message: /cannot write there: .*\(ENOENT\).*No files were written\.$/ });
        assertNothingLeft(sweepDir, before);
      });
    }
  });

  describe('a read-only mount: one line, exit 2, nothing written (was: EROFS stack)', () => {
    for (const c of COMMANDS) {
      it(c.name, async () => {
        const ro = mountTmpfs(64, { readOnly: true });
        const r = await runInitlab(c.args(placeIn(ro, c)));
        assertOneLineError(r, { message: /the file system is read-only \(EROFS\)/ });
        assert.deepEqual(tree(ro), []);
      });
    }
  });

  describe('a 100% full disk: one line, exit 2, no file left (was: ENOSPC stack; sweep left a folder and its lock)', () => {
    for (const c of COMMANDS) {
      it(c.name, async () => {
        const full = mountTmpfs(64);
        fill(full, 0, 64);
        const before = tree(sweepDir);
        const r = await runInitlab(c.args(placeIn(full, c)));
        assertOneLineError(r, { message: /the disk is full \(ENOSPC\); free some space or choose another place\. No files were written\.$/ });
        assert.deepEqual(tree(full), ['filler']);
        assertNothingLeft(sweepDir, before);
      });
    }
  });

  describe('a half-full disk: the work runs, the write fails as one line and leaves nothing', () => {
    // 24 KiB free: the probe passes, the figures (or the 32.9 kB tensor) do not fit.
    const half = (): string => {
      const at = mountTmpfs(48);
      fill(at, 24, 48);
      return at;
    };
    for (const c of COMMANDS.filter((x) => ['diagnose', 'theory --phase-diagram', 'sample --out'].includes(x.name))) {
      it(c.name, async () => {
        const at = half();
        const r = await runInitlab(c.args(placeIn(at, c)));
        assertOneLineError(r, { message: /\(ENOSPC\).*No files were written\.$/ });
        assert.deepEqual(tree(at), ['filler']);
      });
    }
    it('compare --json: nothing on stdout', async () => {
      const at = half();
      const r = await runInitlab([...COMMANDS[0]!.args(join(at, 'out')), '--json']);
      assertOneLineError(r, { message: /\(ENOSPC\).*No files were written\.$/ });
      assert.deepEqual(tree(at), ['filler']);
    });
    it('compare (table printed first): the line says the files were not written', async () => {
      const at = half();
      const out = join(at, 'out');
      const r = await runInitlab(COMMANDS[0]!.args(out));
      assertOneLineError(r, { quiet: false, message: new RegExp(`\\(ENOSPC\\).*The table above was printed, but no files were written to ${out}\\.$`) });
      assert.match(r.stdout, /he/, 'the table');
      assert.doesNotMatch(r.stdout, /Wrote/);
      assert.deepEqual(tree(at), ['filler']);
    });
  });

  describe('a disk that fills during a sweep', () => {
    it('stops with one line, keeps only whole records, and the same command resumes once there is room', async () => {
      const at = mountTmpfs(16);
      const out = join(at, 'sweep');
      const long = join(work, 'long.yaml');
      // 16 runs of ~2 kB records (a point per iteration): more than 16 KiB.
      writeFileSync(long, SPEC.replace('logEvery: 5', 'logEvery: 1').replace('seeds: 2', 'seeds: 8'));
      const r = await runInitlab(['sweep', long, '--workers', '1', '--out', out]);
      assertOneLineError(r, { message: /the disk is full \(ENOSPC\).*The \d+ finished runs? (is|are) kept in .*runs\.jsonl; run the same command again to resume\.$/ });
      const kept = wholeRecords('runs.jsonl', readFileSync(join(out, 'runs.jsonl'), 'utf8'));
      assert.ok(kept.length >= 1 && kept.length < 16, `${kept.length} records kept`);
      assert.deepEqual(besidesParams(tree(out), kept.map((x) => x.id)), ['runs.jsonl', 'sweep.json'], 'no lock, no partial file');

      resizeTmpfs(at, 1024);
      const again = await runInitlab(['sweep', long, '--workers', '1', '--out', out]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, new RegExp(`${16 - kept.length} runs done \\(${kept.length} finished earlier, skipped\\)`));
      const ids = wholeRecords('runs.jsonl', readFileSync(join(out, 'runs.jsonl'), 'utf8')).map((x) => x.id);
      assert.equal(ids.length, 16);
      assert.equal(new Set(ids).size, 16, 'one record per run');
    });
  });

  describe("an empty path ('') is refused (was: every file written into the current folder)", () => {
    for (const c of COMMANDS) {
      it(c.name, async () => {
        const cwd = tempDir('empty');
        const r = await runInitlab(c.args(''), { cwd });
        const flag = c.args('').at(c.args('').indexOf('') - 1)!;
        assertOneLineError(r, { message: new RegExp(`^initlab: ${flag} '': an empty path; give a name`) });
        assert.deepEqual(tree(cwd), []);
      });
    }
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
