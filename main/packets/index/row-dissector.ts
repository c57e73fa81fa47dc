// Builds display rows and the detail of the selected packet by re-dissecting only those
// packets. Cross-packet state (TCP stream number, relative seq/ack from the stream's first
// segment, window scale from the SYNs, TLS version and encryption after ChangeCipherSpec,
// ICMP "request in N") is recovered by first replaying the few packets it comes from: the
// stream's opening segments (through the index's per-stream links) and the echo request.
import type { FrameDissector } from '../dissect';
import { createDissector } from '../dissect';
import type { DissectedPacket } from '../dissectors/model';
import type { PacketIndex } from './packet-index';
import type { PacketDetail, PacketRow } from './rows';
import { COLOUR_CLASSES } from './colour-rules';

/** Opening segments replayed per stream: handshake, TLS hellos, ChangeCipherSpec. */
const PROLOGUE = 16;

interface StreamCursor {
  /** Next packet of the stream not yet seen by this dissector, -1 when past the prologue. */
  next: number;
  replayed: number;
}

export interface ReplayOptions {
  tree: boolean;
  fields: boolean;
  /** Replay stream openings first (off when only stateless fields are wanted: DNS, HTTP). */
  warm?: boolean;
  /** Collect only these fields. */
  onlyFields?: ReadonlySet<string>;
}

/**
 * One pass over packets in ascending order with one dissector, its stream state warmed as
 * needed. Also what the display filter uses for the fields the index does not hold.
 */
export class ReplayingDissector {
  private readonly dissector: FrameDissector;
  private readonly cursors = new Map<number, StreamCursor>();
  private readonly warm: boolean;

  constructor(
    private readonly index: PacketIndex,
    options: ReplayOptions,
  ) {
    this.dissector = createDissector({ ...options, registry: index.registry });
    this.warm = options.warm ?? true;
  }

  dissect(i: number): DissectedPacket {
    const c = this.index.columns;
    if (!this.warm) return this.dissector.dissect(this.index.record(i), i + 1);
    if (c.transport[i] === 6) this.warmStream(i, c.stream[i] ?? -1);
    const request = this.index.echoRequestOf.get(i);
    if (request !== undefined) this.dissector.dissect(this.index.record(request), request + 1);
    return this.dissector.dissect(this.index.record(i), i + 1);
  }

  private warmStream(i: number, stream: number): void {
    if (stream < 0) return;
    const idx = this.index;
    let cursor = this.cursors.get(stream);
    if (!cursor) {
      const first = idx.streams.firstPacket(6, stream);
      idx.dissectorContextAdopt(this.dissector, first, stream);
      cursor = { next: first, replayed: 0 };
      this.cursors.set(stream, cursor);
    }
    const next = idx.columns.nextInStream;
    while (cursor.next >= 0 && cursor.next < i && cursor.replayed < PROLOGUE) {
      this.dissector.dissect(idx.record(cursor.next), cursor.next + 1);
      cursor.replayed++;
      cursor.next = next[cursor.next] ?? -1;
    }
    if (cursor.next === i) cursor.next = next[i] ?? -1;
  }
}

export function buildRows(index: PacketIndex, packets: ArrayLike<number>): PacketRow[] {
  const order = Array.from(packets).sort((a, b) => a - b);
  const d = new ReplayingDissector(index, { tree: false, fields: false });
  const byPacket = new Map<number, PacketRow>();
  for (const i of order) {
    if (i < 0 || i >= index.count || byPacket.has(i)) continue;
    byPacket.set(i, toRow(index, i, d.dissect(i)));
  }
  const rows: PacketRow[] = [];
  for (const i of Array.from(packets)) {
    const row = byPacket.get(i);
    if (row) rows.push(row);
  }
  return rows;
}

export function buildDetail(index: PacketIndex, i: number): PacketDetail | undefined {
  if (i < 0 || i >= index.count) return undefined;
  const p = new ReplayingDissector(index, { tree: true, fields: true }).dissect(i);
  const bytes = index.record(i).data.slice();
  return {
    row: toRow(index, i, p),
    protocols: p.protocols,
    tree: p.tree,
    bytes,
    ...(p.malformed !== undefined && { malformed: p.malformed }),
  };
}

function toRow(index: PacketIndex, i: number, p: DissectedPacket): PacketRow {
  const c = index.columns;
  // Relative to the first packet, as Wireshark's default time column.
  const relativeTime =
    (c.tsSec[i] ?? 0) - (c.tsSec[0] ?? 0) + ((c.tsNsec[i] ?? 0) - (c.tsNsec[0] ?? 0)) / 1e9;
  const src = p.summary.source;
  const dst = p.summary.destination;
  const sourcePeer = index.peerNames.get(src);
  const destinationPeer = index.peerNames.get(dst);
  const stream = c.stream[i] ?? -1;
  return {
    number: i + 1,
    relativeTime,
    epochSec: c.tsSec[i] ?? 0,
    epochNsec: c.tsNsec[i] ?? 0,
    pod: index.interfaceOf(i)?.name ?? '',
    source: src,
    destination: dst,
    ...(sourcePeer !== undefined && { sourcePeer }),
    ...(destinationPeer !== undefined && { destinationPeer }),
    protocol: p.summary.protocol,
    length: p.summary.length,
    info: p.summary.info,
    colour: COLOUR_CLASSES[c.colour[i] ?? 0] ?? 'none',
    ...(stream >= 0 && { stream }),
  };
}
