import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/*
 * Debian packages that some tests need (chromium, redis-server, dataset-fashion-mnist). When the
 * file a package provides is missing and this process may install it (root, apt-get present), the
 * package is installed once per process; otherwise the test FAILS with the exact install line.
 * A test that needs a package is never skipped silently.
 */

const outcomes = new Map<string, string | Error>();

function hasAptGet(): boolean {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** The exact line that installs a package. */
export function installLine(pkg: string): string {
  return `apt-get install -y ${pkg}`;
}

function install(pkg: string, provides: string): string {
  if (existsSync(provides)) return provides;
  const line = installLine(pkg);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasAptGet()) {
    throw new Error(`${provides} is missing and this process cannot install it (${root ? 'no apt-get' : 'not root'}); install it with: ${line}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', pkg]]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60 * 1000 });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${String(r.status)}${r.error ? `, ${r.error.message}` : ''}); install ${pkg} with: ${line}\n${tail}`);
    }
  }
  if (!existsSync(provides)) throw new Error(`apt-get installed ${pkg} but ${provides} is still missing; install it with: ${line}`);
  return provides;
}

/**
 * The path a Debian package provides, installing the package first when the path is missing (the
 * outcome is cached per package). Throws, with the install line, when it cannot be had.
 */
export function ensureDebianPackage(pkg: string, provides: string): string {
  let outcome = outcomes.get(pkg);
  if (outcome === undefined) {
    try {
      outcome = install(pkg, provides);
    } catch (err) {
      outcome = err instanceof Error ? err : new Error(String(err));
    }
    outcomes.set(pkg, outcome);
  }
  if (outcome instanceof Error) throw outcome;
  return outcome;
}
