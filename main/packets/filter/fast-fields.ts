// Fields read straight from the index's typed arrays. `get` writes the packet's values (0, 1
// or 2 of them) into `out` and returns how many; -1 means "the index cannot tell for this
// packet" (a header the scanner left to the full dissector), and the filter re-dissects it.
import type { PacketIndex } from '../index/packet-index';
import { ADDR } from '../index/packet-columns';
import { BIT } from '../index/protocols';

export type FastField =
  | { kind: 'number'; get(i: number, out: Float64Array): number }
  | { kind: 'id'; get(i: number, out: Float64Array): number; text(id: number): string };

const TCP = 6;
const UDP = 17;

export function fastField(name: string, index: PacketIndex): FastField | undefined {
  const c = index.columns;
  const one = (v: number, out: Float64Array): number => {
    out[0] = v;
    return 1;
  };
  const num = (get: (i: number, out: Float64Array) => number): FastField => ({
    kind: 'number',
    get,
  });
  /** A TCP field: absent without TCP; unknown for a TCP layer the scanner did not decode. */
  const tcp = (get: (i: number, out: Float64Array) => number): FastField =>
    num((i, out) => (c.transport[i] === TCP ? get(i, out) : (c.layers[i] ?? 0) & BIT.tcp ? -1 : 0));
  const udp = (get: (i: number, out: Float64Array) => number): FastField =>
    num((i, out) => (c.transport[i] === UDP ? get(i, out) : (c.layers[i] ?? 0) & BIT.udp ? -1 : 0));
  const ports = (i: number, out: Float64Array, which: 'src' | 'dst' | 'both'): number => {
    if (which === 'src') return one(c.srcPort[i] ?? 0, out);
    if (which === 'dst') return one(c.dstPort[i] ?? 0, out);
    out[0] = c.srcPort[i] ?? 0;
    out[1] = c.dstPort[i] ?? 0;
    return 2;
  };
  const flag = (bit: number) => tcp((i, out) => one((c.tcpFlags[i] ?? 0) & bit ? 1 : 0, out));
  const v4 = (which: 'src' | 'dst' | 'both'): FastField =>
    num((i, out) => {
      if (c.addrKind[i] !== ADDR.ipv4) return (c.layers[i] ?? 0) & BIT.ip ? -1 : 0;
      if (which === 'src') return one(c.src[i] ?? 0, out);
      if (which === 'dst') return one(c.dst[i] ?? 0, out);
      out[0] = c.src[i] ?? 0;
      out[1] = c.dst[i] ?? 0;
      return 2;
    });
  const v6 = (which: 'src' | 'dst' | 'both'): FastField => ({
    kind: 'id',
    text: (id) => index.addresses.text(id),
    get(i, out) {
      if (((c.layers[i] ?? 0) & BIT.ipv6) === 0) return 0;
      if (c.addrKind[i] !== ADDR.text || (c.layers[i] ?? 0) & BIT.ip) return -1;
      if (which === 'src') return one(c.src[i] ?? 0, out);
      if (which === 'dst') return one(c.dst[i] ?? 0, out);
      out[0] = c.src[i] ?? 0;
      out[1] = c.dst[i] ?? 0;
      return 2;
    },
  });
  const icmp = (proto: number, bit: number, which: 'src' | 'dst'): FastField =>
    num((i, out) => {
      if (c.transport[i] !== proto) return (c.layers[i] ?? 0) & bit ? -1 : 0;
      return one(which === 'src' ? (c.srcPort[i] ?? 0) : (c.dstPort[i] ?? 0), out);
    });

  switch (name) {
    case 'frame.number':
      return num((i, out) => one(i + 1, out));
    case 'frame.len':
      return num((i, out) => one(c.originalLength[i] ?? 0, out));
    case 'frame.cap_len':
      return num((i, out) => one(c.capturedLength[i] ?? 0, out));
    case 'frame.interface_id':
      return num((i, out) => one(c.iface[i] ?? 0, out));
    case 'pod':
      return {
        kind: 'id',
        text: (id) => index.interfaces[id]?.name ?? '',
        get: (i, out) => one(c.iface[i] ?? 0, out),
      };
    case 'ip.src':
      return v4('src');
    case 'ip.dst':
      return v4('dst');
    case 'ip.addr':
      return v4('both');
    case 'ipv6.src':
      return v6('src');
    case 'ipv6.dst':
      return v6('dst');
    case 'ipv6.addr':
      return v6('both');
    case 'tcp.srcport':
      return tcp((i, out) => ports(i, out, 'src'));
    case 'tcp.dstport':
      return tcp((i, out) => ports(i, out, 'dst'));
    case 'tcp.port':
      return tcp((i, out) => ports(i, out, 'both'));
    case 'tcp.stream':
      return tcp((i, out) => one(c.stream[i] ?? 0, out));
    case 'tcp.len':
      return tcp((i, out) => one(c.payloadLength[i] ?? 0, out));
    case 'tcp.seq_raw':
      return tcp((i, out) => one(c.tcpSeq[i] ?? 0, out));
    case 'tcp.flags':
      return tcp((i, out) => one(c.tcpFlags[i] ?? 0, out));
    case 'tcp.flags.fin':
      return flag(0x01);
    case 'tcp.flags.syn':
      return flag(0x02);
    case 'tcp.flags.reset':
      return flag(0x04);
    case 'tcp.flags.push':
      return flag(0x08);
    case 'tcp.flags.ack':
      return flag(0x10);
    case 'tcp.flags.urg':
      return flag(0x20);
    case 'udp.srcport':
      return udp((i, out) => ports(i, out, 'src'));
    case 'udp.dstport':
      return udp((i, out) => ports(i, out, 'dst'));
    case 'udp.port':
      return udp((i, out) => ports(i, out, 'both'));
    case 'icmp.type':
      return icmp(1, BIT.icmp, 'src');
    case 'icmp.code':
      return icmp(1, BIT.icmp, 'dst');
    case 'icmpv6.type':
      return icmp(58, BIT.icmpv6, 'src');
    case 'icmpv6.code':
      return icmp(58, BIT.icmpv6, 'dst');
    default:
      return undefined;
  }
}
