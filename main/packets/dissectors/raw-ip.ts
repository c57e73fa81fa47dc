// Raw IP link types: 101 (version from the first nibble), 228 (IPv4), 229 (IPv6).
import type { Dissector } from './registry';

export const rawIp: Dissector = {
  name: 'raw',
  registers: [
    { table: 'link', key: 101 },
    { table: 'link', key: 228 },
    { table: 'link', key: 229 },
  ],
  fields: [{ name: 'raw', type: 'protocol', label: 'Raw packet data' }],
  dissect(pkt, b, start, end) {
    pkt.layer('raw', 'Raw packet data', start, 0);
    if (end <= start) return undefined;
    const version = (b[start] ?? 0) >> 4;
    const type = version === 6 ? 0x86dd : 0x0800;
    return { table: 'ethertype', keys: [type], start, end };
  },
};
