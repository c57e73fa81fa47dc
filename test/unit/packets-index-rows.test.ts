// The packet index: rows re-dissected alone read exactly as in a whole-file pass, live
// streams index like files, and the detail pane gets its tree and bytes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCaptureFile, LiveCaptureIndex } from '../../main/packets/index/open-capture';
import { createDissector } from '../../main/packets/dissect';
import { PcapngWriter } from '../../main/packets/write/pcapng-writer';
import { ethernetFrame, ipv4Packet, udpDatagram } from '../../main/packets/write/frame-builder';
import { LinkType } from '../../main/packets/types';
import { fixture, readFixture } from './packets-helpers';

const FIXTURES = [
  'lo-ping.pcap',
  'http.pcap',
  'http-ns.pcap',
  'dns.pcap',
  'tls.pcapng',
  'ipv6.pcap',
  'tunnels-vlan.pcap',
  'any.pcap',
  'merged.pcapng',
];

function fullPass(name: string): { columns: string[]; streams: (number | undefined)[] } {
  const d = createDissector({ tree: false, fields: true });
  const packets = readFixture(name).records.map((r) => d.dissect(r));
  return {
    columns: packets.map((p) =>
      [
        p.summary.source,
        p.summary.destination,
        p.summary.protocol,
        p.summary.length,
        p.summary.info,
      ].join(' | '),
    ),
    streams: packets.map((p) => p.fields.get('tcp.stream')?.at(-1) as number | undefined),
  };
}

describe('packet index rows', () => {
  it.each(FIXTURES)(
    're-dissects any single row of %s as the whole-file pass shows it',
    async (name) => {
      const index = await openCaptureFile(fixture(name));
      const expected = fullPass(name);
      expect(index.count).toBe(expected.columns.length);
      // One row at a time, last first: each dissected with no packet before it but its replays.
      for (let i = index.count - 1; i >= 0; i--) {
        const [row] = index.rows(i, 1);
        expect(
          [row?.source, row?.destination, row?.protocol, row?.length, row?.info].join(' | '),
        ).toBe(expected.columns[i]);
        expect(row?.number).toBe(i + 1);
      }
      index.close();
    },
  );

  it.each(FIXTURES)('numbers the TCP streams of %s as tshark does (tcp.stream)', async (name) => {
    const index = await openCaptureFile(fixture(name));
    const expected = fullPass(name).streams;
    for (let i = 0; i < index.count; i++) {
      if (expected[i] === undefined) continue;
      expect(index.rows(i, 1)[0]?.stream, `frame ${i + 1}`).toBe(expected[i]);
    }
    index.close();
  });

  it('indexes a live stream fed in odd-sized chunks exactly like the file', async () => {
    const bytes = readFileSync(fixture('merged.pcapng'));
    const live = new LiveCaptureIndex();
    for (let at = 0; at < bytes.length; at += 777) live.append(bytes.subarray(at, at + 777));
    live.end();
    const file = await openCaptureFile(fixture('merged.pcapng'));
    expect(live.count).toBe(file.count);
    expect(live.rows(0, live.count)).toEqual(file.rows(0, file.count));
    file.close();
  });

  it('shows the pod (interface name) of each packet of a multi-pod pcapng', () => {
    const chunks: Uint8Array[] = [];
    const w = new PcapngWriter((c) => chunks.push(c), { application: 'test' });
    w.addInterface({ linkType: LinkType.ETHERNET, name: 'shop/web-1' });
    w.addInterface({ linkType: LinkType.ETHERNET, name: 'shop/db-0', resolution: 'ns' });
    const ip = ipv4Packet({
      src: '10.0.0.1',
      dst: '10.0.0.2',
      protocol: 17,
      payload: udpDatagram('10.0.0.1', '10.0.0.2', {
        srcPort: 1,
        dstPort: 2,
        payload: new Uint8Array(4),
      }),
    });
    const frame = ethernetFrame('02:00:00:00:00:02', '02:00:00:00:00:01', 0x0800, ip);
    for (let i = 0; i < 4; i++)
      w.write({ interfaceId: i % 2, tsSec: 1000, tsNsec: i, data: frame });
    w.flush();
    const live = new LiveCaptureIndex();
    for (const c of chunks) live.append(c);
    expect(live.rows(0, 4).map((r) => r.pod)).toEqual([
      'shop/web-1',
      'shop/db-0',
      'shop/web-1',
      'shop/db-0',
    ]);
  });

  it('gives the selected packet its tree and captured bytes, and rows of a filtered view', async () => {
    const index = await openCaptureFile(fixture('http.pcap'));
    const detail = index.detail(4);
    const record = readFixture('http.pcap').records[3];
    expect([...(detail?.bytes ?? [])]).toEqual([...(record?.data ?? [])]);
    expect(detail?.tree.map((n) => n.label.split(',')[0])).toContain(
      'Transmission Control Protocol',
    );
    expect(index.rows(0, 2, [9, 3]).map((r) => r.number)).toEqual([10, 4]);
    expect(index.detail(index.count + 1)).toBeUndefined();
    index.close();
  });

  it('names peers from the app-supplied table in rows', async () => {
    const index = await openCaptureFile(fixture('http.pcap'));
    const row = index.rows(0, index.count).find((r) => r.protocol === 'HTTP');
    index.peerNames = new Map([[row?.destination ?? '', 'shop/web-1']]);
    expect(index.rows((row?.number ?? 1) - 1, 1)[0]?.destinationPeer).toBe('shop/web-1');
    index.close();
  });
});
