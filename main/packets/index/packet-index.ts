// The capture's frame index (like Wireshark's): built once while a file or a live stream is
// read, it keeps numbers per packet in typed arrays and the bytes' offsets. Columns with text
// (Info, addresses) are made only for the rows asked for, by re-dissecting those packets.
import type { CaptureInterface, CaptureIssue, CaptureSection, PacketRecord } from '../types';
import type { DissectorRegistry } from '../dissectors/registry';
import type { FrameDissector } from '../dissect';
import { createDissector } from '../dissect';
import { createBuiltinRegistry } from '../dissectors/index';
import { ipv4 as ipv4Text } from '../dissectors/format';
import { CaptureReader } from '../read/capture-reader';
import type { ByteSource } from './byte-source';
import { ADDR, FLAG, PacketColumns } from './packet-columns';
import { FrameScanner, newFrameFacts } from './frame-scanner';
import { ProtocolTable, layerBit } from './protocols';
import { StringTable } from './string-table';
import { TupleTable } from './tuple-table';
import { colourClass } from './colour-rules';
import { StreamTable } from './stream-table';
import { buildDetail, buildRows } from './row-dissector';
import type { PacketDetail, PacketRow } from './rows';

export interface IndexedInterface {
  /** Global interface number (pcapng sections each restart at 0). */
  readonly id: number;
  readonly name: string;
  readonly linkType: number;
  /** 6 or 9: digits of the timestamp resolution, for time columns. */
  readonly digits: number;
}

/** IP → "namespace/name" of pods and services, supplied by the app from the live pod list. */
export type PeerNames = ReadonlyMap<string, string>;

let sharedRegistry: DissectorRegistry | undefined;

export class PacketIndex {
  readonly columns = new PacketColumns();
  readonly addresses = new StringTable();
  readonly protocols = new ProtocolTable();
  readonly streams = new StreamTable();
  readonly interfaces: IndexedInterface[] = [];
  readonly issues: CaptureIssue[] = [];
  readonly registry: DissectorRegistry;
  /** ICMP echo reply → its request (both 0-based), so a reply re-dissected alone says "request in N". */
  readonly echoRequestOf = new Map<number, number>();
  peerNames: PeerNames = new Map();
  format: 'pcap' | 'pcapng' | undefined;

  private readonly reader: CaptureReader;
  private readonly scanner: FrameScanner;
  private readonly facts = newFrameFacts();
  private readonly tuples = new TupleTable();
  private readonly echoRequests = new Map<string, number>();
  private fallbackDissector: FrameDissector | undefined;
  private sectionBase = 0;
  private sectionInterfaces = 0;
  /** Where the chunk being fed starts in the stream, to find each record's data offset. */
  private chunk: Uint8Array | undefined;
  private chunkStart = 0;
  private ended = false;

  constructor(
    readonly source: ByteSource,
    registry?: DissectorRegistry,
  ) {
    this.registry = registry ?? (sharedRegistry ??= createBuiltinRegistry());
    this.scanner = new FrameScanner(this.registry);
    this.reader = new CaptureReader({
      onRecord: (r) => this.add(r),
      onIssue: (i) => this.issues.push(i),
      onSection: (s) => this.section(s),
      onInterface: (i) => this.addInterface(i),
    });
  }

  get count(): number {
    return this.columns.count;
  }

  get stopped(): boolean {
    return this.reader.stopped || this.ended;
  }

  /** Feeds the next bytes of the capture (the same bytes the ByteSource holds at this offset). */
  feed(chunk: Uint8Array): void {
    this.chunk = chunk;
    this.reader.feed(chunk);
    this.chunkStart += chunk.length;
    this.chunk = undefined;
  }

  end(): void {
    this.reader.end();
    this.ended = true;
  }

  private section(s: CaptureSection): void {
    this.format = s.format;
    this.sectionBase += this.sectionInterfaces;
    this.sectionInterfaces = 0;
  }

  private addInterface(i: CaptureInterface): void {
    this.sectionInterfaces++;
    this.interfaces.push({
      id: this.interfaces.length,
      name: i.name ?? i.description ?? (this.format === 'pcap' ? '' : `interface ${i.id}`),
      linkType: i.linkType,
      digits: i.unitsPerSecond >= 1e9 ? 9 : 6,
    });
  }

  private add(r: PacketRecord): void {
    const c = this.columns;
    const i = c.push();
    const f = this.facts;
    const iface = this.sectionBase + r.interfaceId;
    c.offset[i] = r.fileOffset;
    c.dataDelta[i] = this.dataDelta(r);
    c.capturedLength[i] = r.capturedLength;
    c.originalLength[i] = r.originalLength;
    c.iface[i] = iface;
    c.tsSec[i] = r.tsSec;
    c.tsNsec[i] = r.tsNsec;
    let flags = 0;
    if (this.scanner.scan(r.linkType, r.data, f)) {
      if (f.addrKind === ADDR.text) {
        f.src = this.addresses.intern(f.srcText);
        f.dst = this.addresses.intern(f.dstText);
      }
    } else {
      flags |= FLAG.fallback;
      this.fallback(r);
    }
    if (f.multiLayer) flags |= FLAG.multiLayer;
    c.protocol[i] = f.protocol;
    c.layers[i] = f.layers;
    c.addrKind[i] = f.addrKind;
    c.src[i] = f.src;
    c.dst[i] = f.dst;
    c.srcPort[i] = f.srcPort;
    c.dstPort[i] = f.dstPort;
    c.transport[i] = f.transport;
    c.tcpFlags[i] = f.tcpFlags;
    c.tcpSeq[i] = f.tcpSeq;
    c.payloadLength[i] = f.payloadLength;
    c.dns[i] = f.dns;
    c.flags[i] = flags;
    c.colour[i] = colourClass(
      f.layers,
      f.transport,
      f.srcPort,
      f.tcpFlags,
      f.dns,
      f.srcPort,
      f.dstPort,
    );
    c.nextInStream[i] = -1;
    c.stream[i] = -1;
    if (f.hasStream) {
      const proto = f.transport;
      const next = this.streams.nextNumber(proto);
      const kind = (proto << 8) | f.addrKind;
      const s = this.tuples.getOrAdd(f.src, f.srcPort, f.dst, f.dstPort, kind, next);
      if (s === next) this.streams.open(proto, i);
      const global = this.streams.globalId(proto, s);
      const last = this.streams.last[global] ?? -1;
      if (last >= 0) c.nextInStream[last] = i;
      this.streams.last[global] = i;
      c.stream[i] = s;
    }
    if (f.echo) this.pairEcho(i, f.echo, f.echoKey, f.src, f.dst);
  }

  /** Offset from the record's header to its data, exact when the data is a view of the chunk. */
  private dataDelta(r: PacketRecord): number {
    if (this.format === 'pcap') return 16;
    const chunk = this.chunk;
    if (chunk && r.data.buffer === chunk.buffer) {
      return this.chunkStart + (r.data.byteOffset - chunk.byteOffset) - r.fileOffset;
    }
    return 0;
  }

  private fallback(r: PacketRecord): void {
    const d = (this.fallbackDissector ??= createDissector({
      tree: false,
      fields: false,
      registry: this.registry,
    }));
    const p = d.dissect(r);
    const f = this.facts;
    f.layers = 0;
    for (const name of p.protocols) f.layers |= layerBit(name);
    f.protocol = this.protocols.id(p.summary.protocol);
    f.addrKind = ADDR.text;
    f.src = this.addresses.intern(p.summary.source);
    f.dst = this.addresses.intern(p.summary.destination);
    f.transport = 0;
    f.srcPort = 0;
    f.dstPort = 0;
    f.tcpFlags = 0;
    f.tcpSeq = 0;
    f.payloadLength = 0;
    f.dns = 0;
    f.hasStream = false;
    f.echo = 0;
  }

  private pairEcho(i: number, kind: number, key: number, src: number, dst: number): void {
    if (kind === 1) this.echoRequests.set(`${src}>${dst}/${key}`, i);
    else {
      const request = this.echoRequests.get(`${dst}>${src}/${key}`);
      if (request !== undefined) this.echoRequestOf.set(i, request);
    }
  }

  // ---- reading back ------------------------------------------------------------------

  /**
   * Display rows [start, start + count) of a view: the packets of a filter result (0-based
   * packet indices, ascending), or every packet when no view is given.
   */
  rows(start: number, count: number, view?: ArrayLike<number>): PacketRow[] {
    const total = view ? view.length : this.count;
    const from = Math.max(0, Math.min(start, total));
    const to = Math.max(from, Math.min(total, start + count));
    const packets: number[] = [];
    for (let k = from; k < to; k++) packets.push(view ? (view[k] ?? 0) : k);
    return buildRows(this, packets);
  }

  /** Tree and bytes of frame `number` (1-based, as the No. column). */
  detail(number: number): PacketDetail | undefined {
    return buildDetail(this, number - 1);
  }

  /** Source or destination address text of packet i, as the columns show it. */
  addressText(i: number, which: 'src' | 'dst'): string {
    const c = this.columns;
    const v = which === 'src' ? (c.src[i] ?? 0) : (c.dst[i] ?? 0);
    return c.addrKind[i] === ADDR.ipv4 ? ipv4TextOf(v) : this.addresses.text(v);
  }

  interfaceOf(i: number): IndexedInterface | undefined {
    return this.interfaces[this.columns.iface[i] ?? 0];
  }

  /** The packet as the reader gave it, its bytes read back from the source. */
  record(i: number): PacketRecord {
    const c = this.columns;
    const offset = c.offset[i] ?? 0;
    const captured = c.capturedLength[i] ?? 0;
    let delta = c.dataDelta[i] ?? 0;
    if (delta === 0) delta = this.blockDataDelta(offset);
    const iface = this.interfaceOf(i);
    return {
      interfaceId: c.iface[i] ?? 0,
      linkType: iface?.linkType ?? 1,
      tsSec: c.tsSec[i] ?? 0,
      tsNsec: c.tsNsec[i] ?? 0,
      capturedLength: captured,
      originalLength: c.originalLength[i] ?? 0,
      data: this.source.read(offset + delta, captured),
      fileOffset: offset,
    };
  }

  /** pcapng record read from a copied chunk: the block type says where its data starts. */
  private blockDataDelta(offset: number): number {
    const h = this.source.read(offset, 4);
    const le = (h[0] ?? 0) | ((h[1] ?? 0) << 8);
    const be = ((h[2] ?? 0) << 8) | (h[3] ?? 0);
    return le === 3 || be === 3 ? 12 : 28;
  }

  /** Opens TCP stream `stream` in a row dissector under its real number, first side first. */
  dissectorContextAdopt(d: FrameDissector, first: number, stream: number): void {
    const c = this.columns;
    d.context.adoptTcpStream(
      this.addressText(first, 'src'),
      c.srcPort[first] ?? 0,
      this.addressText(first, 'dst'),
      c.dstPort[first] ?? 0,
      stream,
    );
  }

  close(): void {
    this.source.close();
  }
}

const dotted = new Map<number, string>();
const scratch = new Uint8Array(4);
function ipv4TextOf(v: number): string {
  let s = dotted.get(v);
  if (s === undefined) {
    scratch[0] = v >>> 24;
    scratch[1] = (v >>> 16) & 0xff;
    scratch[2] = (v >>> 8) & 0xff;
    scratch[3] = v & 0xff;
    s = ipv4Text(scratch, 0);
    if (dotted.size < 65536) dotted.set(v, s);
  }
  return s;
}

export { ipv4TextOf };
