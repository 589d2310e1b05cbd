import { UsageError } from '../../../util/errors.js';

/**
 * `--queue redis://[user:pass@]HOST:PORT[/db]` (or `rediss://` for TLS) as ioredis connection
 * options. The password may instead come from REDIS_PASSWORD (so it stays out of `ps` and shell
 * history); a password in the URL wins. `display` is the URL with any password replaced by `***`,
 * for messages.
 */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  display: string;
}

const FORM = 'redis://[user:pass@]HOST:PORT[/db] or rediss://… for TLS';

export function parseQueueUrl(text: string, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--queue: expected ${FORM}, got '${redact(text)}'.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`--queue: expected ${FORM}, got a ${url.protocol.replace(/:$/, '')}:// URL.`);
  }
  if (url.hostname === '') throw new UsageError(`--queue ${redact(text)}: the URL names no host; expected ${FORM}.`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d*$/.test(path)) throw new UsageError(`--queue ${redact(text)}: the database after '/' must be a number (e.g. /0), got '${path}'.`);
  if ((url.search !== '' || url.hash !== '')) throw new UsageError(`--queue ${redact(text)}: unexpected '?…' or '#…'; expected ${FORM}.`);
  const db = path === '' ? 0 : Number(path);
  const username = url.username !== '' ? decodeURIComponent(url.username) : undefined;
  const fromUrl = url.password !== '' ? decodeURIComponent(url.password) : undefined;
  const password = fromUrl ?? (env['REDIS_PASSWORD'] !== undefined && env['REDIS_PASSWORD'] !== '' ? env['REDIS_PASSWORD'] : undefined);
  // IPv6 hosts come back bracketed from URL; ioredis wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    db,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    tls: url.protocol === 'rediss:',
    display: redact(text),
  };
}

/** The URL with its password (if any) replaced by ***. */
export function redact(text: string): string {
  return text.replace(/^(rediss?:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
