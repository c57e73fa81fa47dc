// The packet viewer with a million packets, against the real core: the table shows the first
// rows soon after the open returns, End jumps to the last packet, and the page stays small
// because only visible pages of rows are fetched. Timings are logged and attached, never asserted.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { createCore, type Core } from '../../main/core';
import { createWebServer, type WebServer } from '../../main/web/server';

const BIG = resolve('test-results/viewer-1m.pcap');
const COPIES = 40_000; // × 25 packets of http.pcap = 1,000,000

/** http.pcap's records repeated with rising timestamps (classic little-endian µs pcap). */
function writeMillionPackets(): void {
  const src = readFileSync(resolve('test/fixtures/pcap/http.pcap'));
  const records: Buffer[] = [];
  for (let o = 24; o < src.length;) {
    const caplen = src.readUInt32LE(o + 8);
    records.push(src.subarray(o, o + 16 + caplen));
    o += 16 + caplen;
  }
  const fd = openSync(BIG, 'w');
  writeSync(fd, src.subarray(0, 24));
  const block = Buffer.concat(records);
  for (let i = 0; i < COPIES; i++) {
    let o = 0;
    records.forEach((r, k) => {
      block.writeUInt32LE(1_700_000_000 + Math.floor(i / 1000), o);
      block.writeUInt32LE((i % 1000) * 1000 + k * 10, o + 4);
      o += r.length;
    });
    writeSync(fd, block);
  }
  closeSync(fd);
}

let core: Core;
let server: WebServer;
test.use({ colorScheme: 'dark', viewport: { width: 1400, height: 860 } });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  writeMillionPackets();
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

test('a million packets: first rows, End to the last one, small page heap', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Packets' }).click();
  await page.getByLabel('Capture file path').fill(BIG);
  const started = Date.now();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const table = page.getByTestId('packet-table');
  await expect(table.locator('[data-col="info"]').first()).not.toHaveText('', { timeout: 60_000 });
  const firstRowsMs = Date.now() - started;
  await expect(page.getByTestId('packet-status')).toContainText('Packets: 1,000,000');

  await table.locator('.pv-scroll [role=row]').first().click();
  const endStarted = Date.now();
  await page.keyboard.press('End');
  await expect(table.locator('.pv-row.selected [data-col="no"]')).toHaveText('1000000');
  await expect(table.locator('.pv-row.selected [data-col="info"]')).not.toHaveText('');
  const endMs = Date.now() - endStarted;
  await expect(page.getByTestId('packet-tree')).toContainText('Frame 1000000');
  await page.screenshot({ path: 'test-results/screenshots/viewer-1m.png' });

  const heapMB = await page.evaluate(() => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return memory ? Math.round(memory.usedJSHeapSize / 1e6) : -1;
  });
  const figures = { packets: 1_000_000, firstRowsMs, endToLastRowMs: endMs, heapMB };
  console.log(`viewer at 1M packets: ${JSON.stringify(figures)}`);
  await info.attach('viewer-1m.json', {
    body: JSON.stringify(figures),
    contentType: 'application/json',
  });
});
