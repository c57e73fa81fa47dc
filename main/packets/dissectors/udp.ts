// UDP (IP protocol 17): ports, length; payload handed on by port (lower port first).
import type { Dissector } from './registry';
import { portKeys } from './registry';
import { hex, u16be } from './format';

export const udp: Dissector = {
  name: 'udp',
  registers: [{ table: 'ip.proto', key: 17 }],
  fields: [
    { name: 'udp', type: 'protocol', label: 'User Datagram Protocol' },
    { name: 'udp.srcport', type: 'uint', label: 'Source Port' },
    { name: 'udp.dstport', type: 'uint', label: 'Destination Port' },
    { name: 'udp.port', type: 'uint', label: 'Source or Destination Port' },
    { name: 'udp.length', type: 'uint', label: 'Length' },
    { name: 'udp.checksum', type: 'uint', label: 'Checksum' },
  ],
  dissect(pkt, b, start, end) {
    const avail = end - start;
    if (avail < 8) {
      pkt.layer('udp', 'User Datagram Protocol', start, avail);
      if (avail >= 4) {
        pkt.field('udp.srcport', u16be(b, start));
        pkt.field('udp.dstport', u16be(b, start + 2));
      }
      pkt.markMalformed('UDP', 'shorter than its 8-byte header');
      return undefined;
    }
    const sport = u16be(b, start);
    const dport = u16be(b, start + 2);
    const length = u16be(b, start + 4);
    const checksum = u16be(b, start + 6);
    const t = pkt.layer(
      'udp',
      `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`,
      start,
      8,
    );
    pkt.add(t, `Source Port: ${sport}`, start, 2, 'udp.srcport');
    pkt.add(t, `Destination Port: ${dport}`, start + 2, 2, 'udp.dstport');
    pkt.add(t, `Length: ${length}`, start + 4, 2, 'udp.length');
    pkt.add(t, `Checksum: ${hex(checksum, 4)} [unverified]`, start + 6, 2, 'udp.checksum');
    pkt.field('udp.srcport', sport);
    pkt.field('udp.dstport', dport);
    pkt.field('udp.port', sport);
    pkt.field('udp.port', dport);
    pkt.field('udp.length', length);
    pkt.field('udp.checksum', checksum);
    // A quoted datagram inside an ICMP error is usually cut: do not judge its length.
    const udpEnd = length >= 8 && length <= avail ? start + length : end;
    if (!pkt.nested && (length < 8 || length > avail)) {
      pkt.markMalformed('UDP', `length ${length} does not fit the ${avail} bytes captured`);
    }
    const payload = udpEnd - start - 8;
    pkt.setColumns('UDP', `${sport} → ${dport} Len=${payload}`);
    if (!pkt.nested) pkt.transport = { protocol: 'udp', srcPort: sport, dstPort: dport };
    if (payload <= 0) return undefined;
    return { table: 'udp.port', keys: portKeys(sport, dport), start: start + 8, end: udpEnd };
  },
};
