// VXLAN (UDP 4789, and 8472, the Linux/flannel default seen on many clusters): an 8-byte
// header with the VNI, then a whole inner Ethernet frame, decoded as a new link layer.
import type { Dissector } from './registry';
import { hex } from './format';

export const vxlan: Dissector = {
  name: 'vxlan',
  registers: [
    { table: 'udp.port', key: 4789 },
    { table: 'udp.port', key: 8472 },
  ],
  fields: [
    { name: 'vxlan', type: 'protocol', label: 'Virtual eXtensible Local Area Network' },
    { name: 'vxlan.flags', type: 'uint', label: 'Flags' },
    { name: 'vxlan.vni', type: 'uint', label: 'VXLAN Network Identifier (VNI)' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 8) {
      pkt.layer('vxlan', 'Virtual eXtensible Local Area Network', start, end - start);
      pkt.markMalformed('VXLAN', 'shorter than its 8-byte header');
      return undefined;
    }
    const flags = ((b[start] ?? 0) << 8) | (b[start + 1] ?? 0);
    const vni = ((b[start + 4] ?? 0) << 16) | ((b[start + 5] ?? 0) << 8) | (b[start + 6] ?? 0);
    const t = pkt.layer('vxlan', 'Virtual eXtensible Local Area Network', start, 8);
    pkt.add(
      t,
      `Flags: ${hex(flags, 4)}${flags & 0x0800 ? ', VXLAN Network ID (VNI)' : ''}`,
      start,
      2,
      'vxlan.flags',
    );
    pkt.add(t, `VXLAN Network Identifier (VNI): ${vni}`, start + 4, 3, 'vxlan.vni');
    pkt.field('vxlan.flags', flags);
    pkt.field('vxlan.vni', vni);
    pkt.setColumns('VXLAN', `VNI ${vni}`);
    return { table: 'link', keys: [1], start: start + 8, end };
  },
};
