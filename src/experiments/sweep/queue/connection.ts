import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../../../util/errors.js';
import type { RedisTarget } from './url.js';

/*
 * Two kinds of connection to the same Redis. The check at start-up fails fast (no reconnecting, a
 * short connect timeout), so a wrong URL or password is one line and exit 2 within seconds. The
 * long-lived ones (BullMQ's queues and workers, the sweep registry) reconnect forever and never
 * give up on a command (maxRetriesPerRequest null, as BullMQ's workers require): a Redis restarted
 * mid-sweep is waited for, and the sweep goes on.
 */

const CHECK_TIMEOUT_MS = 3000;

function baseOptions(target: RedisTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username !== undefined ? { username: target.username } : {}),
    ...(target.password !== undefined ? { password: target.password } : {}),
    // SNI carries host names only (RFC 6066); Node warns about an IP address there.
    ...(target.tls ? { tls: isIP(target.host) === 0 ? { servername: target.host } : {} } : {}),
  };
}

/** Options for BullMQ and the registry client: reconnect forever (at most every 2 s), wait for Redis. */
export function lastingOptions(target: RedisTarget): RedisOptions {
  return { ...baseOptions(target), maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (times) => Math.min(100 * times, 2000) };
}

/** A client for the sweep registry (initlab:sweeps). */
export function lastingClient(target: RedisTarget): Redis {
  return new Redis(lastingOptions(target));
}

/**
 * Connects once, authenticates and PINGs; a UsageError naming the problem otherwise (unreachable,
 * refused password, not Redis, timeout), within about CHECK_TIMEOUT_MS.
 */
export async function checkRedis(target: RedisTarget): Promise<void> {
  const client = new Redis({
    ...baseOptions(target),
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  // A refused AUTH arrives as an event, while the awaited call only says "Connection is closed".
  let reported: unknown;
  client.on('error', (err) => (reported ??= err));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS + 500);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      timeout,
    ]);
  } catch (err) {
    throw new UsageError(`--queue ${target.display}: ${explain(reported ?? err, target.tls)}`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function explain(err: unknown, tls: boolean): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  if (/WRONGPASS|invalid password|NOAUTH|AUTH.*without any password|invalid username-password/i.test(message)) {
    return `Redis refused the credentials (${message}); give the right user and password in the URL or in REDIS_PASSWORD.`;
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `cannot resolve the host (${message}); fix the host name in the URL.`;
  if (tls && /ECONNRESET|ETIMEDOUT|no answer|Connection is closed|TLS|SSL/i.test(message)) {
    return `no TLS connection (${message}); rediss:// needs Redis's TLS port, redis:// is for a server without TLS.`;
  }
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|no answer|Connection is closed|connect ETIMEDOUT/i.test(message)) {
    return `cannot reach Redis (${message}); start redis-server there or fix the host and port.`;
  }
  return `Redis did not answer as expected (${message}); check the URL (rediss:// for TLS, redis:// without).`;
}
