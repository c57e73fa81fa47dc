// IPv6 (EtherType 0x86dd, and 6in4 protocol 41) with its extension headers: hop-by-hop,
// routing, fragment, destination options (and AH, whose length rule differs).
// Fragments are not reassembled: the first is decoded on, later ones stop here.
import type { Dissector } from './registry';
import type { TreeNode } from './model';
import type { PacketBuilder } from './packet-builder';
import { hex, ipProtocolName, ipv6 as ipv6Text, u16be, u32be } from './format';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const NO_NEXT = 59;
const DEST_OPTS = 60;
const EXT_FIELDS: Record<number, string> = {
  0: 'ipv6.hopopts',
  43: 'ipv6.routing',
  60: 'ipv6.dstopts',
};
const EXT_LABELS: Record<number, string> = {
  0: 'IPv6 Hop-by-Hop Option',
  43: 'Routing Header',
  60: 'Destination Options',
  51: 'Authentication Header',
};

export const ipv6: Dissector = {
  name: 'ipv6',
  registers: [
    { table: 'ethertype', key: 0x86dd },
    { table: 'ip.proto', key: 41 },
  ],
  fields: [
    { name: 'ipv6', type: 'protocol', label: 'Internet Protocol Version 6' },
    { name: 'ipv6.tclass', type: 'uint', label: 'Traffic Class' },
    { name: 'ipv6.flow', type: 'uint', label: 'Flow Label' },
    { name: 'ipv6.plen', type: 'uint', label: 'Payload Length' },
    { name: 'ipv6.nxt', type: 'uint', label: 'Next Header' },
    { name: 'ipv6.hlim', type: 'uint', label: 'Hop Limit' },
    { name: 'ipv6.src', type: 'ipv6', label: 'Source Address' },
    { name: 'ipv6.dst', type: 'ipv6', label: 'Destination Address' },
    { name: 'ipv6.addr', type: 'ipv6', label: 'Source or Destination Address' },
    { name: 'ipv6.hopopts.nxt', type: 'uint', label: 'Hop-by-Hop Next Header' },
    { name: 'ipv6.dstopts.nxt', type: 'uint', label: 'Destination Options Next Header' },
    { name: 'ipv6.routing.nxt', type: 'uint', label: 'Routing Next Header' },
    { name: 'ipv6.routing.type', type: 'uint', label: 'Routing Type' },
    { name: 'ipv6.routing.segleft', type: 'uint', label: 'Segments Left' },
    { name: 'ipv6.fragment.offset', type: 'uint', label: 'Fragment Offset' },
    { name: 'ipv6.fragment.more', type: 'bool', label: 'More Fragments' },
    { name: 'ipv6.fragment.id', type: 'uint', label: 'Identification' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 40 || (b[start] ?? 0) >> 4 !== 6) {
      pkt.layer('ipv6', 'Internet Protocol Version 6', start, end - start);
      pkt.setColumns('IPv6', 'Bogus IPv6 header');
      pkt.markMalformed('IPv6', 'bad version or truncated header');
      return undefined;
    }
    const word = u32be(b, start);
    const tclass = (word >>> 20) & 0xff;
    const flow = word & 0xfffff;
    const plen = u16be(b, start + 4);
    let next = b[start + 6] ?? 0;
    const hlim = b[start + 7] ?? 0;
    const src = ipv6Text(b, start + 8);
    const dst = ipv6Text(b, start + 24);
    // Payload length 0 means a jumbogram or TSO: trust the captured bytes then.
    const ipEnd = plen === 0 ? end : Math.min(end, start + 40 + plen);

    const t = pkt.layer('ipv6', `Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`, start, 40);
    pkt.add(t, `Traffic Class: ${hex(tclass, 2)}`, start, 2, 'ipv6.tclass');
    pkt.add(t, `Flow Label: ${hex(flow, 5)}`, start + 1, 3, 'ipv6.flow');
    pkt.add(t, `Payload Length: ${plen}`, start + 4, 2, 'ipv6.plen');
    pkt.add(t, `Next Header: ${ipProtocolName(next)} (${next})`, start + 6, 1, 'ipv6.nxt');
    pkt.add(t, `Hop Limit: ${hlim}`, start + 7, 1, 'ipv6.hlim');
    pkt.add(t, `Source Address: ${src}`, start + 8, 16, 'ipv6.src');
    pkt.add(t, `Destination Address: ${dst}`, start + 24, 16, 'ipv6.dst');
    pkt.field('ipv6.tclass', tclass);
    pkt.field('ipv6.flow', flow);
    pkt.field('ipv6.plen', plen);
    pkt.field('ipv6.nxt', next);
    pkt.field('ipv6.hlim', hlim);
    pkt.field('ipv6.src', src);
    pkt.field('ipv6.dst', dst);
    pkt.field('ipv6.addr', src);
    pkt.field('ipv6.addr', dst);
    pkt.setAddresses(src, dst);
    if (!pkt.nested) pkt.network = { version: 6, src, dst, ttl: hlim };
    pkt.setColumns('IPv6', ipProtocolName(next));

    let o = start + 40;
    for (let hops = 0; hops < 16; hops++) {
      if (next === NO_NEXT) return undefined;
      if (next === FRAGMENT) {
        if (ipEnd - o < 8) return truncatedExtension(pkt, 'Fragment Header');
        const offFlags = u16be(b, o + 2);
        const fragOffset = offFlags & 0xfff8;
        const more = (offFlags & 1) === 1;
        const ident = u32be(b, o + 4);
        const f = pkt.add(t, `Fragment Header for IPv6`, o, 8);
        pkt.add(f, `Next header: ${ipProtocolName(b[o] ?? 0)} (${b[o]})`, o, 1);
        pkt.add(f, `Offset: ${fragOffset}`, o + 2, 2, 'ipv6.fragment.offset');
        pkt.add(f, `More Fragments: ${more ? 'Yes' : 'No'}`, o + 2, 2, 'ipv6.fragment.more');
        pkt.add(f, `Identification: ${hex(ident, 8)}`, o + 4, 4, 'ipv6.fragment.id');
        pkt.field('ipv6.fragment.offset', fragOffset);
        pkt.field('ipv6.fragment.more', more);
        pkt.field('ipv6.fragment.id', ident);
        next = b[o] ?? 0;
        o += 8;
        if (t) t.length = o - start;
        if (fragOffset > 0) {
          pkt.setColumns(
            'IPv6',
            `IPv6 fragment (off=${fragOffset} more=${more ? 'y' : 'n'} ident=${hex(ident, 8)} nxt=${next})`,
          );
          return undefined;
        }
        continue;
      }
      const label = EXT_LABELS[next];
      if (label === undefined) break;
      if (ipEnd - o < 8) return truncatedExtension(pkt, label);
      const length = next === AH ? ((b[o + 1] ?? 0) + 2) * 4 : ((b[o + 1] ?? 0) + 1) * 8;
      if (o + length > ipEnd) return truncatedExtension(pkt, label);
      extension(pkt, t, b, o, length, next, label);
      next = b[o] ?? 0;
      o += length;
      if (t) t.length = o - start;
    }
    pkt.setColumns('IPv6', ipProtocolName(next));
    if (t) t.length = o - start;
    return { table: 'ip.proto', keys: [next], start: o, end: ipEnd };
  },
};

function extension(
  pkt: PacketBuilder,
  t: TreeNode | undefined,
  b: Uint8Array,
  o: number,
  length: number,
  type: number,
  label: string,
): void {
  const prefix = EXT_FIELDS[type];
  if (prefix) pkt.field(`${prefix}.nxt`, b[o] ?? 0);
  const e = pkt.add(t, `${label}`, o, length);
  pkt.add(
    e,
    `Next Header: ${ipProtocolName(b[o] ?? 0)} (${b[o]})`,
    o,
    1,
    prefix && `${prefix}.nxt`,
  );
  pkt.add(e, `Length: ${b[o + 1]} (${length} bytes)`, o + 1, 1);
  if (type === ROUTING) {
    pkt.field('ipv6.routing.type', b[o + 2] ?? 0);
    pkt.field('ipv6.routing.segleft', b[o + 3] ?? 0);
    pkt.add(e, `Type: ${b[o + 2]}`, o + 2, 1, 'ipv6.routing.type');
    pkt.add(e, `Segments Left: ${b[o + 3]}`, o + 3, 1, 'ipv6.routing.segleft');
  } else if (type === HOP_BY_HOP || type === DEST_OPTS) {
    tlvOptions(pkt, e, b, o + 2, o + length);
  }
}

/** Hop-by-hop and destination options: Pad1, PadN, Router Alert, others by type. */
function tlvOptions(
  pkt: PacketBuilder,
  e: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
): void {
  let o = from;
  while (o < to) {
    const type = b[o] ?? 0;
    if (type === 0) {
      pkt.add(e, 'Pad1', o, 1);
      o++;
      continue;
    }
    const len = o + 1 < to ? (b[o + 1] ?? 0) : 0;
    const name =
      type === 1
        ? 'PadN'
        : type === 5
          ? 'Router Alert'
          : type === 0xc2
            ? 'Jumbo Payload'
            : `Option ${hex(type, 2)}`;
    pkt.add(e, `${name} (${len} bytes)`, o, Math.min(2 + len, to - o));
    o += 2 + len;
  }
}

function truncatedExtension(pkt: PacketBuilder, label: string): undefined {
  pkt.markMalformed('IPv6', `${label} cut short`);
  return undefined;
}
