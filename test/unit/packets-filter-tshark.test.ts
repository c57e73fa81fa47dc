// Display filters agree with tshark -Y on the fixtures: the same frame numbers match, whether
// the test reads the index's arrays or re-dissects the packets.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openCaptureFile } from '../../main/packets/index/open-capture';
import { compileFilter } from '../../main/packets/filter/compile';
import { runFilter } from '../../main/packets/filter/run-filter';
import { fixture } from './packets-helpers';

// merged.pcapng holds HTTP, DNS, ICMP and an `-i any` (SLL2) pod; the others add TLS,
// IPv6/ICMPv6 and VLAN/VXLAN/Geneve. (Every fixture agrees; four keep the tshark runs few.)
const FILES = ['merged.pcapng', 'tls.pcapng', 'ipv6.pcap', 'tunnels-vlan.pcap'];
const FILTERS = [
  'tcp',
  'udp',
  'dns',
  'http',
  'tls',
  'arp',
  'icmp',
  'icmpv6',
  'ip',
  'ipv6',
  'vlan',
  'vxlan',
  'sll',
  'ip.addr == 10.250.0.1',
  'ip.src == 10.0.0.0/8',
  'ip.dst != 10.250.0.2',
  'ipv6.addr == fd00:250::1',
  'ipv6.src == fd00::/8',
  'tcp.port == 80',
  'udp.port == 53',
  'tcp.srcport > 1024',
  'tcp.dstport in {80, 443}',
  'udp.port in {53, 4789, 1000..2000}',
  'tcp.flags.syn == 1',
  'tcp.flags.reset == 1',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.stream == 1',
  'tcp.len > 0',
  'tcp.seq == 1',
  'dns.qry.name contains "example"',
  'dns.flags.rcode == 3',
  'dns.flags.rcode != 0',
  'http.request.uri contains "/"',
  'http.request.method == "GET"',
  'http.request.method matches "get"',
  'http.response.code == 200',
  'tls.handshake.extensions_server_name contains "."',
  'frame.len > 100',
  'frame.number <= 5',
  'icmp.type == 8',
  'icmpv6.type == 128',
  'eth.addr == ff:ff:ff:ff:ff:ff',
  'vlan.id == 100',
  'not tcp',
  '!(ip.addr == 10.250.0.1) && udp',
  'tcp or udp and frame.len < 80',
];

const run = promisify(execFile);

async function tsharkMatches(file: string, filter: string): Promise<number[]> {
  const { stdout } = await run(
    'tshark',
    [
      '-n',
      '-r',
      file,
      '-o',
      'tcp.desegment_tcp_streams:FALSE',
      '-o',
      'ip.defragment:FALSE',
      '-o',
      'ipv6.defragment:FALSE',
      '-Y',
      filter,
      '-T',
      'fields',
      '-e',
      'frame.number',
    ],
    { encoding: 'utf8' },
  );
  return stdout.split('\n').filter(Boolean).map(Number);
}

describe.concurrent.each(FILES)('display filters on %s', (file) => {
  it.each(FILTERS)(
    '%s matches the frames tshark -Y matches',
    { timeout: 60_000 },
    async (filter) => {
      const index = await openCaptureFile(fixture(file));
      const compiled = compileFilter(filter, index);
      if (!compiled.ok) throw new Error(compiled.error.message);
      const result = await runFilter(index, compiled.filter);
      expect([...result.matches].map((i) => i + 1)).toEqual(
        await tsharkMatches(fixture(file), filter),
      );
      index.close();
    },
  );
});
