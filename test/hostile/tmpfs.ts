import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Small tmpfs mounts for the output-place cases: a writable mount point, a read-only one, a full
 * one. They need root (CI and the dev container run as root). Without it the cases FAIL with the
 * step that gives it — never skipped: run the tests in a user and mount namespace, where this
 * process is root.
 */

export const NEEDED_STEP = 'unshare --user --map-root-user --mount node scripts/run-tests.mjs hostile';

const mounted: string[] = [];

function sh(cmd: string, args: string[]): { ok: boolean; text: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, text: `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim() };
}

/** Mounts a tmpfs of `kib` KiB at a new folder under `parent` (or a new temp folder) and returns its path. */
export function mountTmpfs(kib: number, options: { readOnly?: boolean; parent?: string } = {}): string {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const at = options.parent !== undefined ? join(options.parent, `mnt-${mounted.length}`) : mkdtempSync(join(tmpdir(), 'initlab-tmpfs-'));
  mkdirSync(at, { recursive: true });
  const r = sh('mount', ['-t', 'tmpfs', '-o', `size=${kib}k${options.readOnly ? ',ro' : ''}`, 'tmpfs', at]);
  if (!r.ok) {
    rmSync(at, { recursive: true, force: true });
    throw new Error(`cannot mount a tmpfs at ${at} (${root ? r.text : 'not root'}); these cases need root: run them with: ${NEEDED_STEP}`);
  }
  mounted.push(at);
  return at;
}

/** Changes a mounted tmpfs's size (a disk that was full gets room). */
export function resizeTmpfs(at: string, kib: number): void {
  const r = sh('mount', ['-o', `remount,size=${kib}k`, at]);
  if (!r.ok) throw new Error(`cannot resize the tmpfs at ${at}: ${r.text}`);
}

/** Writes zeros into `at/name` until the file system has at most `leaveKiB` KiB free (0: full). */
export function fill(at: string, leaveKiB: number, totalKiB: number, name = 'filler'): void {
  const fd = openSync(join(at, name), 'w');
  const block = Buffer.alloc(4096);
  let wanted = Math.max(0, totalKiB - leaveKiB) * 1024;
  try {
    while (leaveKiB === 0 || wanted > 0) {
      const n = writeSync(fd, block, 0, leaveKiB === 0 ? block.length : Math.min(block.length, wanted));
      wanted -= n;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

/** Unmounts (lazily, so a busy mount cannot keep it) and removes every mount made here; for `after` hooks. */
export function unmountAll(): void {
  for (const at of mounted.splice(0).reverse()) {
    sh('umount', ['-l', at]);
    rmSync(at, { recursive: true, force: true });
  }
}
