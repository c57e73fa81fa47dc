// Conversations agree with tshark -z conv,tcp / conv,udp; DNS transactions pair queries with
// answers; Follow TCP stream shows an HTTP exchange both ways; the JSON export holds both.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../main/packets/index/open-capture';
import { buildConversations } from '../../main/packets/flows/conversations';
import { buildDnsTransactions } from '../../main/packets/flows/dns-transactions';
import { followHex, followTcpStream, followText } from '../../main/packets/flows/follow-stream';
import { flowsExport } from '../../main/packets/flows/export-json';
import { fixture, tsharkFields } from './packets-helpers';

/** "a:port <-> b:port frames bytes" per conversation, endpoints sorted, from tshark. */
function tsharkConversations(file: string, kind: 'tcp' | 'udp'): string[] {
  const out = execFileSync('tshark', ['-n', '-r', file, '-q', '-z', `conv,${kind}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const rows: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+<->\s+(\S+)\s+\d+ \d+ bytes\s+\d+ \d+ bytes\s+(\d+) (\d+) bytes/.exec(line);
    if (m) rows.push(`${[m[1], m[2]].sort().join(' <-> ')} ${m[3]} ${m[4]}`);
  }
  return rows.sort();
}

// tunnels-vlan.pcap is left out of the UDP comparison: we count the inner conversation of a
// VXLAN/Geneve packet, tshark counts the outer UDP one as well.
const TCP_FILES = [
  'http.pcap',
  'http-ns.pcap',
  'tls.pcapng',
  'any.pcap',
  'merged.pcapng',
  'ipv6.pcap',
  'dns.pcap',
];
const UDP_FILES = ['dns.pcap', 'any.pcap', 'merged.pcapng', 'ipv6.pcap'];

describe('conversations', () => {
  it.each([
    ...TCP_FILES.map((f): [string, 'tcp' | 'udp'] => [f, 'tcp']),
    ...UDP_FILES.map((f): [string, 'tcp' | 'udp'] => [f, 'udp']),
  ])('%s: %s conversations, packets and bytes match tshark -z conv', async (file, kind) => {
    const index = await openCaptureFile(fixture(file));
    const ours = buildConversations(index)
      .filter((c) => c.protocol === kind)
      .map((c) => {
        const ends = [`${c.addressA}:${c.portA}`, `${c.addressB}:${c.portB}`].sort().join(' <-> ');
        return `${ends} ${c.packetsAtoB + c.packetsBtoA} ${c.bytesAtoB + c.bytesBtoA}`;
      })
      .sort();
    expect(ours).toEqual(tsharkConversations(fixture(file), kind));
    index.close();
  });

  it('measures the handshake RTT and sees the connection closed', async () => {
    const index = await openCaptureFile(fixture('http.pcap'));
    const [conv] = buildConversations(index).filter((c) => c.protocol === 'tcp');
    const [irtt] = tsharkFields(fixture('http.pcap'), ['tcp.analysis.initial_rtt'])
      .map((r) => r[0])
      .filter((v) => v);
    expect(conv?.handshakeRtt).toBeCloseTo(Number(irtt), 6);
    expect(conv?.state).toBe('closed');
    expect(conv?.retransmissions).toBe(0);
    index.close();
  });
});

describe('DNS transactions', () => {
  it('pairs each query with its response, with latency, rcode and answers', async () => {
    const index = await openCaptureFile(fixture('dns.pcap'));
    const txs = buildDnsTransactions(index);
    const rows = tsharkFields(fixture('dns.pcap'), [
      'dns.flags.response',
      'dns.qry.name',
      'dns.flags.rcode',
      'dns.time',
    ]);
    const responses = rows.filter((r) => r[0] === '1' || r[0] === 'True');
    expect(txs.filter((t) => t.answered)).toHaveLength(responses.length);
    for (const t of txs) {
      expect(t.name).not.toBe('');
      if (t.answered && t.queryFrame > 0) expect(t.latency).toBeGreaterThanOrEqual(0);
    }
    const tsharkRcodes = responses.map((r) => Number(r[2])).sort();
    expect(txs.map((t) => t.rcode).sort()).toEqual(tsharkRcodes);
    const latencies = responses
      .map((r) => Number(r[3]))
      .filter((x) => x > 0)
      .sort();
    const ours = txs
      .filter((t) => t.latency !== undefined)
      .map((t) => t.latency ?? 0)
      .sort();
    ours.forEach((l, k) => expect(l).toBeCloseTo(latencies[k] ?? NaN, 6));
    index.close();
  });
});

describe('follow TCP stream', () => {
  it('shows the HTTP request and response in order, as text and hex', async () => {
    const index = await openCaptureFile(fixture('http.pcap'));
    const followed = followTcpStream(index, 0);
    expect(followed).toBeDefined();
    if (!followed) return;
    const text = followText(followed);
    expect(text[0]?.direction).toBe(0);
    expect(text[0]?.text).toMatch(/^GET \S+ HTTP\/1\.1\r\n/);
    expect(text.find((t) => t.direction === 1)?.text).toMatch(/^HTTP\/1\.[01] \d{3}/);
    expect(followHex(followed)).toMatch(/^00000000 {2}47 45 54 20/);
    const tsharkPayload = tsharkFields(fixture('http.pcap'), ['tcp.stream', 'tcp.len'])
      .filter((r) => r[0] === '0')
      .reduce((n, r) => n + Number(r[1]), 0);
    expect(followed.bytesClientToServer + followed.bytesServerToClient).toBe(tsharkPayload);
    expect(followTcpStream(index, 999)).toBeUndefined();
    index.close();
  });

  it('exports conversations and DNS transactions together as JSON', async () => {
    const index = await openCaptureFile(fixture('merged.pcapng'));
    const doc = JSON.parse(JSON.stringify(flowsExport(index))) as ReturnType<typeof flowsExport>;
    expect(doc.packets).toBe(index.count);
    expect(doc.conversations.length).toBeGreaterThan(0);
    expect(doc.dns.length).toBeGreaterThan(0);
    index.close();
  });
});
