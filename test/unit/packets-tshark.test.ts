// Acceptance for issue 5: our decoding of captures made by real tools agrees with tshark,
// packet by packet (tshark run without reassembly, since we decode each packet on its own).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PcapWriter } from '../../main/packets/write/pcap-writer';
import { readCaptureBytes } from '../../main/packets/read/read-capture';
import { dissectAll, fieldText, fixture, readFixture, tsharkFields } from './packets-helpers';

const FIXTURE_FILES = [
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
const COMPARED = [
  '_ws.col.Protocol',
  '_ws.col.Source',
  '_ws.col.Destination',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'tcp.stream',
  'tcp.seq',
  'tcp.ack',
  'tcp.len',
  'dns.qry.name',
  'dns.flags.rcode',
  'dns.a',
  'http.request.uri',
  'http.response.code',
  'tls.handshake.extensions_server_name',
  'tls.handshake.extensions_alpn_str',
  'vlan.id',
  'vxlan.vni',
  'icmp.type',
  'icmpv6.type',
  'arp.opcode',
  '_ws.col.Info',
];

/** tshark 4.0 does not put the SNI in Info; later Wireshark versions (and we) do. */
const normaliseInfo = (info: string): string => info.replace(/ \(SNI=[^)]*\)/g, '').trim();

function compare(file: string, packets: ReturnType<typeof dissectAll>): string[] {
  const rows = tsharkFields(file, COMPARED);
  expect(packets.length).toBe(rows.length);
  const diffs: string[] = [];
  packets.forEach((p, i) => {
    COMPARED.forEach((f, j) => {
      let ours = fieldText(p, f).trim();
      let theirs = (rows[i]?.[j] ?? '').trim();
      if (f === '_ws.col.Info') {
        ours = normaliseInfo(ours);
        theirs = normaliseInfo(theirs);
      }
      if (ours !== theirs)
        diffs.push(
          `${file} #${i + 1} ${f}: ours ${JSON.stringify(ours)} tshark ${JSON.stringify(theirs)}`,
        );
    });
  });
  return diffs;
}

describe('decoding agrees with tshark on captures made by real tools', () => {
  for (const name of FIXTURE_FILES) {
    it(`${name}: same packets, addresses, ports, protocol, names and Info`, () => {
      const contents = readFixture(name);
      expect(contents.issues).toEqual([]);
      expect(compare(fixture(name), dissectAll(contents))).toEqual([]);
    });
  }

  it('numbers a capture that starts mid-stream like tshark (relative seq/ack from the first segment seen)', () => {
    const contents = readFixture('http.pcap');
    const chunks: Uint8Array[] = [];
    const w = new PcapWriter((c) => chunks.push(c), { linkType: 1 });
    // Drop the ARP exchange and the handshake: the first segment seen is mid-stream.
    for (const r of contents.records.slice(5)) w.write(r);
    w.flush();
    const file = join(mkdtempSync(join(tmpdir(), 'snoopy-')), 'midstream.pcap');
    writeFileSync(file, Buffer.concat(chunks));
    const sliced = readCaptureBytes(Buffer.concat(chunks));
    expect(compare(file, dissectAll(sliced))).toEqual([]);
  });

  it('finds DNS names, SNI and HTTP URIs the fixtures were made with', () => {
    const names = (file: string, field: string) =>
      new Set(dissectAll(readFixture(file)).flatMap((p) => p.fields.get(field) ?? []));
    expect(names('dns.pcap', 'dns.qry.name')).toEqual(
      new Set(['web.shop.svc.cluster.local', 'nothing.example', 'db.shop.svc.cluster.local']),
    );
    expect(names('tls.pcapng', 'tls.handshake.extensions_server_name')).toEqual(
      new Set(['web.shop.svc.cluster.local', 'api.shop.svc.cluster.local']),
    );
    expect(names('http.pcap', 'http.request.uri')).toEqual(
      new Set(['/index.html', '/missing.html']),
    );
    expect(names('tunnels-vlan.pcap', 'dns.qry.name')).toEqual(
      new Set(['web.shop.svc.cluster.local', 'api.shop.svc.cluster.local']),
    );
  });
});
