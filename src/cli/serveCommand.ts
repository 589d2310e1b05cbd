import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../util/errors.js';

/*
 * `initlab serve`: the built playground (dist/web, made by `npm run build:web`) over HTTP on the
 * loopback interface only. A static server that answers only for regular files under the app
 * folder: no directory listing, no path outside it (`..`, encoded `%2e%2e`, backslashes, NUL and
 * absolute-looking paths are refused before the file system is touched), GET and HEAD only.
 * The Host header must name the loopback (localhost, *.localhost, 127.x.x.x, [::1]): a page on
 * another site whose name an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name
 * and gets 403, as Vite's dev server answers (server.allowedHosts, Vite ≥ 6.0.9).
 *
 * Over-long requests (issue 15, defect 4): Node answers a request whose head exceeds its 16 KiB
 * header limit with a bare "431 Request Header Fields Too Large" and the browser shows "This page
 * isn't working". The playground's links carry their state after '#', which browsers never send,
 * but old '?' links and hand-made ones may be long. So the parser's limit is raised
 * (MAX_HEADER_BYTES) and a request target over MAX_TARGET_CHARS is answered 414 with a readable
 * page that says so and links to '/'; a head that still overflows the parser gets the same page.
 */

/** dist/cli/serveCommand.js → dist/web/. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

export const HOST = '127.0.0.1';
/** The longest request target (path and query) served; longer ones get the 414 page. */
export const MAX_TARGET_CHARS = 8192;
/** The HTTP parser's limit on a request's head (Node's default is 16 KiB). */
export const MAX_HEADER_BYTES = 1 << 20;
export const DEFAULT_PORT = 8080;

/** Content types of what a Vite build emits (and a few more a static app may hold). */
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** What a request path maps to: a file under the root, or the status to answer with. */
export type Resolved = { file: string } | { status: 400 | 404 };

/**
 * Maps a request target ('/assets/a.js?x=1') to a file under `root`, or a refusal. '/' is
 * index.html; any other path ending in '/' (a directory) is 404. Decoding happens once, and the
 * decoded segments are checked, so '%2e%2e/' and '..%2f' are refused like '../'.
 */
export function resolveRequestPath(root: string, target: string): Resolved {
  let pathname: string;
  try {
    pathname = new URL(target, 'http://localhost').pathname;
  } catch {
    return { status: 400 };
  }
  // The raw target may hold '..' that URL() would silently collapse: refuse it outright.
  const rawPath = target.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
    decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 400 };
  if (decoded === '/') segments[0] = 'index.html';
  else if (decoded.endsWith('/') || segments.some((s, i) => s === '' && i < segments.length - 1)) return { status: 404 };
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!file.startsWith(base + sep)) return { status: 400 };
  return { file };
}

/**
 * Whether a request's Host header names this server: localhost or a *.localhost name (RFC 6761
 * reserves them for the loopback), an IPv4 loopback address (127.0.0.0/8, the bound 127.0.0.1
 * among them) or [::1], with an optional port. Anything else, or no Host at all, is refused.
 */
export function hostAllowed(host: string | undefined): boolean {
  if (host === undefined) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return false;
  const name = m[1]!.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]' || name === '[0:0:0:0:0:0:0:1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${status} ${text}\n`);
}

/** The 414 page: what happened, and a link to the playground without the long part. */
export function tooLongPage(length: number | undefined): string {
  const what = length === undefined ? 'The request is larger than this server accepts' : `This link is ${length} characters long; this server accepts links of up to ${MAX_TARGET_CHARS}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Link too long — initlab playground</title>',
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222;line-height:1.45}a{color:#1f4e79}</style></head>',
    '<body><h1>This link is too long</h1>',
    `<p>${what}. Playground links keep their settings after the <code>#</code>, which the browser never sends to the server, so they can be as long as needed; this one has them (or something else) before it.</p>`,
    '<p><a href="/">Open the playground</a> (the article\'s experiment), or ask whoever sent the link for one made by the page itself.</p>',
    '</body></html>',
    '',
  ].join('\n');
}

function sendTooLong(res: ServerResponse, length: number | undefined, head: boolean): void {
  const body = tooLongPage(length);
  res.writeHead(414, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'X-Content-Type-Options': 'nosniff', Connection: 'close' });
  res.end(head ? undefined : body);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostAllowed(req.headers.host)) {
    send(res, 403, 'forbidden: the Host header must name the loopback (localhost or 127.0.0.1)');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'method not allowed');
    return;
  }
  const target = req.url ?? '/';
  if (target.length > MAX_TARGET_CHARS) {
    sendTooLong(res, target.length, req.method === 'HEAD');
    return;
  }
  const resolved = resolveRequestPath(root, target);
  if ('status' in resolved) {
    send(res, resolved.status, resolved.status === 400 ? 'bad request' : 'not found');
    return;
  }
  let size: number;
  try {
    const s = await stat(resolved.file);
    if (!s.isFile()) {
      send(res, 404, 'not found');
      return;
    }
    size = s.size;
  } catch {
    send(res, 404, 'not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentType(resolved.file),
    'Content-Length': String(size),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(resolved.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Starts the server on 127.0.0.1:port (0 = any free port); resolves once it listens. */
export async function startServer(root: string, port: number): Promise<{ server: Server; url: string }> {
  try {
    const s = await stat(resolve(root, 'index.html'));
    if (!s.isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError(`the web app is not built (no ${resolve(root, 'index.html')}): run 'npm run build:web' (or 'npm run build') first.`);
  }
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
  // What Node would answer with a bare 431: the readable 414 page instead. Other parse errors keep
  // Node's answer (400), as without a listener.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      const body = tooLongPage(undefined);
      socket.end(`HTTP/1.1 414 URI Too Long\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    } else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((done, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new UsageError(`port ${port} on ${HOST} is already in use: pick another with --port <n> (0 = any free port).`));
      else if (err.code === 'EACCES') reject(new UsageError(`port ${port} needs privileges this process lacks: pick one above 1023 with --port <n>.`));
      else reject(err);
    });
    server.listen(port, HOST, () => done());
  });
  const actual = (server.address() as AddressInfo).port;
  return { server, url: `http://${HOST}:${actual}/` };
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port '${text}': write an integer from 0 to 65535 (0 = any free port).`);
  return n;
}

export interface ServeOptions {
  port?: string;
}

/** `initlab serve`: serves the built playground until interrupted. */
export async function serveCommand(options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const { server, url } = await startServer(WEB_ROOT, port);
  process.stdout.write(`initlab serve: the playground is at ${url} (127.0.0.1 only; Ctrl-C to stop)\n`);
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
