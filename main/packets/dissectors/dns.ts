// DNS over UDP and TCP (port 53), decoded by dns-packet; byte ranges for the tree come from a
// small walk over the sections, since dns-packet does not report offsets.
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket } from 'dns-packet';
import type { Dissector } from './registry';
import type { PacketBuilder } from './packet-builder';
import type { TreeNode } from './model';
import { hex, u16be } from './format';

const OPCODES = [
  'Standard query',
  'Inverse query',
  'Server status request',
  'Unknown operation (3)',
  'Zone change notification',
  'Dynamic update',
];
const RCODES = [
  'No error',
  'Format error',
  'Server failure',
  'No such name',
  'Not implemented',
  'Refused',
];

export const dns: Dissector = {
  name: 'dns',
  registers: [
    { table: 'udp.port', key: 53 },
    { table: 'tcp.port', key: 53 },
  ],
  fields: [
    { name: 'dns', type: 'protocol', label: 'Domain Name System' },
    { name: 'dns.length', type: 'uint', label: 'Length (TCP)' },
    { name: 'dns.id', type: 'uint', label: 'Transaction ID' },
    { name: 'dns.flags.response', type: 'bool', label: 'Response' },
    { name: 'dns.flags.opcode', type: 'uint', label: 'Opcode' },
    { name: 'dns.flags.rcode', type: 'uint', label: 'Reply code' },
    { name: 'dns.flags.truncated', type: 'bool', label: 'Truncated' },
    { name: 'dns.count.queries', type: 'uint', label: 'Questions' },
    { name: 'dns.count.answers', type: 'uint', label: 'Answer RRs' },
    { name: 'dns.qry.name', type: 'string', label: 'Name' },
    { name: 'dns.qry.type', type: 'string', label: 'Type' },
    { name: 'dns.resp.name', type: 'string', label: 'Name' },
    { name: 'dns.resp.type', type: 'string', label: 'Type' },
    { name: 'dns.resp.ttl', type: 'uint', label: 'Time to live' },
    { name: 'dns.a', type: 'ipv4', label: 'Address' },
    { name: 'dns.aaaa', type: 'ipv6', label: 'AAAA Address' },
    { name: 'dns.cname', type: 'string', label: 'CNAME' },
    { name: 'dns.ptr.domain_name', type: 'string', label: 'Domain Name' },
  ],
  dissect(pkt, b, start, end) {
    let s = start;
    const overTcp = pkt.transport?.protocol === 'tcp';
    const t = pkt.layer(
      'dns',
      overTcp ? 'Domain Name System (TCP)' : 'Domain Name System',
      start,
      end - start,
    );
    if (overTcp) {
      if (end - s < 2) return malformed(pkt, 'length prefix cut short');
      const length = u16be(b, s);
      pkt.add(t, `Length: ${length}`, s, 2, 'dns.length');
      pkt.field('dns.length', length);
      s += 2;
      if (s + length < end) end = s + length;
    }
    if (end - s < 12) return malformed(pkt, 'header cut short');
    let msg: DecodedPacket;
    try {
      msg = dnsPacket.decode(Buffer.from(b.buffer, b.byteOffset + s, end - s));
    } catch (e) {
      detailHeader(pkt, t, b, s);
      return malformed(pkt, e instanceof Error ? e.message : 'undecodable');
    }
    const flags = u16be(b, s + 2);
    const response = (flags & 0x8000) !== 0;
    const opcode = (flags >> 11) & 0xf;
    const rcode = flags & 0xf;
    pkt.field('dns.id', msg.id ?? 0);
    pkt.field('dns.flags.response', response);
    pkt.field('dns.flags.opcode', opcode);
    if (response) pkt.field('dns.flags.rcode', rcode);
    pkt.field('dns.flags.truncated', (flags & 0x0200) !== 0);
    pkt.field('dns.count.queries', u16be(b, s + 4));
    pkt.field('dns.count.answers', u16be(b, s + 6));

    let info = `${OPCODES[opcode] ?? `Unknown operation (${opcode})`}${response ? ' response' : ''} ${hex(msg.id ?? 0, 4)}`;
    if (response && rcode !== 0) info += ` ${RCODES[rcode] ?? `Unknown error (${rcode})`}`;
    for (const q of msg.questions ?? []) {
      const name = displayName(q.name);
      info += ` ${q.type} ${name}`;
      pkt.field('dns.qry.name', name);
      pkt.field('dns.qry.type', q.type);
    }
    for (const rr of [
      ...(msg.answers ?? []),
      ...(msg.authorities ?? []),
      ...(msg.additionals ?? []),
    ]) {
      info += ` ${rr.type}${rrInfo(rr)}`;
    }
    for (const rr of msg.answers ?? []) answerFields(pkt, rr);
    pkt.setColumns('DNS', info);
    if (t) detail(pkt, t, b, s, end, msg);
    return undefined;
  },
};

function malformed(pkt: PacketBuilder, why: string): undefined {
  pkt.setColumns('DNS', 'Malformed DNS message');
  pkt.markMalformed('DNS', why);
  return undefined;
}

function displayName(name: string): string {
  return name === '' || name === '.' ? '<Root>' : name;
}

/** The part of an RR Wireshark shows in Info after its type. */
function rrInfo(rr: Answer): string {
  switch (rr.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return ` ${rr.data}`;
    case 'MX':
      return ` ${rr.data.preference} ${rr.data.exchange}`;
    case 'SOA':
      return ` ${rr.data.mname}`;
    case 'SRV':
      return ` ${rr.data.priority ?? 0} ${rr.data.weight ?? 0} ${rr.data.port} ${rr.data.target}`;
    default:
      return '';
  }
}

function answerFields(pkt: PacketBuilder, rr: Answer): void {
  pkt.field('dns.resp.name', displayName(rr.name));
  pkt.field('dns.resp.type', rr.type);
  if (rr.type !== 'OPT' && 'ttl' in rr && rr.ttl !== undefined) pkt.field('dns.resp.ttl', rr.ttl);
  if (rr.type === 'A') pkt.field('dns.a', rr.data);
  else if (rr.type === 'AAAA') pkt.field('dns.aaaa', rr.data);
  else if (rr.type === 'CNAME') pkt.field('dns.cname', rr.data);
  else if (rr.type === 'PTR') pkt.field('dns.ptr.domain_name', rr.data);
}

function detailHeader(pkt: PacketBuilder, t: TreeNode | undefined, b: Uint8Array, s: number): void {
  pkt.add(t, `Transaction ID: ${hex(u16be(b, s), 4)}`, s, 2, 'dns.id');
  pkt.add(t, `Flags: ${hex(u16be(b, s + 2), 4)}`, s + 2, 2, 'dns.flags');
  pkt.add(t, `Questions: ${u16be(b, s + 4)}`, s + 4, 2, 'dns.count.queries');
  pkt.add(t, `Answer RRs: ${u16be(b, s + 6)}`, s + 6, 2, 'dns.count.answers');
  pkt.add(t, `Authority RRs: ${u16be(b, s + 8)}`, s + 8, 2, 'dns.count.auth_rr');
  pkt.add(t, `Additional RRs: ${u16be(b, s + 10)}`, s + 10, 2, 'dns.count.add_rr');
}

function detail(
  pkt: PacketBuilder,
  t: TreeNode,
  b: Uint8Array,
  s: number,
  end: number,
  msg: DecodedPacket,
): void {
  detailHeader(pkt, t, b, s);
  let o = s + 12;
  const questions = msg.questions ?? [];
  const q = questions.length ? pkt.add(t, 'Queries', o, 0) : undefined;
  for (const question of questions) {
    const n = nameLength(b, o, end);
    const node = pkt.add(
      q,
      `${displayName(question.name)}: type ${question.type}, class ${question.class ?? 'IN'}`,
      o,
      n + 4,
      'dns.qry.name',
    );
    o += n + 4;
    if (q && node) q.length = o - q.start;
  }
  const sections: [string, Answer[]][] = [
    ['Answers', msg.answers ?? []],
    ['Authoritative nameservers', msg.authorities ?? []],
    ['Additional records', msg.additionals ?? []],
  ];
  for (const [label, rrs] of sections) {
    if (rrs.length === 0) continue;
    const sec = pkt.add(t, label, o, 0);
    for (const rr of rrs) {
      const n = nameLength(b, o, end);
      const rdlength = o + n + 10 <= end ? u16be(b, o + n + 8) : 0;
      const len = Math.min(n + 10 + rdlength, end - o);
      pkt.add(
        sec,
        `${displayName(rr.name)}: type ${rr.type}${rrInfo(rr) ? `,${rrInfo(rr)}` : ''}`,
        o,
        len,
        'dns.resp.name',
      );
      o += len;
    }
    if (sec) sec.length = o - sec.start;
  }
}

/** Bytes a (possibly compressed) name occupies in place. */
function nameLength(b: Uint8Array, from: number, end: number): number {
  let o = from;
  while (o < end) {
    const len = b[o] ?? 0;
    if (len === 0) return o + 1 - from;
    if ((len & 0xc0) === 0xc0) return o + 2 - from;
    o += len + 1;
  }
  return end - from;
}
