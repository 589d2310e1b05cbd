import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/*
 * The browser the report tests drive: Debian's chromium package at /usr/bin/chromium. When it is
 * missing and this process may install it (root, apt-get present) it is installed once per process;
 * otherwise the test FAILS with the install line — a browser test is never skipped silently.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const INSTALL_LINE = 'apt-get install -y chromium';

/** The flags the tests launch chromium with (no sandbox as root, nothing that reaches the network). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

let cached: string | Error | undefined;

function hasAptGet(): boolean {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function install(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasAptGet()) {
    throw new Error(`${CHROMIUM} is missing and this process cannot install it (${root ? 'no apt-get' : 'not root'}); install it with: ${INSTALL_LINE}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60 * 1000 });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${String(r.status)}${r.error ? `, ${r.error.message}` : ''}); install chromium with: ${INSTALL_LINE}\n${tail}`);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing; install it with: ${INSTALL_LINE}`);
  return CHROMIUM;
}

/** The chromium executable's path, installing it first when missing (the outcome is cached). Throws when it cannot be had. */
export function ensureChromium(): string {
  if (cached === undefined) {
    try {
      cached = install();
    } catch (err) {
      cached = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (cached instanceof Error) throw cached;
  return cached;
}
