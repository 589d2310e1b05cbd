import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hostAllowed, startServer } from '../../src/cli/serveCommand.js';

/*
 * serve and DNS rebinding (issue 12 item 17): a page at http://evil.example:8080/ whose name is
 * re-pointed at 127.0.0.1 reaches the server with `Host: evil.example:8080`. Only loopback names and
 * addresses are answered, as Vite's dev server does (server.allowedHosts); the rest get 403.
 */

describe('serve: the Host header', () => {
  it('accepts loopback names and addresses, with or without a port', () => {
    for (const host of ['127.0.0.1', '127.0.0.1:8080', 'localhost', 'LOCALHOST:80', 'localhost.', 'app.localhost:5173', '127.1.2.3', '[::1]', '[::1]:8080']) {
      assert.equal(hostAllowed(host), true, host);
    }
  });
  it('refuses every other name, malformed hosts and a missing Host', () => {
    for (const host of [undefined, '', 'evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', '128.0.0.1', '127.0.0.256', '[::2]', 'localhost:80:80', 'local host', '[::1']) {
      assert.equal(hostAllowed(host), false, String(host));
    }
  });
});

describe('serve: answers by Host', () => {
  let root: string;
  let server: Server;
  let port: number;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'initlab-host-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    ({ server } = await startServer(root, 0));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (host: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the page to 127.0.0.1 and localhost', async () => {
    assert.equal((await get(`127.0.0.1:${port}`)).status, 200);
    assert.equal((await get(`localhost:${port}`)).status, 200);
  });
  it('answers 403 to a rebound name, without the page', async () => {
    const r = await get(`evil.example:${port}`);
    assert.equal(r.status, 403);
    assert.match(r.body, /^403 forbidden: the Host header must name the loopback/);
    assert.ok(!r.body.includes('<title>'));
  });
  it('answers 403 to a request without a Host header (HTTP/1.0)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.[01] 403 /);
  });
});
