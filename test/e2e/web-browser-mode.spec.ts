// Browser mode in real Chromium: the page opened from the printed URL connects over the
// WebSocket (token read from the fragment, then removed from the address bar); without the token
// it says what to do; a page of another origin cannot connect even with the token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'vite';
import { createWebServer, type WebServer } from '../../main/web/server';
import { createFakeCore } from '../unit/transport-fake-handlers';

const HARNESS_OUT = resolve('test-results/web-transport-harness');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png` });

let harness: WebServer;
let app: WebServer;
const logs: string[] = [];

test.beforeAll(async () => {
  await build({
    configFile: false,
    root: resolve('test/e2e/web-transport-harness'),
    base: './',
    logLevel: 'warn',
    build: { outDir: HARNESS_OUT, emptyOutDir: true },
  });
  harness = await createWebServer({
    handlers: createFakeCore('browser').handlers,
    root: HARNESS_OUT,
    log: (l) => logs.push(l),
  });
  app = await createWebServer({
    handlers: createFakeCore('browser').handlers,
    log: (l) => logs.push(l),
  });
});

test.afterAll(async () => {
  await harness?.close();
  await app?.close();
});

test('the page opened from the printed URL connects and calls the core', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.locator('#status')).toHaveText('open');
  await expect(page.locator('#info')).toHaveText('{"version":"0.0.0-test","transport":"browser"}');
  await expect(page.locator('html')).toHaveAttribute('data-snoopy-connection', 'open');
  // The token left the address bar (and this history entry) as soon as it was read.
  expect(page.url()).toBe(`${harness.origin}/`);
  await shot(page, 'web-connected');
  // A reload in the same tab keeps working without the fragment.
  await page.reload();
  await expect(page.locator('#status')).toHaveText('open');
});

test('the page opened without the token says what to do', async ({ page }) => {
  await page.goto(`${harness.origin}/`);
  await expect(page.locator('#status')).toHaveText('unauthorized');
  await expect(page.locator('#error')).toContainText(
    'missing or invalid token — open the URL Snoopy printed',
  );
  await expect(page.locator('#info')).toContainText('failed: missing or invalid token');
  await shot(page, 'web-missing-token');
});

test('a token from an earlier start is refused and explained, not retried forever', async ({
  page,
}) => {
  await page.goto(`${harness.origin}/#token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
  await expect(page.locator('#status')).toHaveText('unauthorized');
  await expect(page.locator('#error')).toContainText(
    'missing or invalid token — open the URL Snoopy printed',
  );
  await shot(page, 'web-invalid-token');
});

test('a page of another origin cannot connect, even knowing the token', async ({ page }) => {
  const attempt = ([url, token]: readonly [string, string]) =>
    new Promise<string>((done) => {
      const ws = new WebSocket(url, ['snoopy.v1', `snoopy.token.${token}`]);
      ws.onopen = () => done('open');
      ws.onclose = (e) => done(`closed ${e.code}`);
    });
  const wsUrl = `ws://127.0.0.1:${harness.port}/ws`;
  // Control: from our own page the same code connects.
  await page.goto(`${harness.origin}/`);
  expect(await page.evaluate(attempt, [wsUrl, harness.token] as const)).toBe('open');

  // A site on the internet: Chromium itself refuses it a loopback socket; it never opens.
  await page.route('http://evil.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>evil</title><h1>Not Snoopy</h1>',
    }),
  );
  await page.goto('http://evil.example/');
  expect(await page.evaluate(attempt, [wsUrl, harness.token] as const)).toBe('closed 1006');

  // Another local page (another port: another origin) does reach our server, which refuses it.
  const foreign = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>other</title><h1>Another local app</h1>'),
  );
  await new Promise<void>((ok) => foreign.listen(0, '127.0.0.1', ok));
  try {
    const { port } = foreign.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    logs.length = 0;
    expect(await page.evaluate(attempt, [wsUrl, harness.token] as const)).toBe('closed 1006');
    expect(logs.join('\n')).toContain('websocket refused (403): Origin not allowed');
    expect(logs.join('\n')).toContain(`origin=http://127.0.0.1:${port}`);
  } finally {
    foreign.close();
  }
  await shot(page, 'web-foreign-origin');
});

// The real app, built by the global setup, connects through createTransportClient().
test('the Snoopy app itself connects in browser mode', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-snoopy-connection', 'open');
  expect(page.url()).not.toContain('token=');
  await shot(page, 'web-app-connected');
});

test('the Snoopy app opened without the token shows the token error', async ({ page }) => {
  await page.goto(`${app.origin}/`);
  await expect(
    page.getByText('missing or invalid token — open the URL Snoopy printed'),
  ).toBeVisible();
  await shot(page, 'web-app-missing-token');
});
