// The index pass: walks a frame's headers with the same dissector tables as the full
// dissector (so it hands off exactly where dissect.ts would), but reads only numbers —
// addresses, ports, flags, lengths — and builds no strings, trees or field maps. Anything it
// does not decode itself (ARP, LLC, unknown link types, bogus headers) it declines, and the
// index asks the full dissector for that one packet instead.
import type { DissectorRegistry, DissectorTable } from '../dissectors/registry';
import { ipv6 as ipv6Text } from '../dissectors/format';
import { BIT, PROTO } from './protocols';
import { ADDR } from './packet-columns';

/** What one frame contributed to the index; reused across frames (no allocation per packet). */
export interface FrameFacts {
  layers: number;
  protocol: number;
  multiLayer: boolean;
  addrKind: number;
  /** IPv4 value when addrKind is ipv4; otherwise the IPv6 text is in srcText/dstText. */
  src: number;
  dst: number;
  srcText: string;
  dstText: string;
  transport: number;
  srcPort: number;
  dstPort: number;
  tcpFlags: number;
  tcpSeq: number;
  payloadLength: number;
  /** Where the TCP/UDP payload starts in the frame (Follow reads it from there). */
  payloadStart: number;
  /** Set by a TCP or UDP layer that is not quoted: the stream to number. */
  hasStream: boolean;
  dns: number;
  /** ICMP/ICMPv6 echo: 1 request, 2 reply (to pair "(request in N)" when re-dissecting). */
  echo: number;
  echoKey: number;
}

export function newFrameFacts(): FrameFacts {
  return {
    layers: 0,
    protocol: 0,
    multiLayer: false,
    addrKind: 0,
    src: 0,
    dst: 0,
    srcText: '',
    dstText: '',
    transport: 0,
    srcPort: 0,
    dstPort: 0,
    tcpFlags: 0,
    tcpSeq: 0,
    payloadLength: 0,
    payloadStart: 0,
    hasStream: false,
    dns: 0,
    echo: 0,
    echoKey: 0,
  };
}

const MAX_LAYERS = 32;
const AF_INET6 = new Set([10, 24, 28, 30]);
const IPV6_EXT_LABELLED = new Set([0, 43, 60, 51]);

/** Dissector names the scanner decodes, as small codes (a switch on ints beats strings). */
const CODES: Record<string, number> = {
  eth: 1,
  vlan: 2,
  sll: 3,
  sll2: 4,
  raw: 5,
  null: 6,
  ip: 7,
  ipv6: 8,
  icmp: 9,
  icmpv6: 10,
  tcp: 11,
  udp: 12,
  dns: 13,
  http: 14,
  tls: 15,
  vxlan: 16,
  geneve: 17,
};
const UNKNOWN = 0;
const UNRESOLVED = -1;
/** A registered dissector the scanner does not decode (ARP …): decline the frame. */
const OTHER = 99;

/** The registry's choice per (table, key), resolved once into a flat array per table. */
class Dispatch {
  private readonly tables = new Map<DissectorTable, Int8Array>();
  constructor(private readonly registry: DissectorRegistry) {}

  table(table: DissectorTable): Int8Array {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new Int8Array(65536).fill(UNRESOLVED)));
    return t;
  }

  resolve(table: DissectorTable, codes: Int8Array, key: number): number {
    if (key < 0 || key > 0xffff) return UNKNOWN;
    const name = this.registry.find(table, key)?.name;
    const code = name === undefined ? UNKNOWN : (CODES[name] ?? OTHER);
    codes[key] = code;
    return code;
  }
}

export class FrameScanner {
  private readonly dispatch: Dispatch;

  private readonly link: Int8Array;
  private readonly ethertype: Int8Array;
  private readonly ipProto: Int8Array;
  private readonly tcpPort: Int8Array;
  private readonly udpPort: Int8Array;

  constructor(registry: DissectorRegistry) {
    this.dispatch = new Dispatch(registry);
    this.link = this.dispatch.table('link');
    this.ethertype = this.dispatch.table('ethertype');
    this.ipProto = this.dispatch.table('ip.proto');
    this.tcpPort = this.dispatch.table('tcp.port');
    this.udpPort = this.dispatch.table('udp.port');
  }

  private code(table: DissectorTable, key: number): number {
    const codes =
      table === 'ethertype'
        ? this.ethertype
        : table === 'ip.proto'
          ? this.ipProto
          : table === 'tcp.port'
            ? this.tcpPort
            : table === 'udp.port'
              ? this.udpPort
              : this.link;
    const c = key >= 0 && key <= 0xffff ? (codes[key] ?? UNKNOWN) : UNKNOWN;
    return c === UNRESOLVED ? this.dispatch.resolve(table, codes, key) : c;
  }

  /** Fills `f` for one frame; false means "declined: ask the full dissector". */
  scan(linkType: number, b: Uint8Array, f: FrameFacts): boolean {
    f.layers = BIT.frame;
    f.protocol = PROTO.none;
    f.multiLayer = false;
    f.addrKind = ADDR.none;
    f.src = 0;
    f.dst = 0;
    f.srcText = '';
    f.dstText = '';
    f.transport = 0;
    f.srcPort = 0;
    f.dstPort = 0;
    f.tcpFlags = 0;
    f.tcpSeq = 0;
    f.payloadLength = 0;
    f.payloadStart = 0;
    f.hasStream = false;
    f.dns = 0;
    f.echo = 0;
    f.echoKey = 0;

    let table: DissectorTable = 'link';
    let key0 = linkType;
    let key1 = -1;
    let start = 0;
    let end = b.length;
    let nested = false;
    let networks = 0;
    for (let depth = 0; depth < MAX_LAYERS; depth++) {
      let name = this.code(table, key0);
      let key = key0;
      if (name === UNKNOWN && key1 >= 0) {
        name = this.code(table, key1);
        key = key1;
      }
      if (end > b.length) end = b.length;
      if (name === UNKNOWN) {
        if (end > start) {
          f.layers |= BIT.data;
          if (table === 'link' || (table === 'ethertype' && !nested)) return false;
        }
        return true;
      }
      const avail = end - start;
      key1 = -1;
      switch (name) {
        case 1: {
          // eth
          if (avail < 14) return false;
          const type = ((b[start + 12] ?? 0) << 8) | (b[start + 13] ?? 0);
          if (type <= 1500) return false;
          f.layers |= BIT.eth;
          if (!nested) f.protocol = PROTO.ethernet;
          table = 'ethertype';
          key0 = type;
          start += 14;
          break;
        }
        case 2: {
          // vlan
          if (avail < 4) return false;
          const qinq = key === 0x88a8;
          f.layers |= qinq ? BIT.ieee8021ad : BIT.vlan;
          if (!nested) f.protocol = qinq ? PROTO.qinq : PROTO.vlan;
          table = 'ethertype';
          key0 = ((b[start + 2] ?? 0) << 8) | (b[start + 3] ?? 0);
          start += 4;
          break;
        }
        case 3: // sll
        case 4: {
          // sll2
          const hl = name === 3 ? 16 : 20;
          if (avail < hl) return false;
          f.layers |= name === 3 ? BIT.sll : BIT.sll2;
          if (!nested) f.protocol = PROTO.sll;
          table = 'ethertype';
          key0 =
            name === 3
              ? ((b[start + 14] ?? 0) << 8) | (b[start + 15] ?? 0)
              : ((b[start] ?? 0) << 8) | (b[start + 1] ?? 0);
          start += hl;
          break;
        }
        case 5: {
          // raw
          f.layers |= BIT.raw;
          if (end <= start) return true;
          table = 'ethertype';
          key0 = (b[start] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800;
          break;
        }
        case 6: {
          // null
          if (avail < 4) return false;
          const be =
            (((b[start] ?? 0) << 24) |
              ((b[start + 1] ?? 0) << 16) |
              ((b[start + 2] ?? 0) << 8) |
              (b[start + 3] ?? 0)) >>>
            0;
          const family = be > 0xffff ? ((b[start] ?? 0) | ((b[start + 1] ?? 0) << 8)) >>> 0 : be;
          const type = family === 2 ? 0x0800 : AF_INET6.has(family) ? 0x86dd : -1;
          if (type < 0) return false;
          f.layers |= BIT.null;
          if (!nested) f.protocol = PROTO.null;
          table = 'ethertype';
          key0 = type;
          start += 4;
          break;
        }
        case 7: {
          // ip
          const ihl = avail > 0 ? ((b[start] ?? 0) & 0x0f) * 4 : 0;
          if (avail < 20 || (b[start] ?? 0) >> 4 !== 4 || ihl < 20 || ihl > avail) return false;
          const totalLength = ((b[start + 2] ?? 0) << 8) | (b[start + 3] ?? 0);
          const fragOffset = ((((b[start + 6] ?? 0) << 8) | (b[start + 7] ?? 0)) & 0x1fff) * 8;
          const proto = b[start + 9] ?? 0;
          f.layers |= BIT.ip;
          if (networks++ > 0 || nested) f.multiLayer = true;
          if (!nested) {
            f.addrKind = ADDR.ipv4;
            f.src =
              (((b[start + 12] ?? 0) << 24) |
                ((b[start + 13] ?? 0) << 16) |
                ((b[start + 14] ?? 0) << 8) |
                (b[start + 15] ?? 0)) >>>
              0;
            f.dst =
              (((b[start + 16] ?? 0) << 24) |
                ((b[start + 17] ?? 0) << 16) |
                ((b[start + 18] ?? 0) << 8) |
                (b[start + 19] ?? 0)) >>>
              0;
            f.protocol = PROTO.ipv4;
          }
          if (fragOffset > 0) return true;
          end = totalLength === 0 ? end : Math.min(end, start + Math.max(totalLength, ihl));
          table = 'ip.proto';
          key0 = proto;
          start += ihl;
          break;
        }
        case 8: {
          // ipv6
          if (avail < 40 || (b[start] ?? 0) >> 4 !== 6) return false;
          const plen = ((b[start + 4] ?? 0) << 8) | (b[start + 5] ?? 0);
          let next = b[start + 6] ?? 0;
          f.layers |= BIT.ipv6;
          if (networks++ > 0 || nested) f.multiLayer = true;
          if (!nested) {
            f.addrKind = ADDR.text;
            f.srcText = ipv6Text(b, start + 8);
            f.dstText = ipv6Text(b, start + 24);
            f.protocol = PROTO.ipv6;
          }
          const ipEnd = plen === 0 ? end : Math.min(end, start + 40 + plen);
          let o = start + 40;
          for (let hops = 0; hops < 16; hops++) {
            if (next === 59) return true;
            if (next === 44) {
              if (ipEnd - o < 8) return false;
              const fragOffset = (((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) & 0xfff8;
              next = b[o] ?? 0;
              o += 8;
              if (fragOffset > 0) return true;
              continue;
            }
            if (!IPV6_EXT_LABELLED.has(next)) break;
            if (ipEnd - o < 8) return false;
            const length = next === 51 ? ((b[o + 1] ?? 0) + 2) * 4 : ((b[o + 1] ?? 0) + 1) * 8;
            if (o + length > ipEnd) return false;
            next = b[o] ?? 0;
            o += length;
          }
          table = 'ip.proto';
          key0 = next;
          start = o;
          end = ipEnd;
          break;
        }
        case 9: // icmp
        case 10: {
          // icmpv6
          if (avail < 4) return false;
          const v6 = name === 10;
          const type = b[start] ?? 0;
          f.layers |= v6 ? BIT.icmpv6 : BIT.icmp;
          if (!nested) {
            f.protocol = v6 ? PROTO.icmpv6 : PROTO.icmp;
            f.transport = v6 ? 58 : 1;
            f.srcPort = type;
            f.dstPort = b[start + 1] ?? 0;
          }
          const echoRequest = v6 ? type === 128 : type === 8;
          const echoReply = v6 ? type === 129 : type === 0;
          if ((echoRequest || echoReply) && avail >= 8) {
            if (!nested) {
              f.echo = echoRequest ? 1 : 2;
              f.echoKey =
                (((b[start + 4] ?? 0) << 24) |
                  ((b[start + 5] ?? 0) << 16) |
                  ((b[start + 6] ?? 0) << 8) |
                  (b[start + 7] ?? 0)) >>>
                0;
            }
            return true;
          }
          const quotes = v6
            ? type >= 1 && type <= 4
            : type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
          if (!quotes || avail <= 8) return true;
          nested = true;
          f.multiLayer = true;
          table = 'ethertype';
          key0 = v6 ? 0x86dd : 0x0800;
          start += 8;
          break;
        }
        case 11: {
          // tcp
          if (avail < 8) return false;
          const sport = ((b[start] ?? 0) << 8) | (b[start + 1] ?? 0);
          const dport = ((b[start + 2] ?? 0) << 8) | (b[start + 3] ?? 0);
          f.layers |= BIT.tcp;
          if (nested || avail < 20) return true;
          const hl = ((b[start + 12] ?? 0) >> 4) * 4;
          if (hl < 20 || hl > avail) return false;
          f.protocol = PROTO.tcp;
          f.transport = 6;
          f.srcPort = sport;
          f.dstPort = dport;
          f.tcpSeq =
            (((b[start + 4] ?? 0) << 24) |
              ((b[start + 5] ?? 0) << 16) |
              ((b[start + 6] ?? 0) << 8) |
              (b[start + 7] ?? 0)) >>>
            0;
          f.tcpFlags = (((b[start + 12] ?? 0) & 1) << 8) | (b[start + 13] ?? 0);
          f.payloadLength = avail - hl;
          f.payloadStart = start + hl;
          f.hasStream = true;
          if (avail === hl) return true;
          table = 'tcp.port';
          key0 = Math.min(sport, dport);
          key1 = Math.max(sport, dport);
          start += hl;
          break;
        }
        case 12: {
          // udp
          if (avail < 8) return false;
          const sport = ((b[start] ?? 0) << 8) | (b[start + 1] ?? 0);
          const dport = ((b[start + 2] ?? 0) << 8) | (b[start + 3] ?? 0);
          const length = ((b[start + 4] ?? 0) << 8) | (b[start + 5] ?? 0);
          f.layers |= BIT.udp;
          const udpEnd = length >= 8 && length <= avail ? start + length : end;
          const payload = udpEnd - start - 8;
          if (!nested) {
            f.protocol = PROTO.udp;
            f.transport = 17;
            f.srcPort = sport;
            f.dstPort = dport;
            f.payloadLength = payload > 0 ? payload : 0;
            f.payloadStart = start + 8;
            f.tcpFlags = 0;
            f.tcpSeq = 0;
            f.hasStream = true;
          }
          if (payload <= 0) return true;
          table = 'udp.port';
          key0 = Math.min(sport, dport);
          key1 = Math.max(sport, dport);
          start += 8;
          end = udpEnd;
          break;
        }
        case 13: {
          // dns
          f.layers |= BIT.dns;
          if (!nested) {
            f.protocol = PROTO.dns;
            const s = table === 'tcp.port' ? start + 2 : start;
            if (end - s >= 12) {
              const flags = ((b[s + 2] ?? 0) << 8) | (b[s + 3] ?? 0);
              f.dns = flags & 0x8000 ? 0x20 | (flags & 0xf) : 0x40;
            }
          }
          return true;
        }
        case 14: // http
          f.layers |= BIT.http;
          if (!nested) f.protocol = PROTO.http;
          return true;
        case 15: // tls
          f.layers |= BIT.tls;
          if (!nested) f.protocol = PROTO.tls;
          return true;
        case 16: {
          // vxlan
          if (avail < 8) return false;
          f.layers |= BIT.vxlan;
          f.multiLayer = true;
          if (!nested) f.protocol = PROTO.vxlan;
          table = 'link';
          key0 = 1;
          start += 8;
          break;
        }
        case 17: {
          // geneve
          if (avail < 8) return false;
          f.layers |= BIT.geneve;
          f.multiLayer = true;
          if (!nested) f.protocol = PROTO.geneve;
          const headerEnd = start + 8 + ((b[start] ?? 0) & 0x3f) * 4;
          if ((b[start] ?? 0) >> 6 !== 0 || headerEnd > end) return true;
          table = 'ethertype';
          key0 = ((b[start + 2] ?? 0) << 8) | (b[start + 3] ?? 0);
          start = headerEnd;
          break;
        }
        default:
          return false;
      }
    }
    return true;
  }
}
