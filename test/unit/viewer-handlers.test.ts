// The packet viewer's contract over the memory transport with the real handlers (a worker thread
// per view): open with progress, rows, detail with base64 bytes, filters valid and invalid,
// flows, follow, path errors that carry their fix, and views closed with their connection.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../main/api/handlers';
import { createMemoryTransport } from '../../main/api/transports/memory';
import { SnoopyError } from '../../main/errors';
import { createPacketHandlers } from '../../main/packets/handlers';

const HTTP = resolve('test/fixtures/pcap/http.pcap');
// Only the packet methods are called here; the rest of the contract is not needed.
const handlers = createPacketHandlers() as unknown as Handlers;
const transport = createMemoryTransport(handlers);
const { client } = transport;
afterAll(() => transport.close());

async function rejection(p: Promise<unknown>): Promise<SnoopyError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SnoopyError);
  return e as SnoopyError;
}

describe('packets.* handlers', () => {
  it('opens a file, reports progress and serves the rows asked for', async () => {
    const progress: { count: number; done: boolean }[] = [];
    const off = client.on('packets.progress', (p) => progress.push(p));
    const opened = await client.call('packets.open', { path: HTTP });
    expect(opened).toMatchObject({ count: 25, format: 'pcap' });
    const { rows } = await client.call('packets.rows', {
      viewId: opened.viewId,
      start: 3,
      count: 4,
    });
    expect(rows.map((r) => r.number)).toEqual([4, 5, 6, 7]);
    expect(rows[2]?.protocol).toBe('HTTP');
    await new Promise((r) => setTimeout(r, 10));
    off();
    expect(progress.at(-1)).toEqual({ viewId: opened.viewId, count: 25, done: true });
    await client.call('packets.close', { viewId: opened.viewId });
  });

  it('gives the detail tree and the bytes the tree indexes into', async () => {
    const { viewId } = await client.call('packets.open', { path: HTTP });
    const detail = await client.call('packets.detail', { viewId, frame: 6 });
    const bytes = Buffer.from(detail.bytes, 'base64');
    expect(bytes.length).toBe(150);
    expect(detail.tree.map((n) => n.label).join('\n')).toMatch(/Hypertext Transfer Protocol/);
    for (const node of detail.tree)
      expect(node.start + node.length).toBeLessThanOrEqual(bytes.length);
    await client.call('packets.close', { viewId });
  });

  it('filters rows and explains invalid filters with their span', async () => {
    const { viewId } = await client.call('packets.open', { path: HTTP });
    const ok = await client.call('packets.filter', { viewId, filter: 'tcp.flags.syn == 1' });
    expect(ok).toMatchObject({ ok: true, total: 25 });
    const { rows } = await client.call('packets.rows', { viewId, start: 0, count: 50 });
    expect(rows.every((r) => r.info.includes('SYN'))).toBe(true);
    const bad = await client.call('packets.filter', { viewId, filter: 'tcp.prot == 80' });
    expect(bad).toMatchObject({ ok: false, error: { start: 0, end: 8 } });
    expect(
      await client.call('packets.validateFilter', { viewId, filter: 'ip.addr ==' }),
    ).toMatchObject({
      ok: false,
    });
    expect(await client.call('packets.validateFilter', { viewId, filter: 'http' })).toEqual({
      ok: true,
    });
    const all = await rejection(
      client.call('packets.rows', { viewId, start: 0, count: 5, filtered: false }),
    );
    expect(all.fix).toMatch(/Clear the filter/);
    await client.call('packets.close', { viewId });
  });

  it('lists conversations and follows the HTTP stream in both directions', async () => {
    const { viewId } = await client.call('packets.open', { path: HTTP });
    const { conversations } = await client.call('packets.conversations', { viewId });
    expect(conversations.some((c) => c.protocol === 'tcp' && c.portB === 80)).toBe(true);
    const { follow } = await client.call('packets.follow', { viewId, stream: 0 });
    const text = (dir: 0 | 1) =>
      follow?.segments
        .filter((s) => s.direction === dir)
        .map((s) => Buffer.from(s.data, 'base64').toString('latin1'))
        .join('');
    expect(text(0)).toMatch(/^GET \/index.html HTTP\/1.1/);
    expect(text(1)).toMatch(/^HTTP\/1.1 200 OK/);
    expect(await client.call('packets.dns', { viewId })).toEqual({ transactions: [] });
    await client.call('packets.close', { viewId });
  });

  it('refuses paths it cannot open, saying what to do', async () => {
    const notCapture = join(tmpdir(), `snoopy-not-a-capture-${process.pid}.txt`);
    writeFileSync(notCapture, 'hello, not a pcap');
    expect((await rejection(client.call('packets.open', { path: notCapture }))).message).toMatch(
      /not a capture file/,
    );
    expect((await rejection(client.call('packets.open', { path: '/no/such.pcap' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await rejection(client.call('packets.open', { path: 'rel.pcap' }))).fix).toMatch(
      /full path/,
    );
    expect((await rejection(client.call('packets.open', { path: tmpdir() }))).message).toMatch(
      /not a regular file/,
    );
    expect(
      (await rejection(client.call('packets.rows', { viewId: 'nope', start: 0, count: 1 }))).code,
    ).toBe('NOT_FOUND');
    // The contract caps a rows request: the renderer asks for pages, never for everything.
    expect(
      (await rejection(client.call('packets.rows', { viewId: 'x', start: 0, count: 501 }))).code,
    ).toBe('INVALID_INPUT');
  });

  it("closes a connection's views when it goes away, and hides them from others", async () => {
    const own = createMemoryTransport(handlers, { id: 'tab-1' });
    const other = createMemoryTransport(handlers);
    const { viewId } = await own.client.call('packets.open', { path: HTTP });
    expect(
      (await rejection(other.client.call('packets.rows', { viewId, start: 0, count: 1 }))).code,
    ).toBe('NOT_FOUND');
    own.close();
    await new Promise((r) => setTimeout(r, 20));
    // The same connection id again: NOT_FOUND now means the view itself was dropped.
    const again = createMemoryTransport(handlers, { id: 'tab-1' });
    expect(
      (await rejection(again.client.call('packets.rows', { viewId, start: 0, count: 1 }))).code,
    ).toBe('NOT_FOUND');
    other.close();
    again.close();
  });
});
