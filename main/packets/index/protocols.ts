// The protocol vocabulary of the index: one bit per dissector layer name (what a bare `tcp` or
// `dns` filter tests, like Wireshark's frame.protocols) and small ids for the Protocol column.

/** Layer names as dissectors push them (PacketBuilder.layer); one bit each in a Uint32. */
export const LAYER_NAMES = [
  'frame',
  'eth',
  'vlan',
  'ieee8021ad',
  'sll',
  'sll2',
  'raw',
  'null',
  'arp',
  'ip',
  'ipv6',
  'icmp',
  'icmpv6',
  'tcp',
  'udp',
  'dns',
  'http',
  'tls',
  'vxlan',
  'geneve',
  'data',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

const LAYER_BITS = new Map<string, number>(LAYER_NAMES.map((n, i) => [n, 1 << i]));

/** The bit of a layer name, or 0 for a name the index does not track. */
export function layerBit(name: string): number {
  return LAYER_BITS.get(name) ?? 0;
}

export const BIT = {
  frame: 1 << 0,
  eth: 1 << 1,
  vlan: 1 << 2,
  ieee8021ad: 1 << 3,
  sll: 1 << 4,
  sll2: 1 << 5,
  raw: 1 << 6,
  null: 1 << 7,
  arp: 1 << 8,
  ip: 1 << 9,
  ipv6: 1 << 10,
  icmp: 1 << 11,
  icmpv6: 1 << 12,
  tcp: 1 << 13,
  udp: 1 << 14,
  dns: 1 << 15,
  http: 1 << 16,
  tls: 1 << 17,
  vxlan: 1 << 18,
  geneve: 1 << 19,
  data: 1 << 20,
} as const satisfies Record<LayerName, number>;

/**
 * Protocol column ids: the fixed ones the fast scanner sets; names seen only through the full
 * dissector (ARP, LLC, "0x88cc" …) are added after them as they appear.
 */
export class ProtocolTable {
  private readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor() {
    for (const n of FIXED_PROTOCOLS) this.id(n);
  }

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id] ?? '';
  }

  get size(): number {
    return this.names.length;
  }
}

const FIXED_PROTOCOLS = [
  '',
  'Ethernet',
  '802.1Q',
  '802.1ad',
  'SLL',
  'NULL',
  'IPv4',
  'IPv6',
  'ICMP',
  'ICMPv6',
  'TCP',
  'UDP',
  'DNS',
  'HTTP',
  'TLS',
  'VXLAN',
  'Geneve',
] as const;

/** Ids of FIXED_PROTOCOLS, in that order. */
export const PROTO = {
  none: 0,
  ethernet: 1,
  vlan: 2,
  qinq: 3,
  sll: 4,
  null: 5,
  ipv4: 6,
  ipv6: 7,
  icmp: 8,
  icmpv6: 9,
  tcp: 10,
  udp: 11,
  dns: 12,
  http: 13,
  tls: 14,
  vxlan: 15,
  geneve: 16,
} as const;
