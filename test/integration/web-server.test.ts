// Browser mode end to end at the HTTP level: `snoopy web` prints its URL and serves the page with
// strict headers; the file server refuses traversal as raw requests; Host is checked everywhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { webCommand } from '../../main/cli/web';
import { createWebServer, type WebServer } from '../../main/web/server';
import { createFakeCore } from '../unit/transport-fake-handlers';

/** A request exactly as written (no client-side normalisation of `..`). */
function rawGet(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head: head.toLowerCase(), body });
    });
    socket.on('error', reject);
  });
}

function head(
  port: number,
  path: string,
): Promise<{ status: number | undefined; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'HEAD' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the browser-mode server', () => {
  let base: string;
  let server: WebServer;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'snoopy-web-'));
    mkdirSync(join(base, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>Snoopy</title>');
    writeFileSync(join(base, 'renderer', 'assets', 'app.js'), 'export {};');
    writeFileSync(join(base, 'package.json'), '{"secret": true}');
    server = await createWebServer({
      handlers: createFakeCore('browser').handlers,
      root: join(base, 'renderer'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with a 256-bit token in the URL fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
  });

  it('serves the page with strict security headers on every response', async () => {
    const page = await rawGet(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Snoopy</title>');
    for (const response of [
      page,
      await rawGet(server.port, '/missing.js'),
      await rawGet(server.port, '/../package.json'),
    ]) {
      expect(response.head).toContain(
        `content-security-policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${server.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
      );
      expect(response.head).toContain('x-content-type-options: nosniff');
      expect(response.head).toContain('referrer-policy: no-referrer');
      expect(response.head).toContain('cross-origin-opener-policy: same-origin');
    }
    expect((await rawGet(server.port, '/assets/app.js')).head).toContain(
      'content-type: text/javascript',
    );
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e%5cpackage.json',
  ])('refuses the raw request %s', async (path) => {
    const response = await rawGet(server.port, path);
    expect([400, 403]).toContain(response.status);
    expect(response.body).not.toContain('secret');
  });

  it('refuses requests for another Host (DNS rebinding) and methods other than GET/HEAD', async () => {
    expect((await rawGet(server.port, '/', `evil.example:${server.port}`)).status).toBe(403);
    expect((await rawGet(server.port, '/', `localhost:${server.port}`)).status).toBe(403);
    expect((await head(server.port, '/')).status).toBe(200);
    const post = await new Promise<number | undefined>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/', method: 'POST' },
        (res) => resolve(res.statusCode),
      );
      req.end();
    });
    expect(post).toBe(405);
  });

  it('carries the contract on /ws of the same origin for holders of the token', async () => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${server.port}/ws`,
      ['snoopy.v1', `snoopy.token.${server.token}`],
      { origin: server.origin },
    );
    const answer = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ id: 7, method: 'app.info', input: {} })));
      ws.on('message', (data) => resolve(JSON.parse(data.toString())));
      ws.on('error', reject);
    });
    expect(answer).toEqual({
      id: 7,
      ok: true,
      value: { version: '0.0.0-test', transport: 'browser' },
    });
    ws.close();
  });
});

describe('snoopy web', () => {
  it('prints the URL, serves the built page and stops cleanly', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    let started: { server: WebServer; stop: () => Promise<void> } | undefined;
    let coreClosed = false;
    const code = await webCommand(['--port', '0'], {
      createCore: async (options) => {
        expect(options).toMatchObject({ transport: 'browser', version: expect.any(String) });
        return {
          handlers: createFakeCore('browser').handlers,
          close: async () => {
            coreClosed = true;
          },
        };
      },
      onStarted: (server, stop) => (started = { server, stop }),
      out: (t) => out.push(t),
      err: (t) => errors.push(t),
    });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(
      /^Snoopy is running at http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n/,
    );
    expect(errors.join('')).not.toContain('WARNING');
    const { server, stop } = started as { server: WebServer; stop: () => Promise<void> };
    const page = await rawGet(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    await stop();
    expect(coreClosed).toBe(true);
  });

  it('warns when told to listen beyond loopback, and then accepts only IP-literal Hosts', async () => {
    const errors: string[] = [];
    let started: { server: WebServer; stop: () => Promise<void> } | undefined;
    await webCommand(['--host', '0.0.0.0'], {
      createCore: async () => ({
        handlers: createFakeCore('browser').handlers,
        close: async () => undefined,
      }),
      onStarted: (server, stop) => (started = { server, stop }),
      out: () => undefined,
      err: (t) => errors.push(t),
    });
    const { server, stop } = started as { server: WebServer; stop: () => Promise<void> };
    try {
      expect(errors.join('')).toMatch(/WARNING: Snoopy is listening on 0\.0\.0\.0/);
      expect((await rawGet(server.port, '/', `127.0.0.1:${server.port}`)).status).toBe(200);
      expect((await rawGet(server.port, '/', `rebind.evil.example:${server.port}`)).status).toBe(
        403,
      );
    } finally {
      await stop();
    }
  });

  it('rejects a bad port and prints its usage from the real command line', () => {
    const help = spawnSync('node', ['main/snoopy.mjs', 'web', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: snoopy web');
    const bad = spawnSync('node', ['main/snoopy.mjs', 'web', '--port', 'eighty'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be a number');
  });
});
