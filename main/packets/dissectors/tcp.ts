// TCP (IP protocol 6): flags, options, and per-stream analysis Wireshark users rely on:
// stream index, sequence/ack numbers relative to each side's first, scaled window.
import type { Dissector } from './registry';
import type { PacketBuilder } from './packet-builder';
import type { TreeNode } from './model';
import type { TcpStream } from './capture-context';
import { portKeys } from './registry';
import { hex, u16be, u32be } from './format';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;
const URG = 0x20;
/** Flag names in Wireshark's order (lowest bit first). */
const FLAG_NAMES: readonly [number, string][] = [
  [FIN, 'FIN'],
  [SYN, 'SYN'],
  [RST, 'RST'],
  [PSH, 'PSH'],
  [ACK, 'ACK'],
  [URG, 'URG'],
  [0x40, 'ECE'],
  [0x80, 'CWR'],
  [0x100, 'AE'],
];

interface ParsedOptions {
  info: string;
  windowShift: number | undefined;
}

export const tcp: Dissector = {
  name: 'tcp',
  registers: [{ table: 'ip.proto', key: 6 }],
  fields: [
    { name: 'tcp', type: 'protocol', label: 'Transmission Control Protocol' },
    { name: 'tcp.srcport', type: 'uint', label: 'Source Port' },
    { name: 'tcp.dstport', type: 'uint', label: 'Destination Port' },
    { name: 'tcp.port', type: 'uint', label: 'Source or Destination Port' },
    { name: 'tcp.stream', type: 'uint', label: 'Stream index' },
    { name: 'tcp.len', type: 'uint', label: 'TCP Segment Len' },
    { name: 'tcp.seq', type: 'uint', label: 'Sequence Number (relative)' },
    { name: 'tcp.seq_raw', type: 'uint', label: 'Sequence Number (raw)' },
    { name: 'tcp.nxtseq', type: 'uint', label: 'Next Sequence Number (relative)' },
    { name: 'tcp.ack', type: 'uint', label: 'Acknowledgment Number (relative)' },
    { name: 'tcp.ack_raw', type: 'uint', label: 'Acknowledgment Number (raw)' },
    { name: 'tcp.hdr_len', type: 'uint', label: 'Header Length' },
    { name: 'tcp.flags', type: 'uint', label: 'Flags' },
    { name: 'tcp.flags.fin', type: 'bool', label: 'Fin' },
    { name: 'tcp.flags.syn', type: 'bool', label: 'Syn' },
    { name: 'tcp.flags.reset', type: 'bool', label: 'Reset' },
    { name: 'tcp.flags.push', type: 'bool', label: 'Push' },
    { name: 'tcp.flags.ack', type: 'bool', label: 'Acknowledgment' },
    { name: 'tcp.flags.urg', type: 'bool', label: 'Urgent' },
    { name: 'tcp.window_size_value', type: 'uint', label: 'Window' },
    { name: 'tcp.window_size', type: 'uint', label: 'Calculated window size' },
    { name: 'tcp.checksum', type: 'uint', label: 'Checksum' },
    { name: 'tcp.urgent_pointer', type: 'uint', label: 'Urgent Pointer' },
    { name: 'tcp.options.mss_val', type: 'uint', label: 'MSS Value' },
    { name: 'tcp.options.wscale.shift', type: 'uint', label: 'Shift count' },
    { name: 'tcp.options.sack_perm', type: 'bool', label: 'SACK permitted' },
    { name: 'tcp.options.sack_le', type: 'uint', label: 'SACK left edge' },
    { name: 'tcp.options.sack_re', type: 'uint', label: 'SACK right edge' },
    { name: 'tcp.options.timestamp.tsval', type: 'uint', label: 'Timestamp value' },
    { name: 'tcp.options.timestamp.tsecr', type: 'uint', label: 'Timestamp echo reply' },
  ],
  dissect(pkt, b, start, end) {
    const avail = end - start;
    if (avail < 8) {
      pkt.layer('tcp', 'Transmission Control Protocol', start, avail);
      pkt.markMalformed('TCP', 'shorter than its ports');
      return undefined;
    }
    const sport = u16be(b, start);
    const dport = u16be(b, start + 2);
    pkt.field('tcp.srcport', sport);
    pkt.field('tcp.dstport', dport);
    pkt.field('tcp.port', sport);
    pkt.field('tcp.port', dport);
    if (pkt.nested || avail < 20) return quoted(pkt, b, start, end, sport, dport);

    const seqRaw = u32be(b, start + 4);
    const ackRaw = u32be(b, start + 8);
    const hl = ((b[start + 12] ?? 0) >> 4) * 4;
    const flags = (((b[start + 12] ?? 0) & 1) << 8) | (b[start + 13] ?? 0);
    const win = u16be(b, start + 14);
    if (hl < 20 || hl > avail) {
      pkt.layer(
        'tcp',
        `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}`,
        start,
        avail,
      );
      pkt.setColumns(
        'TCP',
        `${sport} → ${dport} [Bogus TCP header length (${hl}, must be at least 20)]`,
      );
      pkt.markMalformed('TCP', `header length ${hl}`);
      return undefined;
    }
    const len = avail - hl;
    const net = pkt.network;
    const [stream, dir] = pkt.context.tcpStream(net?.src ?? '', sport, net?.dst ?? '', dport);
    const seq = relativeSeq(stream, dir, seqRaw, flags);
    const ack = flags & ACK ? relativeAck(stream, dir, ackRaw) : 0;

    const t = pkt.layer(
      'tcp',
      `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${seq}${flags & ACK ? `, Ack: ${ack}` : ''}, Len: ${len}`,
      start,
      hl,
    );
    const opts = options(pkt, t, b, start + 20, start + hl, stream, dir);
    if (flags & SYN) stream.windowShift[dir] = opts.windowShift ?? -2;
    const scaled = flags & SYN ? win : scaleWindow(stream, dir, win);
    const nxtseq = seq + len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);

    const flagText = flagsText(flags);
    let info = `${sport} → ${dport} [${flagText}] Seq=${seq}`;
    if (flags & ACK) info += ` Ack=${ack}`;
    info += ` Win=${scaled} Len=${len}`;
    if (flags & URG) info += ` Urg=${u16be(b, start + 18)}`;
    info += opts.info;
    pkt.setColumns('TCP', info);

    if (t) {
      pkt.add(t, `Source Port: ${sport}`, start, 2, 'tcp.srcport');
      pkt.add(t, `Destination Port: ${dport}`, start + 2, 2, 'tcp.dstport');
      pkt.add(t, `[Stream index: ${stream.index}]`, start, 0, 'tcp.stream');
      pkt.add(t, `[TCP Segment Len: ${len}]`, start, 0, 'tcp.len');
      pkt.add(t, `Sequence Number: ${seq}    (relative sequence number)`, start + 4, 4, 'tcp.seq');
      pkt.add(t, `Sequence Number (raw): ${seqRaw}`, start + 4, 4, 'tcp.seq_raw');
      pkt.add(
        t,
        `[Next Sequence Number: ${nxtseq}    (relative sequence number)]`,
        start,
        0,
        'tcp.nxtseq',
      );
      pkt.add(t, `Acknowledgment Number: ${ack}    (relative ack number)`, start + 8, 4, 'tcp.ack');
      pkt.add(t, `Acknowledgment number (raw): ${ackRaw}`, start + 8, 4, 'tcp.ack_raw');
      pkt.add(
        t,
        `${(hl / 4).toString(2).padStart(4, '0')} .... = Header Length: ${hl} bytes (${hl / 4})`,
        start + 12,
        1,
        'tcp.hdr_len',
      );
      const f = pkt.add(t, `Flags: ${hex(flags, 3)} (${flagText})`, start + 12, 2, 'tcp.flags');
      for (const [bit, name] of FLAG_NAMES)
        pkt.add(f, `${name}: ${flags & bit ? 'Set' : 'Not set'}`, start + 12, 2);
      pkt.add(t, `Window: ${win}`, start + 14, 2, 'tcp.window_size_value');
      pkt.add(t, `[Calculated window size: ${scaled}]`, start + 14, 0, 'tcp.window_size');
      pkt.add(
        t,
        `Checksum: ${hex(u16be(b, start + 16), 4)} [unverified]`,
        start + 16,
        2,
        'tcp.checksum',
      );
      pkt.add(t, `Urgent Pointer: ${u16be(b, start + 18)}`, start + 18, 2, 'tcp.urgent_pointer');
    }
    pkt.field('tcp.stream', stream.index);
    pkt.field('tcp.len', len);
    pkt.field('tcp.seq', seq);
    pkt.field('tcp.seq_raw', seqRaw);
    pkt.field('tcp.nxtseq', nxtseq);
    pkt.field('tcp.ack', ack);
    pkt.field('tcp.ack_raw', ackRaw);
    pkt.field('tcp.hdr_len', hl);
    pkt.field('tcp.flags', flags);
    pkt.field('tcp.flags.fin', (flags & FIN) !== 0);
    pkt.field('tcp.flags.syn', (flags & SYN) !== 0);
    pkt.field('tcp.flags.reset', (flags & RST) !== 0);
    pkt.field('tcp.flags.push', (flags & PSH) !== 0);
    pkt.field('tcp.flags.ack', (flags & ACK) !== 0);
    pkt.field('tcp.flags.urg', (flags & URG) !== 0);
    pkt.field('tcp.window_size_value', win);
    pkt.field('tcp.window_size', scaled);
    pkt.field('tcp.checksum', u16be(b, start + 16));
    pkt.field('tcp.urgent_pointer', u16be(b, start + 18));

    pkt.transport = { protocol: 'tcp', srcPort: sport, dstPort: dport, stream, direction: dir };
    if (len === 0) return undefined;
    return { table: 'tcp.port', keys: portKeys(sport, dport), start: start + hl, end };
  },
};

const flagTextCache: string[] = [];
function flagsText(flags: number): string {
  return (flagTextCache[flags] ??=
    FLAG_NAMES.filter(([bit]) => flags & bit)
      .map(([, n]) => n)
      .join(', ') || '<None>');
}

/** A TCP header quoted inside an ICMP error (often only 8 bytes): ports and raw numbers only. */
function quoted(
  pkt: PacketBuilder,
  b: Uint8Array,
  start: number,
  end: number,
  sport: number,
  dport: number,
): undefined {
  const t = pkt.layer(
    'tcp',
    `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}`,
    start,
    end - start,
  );
  pkt.add(t, `Source Port: ${sport}`, start, 2, 'tcp.srcport');
  pkt.add(t, `Destination Port: ${dport}`, start + 2, 2, 'tcp.dstport');
  if (end - start >= 8) pkt.field('tcp.seq_raw', u32be(b, start + 4));
  return undefined;
}

/** First segment seen sets the base: a SYN's own number, otherwise one before it (Seq=1). */
function relativeSeq(s: TcpStream, dir: 0 | 1, seqRaw: number, flags: number): number {
  let base = s.base[dir];
  if (base === undefined || flags & SYN) {
    base = flags & SYN ? seqRaw : (seqRaw - 1) >>> 0;
    s.base[dir] = base;
  }
  return (seqRaw - base) >>> 0;
}

function relativeAck(s: TcpStream, dir: 0 | 1, ackRaw: number): number {
  const other = dir === 0 ? 1 : 0;
  let base = s.base[other];
  if (base === undefined) {
    base = (ackRaw - 1) >>> 0;
    s.base[other] = base;
  }
  return (ackRaw - base) >>> 0;
}

/** Scaling applies only when both SYNs were seen and both offered window scaling. */
function scaleWindow(s: TcpStream, dir: 0 | 1, win: number): number {
  const mine = s.windowShift[dir];
  const theirs = s.windowShift[dir === 0 ? 1 : 0];
  if (mine === -1 || theirs === -1) return win;
  if (mine < 0 || theirs < 0) return win;
  return win * 2 ** mine;
}

function options(
  pkt: PacketBuilder,
  t: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
  s: TcpStream,
  dir: 0 | 1,
): ParsedOptions {
  let info = '';
  let windowShift: number | undefined;
  const node = to > from ? pkt.add(t, `Options: (${to - from} bytes)`, from, to - from) : undefined;
  let o = from;
  while (o < to) {
    const kind = b[o] ?? 0;
    if (kind === 0) {
      pkt.add(node, 'TCP Option - End of Option List (EOL)', o, 1);
      break;
    }
    if (kind === 1) {
      pkt.add(node, 'TCP Option - No-Operation (NOP)', o, 1);
      o++;
      continue;
    }
    const len = o + 1 < to ? (b[o + 1] ?? 0) : 0;
    if (len < 2 || o + len > to) {
      pkt.add(node, `TCP Option - kind ${kind}: bad length ${len}`, o, to - o);
      pkt.markMalformed('TCP', `option kind ${kind} has bad length ${len}`);
      break;
    }
    if (kind === 2 && len === 4) {
      const mss = u16be(b, o + 2);
      info += ` MSS=${mss}`;
      pkt.field('tcp.options.mss_val', mss);
      pkt.add(
        node,
        `TCP Option - Maximum segment size: ${mss} bytes`,
        o,
        len,
        'tcp.options.mss_val',
      );
    } else if (kind === 3 && len === 3) {
      windowShift = Math.min(b[o + 2] ?? 0, 14);
      info += ` WS=${2 ** windowShift}`;
      pkt.field('tcp.options.wscale.shift', windowShift);
      pkt.add(
        node,
        `TCP Option - Window scale: ${windowShift} (multiply by ${2 ** windowShift})`,
        o,
        len,
        'tcp.options.wscale.shift',
      );
    } else if (kind === 4 && len === 2) {
      info += ' SACK_PERM';
      pkt.field('tcp.options.sack_perm', true);
      pkt.add(node, 'TCP Option - SACK permitted', o, len, 'tcp.options.sack_perm');
    } else if (kind === 5 && (len - 2) % 8 === 0) {
      const base = s.base[dir === 0 ? 1 : 0] ?? 0;
      for (let e = o + 2; e < o + len; e += 8) {
        const le = (u32be(b, e) - base) >>> 0;
        const re = (u32be(b, e + 4) - base) >>> 0;
        info += ` SLE=${le} SRE=${re}`;
        pkt.field('tcp.options.sack_le', le);
        pkt.field('tcp.options.sack_re', re);
      }
      pkt.add(node, `TCP Option - SACK ${(len - 2) / 8} block(s)`, o, len);
    } else if (kind === 8 && len === 10) {
      const tsval = u32be(b, o + 2);
      const tsecr = u32be(b, o + 6);
      info += ` TSval=${tsval} TSecr=${tsecr}`;
      pkt.field('tcp.options.timestamp.tsval', tsval);
      pkt.field('tcp.options.timestamp.tsecr', tsecr);
      pkt.add(
        node,
        `TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}`,
        o,
        len,
        'tcp.options.timestamp.tsval',
      );
    } else {
      pkt.add(node, `TCP Option - kind ${kind} (${len} bytes)`, o, len);
    }
    o += len;
  }
  return { info, windowShift };
}
