// Linux cooked capture v1 (link type 113): what older libpcap writes for `-i any`.
import type { Dissector } from './registry';
import { hex, mac, u16be } from './format';

export const PACKET_TYPES = [
  'Unicast to us',
  'Broadcast',
  'Multicast',
  'Unicast to another host',
  'Sent by us',
];

export const sll: Dissector = {
  name: 'sll',
  registers: [{ table: 'link', key: 113 }],
  fields: [
    { name: 'sll', type: 'protocol', label: 'Linux cooked capture v1' },
    { name: 'sll.pkttype', type: 'uint', label: 'Packet type' },
    { name: 'sll.hatype', type: 'uint', label: 'Link-layer address type' },
    { name: 'sll.src.eth', type: 'ether', label: 'Source' },
    { name: 'sll.etype', type: 'uint', label: 'Protocol' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 16) {
      pkt.layer('sll', 'Linux cooked capture v1', start, end - start);
      pkt.markMalformed('SLL', 'shorter than its 16-byte header');
      return undefined;
    }
    const pktType = u16be(b, start);
    const hatype = u16be(b, start + 2);
    const halen = u16be(b, start + 4);
    const protocol = u16be(b, start + 14);
    const t = pkt.layer('sll', 'Linux cooked capture v1', start, 16);
    pkt.add(
      t,
      `Packet type: ${PACKET_TYPES[pktType] ?? 'Unknown'} (${pktType})`,
      start,
      2,
      'sll.pkttype',
    );
    pkt.add(t, `Link-layer address type: ${hatype}`, start + 2, 2, 'sll.hatype');
    pkt.add(t, `Link-layer address length: ${halen}`, start + 4, 2, 'sll.halen');
    pkt.field('sll.pkttype', pktType);
    pkt.field('sll.hatype', hatype);
    if (halen === 6) {
      const src = mac(b, start + 6);
      pkt.add(t, `Source: ${src}`, start + 6, 6, 'sll.src.eth');
      pkt.field('sll.src.eth', src);
      pkt.setAddresses(src, '');
    }
    pkt.add(t, `Protocol: ${hex(protocol, 4)}`, start + 14, 2, 'sll.etype');
    pkt.field('sll.etype', protocol);
    pkt.setColumns('SLL', `Protocol ${hex(protocol, 4)}`);
    return { table: 'ethertype', keys: [protocol], start: start + 16, end };
  },
};
