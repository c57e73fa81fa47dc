// ICMPv6 (IP protocol 58): echo, errors, and Neighbor Discovery (RS, RA, NS, NA, redirect).
import type { Dissector } from './registry';
import type { PacketBuilder } from './packet-builder';
import type { TreeNode } from './model';
import { hex, ipv6, mac, u16be } from './format';

const TYPES: Record<number, string> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  143: 'Multicast Listener Report Message v2',
};
const UNREACHABLE: Record<number, string> = {
  0: 'no route to destination',
  1: 'communication with destination administratively prohibited',
  3: 'Address unreachable',
  4: 'Port unreachable',
};
const OPT_SOURCE_LL = 1;
const OPT_TARGET_LL = 2;

export const icmpv6: Dissector = {
  name: 'icmpv6',
  registers: [{ table: 'ip.proto', key: 58 }],
  fields: [
    { name: 'icmpv6', type: 'protocol', label: 'Internet Control Message Protocol v6' },
    { name: 'icmpv6.type', type: 'uint', label: 'Type' },
    { name: 'icmpv6.code', type: 'uint', label: 'Code' },
    { name: 'icmpv6.checksum', type: 'uint', label: 'Checksum' },
    { name: 'icmpv6.echo.identifier', type: 'uint', label: 'Identifier' },
    { name: 'icmpv6.echo.sequence_number', type: 'uint', label: 'Sequence' },
    { name: 'icmpv6.nd.ns.target_address', type: 'ipv6', label: 'Target Address' },
    { name: 'icmpv6.nd.na.target_address', type: 'ipv6', label: 'Target Address' },
    { name: 'icmpv6.opt.linkaddr', type: 'ether', label: 'Link-layer address' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 4) {
      pkt.layer('icmpv6', 'Internet Control Message Protocol v6', start, end - start);
      pkt.setColumns('ICMPv6', '');
      pkt.markMalformed('ICMPv6', 'shorter than 4 bytes');
      return undefined;
    }
    const type = b[start] ?? 0;
    const code = b[start + 1] ?? 0;
    const name = TYPES[type] ?? `Unknown (${type})`;
    const t = pkt.layer('icmpv6', 'Internet Control Message Protocol v6', start, end - start);
    pkt.add(t, `Type: ${name} (${type})`, start, 1, 'icmpv6.type');
    pkt.add(t, `Code: ${code}`, start + 1, 1, 'icmpv6.code');
    pkt.add(t, `Checksum: ${hex(u16be(b, start + 2), 4)}`, start + 2, 2, 'icmpv6.checksum');
    pkt.field('icmpv6.type', type);
    pkt.field('icmpv6.code', code);
    pkt.field('icmpv6.checksum', u16be(b, start + 2));
    let info = name;

    if ((type === 128 || type === 129) && end - start >= 8) {
      const id = u16be(b, start + 4);
      const seq = u16be(b, start + 6);
      pkt.add(t, `Identifier: ${hex(id, 4)}`, start + 4, 2, 'icmpv6.echo.identifier');
      pkt.add(t, `Sequence: ${seq}`, start + 6, 2, 'icmpv6.echo.sequence_number');
      pkt.field('icmpv6.echo.identifier', id);
      pkt.field('icmpv6.echo.sequence_number', seq);
      info = `${name} id=${hex(id, 4)}, seq=${seq}, hop limit=${pkt.network?.ttl ?? 0}`;
      if (!pkt.nested) {
        const requests = pkt.context.echoRequests;
        if (type === 128)
          requests.set(`v6 ${pkt.network?.src}>${pkt.network?.dst}/${id}/${seq}`, pkt.frameNumber);
        const request =
          type === 129
            ? requests.get(`v6 ${pkt.network?.dst}>${pkt.network?.src}/${id}/${seq}`)
            : undefined;
        if (request !== undefined) info += ` (request in ${request})`;
      }
    } else if ((type === 135 || type === 136) && end - start >= 24) {
      const target = ipv6(b, start + 8);
      const field = type === 135 ? 'icmpv6.nd.ns.target_address' : 'icmpv6.nd.na.target_address';
      pkt.add(t, `Target Address: ${target}`, start + 8, 16, field);
      pkt.field(field, target);
      const ll = ndOptions(pkt, t, b, start + 24, end);
      if (type === 135) {
        info = `${name} for ${target}${ll.source ? ` from ${ll.source}` : ''}`;
      } else {
        const f = b[start + 4] ?? 0;
        const flags = [f & 0x80 ? 'rtr' : '', f & 0x40 ? 'sol' : '', f & 0x20 ? 'ovr' : ''].filter(
          Boolean,
        );
        info = `${name} ${target}${flags.length ? ` (${flags.join(', ')})` : ''}${ll.target ? ` is at ${ll.target}` : ''}`;
      }
    } else if (type === 133 || type === 134) {
      const ll = ndOptions(pkt, t, b, start + (type === 133 ? 8 : 16), end);
      if (ll.source) info = `${name} from ${ll.source}`;
    } else if (type === 1) {
      const why = UNREACHABLE[code];
      if (why) info = `${name} (${why})`;
    }
    pkt.setColumns('ICMPv6', info);
    if (type >= 1 && type <= 4 && end - start > 8) {
      return { table: 'ethertype', keys: [0x86dd], start: start + 8, end, nested: true };
    }
    return undefined;
  },
};

/** ND options: returns the source/target link-layer addresses Info mentions. */
function ndOptions(
  pkt: PacketBuilder,
  t: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
): { source?: string; target?: string } {
  const found: { source?: string; target?: string } = {};
  let o = from;
  while (o + 2 <= to) {
    const type = b[o] ?? 0;
    const len = (b[o + 1] ?? 0) * 8;
    if (len === 0 || o + len > to) {
      pkt.markMalformed('ICMPv6', `ND option at ${o} has bad length`);
      break;
    }
    if ((type === OPT_SOURCE_LL || type === OPT_TARGET_LL) && len >= 8) {
      const addr = mac(b, o + 2);
      pkt.field('icmpv6.opt.linkaddr', addr);
      pkt.add(
        t,
        `ICMPv6 Option (${type === 1 ? 'Source' : 'Target'} link-layer address : ${addr})`,
        o,
        len,
        'icmpv6.opt.linkaddr',
      );
      if (type === OPT_SOURCE_LL) found.source = addr;
      else found.target = addr;
    } else {
      pkt.add(t, `ICMPv6 Option (type ${type})`, o, len);
    }
    o += len;
  }
  return found;
}
