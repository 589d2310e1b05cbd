/**
 * What the packaging tests share: the packed tarball (`npm pack`, as a user would get it) and a
 * throw-away consumer project with that tarball extracted into node_modules/initlab. Offline: the
 * consumer's dependencies are symlinks into this repository's node_modules, not an npm install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_MODULES = join(REPO, 'node_modules');

/** A file of the tarball as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Packed {
  readonly tarball: string;
  readonly files: readonly PackedFile[];
  readonly size: number;
  readonly unpackedSize: number;
}

/** Runs a command, failing with its output when it exits non-zero. */
export function run(command: string, args: readonly string[], cwd: string): { stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/**
 * `npm pack` of the built repository into a fresh temp folder. --ignore-scripts: `prepare` would
 * rebuild everything; `npm test` has built dist/ already (the check below says so if not).
 */
export function packTarball(): Packed {
  if (!existsSync(join(REPO, 'dist', 'index.js')) || !existsSync(join(REPO, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/ is not built: run `npm run build` before the packaging tests');
  }
  const out = mkdtempSync(join(tmpdir(), 'initlab-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { stdout } = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], REPO);
  const [info] = JSON.parse(stdout) as { filename: string; files: PackedFile[]; size: number; unpackedSize: number }[];
  return { tarball: join(out, info!.filename), files: info!.files, size: info!.size, unpackedSize: info!.unpackedSize };
}

/**
 * A consumer project (`"type": "module"`) with the tarball extracted as node_modules/initlab and
 * each of its runtime dependencies linked from this repository's node_modules.
 */
export function consumerProject(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-consumer-'));
  const target = join(dir, 'node_modules', 'initlab');
  mkdirSync(target, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], dir);
  const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(REPO_MODULES, name)), link, 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

/** The path of a repo devDependency's file (the tools the tests run: tsc, publint, attw). */
export function toolPath(relative: string): string {
  const p = join(REPO_MODULES, relative);
  if (!existsSync(p)) throw new Error(`${relative} is missing: run \`npm ci\` (it is a pinned devDependency)`);
  return p;
}
