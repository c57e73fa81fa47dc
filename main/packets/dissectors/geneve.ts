// Geneve (UDP 6081, OVN/Antrea/Cilium overlays): base header, TLV options, then the inner
// payload by EtherType (0x6558 = a whole Ethernet frame).
import type { Dissector } from './registry';
import { hex, u16be } from './format';

export const geneve: Dissector = {
  name: 'geneve',
  registers: [{ table: 'udp.port', key: 6081 }],
  fields: [
    { name: 'geneve', type: 'protocol', label: 'Generic Network Virtualization Encapsulation' },
    { name: 'geneve.version', type: 'uint', label: 'Version' },
    { name: 'geneve.options_length', type: 'uint', label: 'Options Length' },
    { name: 'geneve.proto_type', type: 'uint', label: 'Protocol Type' },
    { name: 'geneve.vni', type: 'uint', label: 'Virtual Network Identifier (VNI)' },
    { name: 'geneve.option.class', type: 'uint', label: 'Option Class' },
    { name: 'geneve.option.type', type: 'uint', label: 'Option Type' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 8) {
      pkt.layer('geneve', 'Generic Network Virtualization Encapsulation', start, end - start);
      pkt.markMalformed('Geneve', 'shorter than its 8-byte header');
      return undefined;
    }
    const version = (b[start] ?? 0) >> 6;
    const optLength = ((b[start] ?? 0) & 0x3f) * 4;
    const protoType = u16be(b, start + 2);
    const vni = ((b[start + 4] ?? 0) << 16) | ((b[start + 5] ?? 0) << 8) | (b[start + 6] ?? 0);
    const headerEnd = start + 8 + optLength;
    const t = pkt.layer(
      'geneve',
      `Generic Network Virtualization Encapsulation, VNI: ${hex(vni, 6)}`,
      start,
      Math.min(8 + optLength, end - start),
    );
    pkt.add(t, `Version: ${version}`, start, 1, 'geneve.version');
    pkt.add(t, `Options Length: ${optLength} bytes`, start, 1, 'geneve.options_length');
    pkt.add(t, `Protocol Type: ${hex(protoType, 4)}`, start + 2, 2, 'geneve.proto_type');
    pkt.add(t, `Virtual Network Identifier (VNI): ${hex(vni, 6)}`, start + 4, 3, 'geneve.vni');
    pkt.field('geneve.version', version);
    pkt.field('geneve.options_length', optLength);
    pkt.field('geneve.proto_type', protoType);
    pkt.field('geneve.vni', vni);
    pkt.setColumns('Geneve', `VNI ${hex(vni, 6)}`);
    if (version !== 0 || headerEnd > end) {
      pkt.markMalformed('Geneve', version !== 0 ? `version ${version}` : 'options cut short');
      return undefined;
    }
    let o = start + 8;
    while (o + 4 <= headerEnd) {
      const cls = u16be(b, o);
      const type = b[o + 2] ?? 0;
      const len = 4 + ((b[o + 3] ?? 0) & 0x1f) * 4;
      pkt.field('geneve.option.class', cls);
      pkt.field('geneve.option.type', type);
      pkt.add(
        t,
        `Option: class ${hex(cls, 4)}, type ${hex(type, 2)} (${len} bytes)`,
        o,
        Math.min(len, headerEnd - o),
      );
      o += len;
    }
    return { table: 'ethertype', keys: [protoType], start: headerEnd, end };
  },
};
