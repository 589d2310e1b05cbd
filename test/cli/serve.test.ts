import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contentType, MAX_TARGET_CHARS, parsePort, resolveRequestPath, startServer } from '../../src/cli/serveCommand.js';
import { UsageError } from '../../src/util/errors.js';
import { CLI, runCli } from '../helpers/cli.js';

/** A raw GET whose path is sent exactly as written (no client-side normalisation of '..'). */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: request paths', () => {
  const root = '/srv/app';
  it("maps '/' to index.html and plain paths under the root", () => {
    assert.deepEqual(resolveRequestPath(root, '/'), { file: '/srv/app/index.html' });
    assert.deepEqual(resolveRequestPath(root, '/?data=circles&init=he'), { file: '/srv/app/index.html' });
    assert.deepEqual(resolveRequestPath(root, '/assets/index-1.js'), { file: '/srv/app/assets/index-1.js' });
    assert.deepEqual(resolveRequestPath(root, '/a%20b.txt'), { file: '/srv/app/a b.txt' });
  });
  it('refuses traversal in every spelling', () => {
    for (const t of ['/../etc/passwd', '/assets/../../x', '/%2e%2e/x', '/%2E%2E%2Fx', '/a/..%2f..%2fb', '/..\\x', '/a%5c..%5cb', '/x%00.html', '/./index.html', 'http://evil/x', '/%zz']) {
      assert.deepEqual(resolveRequestPath(root, t), { status: 400 }, t);
    }
  });
  it('never lists a directory', () => {
    for (const t of ['/assets/', '/assets//x.js', '//etc/passwd']) assert.deepEqual(resolveRequestPath(root, t), { status: 404 }, t);
  });
  it('names the right content types', () => {
    assert.equal(contentType('a.js'), 'text/javascript; charset=utf-8');
    assert.equal(contentType('a.html'), 'text/html; charset=utf-8');
    assert.equal(contentType('k.wasm'), 'application/wasm');
    assert.equal(contentType('a.css'), 'text/css; charset=utf-8');
    assert.equal(contentType('x.bin'), 'application/octet-stream');
  });
  it('parses --port', () => {
    assert.equal(parsePort(undefined), 8080);
    assert.equal(parsePort('0'), 0);
    assert.equal(parsePort('65535'), 65535);
    for (const bad of ['-1', '65536', '80.5', 'http', '']) assert.throws(() => parsePort(bad), UsageError, bad);
  });
});

describe('serve: a server on a temporary app folder', () => {
  let dir: string;
  let server: Server;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initlab-serve-'));
    mkdirSync(join(dir, 'app', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'app', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'app', 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'SECRET-OUTSIDE-THE-APP');
    const started = await startServer(join(dir, 'app'), 0);
    server = started.server;
    port = (server.address() as AddressInfo).port;
    assert.equal(started.url, `http://127.0.0.1:${port}/`);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    assert.equal((server.address() as AddressInfo).address, '127.0.0.1');
  });
  it('serves index.html and files with their types', async () => {
    const home = await get(port, '/');
    assert.equal(home.status, 200);
    assert.equal(home.type, 'text/html; charset=utf-8');
    assert.equal(home.body, '<!doctype html><title>app</title>');
    const js = await get(port, '/assets/main.js');
    assert.equal(js.status, 200);
    assert.equal(js.type, 'text/javascript; charset=utf-8');
    const head = await get(port, '/assets/main.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
  it('never serves a file outside the app folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await get(port, path);
      assert.equal(r.status, 400, path);
      assert.ok(!r.body.includes('SECRET'), path);
    }
  });
  it('answers 404 for directories and missing files, 405 for other methods', async () => {
    const d = await get(port, '/assets/');
    assert.equal(d.status, 404);
    assert.ok(!d.body.includes('main.js'));
    assert.equal((await get(port, '/assets')).status, 404);
    assert.equal((await get(port, '/nope.js')).status, 404);
    assert.equal((await get(port, '/', 'POST')).status, 405);
  });
  it('answers an over-long request with a readable 414 that links to /, never a bare 431 (issue 15, defect 4)', async () => {
    const atLimit = await get(port, `/?q=${'x'.repeat(MAX_TARGET_CHARS - 4)}`);
    assert.equal(atLimit.status, 200, 'a target of exactly MAX_TARGET_CHARS is served');
    const long = await get(port, `/?q=${'x'.repeat(MAX_TARGET_CHARS - 3)}`);
    assert.equal(long.status, 414);
    assert.equal(long.type, 'text/html; charset=utf-8');
    assert.match(long.body, /<h1>This link is too long<\/h1>/);
    assert.match(long.body, new RegExp(`${MAX_TARGET_CHARS + 1} characters long`));
    assert.match(long.body, /<a href="\/">Open the playground<\/a>/);
    // 20 000 characters: over Node's default 16 KiB header limit, which would answer a bare 431.
    assert.equal((await get(port, `/?foo=${'x'.repeat(20_000)}`)).status, 414);
    const head = await get(port, `/?foo=${'x'.repeat(20_000)}`, 'HEAD');
    assert.equal(head.status, 414);
    assert.equal(head.body, '');
  });
  it('refuses to start when the app is not built', async () => {
    await assert.rejects(startServer(join(dir, 'missing'), 0), (err: unknown) => err instanceof UsageError && /not built/.test(err.message) && /npm run build:web/.test(err.message));
  });
});

describe('initlab serve (end to end)', () => {
  let child: ChildProcess | undefined;
  after(() => child?.kill('SIGTERM'));

  it('prints the URL and serves the built page; a busy port is a one-line error (exit 2)', async () => {
    child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${err}`)), 10_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child!.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    });
    assert.match(out, /^initlab serve: the playground is at http:\/\/127\.0\.0\.1:\d+\/ /);
    const port = Number(new URL(url).port);
    const home = await get(port, '/');
    assert.equal(home.status, 200);
    assert.match(home.body, /Initialization playground/);
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(home.body);
    assert.ok(script, 'index.html loads a script from assets/');
    const js = await get(port, `/${script[1]}`);
    assert.equal(js.status, 200);
    assert.equal(js.type, 'text/javascript; charset=utf-8');
    const up = await get(port, '/../package.json');
    assert.equal(up.status, 400);
    assert.ok(!up.body.includes('"name"'));

    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    try {
      const busyPort = (busy.address() as AddressInfo).port;
      const r = await runCli(['serve', '--port', String(busyPort)]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^initlab: port ${busyPort} on 127\\.0\\.0\\.1 is already in use: pick another with --port`));
      assert.equal(r.stderr.trim().split('\n').length, 1);
    } finally {
      busy.close();
    }
    const bad = await runCli(['serve', '--port', 'eighty']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port 'eighty': write an integer from 0 to 65535/);
  });
});
