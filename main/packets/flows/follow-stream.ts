// Follow TCP stream: both directions' payload in capture order (retransmitted segments
// dropped), as segments, as text and as a hex dump. Walks the stream's packets through the
// index's per-stream links, so it never scans the rest of the capture.
import type { PacketIndex } from '../index/packet-index';
import { FrameScanner, newFrameFacts } from '../index/frame-scanner';

export interface FollowSegment {
  /** 0: from the side that sent the stream's first packet (the client, usually). */
  direction: 0 | 1;
  /** 1-based frame number. */
  frame: number;
  bytes: Uint8Array;
}

export interface FollowedStream {
  stream: number;
  client: string;
  server: string;
  segments: FollowSegment[];
  bytesClientToServer: number;
  bytesServerToClient: number;
}

export function followTcpStream(index: PacketIndex, stream: number): FollowedStream | undefined {
  const c = index.columns;
  const first = index.streams.firstPacket(6, stream);
  if (first < 0) return undefined;
  const scanner = new FrameScanner(index.registry);
  const facts = newFrameFacts();
  const segments: FollowSegment[] = [];
  const nextSeq: [number, number] = [-1, -1];
  const totals = [0, 0];
  for (let i = first; i >= 0; i = c.nextInStream[i] ?? -1) {
    const len = c.payloadLength[i] ?? 0;
    if (len === 0) continue;
    const dir: 0 | 1 = c.src[i] === c.src[first] && c.srcPort[i] === c.srcPort[first] ? 0 : 1;
    const seq = c.tcpSeq[i] ?? 0;
    const end = (seq + len) >>> 0;
    const expected = nextSeq[dir];
    if (expected !== undefined && expected >= 0 && ((end - expected) | 0) <= 0) continue;
    const record = index.record(i);
    if (!scanner.scan(record.linkType, record.data, facts) || facts.transport !== 6) continue;
    let bytes = record.data.slice(facts.payloadStart, facts.payloadStart + facts.payloadLength);
    // Part of it seen already (overlapping retransmission): keep only the new bytes.
    if (expected !== undefined && expected >= 0 && ((seq - expected) | 0) < 0)
      bytes = bytes.slice((expected - seq) >>> 0);
    nextSeq[dir] = end;
    totals[dir] = (totals[dir] ?? 0) + bytes.length;
    segments.push({ direction: dir, frame: i + 1, bytes });
  }
  return {
    stream,
    client: `${index.addressText(first, 'src')}:${c.srcPort[first] ?? 0}`,
    server: `${index.addressText(first, 'dst')}:${c.dstPort[first] ?? 0}`,
    segments,
    bytesClientToServer: totals[0] ?? 0,
    bytesServerToClient: totals[1] ?? 0,
  };
}

/** Wireshark's "ASCII" view: printable bytes as they are, others as ".", newlines kept. */
export function followText(s: FollowedStream): { direction: 0 | 1; text: string }[] {
  return s.segments.map((seg) => {
    let text = '';
    for (const b of seg.bytes)
      text +=
        b === 10 || b === 13 || b === 9 || (b >= 32 && b < 127) ? String.fromCharCode(b) : '.';
    return { direction: seg.direction, text };
  });
}

/** Wireshark's "Hex Dump" view: offset per direction, 16 bytes a line, hex and ASCII. */
export function followHex(s: FollowedStream): string {
  const offsets = [0, 0];
  const lines: string[] = [];
  for (const seg of s.segments) {
    for (let o = 0; o < seg.bytes.length; o += 16) {
      const row = seg.bytes.subarray(o, o + 16);
      const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
      const ascii = Array.from(row, (b) =>
        b >= 32 && b < 127 ? String.fromCharCode(b) : '.',
      ).join('');
      const at = (offsets[seg.direction] ?? 0) + o;
      const indent = seg.direction === 1 ? '    ' : '';
      lines.push(`${indent}${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
    }
    offsets[seg.direction] = (offsets[seg.direction] ?? 0) + seg.bytes.length;
  }
  return lines.join('\n');
}
