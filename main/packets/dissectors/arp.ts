// ARP (EtherType 0x0806) for Ethernet/IPv4; other hardware/protocol pairs are shown raw.
import type { Dissector } from './registry';
import { ipv4, mac, u16be } from './format';

const OPCODES: Record<number, string> = {
  1: 'request',
  2: 'reply',
  3: 'reverse request',
  4: 'reverse reply',
};

export const arp: Dissector = {
  name: 'arp',
  registers: [{ table: 'ethertype', key: 0x0806 }],
  fields: [
    { name: 'arp', type: 'protocol', label: 'Address Resolution Protocol' },
    { name: 'arp.opcode', type: 'uint', label: 'Opcode' },
    { name: 'arp.src.hw_mac', type: 'ether', label: 'Sender MAC address' },
    { name: 'arp.src.proto_ipv4', type: 'ipv4', label: 'Sender IP address' },
    { name: 'arp.dst.hw_mac', type: 'ether', label: 'Target MAC address' },
    { name: 'arp.dst.proto_ipv4', type: 'ipv4', label: 'Target IP address' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 8) {
      pkt.layer('arp', 'Address Resolution Protocol', start, end - start);
      pkt.markMalformed('ARP', 'shorter than its fixed header');
      return undefined;
    }
    const hlen = b[start + 4] ?? 0;
    const plen = b[start + 5] ?? 0;
    const op = u16be(b, start + 6);
    const opName = OPCODES[op] ?? `unknown (${op})`;
    const length = 8 + 2 * (hlen + plen);
    pkt.field('arp.opcode', op);
    if (hlen !== 6 || plen !== 4 || end - start < length) {
      pkt.layer(
        'arp',
        `Address Resolution Protocol (${opName})`,
        start,
        Math.min(length, end - start),
      );
      pkt.setColumns('ARP', `ARP ${opName}`);
      if (end - start < length) pkt.markMalformed('ARP', 'addresses cut short');
      return undefined;
    }
    const sha = mac(b, start + 8);
    const spa = ipv4(b, start + 14);
    const tha = mac(b, start + 18);
    const tpa = ipv4(b, start + 24);
    const t = pkt.layer('arp', `Address Resolution Protocol (${opName})`, start, length);
    pkt.add(t, `Opcode: ${opName} (${op})`, start + 6, 2, 'arp.opcode');
    pkt.add(t, `Sender MAC address: ${sha}`, start + 8, 6, 'arp.src.hw_mac');
    pkt.add(t, `Sender IP address: ${spa}`, start + 14, 4, 'arp.src.proto_ipv4');
    pkt.add(t, `Target MAC address: ${tha}`, start + 18, 6, 'arp.dst.hw_mac');
    pkt.add(t, `Target IP address: ${tpa}`, start + 24, 4, 'arp.dst.proto_ipv4');
    pkt.field('arp.src.hw_mac', sha);
    pkt.field('arp.src.proto_ipv4', spa);
    pkt.field('arp.dst.hw_mac', tha);
    pkt.field('arp.dst.proto_ipv4', tpa);
    pkt.setColumns('ARP', arpInfo(op, sha, spa, tha, tpa));
    return undefined;
  },
};

/** Wireshark's wording, including gratuitous ARP, probes and announcements. */
function arpInfo(op: number, sha: string, spa: string, tha: string, tpa: string): string {
  const gratuitous = spa === tpa;
  const zeroTarget = tha === '00:00:00:00:00:00';
  if (op === 1) {
    if (gratuitous)
      return zeroTarget ? `ARP Announcement for ${spa}` : `Gratuitous ARP for ${spa} (Request)`;
    if (spa === '0.0.0.0' && zeroTarget) return `Who has ${tpa}? (ARP Probe)`;
    return `Who has ${tpa}? Tell ${spa}`;
  }
  if (op === 2) return gratuitous ? `Gratuitous ARP for ${spa} (Reply)` : `${spa} is at ${sha}`;
  return `ARP opcode ${op}`;
}
