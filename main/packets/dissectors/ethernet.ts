// Ethernet II (and 802.3 length frames, left undecoded), link type 1; also the inner frame
// of tunnels that carry whole Ethernet frames (Geneve/NVGRE EtherType 0x6558).
import type { Dissector } from './registry';
import { hex, mac, u16be } from './format';

export const ethernet: Dissector = {
  name: 'eth',
  registers: [
    { table: 'link', key: 1 },
    { table: 'ethertype', key: 0x6558 },
  ],
  fields: [
    { name: 'eth', type: 'protocol', label: 'Ethernet' },
    { name: 'eth.dst', type: 'ether', label: 'Destination' },
    { name: 'eth.src', type: 'ether', label: 'Source' },
    { name: 'eth.addr', type: 'ether', label: 'Source or Destination' },
    { name: 'eth.type', type: 'uint', label: 'Type' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 14) {
      pkt.layer('eth', 'Ethernet II', start, end - start);
      pkt.markMalformed('Ethernet', 'shorter than its 14-byte header');
      return undefined;
    }
    const type = u16be(b, start + 12);
    // Formatting MACs costs; in the list pass an IP layer usually replaces them as columns.
    pkt.setLinkAddresses(b, start + 6, start);
    if (pkt.wantTree || pkt.wantFields) {
      const dst = mac(b, start);
      const src = mac(b, start + 6);
      const t = pkt.layer('eth', `Ethernet II, Src: ${src}, Dst: ${dst}`, start, 14);
      pkt.add(t, `Destination: ${dst}`, start, 6, 'eth.dst');
      pkt.add(t, `Source: ${src}`, start + 6, 6, 'eth.src');
      pkt.add(
        t,
        type <= 1500 ? `Length: ${type}` : `Type: ${hex(type, 4)}`,
        start + 12,
        2,
        type <= 1500 ? 'eth.len' : 'eth.type',
      );
      pkt.field('eth.dst', dst);
      pkt.field('eth.src', src);
      pkt.field('eth.addr', src);
      pkt.field('eth.addr', dst);
    } else {
      pkt.layer('eth', '', start, 14);
    }
    if (type <= 1500) {
      pkt.setColumns('LLC', `802.3 frame, length ${type}`);
      return undefined;
    }
    pkt.field('eth.type', type);
    pkt.setColumns('Ethernet', 'Ethernet II');
    return { table: 'ethertype', keys: [type], start: start + 14, end };
  },
};
