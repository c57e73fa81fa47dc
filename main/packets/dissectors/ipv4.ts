// IPv4 (EtherType 0x0800, and IP-in-IP protocol 4): header, options, fragments.
// Fragments are not reassembled: the first is decoded as far as it goes (like tshark with
// ip.defragment off), later ones are shown as "Fragmented IP protocol".
import type { Dissector } from './registry';
import type { TreeNode } from './model';
import type { PacketBuilder } from './packet-builder';
import { hex, ipProtocolName, ipv4 as ipv4Text, u16be } from './format';

const OPTION_NAMES: Record<number, string> = {
  0: 'End of Options List (EOL)',
  1: 'No-Operation (NOP)',
  7: 'Record Route',
  68: 'Time Stamp',
  130: 'Security',
  131: 'Loose Source Route',
  137: 'Strict Source Route',
  148: 'Router Alert',
};

export const ipv4: Dissector = {
  name: 'ip',
  registers: [
    { table: 'ethertype', key: 0x0800 },
    { table: 'ip.proto', key: 4 },
  ],
  fields: [
    { name: 'ip', type: 'protocol', label: 'Internet Protocol Version 4' },
    { name: 'ip.version', type: 'uint', label: 'Version' },
    { name: 'ip.hdr_len', type: 'uint', label: 'Header Length' },
    { name: 'ip.dsfield', type: 'uint', label: 'Differentiated Services Field' },
    { name: 'ip.len', type: 'uint', label: 'Total Length' },
    { name: 'ip.id', type: 'uint', label: 'Identification' },
    { name: 'ip.flags.df', type: 'bool', label: "Don't fragment" },
    { name: 'ip.flags.mf', type: 'bool', label: 'More fragments' },
    { name: 'ip.frag_offset', type: 'uint', label: 'Fragment Offset' },
    { name: 'ip.ttl', type: 'uint', label: 'Time to Live' },
    { name: 'ip.proto', type: 'uint', label: 'Protocol' },
    { name: 'ip.checksum', type: 'uint', label: 'Header Checksum' },
    { name: 'ip.src', type: 'ipv4', label: 'Source Address' },
    { name: 'ip.dst', type: 'ipv4', label: 'Destination Address' },
    { name: 'ip.addr', type: 'ipv4', label: 'Source or Destination Address' },
    { name: 'ip.opt.type', type: 'uint', label: 'Option type' },
  ],
  dissect(pkt, b, start, end) {
    const avail = end - start;
    const ihl = avail > 0 ? ((b[start] ?? 0) & 0x0f) * 4 : 0;
    if (avail < 20 || (b[start] ?? 0) >> 4 !== 4 || ihl < 20 || ihl > avail) {
      pkt.layer('ip', 'Internet Protocol Version 4', start, avail);
      pkt.setColumns('IPv4', 'Bogus IPv4 header');
      pkt.markMalformed('IPv4', 'bad version, header length or truncated header');
      return undefined;
    }
    const totalLength = u16be(b, start + 2);
    const id = u16be(b, start + 4);
    const flagsOffset = u16be(b, start + 6);
    const df = (flagsOffset & 0x4000) !== 0;
    const mf = (flagsOffset & 0x2000) !== 0;
    const fragOffset = (flagsOffset & 0x1fff) * 8;
    const ttl = b[start + 8] ?? 0;
    const proto = b[start + 9] ?? 0;
    const src = ipv4Text(b, start + 12);
    const dst = ipv4Text(b, start + 16);
    // Total length 0 happens with TSO on the sending host: trust the captured bytes then.
    const ipEnd = totalLength === 0 ? end : Math.min(end, start + Math.max(totalLength, ihl));

    const t = pkt.layer('ip', `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`, start, ihl);
    if (t) detail(pkt, t, b, start, ihl, totalLength, id, flagsOffset, ttl, proto, src, dst);
    pkt.field('ip.version', 4);
    pkt.field('ip.hdr_len', ihl);
    pkt.field('ip.dsfield', b[start + 1] ?? 0);
    pkt.field('ip.len', totalLength);
    pkt.field('ip.id', id);
    pkt.field('ip.flags.df', df);
    pkt.field('ip.flags.mf', mf);
    pkt.field('ip.frag_offset', fragOffset);
    pkt.field('ip.ttl', ttl);
    pkt.field('ip.proto', proto);
    pkt.field('ip.checksum', u16be(b, start + 10));
    pkt.field('ip.src', src);
    pkt.field('ip.dst', dst);
    pkt.field('ip.addr', src);
    pkt.field('ip.addr', dst);
    if (totalLength !== 0 && totalLength < ihl)
      pkt.markMalformed('IPv4', `total length ${totalLength} < header`);

    pkt.setAddresses(src, dst);
    if (!pkt.nested) pkt.network = { version: 4, src, dst, ttl };
    if (fragOffset > 0) {
      pkt.setColumns(
        'IPv4',
        `Fragmented IP protocol (proto=${ipProtocolName(proto)} ${proto}, off=${fragOffset}, ID=${id.toString(16).padStart(4, '0')})`,
      );
      return undefined;
    }
    pkt.setColumns('IPv4', ipProtocolName(proto));
    return { table: 'ip.proto', keys: [proto], start: start + ihl, end: ipEnd };
  },
};

function detail(
  pkt: PacketBuilder,
  t: TreeNode,
  b: Uint8Array,
  s: number,
  ihl: number,
  totalLength: number,
  id: number,
  flagsOffset: number,
  ttl: number,
  proto: number,
  src: string,
  dst: string,
): void {
  pkt.add(t, '0100 .... = Version: 4', s, 1, 'ip.version');
  pkt.add(
    t,
    `.... ${(ihl / 4).toString(2).padStart(4, '0')} = Header Length: ${ihl} bytes (${ihl / 4})`,
    s,
    1,
    'ip.hdr_len',
  );
  pkt.add(t, `Differentiated Services Field: ${hex(b[s + 1] ?? 0, 2)}`, s + 1, 1, 'ip.dsfield');
  pkt.add(t, `Total Length: ${totalLength}`, s + 2, 2, 'ip.len');
  pkt.add(t, `Identification: ${hex(id, 4)} (${id})`, s + 4, 2, 'ip.id');
  const flags = pkt.add(
    t,
    `Flags: ${hex(flagsOffset >> 13, 1)}${flagsOffset & 0x4000 ? ", Don't fragment" : ''}${flagsOffset & 0x2000 ? ', More fragments' : ''}`,
    s + 6,
    1,
  );
  pkt.add(
    flags,
    `.${flagsOffset & 0x4000 ? 1 : 0}.. .... = Don't fragment`,
    s + 6,
    1,
    'ip.flags.df',
  );
  pkt.add(
    flags,
    `..${flagsOffset & 0x2000 ? 1 : 0}. .... = More fragments`,
    s + 6,
    1,
    'ip.flags.mf',
  );
  pkt.add(t, `Fragment Offset: ${(flagsOffset & 0x1fff) * 8}`, s + 6, 2, 'ip.frag_offset');
  pkt.add(t, `Time to Live: ${ttl}`, s + 8, 1, 'ip.ttl');
  pkt.add(t, `Protocol: ${ipProtocolName(proto)} (${proto})`, s + 9, 1, 'ip.proto');
  pkt.add(t, `Header Checksum: ${hex(u16be(b, s + 10), 4)}`, s + 10, 2, 'ip.checksum');
  pkt.add(t, `Source Address: ${src}`, s + 12, 4, 'ip.src');
  pkt.add(t, `Destination Address: ${dst}`, s + 16, 4, 'ip.dst');
  if (ihl > 20) options(pkt, t, b, s + 20, s + ihl);
}

function options(pkt: PacketBuilder, t: TreeNode, b: Uint8Array, from: number, to: number): void {
  const node = pkt.add(t, `Options: (${to - from} bytes)`, from, to - from);
  let o = from;
  while (o < to) {
    const type = b[o] ?? 0;
    pkt.field('ip.opt.type', type);
    const name = OPTION_NAMES[type] ?? `Unknown (${type})`;
    if (type === 0 || type === 1) {
      pkt.add(node, `IP Option - ${name}`, o, 1, 'ip.opt.type');
      o++;
      if (type === 0) break;
      continue;
    }
    const len = o + 1 < to ? (b[o + 1] ?? 0) : 0;
    if (len < 2 || o + len > to) {
      pkt.add(node, `IP Option - ${name}: bad length ${len}`, o, to - o);
      break;
    }
    pkt.add(node, `IP Option - ${name} (${len} bytes)`, o, len, 'ip.opt.type');
    o += len;
  }
}
