// The packet viewer in browser mode against the REAL core (createCore + createWebServer, a
// worker thread per view) reading test/fixtures/pcap/http.pcap: rows fill the table, a row shows
// its tree and bytes with linked highlighting, filters narrow or turn red, Follow shows the HTTP
// exchange, and reopening the file shows the same rows. Screenshots: test-results/screenshots.
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createCore, type Core } from '../../main/core';
import { createWebServer, type WebServer } from '../../main/web/server';

const HTTP = resolve('test/fixtures/pcap/http.pcap');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/viewer-${name}.png` });

let core: Core;
let server: WebServer;

test.use({ colorScheme: 'dark', viewport: { width: 1400, height: 860 } });

test.beforeAll(async () => {
  // No cluster is needed to read files: a kubeconfig that does not exist is fine.
  core = await createCore({
    version: '0.0.0-e2e',
    transport: 'browser',
    env: { KUBECONFIG: resolve('test-results/no-such-kubeconfig') },
    execEnvironment: {},
    watchKubeconfig: false,
  });
  server = await createWebServer({ handlers: core.handlers });
});
test.afterAll(async () => {
  await server?.close();
  await core?.close();
});

const rows = (page: Page): Locator =>
  page.getByTestId('packet-table').locator('.pv-scroll [role=row]');
const cells = (page: Page, col: string): Locator => rows(page).locator(`[data-col="${col}"]`);
const filter = (page: Page): Locator => page.getByLabel('Display filter');

async function openFile(page: Page, path: string, packets = 25): Promise<void> {
  await page.getByLabel('Capture file path').fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('packet-status')).toContainText(`Packets: ${packets}`);
}

test('opens a capture, shows detail and bytes, filters and follows the HTTP stream', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Packets' }).click();
  await openFile(page, HTTP);

  // Rows fill the table (only the visible ones are in the DOM), numbered from 1.
  await expect(cells(page, 'no').first()).toHaveText('1');
  await expect(cells(page, 'proto').nth(5)).toHaveText('HTTP');
  // Only the rows on screen are in the DOM (23 of 25 at this window height).
  await expect(cells(page, 'info').nth(19)).not.toHaveText('');
  expect(await rows(page).count()).toBeLessThan(25);
  const firstRows = await cells(page, 'info').allTextContents();
  await shot(page, 'table');

  // Selecting a row shows the tree and the hex dump; a tree line highlights its bytes.
  await rows(page).nth(5).click();
  const tree = page.getByTestId('packet-tree');
  await expect(tree).toContainText('Hypertext Transfer Protocol');
  await expect(page.getByTestId('packet-hex').locator('.pv-hex-line')).toHaveCount(10);
  await tree.locator('.pv-node', { hasText: 'Hypertext Transfer Protocol' }).first().click();
  const highlighted = page.getByTestId('packet-hex').locator('.pv-hex-bytes .hl');
  await expect(highlighted).toHaveCount(150 - 66);
  // Clicking a byte selects the deepest node covering it (byte 14: the IPv4 version field).
  await page.getByTestId('packet-hex').locator('.pv-hex-bytes [data-offset="14"]').click();
  await expect(tree.locator('.pv-node.selected')).toHaveCount(1);
  await expect(tree.locator('.pv-node.selected')).toContainText(/Version|Internet Protocol/);
  // Keyboard: Down moves the selection to the next packet.
  await page.getByRole('grid', { name: 'Packets' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows(page).nth(6)).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'detail');

  // A valid filter turns green and narrows the rows.
  await filter(page).fill('http');
  await expect(filter(page)).toHaveClass(/state-valid/);
  await filter(page).press('Enter');
  await expect(page.getByTestId('packet-status')).toContainText('Displayed:');
  const shown = await rows(page).count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(25);
  for (const p of await cells(page, 'proto').allTextContents()) expect(p).toBe('HTTP');
  await shot(page, 'filter');

  // An invalid one turns red and says what and where.
  await filter(page).fill('tcp.prot == 80');
  await expect(filter(page)).toHaveClass(/state-invalid/);
  await expect(page.getByTestId('filter-error')).toContainText('column 1');
  await shot(page, 'filter-invalid');

  // Follow TCP Stream from a row's context menu shows both sides of the exchange.
  await filter(page).fill('');
  await filter(page).press('Enter');
  await expect(page.getByTestId('packet-status')).not.toContainText('Displayed:');
  await rows(page).nth(5).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Follow TCP Stream' }).click();
  const follow = page.getByTestId('follow-dialog');
  await expect(follow.locator('.pv-follow .dir0').first()).toContainText(
    'GET /index.html HTTP/1.1',
  );
  await expect(follow.locator('.pv-follow .dir1').first()).toContainText('HTTP/1.1 200 OK');
  await shot(page, 'follow');
  await follow.getByRole('button', { name: 'Close' }).click();

  // Conversations tab: the TCP connections of the capture.
  await page.getByRole('tab', { name: 'Conversations' }).click();
  await expect(page.getByTestId('conversations').locator('tbody tr')).not.toHaveCount(0);
  await shot(page, 'conversations');
  await page.getByRole('tab', { name: 'Packets', exact: true }).last().click();

  // Reopening the same file shows the same rows.
  await openFile(page, HTTP);
  await expect(cells(page, 'info').first()).toHaveText(firstRows[0] ?? '');
  expect(await cells(page, 'info').allTextContents()).toEqual(firstRows);
  // The missing kubeconfig is the pod screen's business and the meta-CSP notice the shell's
  // (renderer/index.html); the viewer itself logs nothing.
  expect(consoleErrors.filter((e) => !/kubeconfig|frame-ancestors/i.test(e))).toEqual([]);
});

test('lists DNS transactions with their rcode and latency', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Packets' }).click();
  await openFile(page, resolve('test/fixtures/pcap/dns.pcap'), 18);
  await shot(page, 'dns-packets');
  await page.getByRole('tab', { name: 'DNS' }).click();
  const dns = page.getByTestId('dns').locator('tbody tr');
  await expect(dns).not.toHaveCount(0);
  await expect(page.getByTestId('dns')).toContainText('NXDOMAIN');
  await shot(page, 'dns');
});

test('says why a path cannot be opened', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Packets' }).click();
  await page.getByLabel('Capture file path').fill(resolve('package.json'));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not a capture file');
  await shot(page, 'open-error');
});
