// Linux cooked capture v2 (link type 276): what this libpcap (1.10) writes for `tcpdump -i any`;
// unlike v1 it names the interface index, so a multi-interface capture keeps that apart.
import type { Dissector } from './registry';
import { hex, mac, u16be, u32be } from './format';
import { PACKET_TYPES } from './sll';

export const sll2: Dissector = {
  name: 'sll2',
  registers: [{ table: 'link', key: 276 }],
  fields: [
    { name: 'sll2', type: 'protocol', label: 'Linux cooked capture v2' },
    { name: 'sll.etype', type: 'uint', label: 'Protocol' },
    { name: 'sll.ifindex', type: 'uint', label: 'Interface index' },
    { name: 'sll.pkttype', type: 'uint', label: 'Packet type' },
    { name: 'sll.hatype', type: 'uint', label: 'Link-layer address type' },
    { name: 'sll.src.eth', type: 'ether', label: 'Source' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 20) {
      pkt.layer('sll2', 'Linux cooked capture v2', start, end - start);
      pkt.markMalformed('SLL2', 'shorter than its 20-byte header');
      return undefined;
    }
    const protocol = u16be(b, start);
    const ifindex = u32be(b, start + 4);
    const hatype = u16be(b, start + 8);
    const pktType = b[start + 10] ?? 0;
    const halen = b[start + 11] ?? 0;
    const t = pkt.layer('sll2', 'Linux cooked capture v2', start, 20);
    pkt.add(t, `Protocol: ${hex(protocol, 4)}`, start, 2, 'sll.etype');
    pkt.add(t, `Interface index: ${ifindex}`, start + 4, 4, 'sll.ifindex');
    pkt.add(t, `Link-layer address type: ${hatype}`, start + 8, 2, 'sll.hatype');
    pkt.add(
      t,
      `Packet type: ${PACKET_TYPES[pktType] ?? 'Unknown'} (${pktType})`,
      start + 10,
      1,
      'sll.pkttype',
    );
    pkt.add(t, `Link-layer address length: ${halen}`, start + 11, 1, 'sll.halen');
    pkt.field('sll.etype', protocol);
    pkt.field('sll.ifindex', ifindex);
    pkt.field('sll.hatype', hatype);
    pkt.field('sll.pkttype', pktType);
    if (halen === 6) {
      const src = mac(b, start + 12);
      pkt.add(t, `Source: ${src}`, start + 12, 6, 'sll.src.eth');
      pkt.field('sll.src.eth', src);
      pkt.setAddresses(src, '');
    }
    pkt.setColumns('SLL', `Protocol ${hex(protocol, 4)}`);
    return { table: 'ethertype', keys: [protocol], start: start + 20, end };
  },
};
