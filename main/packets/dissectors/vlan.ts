// IEEE 802.1Q VLAN tags, stacked for QinQ (802.1ad S-tag 0x88a8, legacy 0x9100).
import type { Dissector } from './registry';
import { hex, u16be } from './format';

export const vlan: Dissector = {
  name: 'vlan',
  registers: [
    { table: 'ethertype', key: 0x8100 },
    { table: 'ethertype', key: 0x88a8 },
    { table: 'ethertype', key: 0x9100 },
  ],
  fields: [
    { name: 'vlan', type: 'protocol', label: '802.1Q Virtual LAN' },
    { name: 'vlan.id', type: 'uint', label: 'ID' },
    { name: 'vlan.priority', type: 'uint', label: 'Priority' },
    { name: 'vlan.dei', type: 'bool', label: 'Drop eligible' },
    { name: 'vlan.etype', type: 'uint', label: 'Type' },
    { name: 'ieee8021ad', type: 'protocol', label: 'IEEE 802.1ad' },
    { name: 'ieee8021ad.id', type: 'uint', label: 'ID' },
    { name: 'ieee8021ad.priority', type: 'uint', label: 'Priority' },
    { name: 'ieee8021ad.dei', type: 'bool', label: 'DEI' },
    { name: 'ieee8021ad.etype', type: 'uint', label: 'Type' },
  ],
  dissect(pkt, b, start, end, etherType) {
    // Wireshark names an 802.1ad service tag "ieee8021ad" and a customer tag "vlan".
    const proto = etherType === 0x88a8 ? 'ieee8021ad' : 'vlan';
    const title = etherType === 0x88a8 ? 'IEEE 802.1ad' : '802.1Q Virtual LAN';
    if (end - start < 4) {
      pkt.layer(proto, title, start, end - start);
      pkt.markMalformed('VLAN', 'tag shorter than 4 bytes');
      return undefined;
    }
    const tci = u16be(b, start);
    const priority = tci >> 13;
    const dei = (tci >> 12) & 1;
    const id = tci & 0x0fff;
    const type = u16be(b, start + 2);
    const t = pkt.layer(proto, `${title}, PRI: ${priority}, DEI: ${dei}, ID: ${id}`, start, 4);
    pkt.add(t, `Priority: ${priority}`, start, 2, `${proto}.priority`);
    pkt.add(t, `DEI: ${dei}`, start, 2, `${proto}.dei`);
    pkt.add(t, `ID: ${id}`, start, 2, `${proto}.id`);
    pkt.add(t, `Type: ${hex(type, 4)}`, start + 2, 2, `${proto}.etype`);
    pkt.field(`${proto}.id`, id);
    pkt.field(`${proto}.priority`, priority);
    pkt.field(`${proto}.dei`, dei === 1);
    pkt.field(`${proto}.etype`, type);
    pkt.setColumns(
      etherType === 0x88a8 ? '802.1ad' : '802.1Q',
      `VLAN ${id}, EtherType ${hex(type, 4)}`,
    );
    return { table: 'ethertype', keys: [type], start: start + 4, end };
  },
};
