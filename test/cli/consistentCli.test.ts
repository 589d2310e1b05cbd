/*
 * Issue 11, item 5: one CLI. Every command's help has Examples that parse (and the cheap ones run),
 * old flag spellings still work with a one-line deprecation note, tables fit $COLUMNS, and
 * `initlab completion` scripts list every command and flag.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ensureDebianPackage } from '../helpers/debianPackage.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'initlab-consistent-'));

/** The built CLI with extra environment variables (COLUMNS, INITLAB_PARSE_ONLY), stdout not a terminal. */
const run = (args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> => runCli(args, { env, ...(cwd !== undefined ? { cwd } : {}) });

/** The commands `initlab --help` lists (help itself left out). */
async function commands(): Promise<string[]> {
  const r = await run(['--help']);
  const section = r.stdout.split('Commands:\n')[1]!;
  return [...section.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

/** The long flags a command's help shows. */
function helpFlags(help: string): string[] {
  const options = help.split('Options:\n')[1]!.split('\n\n')[0]!;
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[a-z0-9-]+)/gm)].map((m) => m[1]!);
}

/** An example line as argv: no shell quoting in examples; ` > file` is a redirection. */
const exampleArgs = (line: string): string[] => line.split(' > ')[0]!.trim().split(/\s+/).slice(1);

/** A tiny finished sweep (4 runs of 20 iterations), for summarize's table and the --csv alias. */
const TINY = `name: tiny
base:
  data: { name: circles, seed: 1, samples: 60, noise: 0.1 }
  network: { hidden: [3], activation: relu }
  training: { optimizer: sgd, learningRate: 0.5, iterations: 20, logEvery: 10 }
grid:
  inits: [zeros, "random:scale=10", he, xavier]
  depth: [1]
  seeds: 1
`;

describe('every command has Examples in --help, and each example parses', () => {
  it('the command list is the expected one', async () => {
    const names = await commands();
    for (const c of ['compare', 'diagnose', 'inits', 'explain', 'sample', 'sweep', 'summarize', 'report', 'theory', 'trainability', 'serve', 'completion']) {
      assert.ok(names.includes(c), c);
    }
  });

  it('each --help fits 80 columns and ends with an Examples section whose lines parse (flags known, arguments given)', async () => {
    for (const c of await commands()) {
      const help = await run([c, '--help']);
      assert.equal(help.code, 0, c);
      const wide = help.stdout.split('\n').filter((l) => [...l].length > 80);
      assert.deepEqual(wide, [], `${c} --help has lines over 80 columns`);
      const section = help.stdout.split('\nExamples:\n')[1];
      assert.ok(section !== undefined, `${c} --help has no Examples`);
      const lines = section.split('\n').filter((l) => l.startsWith('  initlab '));
      assert.ok(lines.length >= 1, `${c}: no example lines`);
      for (const line of lines) {
        const args = exampleArgs(line);
        assert.equal(args[0], c, `${c}'s example runs another command: ${line}`);
        const r = await run(args, { INITLAB_PARSE_ONLY: '1' });
        assert.equal(r.code, 0, `${line}: ${r.stderr}`);
        assert.equal(r.stdout, `parsed: ${c}\n`, line);
      }
    }
  });

  it('the cheap examples run for real (inits, explain, sample, theory at one point, diagnose, completion)', async () => {
    const cwd = tmp();
    const cheap = /^initlab (inits|explain|sample|completion|theory --activation|diagnose --width 64)/;
    let ran = 0;
    for (const c of await commands()) {
      const help = (await run([c, '--help'])).stdout.split('\nExamples:\n')[1]!;
      for (const line of help.split('\n').map((l) => l.trim()).filter((l) => cheap.test(l))) {
        const r = await run(exampleArgs(line), {}, cwd);
        assert.equal(r.code, 0, `${line}: ${r.stderr}`);
        assert.ok(r.stdout.length > 0, line);
        ran++;
      }
    }
    assert.ok(ran >= 12, `${ran} examples ran`);
    // The sample examples wrote their files, in the formats their extensions name.
    assert.equal(readFileSync(join(cwd, 'he.npy')).subarray(1, 6).toString(), 'NUMPY');
    assert.ok(readFileSync(join(cwd, 'w.safetensors')).length > 64 * 64 * 4);
  });
});

describe('deprecated spellings still work, with one note on stderr', () => {
  let sweepDir = '';
  before(async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'spec.yaml'), TINY);
    sweepDir = join(dir, 'sweep');
    const r = await run(['sweep', join(dir, 'spec.yaml'), '--out', sweepDir, '--workers', '1', '--json']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('compare --init-seed N is --seed N', async () => {
    const tiny = ['compare', '--json', '--inits', 'he', '--iterations', '20', '--log-every', '10', '--train-samples', '40', '--test-samples', '20'];
    const old = await run([...tiny, '--init-seed', '7']);
    const now = await run([...tiny, '--seed', '7']);
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stderr, 'initlab: note: --init-seed is deprecated; use --seed.\n');
    assert.equal(now.stderr, '');
    type Doc = { config: { initSeed: number }; runs: { costs: unknown }[] };
    const [a, b] = [JSON.parse(old.stdout) as Doc, JSON.parse(now.stdout) as Doc];
    assert.equal(a.config.initSeed, 7);
    assert.deepEqual(a.config, b.config);
    assert.deepEqual(a.runs[0]!.costs, b.runs[0]!.costs);
  });

  it('trainability --depths LIST is --depth LIST', async () => {
    const tiny = ['trainability', '--sigma-w2', '1', '--width', '3', '--iterations', '5', '--workers', '1', '--json'];
    const old = await run([...tiny, '--depths', '1,2', '--out', join(tmp(), 't')]);
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stderr, 'initlab: note: --depths is deprecated; use --depth.\n');
    assert.deepEqual((JSON.parse(old.stdout) as { config: { depths: number[] } }).config.depths, [1, 2]);
    const now = await run([...tiny, '--depth', '1,2', '--out', join(tmp(), 't')]);
    assert.equal(now.stderr, '');
    assert.deepEqual((JSON.parse(now.stdout) as { config: { depths: number[] } }).config.depths, [1, 2]);
  });

  it('sample --output FILE is --out FILE', async () => {
    const dir = tmp();
    const old = await run(['sample', 'he', '--shape', '3x4', '--format', 'csv', '--output', join(dir, 'a.csv')]);
    const now = await run(['sample', 'he', '--shape', '3x4', '--out', join(dir, 'b.csv')]);
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stderr, 'initlab: note: --output is deprecated; use --out.\n');
    assert.equal(readFileSync(join(dir, 'a.csv'), 'utf8'), readFileSync(join(dir, 'b.csv'), 'utf8'));
  });

  it('summarize --csv FILE is --out FILE (CSV whatever the name); --out FILE.json writes the JSON document', async () => {
    const dir = tmp();
    const old = await run(['summarize', sweepDir, '--csv', join(dir, 'a.txt')]);
    assert.equal(old.code, 0, old.stderr);
    assert.equal(old.stderr, 'initlab: note: --csv is deprecated; use --out.\n');
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), readFileSync(join(sweepDir, 'summary.csv'), 'utf8'));
    const json = await run(['summarize', sweepDir, '--out', join(dir, 's.json')]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')), JSON.parse(readFileSync(join(sweepDir, 'summary.json'), 'utf8')));
  });

  it('an old and a new spelling together: one line, exit 2, nothing on stdout', async () => {
    const r = await run(['compare', '--init-seed', '1', '--seed', '2']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'initlab: --init-seed and --seed are the same setting: give only --seed.\n');
  });

  it('old spellings are not shown in --help', async () => {
    for (const [c, old] of [['compare', '--init-seed'], ['trainability', '--depths'], ['sample', '--output'], ['summarize', '--csv']] as const) {
      assert.ok(!helpFlags((await run([c, '--help'])).stdout).includes(old), `${c} ${old}`);
    }
  });

  it('tables fit COLUMNS=80 (inits, explain, diagnose, the sweep summary, compare); --wide keeps their natural width', async () => {
    const cases: string[][] = [
      ['inits'],
      ['explain', 'keras:he_normal', '--shape', '512x256'],
      ['diagnose', '--width', '64', '--depth', '4', '--batch', '100'],
      ['summarize', sweepDir],
      ['compare', '--inits', 'he,zeros', '--iterations', '20', '--log-every', '10', '--train-samples', '40', '--test-samples', '20'],
    ];
    for (const args of cases) {
      const narrow = await run(args, { COLUMNS: '80' });
      assert.equal(narrow.code, 0, narrow.stderr);
      const over = narrow.stdout.split('\n').filter((l) => [...l].length > 80);
      assert.deepEqual(over, [], args.join(' '));
      const wide = await run([...args, '--wide'], { COLUMNS: '80' });
      const widest = Math.max(...wide.stdout.split('\n').map((l) => [...l].length));
      assert.ok(widest > 80, `${args.join(' ')} --wide: widest line ${widest}`);
    }
  });
});

describe('initlab completion', () => {
  it('bash: valid syntax (bash -n), every command and every flag of each', async () => {
    const r = await run(['completion', 'bash']);
    assert.equal(r.code, 0, r.stderr);
    const file = join(tmp(), 'initlab.bash');
    writeFileSync(file, r.stdout);
    const check = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    for (const c of await commands()) {
      const block = new RegExp(`^ {4}${c}\\)\\n {6}opts="([^"]*)"`, 'm').exec(r.stdout);
      assert.ok(block, `no case for ${c}`);
      const listed = block[1]!.split(' ');
      for (const flag of helpFlags((await run([c, '--help'])).stdout)) assert.ok(listed.includes(flag), `${c} ${flag}`);
    }
    assert.match(r.stdout, /complete -o filenames -F _initlab initlab/);
  });

  it('each script loads in its shell and completes commands and flags (bash, zsh -n, fish)', async () => {
    const dir = tmp();
    for (const shell of ['bash', 'zsh', 'fish']) writeFileSync(join(dir, `initlab.${shell}`), (await run(['completion', shell])).stdout);
    // bash: the function's answers for `initlab com<TAB>` and `initlab sample he --o<TAB>`.
    const b = spawnSync('bash', ['-c', `source ${join(dir, 'initlab.bash')}
COMP_WORDS=(initlab com); COMP_CWORD=1; _initlab; echo "\${COMPREPLY[*]}"
COMP_WORDS=(initlab sample he --o); COMP_CWORD=3; _initlab; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    assert.deepEqual(b.stdout.split('\n').slice(0, 2), ['compare completion', '--out']);
    const zsh = ensureDebianPackage('zsh', '/usr/bin/zsh');
    const z = spawnSync(zsh, ['-n', join(dir, 'initlab.zsh')], { encoding: 'utf8' });
    assert.equal(z.status, 0, z.stderr);
    const fish = ensureDebianPackage('fish', '/usr/bin/fish');
    const f = spawnSync(fish, ['-c', `source ${join(dir, 'initlab.fish')}; complete -C 'initlab sam'; complete -C 'initlab sample he --o'`], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
    assert.equal(f.status, 0, f.stderr);
    assert.deepEqual(f.stdout.split('\n').map((l) => l.split('\t')[0]).slice(0, 2), ['sample', '--out']);
  });

  it('zsh and fish: every command and flag', async () => {
    const zsh = (await run(['completion', 'zsh'])).stdout;
    const fish = (await run(['completion', 'fish'])).stdout;
    assert.match(zsh, /^#compdef initlab/);
    for (const c of await commands()) {
      assert.match(zsh, new RegExp(`^ {8}${c}\\)$`, 'm'), `zsh ${c}`);
      assert.match(fish, new RegExp(`-a ${c} -d`), `fish ${c}`);
      for (const flag of helpFlags((await run([c, '--help'])).stdout)) {
        assert.ok(zsh.includes(`'${flag}[`), `zsh ${c} ${flag}`);
        assert.ok(fish.includes(`__fish_seen_subcommand_from ${c}" -l ${flag.slice(2)}`), `fish ${c} ${flag}`);
      }
    }
  });

  it('an unknown shell: one line, exit 2', async () => {
    const r = await run(['completion', 'powershell']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "initlab: completion: unknown shell 'powershell'; write one of bash, zsh, fish, e.g. 'initlab completion bash'.\n");
  });
});
