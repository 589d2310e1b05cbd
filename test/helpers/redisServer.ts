import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage } from './debianPackage.js';

/*
 * A real redis-server (Debian's, installed by ensureDebianPackage when missing) of a test's own: a
 * free 127.0.0.1 port, a temporary folder, the append-only file on (so a restart keeps the queue)
 * and no RDB snapshots. Never a mock: the queue tests exercise BullMQ's Lua scripts, locks and
 * stall detection as they run in production.
 */

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops the server (SIGTERM: it flushes the append-only file) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder (after stop()). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const bin = ensureDebianPackage('redis-server', '/usr/bin/redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'initlab-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'];
  if (options.password !== undefined) args.push('--requirepass', options.password);

  const start = async () => {
    child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${log}`);
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not listen on ${port} within 10 s: ${log}`);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  const auth = options.password !== undefined ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    dir,
    stop,
    restart: start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
