// Dissector behaviour beyond the tshark comparison: Wireshark wording, the tree's byte
// ranges, the field model, and damaged packets marked rather than thrown.
import { describe, expect, it } from 'vitest';
import { createDissector } from '../../main/packets/dissect';
import type { TreeNode } from '../../main/packets/dissectors/model';
import { ethernetFrame, ipv4Packet, tcpSegment } from '../../main/packets/write/frame-builder';
import { dissectAll, must, readFixture } from './packets-helpers';

const ALL = [
  'lo-ping.pcap',
  'http.pcap',
  'dns.pcap',
  'tls.pcapng',
  'ipv6.pcap',
  'tunnels-vlan.pcap',
  'any.pcap',
  'merged.pcapng',
];

function within(node: TreeNode, start: number, end: number, path: string, out: string[]): void {
  if (node.start < start || node.start + node.length > end)
    out.push(`${path}/${node.label} [${node.start}+${node.length}] outside [${start},${end})`);
  for (const c of node.children ?? [])
    within(c, node.start, node.start + node.length, `${path}/${node.label}`, out);
}

describe('dissectors', () => {
  it('phrase Info the way Wireshark users read it', () => {
    const info = (file: string) => dissectAll(readFixture(file)).map((p) => p.summary.info);
    expect(info('lo-ping.pcap')[0]).toMatch(
      /^Echo \(ping\) request {2}id=0x[0-9a-f]{4}, seq=1\/256, ttl=64/,
    );
    expect(info('lo-ping.pcap')[1]).toMatch(
      /^Echo \(ping\) reply {4}id=0x[0-9a-f]{4}, seq=1\/256, ttl=64 \(request in 1\)$/,
    );
    expect(info('dns.pcap')).toContainEqual(
      expect.stringMatching(/^Standard query 0x[0-9a-f]{4} A web\.shop\.svc\.cluster\.local OPT$/),
    );
    expect(info('dns.pcap')).toContainEqual(
      expect.stringMatching(
        /^Standard query response 0x[0-9a-f]{4} No such name A nothing\.example/,
      ),
    );
    expect(info('http.pcap')).toContainEqual('GET /index.html HTTP/1.1 ');
    expect(info('http.pcap')).toContainEqual(
      expect.stringMatching(
        /^\d+ → 80 \[SYN\] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=\d+ TSecr=0 WS=\d+$/,
      ),
    );
    expect(info('tls.pcapng')).toContain('Client Hello (SNI=web.shop.svc.cluster.local)');
    expect(info('http.pcap')).toContainEqual(
      expect.stringMatching(/^Who has 10\.250\.0\.2\? Tell 10\.250\.0\.1$/),
    );
    expect(info('ipv6.pcap')).toContainEqual(
      expect.stringMatching(/^Neighbor Solicitation for fd00:250::2 from [0-9a-f:]{17}$/),
    );
  });

  it('gives every tree line a byte range inside its parent and the frame', () => {
    const problems: string[] = [];
    for (const file of ALL) {
      const records = readFixture(file).records;
      dissectAll(readFixture(file)).forEach((p, i) => {
        const frame = must(records[i]).data.length;
        for (const top of p.tree) within(top, 0, frame, `${file}#${i + 1}`, problems);
      });
    }
    expect(problems).toEqual([]);
  });

  it('only emits fields the registry declares, with values of the declared type', () => {
    const d = createDissector();
    const undeclared = new Set<string>();
    const mistyped = new Set<string>();
    for (const file of ALL) {
      for (const r of readFixture(file).records) {
        for (const [name, values] of d.dissect(r).fields) {
          const spec = d.registry.field(name);
          if (!spec) {
            if (!name.startsWith('frame.') && name !== 'frame' && name !== 'data.len')
              undeclared.add(name);
            continue;
          }
          const want =
            spec.type === 'uint'
              ? 'number'
              : spec.type === 'bool' || spec.type === 'protocol'
                ? 'boolean'
                : 'string';
          if (values.some((v) => typeof v !== want)) mistyped.add(name);
        }
      }
    }
    expect([...undeclared]).toEqual([]);
    expect([...mistyped]).toEqual([]);
  });

  it('decodes VXLAN and Geneve inner frames and QinQ tags', () => {
    const packets = dissectAll(readFixture('tunnels-vlan.pcap'));
    const withField = (f: string) => packets.filter((p) => p.fields.has(f));
    expect(withField('vxlan.vni').map((p) => p.fields.get('vxlan.vni'))).toContainEqual([42]);
    expect(withField('geneve.vni')[0]?.fields.get('geneve.option.class')).toEqual([0x0102]);
    expect(withField('geneve.vni')[0]?.summary.source).toBe('10.250.42.1');
    const qinq = must(withField('ieee8021ad.id')[0]);
    expect([qinq.fields.get('ieee8021ad.id'), qinq.fields.get('vlan.id')]).toEqual([[200], [100]]);
    const ext = must(packets.find((p) => p.fields.has('ipv6.routing.type')));
    expect(ext.fields.get('ipv6.dstopts.nxt')).toEqual([43]);
    expect(ext.summary.protocol).toBe('ICMPv6');
  });

  it('marks a packet cut inside its TCP header as malformed instead of throwing', () => {
    const seg = tcpSegment('10.250.0.1', '10.250.0.2', {
      srcPort: 1,
      dstPort: 2,
      seq: 1,
      ack: 0,
      flags: 2,
    });
    const frame = ethernetFrame(
      '02:00:00:00:00:02',
      '02:00:00:00:00:01',
      0x0800,
      ipv4Packet({ src: '10.250.0.1', dst: '10.250.0.2', protocol: 6, payload: seg }),
    );
    const cut = frame.subarray(0, 14 + 20 + 6);
    const p = createDissector().dissect({
      interfaceId: 0,
      linkType: 1,
      tsSec: 0,
      tsNsec: 0,
      capturedLength: cut.length,
      originalLength: frame.length,
      data: cut,
      fileOffset: 0,
    });
    expect(p.malformed).toMatch(/TCP/);
    expect(p.summary.info).toMatch(/\[Malformed Packet\]$/);
    expect(p.summary.length).toBe(frame.length);
  });

  it('skips the tree and fields in summary mode but keeps the same columns', () => {
    const records = readFixture('http.pcap').records;
    const full = createDissector();
    const lean = createDissector({ tree: false, fields: false });
    for (const r of records) {
      const a = full.dissect(r);
      const b = lean.dissect(r);
      expect(b.summary).toEqual(a.summary);
      expect(b.tree).toEqual([]);
      expect(b.fields.size).toBe(0);
    }
  });
});
