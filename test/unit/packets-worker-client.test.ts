// The packet worker in a real worker thread (TypeScript loaded through tsx): open, rows,
// detail, filters (a newer one cancels the older), live bytes, flows and follow.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PacketWorkerClient, PacketWorkerError } from '../../main/packets/worker/client';
import { PacketService } from '../../main/packets/worker/packet-service';
import { fixture } from './packets-helpers';

const client = new PacketWorkerClient();
afterAll(() => client.close());

describe('packet worker', () => {
  it('opens a file and serves rows, detail and stats from the worker thread', async () => {
    const stats = await client.open(fixture('http.pcap'));
    expect(stats.packets).toBe(25);
    const rows = await client.rows(0, 5);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    const detail = await client.detail(4);
    expect(detail?.bytes).toBeInstanceOf(Uint8Array);
    expect(detail?.tree.length).toBeGreaterThan(2);
  });

  it('filters the rows and reports invalid filters with their position', async () => {
    await client.open(fixture('http.pcap'));
    const result = await client.filter('tcp.port == 80 && tcp.flags.syn == 1');
    expect(result.shown).toBeGreaterThan(0);
    expect(result.shown).toBeLessThan(25);
    expect((await client.rows(0, 10)).every((r) => r.info.includes('SYN'))).toBe(true);
    const error = await client.filter('tcp.prot == 80').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PacketWorkerError);
    expect((error as PacketWorkerError).error).toMatchObject({
      code: 'BAD_FILTER',
      start: 0,
      end: 8,
    });
    expect((await client.validate('udp.port == x'))?.message).toMatch(/not a number/);
    expect((await client.filter('')).shown).toBe(25);
  });

  it('cancels a running filter when a newer one arrives', async () => {
    await client.open(fixture('merged.pcapng'));
    const first = client.filter('dns.qry.name contains "a"');
    const second = client.filter('udp');
    const [a, b] = await Promise.allSettled([first, second]);
    // The first either finished before the second arrived or was cancelled by it.
    if (a.status === 'rejected')
      expect((a.reason as PacketWorkerError).error.code).toBe('CANCELLED');
    expect(b.status).toBe('fulfilled');
    const shown = b.status === 'fulfilled' ? b.value.shown : -1;
    expect((await client.rows(0, 1000)).length).toBe(shown);
  });

  it('indexes live bytes as they arrive and keeps the filter applied', async () => {
    await client.liveStart();
    await client.filter('udp');
    const bytes = readFileSync(fixture('dns.pcap'));
    let last = { packets: 0, shown: 0 };
    for (let at = 0; at < bytes.length; at += 500)
      last = await client.liveAppend(new Uint8Array(bytes.subarray(at, at + 500)));
    expect(last.packets).toBe(18);
    expect(last.shown).toBeGreaterThan(0);
    expect(
      (await client.rows(0, 100)).every((r) => r.protocol === 'DNS' || r.protocol === 'UDP'),
    ).toBe(true);
  });

  it('answers conversations, DNS transactions and follow stream', async () => {
    await client.open(fixture('http.pcap'));
    expect((await client.conversations()).length).toBeGreaterThan(0);
    const followed = await client.follow(0);
    expect(followed?.segments.length).toBeGreaterThan(0);
    await client.open(fixture('dns.pcap'));
    expect((await client.dns()).length).toBeGreaterThan(0);
  });

  it('rejects malformed requests instead of crashing', async () => {
    const service = new PacketService();
    expect(
      await service.handle({ id: 1, method: 'rows', input: { start: -1, count: 5 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(
      await service.handle({ id: 2, method: 'rows', input: { start: 0, count: 5 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_CAPTURE' },
    });
    expect(await service.handle('nonsense')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});
