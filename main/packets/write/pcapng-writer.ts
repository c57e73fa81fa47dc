// pcapng writer: one section, any number of interfaces (one per pod in a merged capture),
// interface names/descriptions/comments and per-packet comments, as Wireshark reads them.
import type { ByteSink } from './chunk-writer';
import { ChunkWriter } from './chunk-writer';
import type { WritablePacket } from './pcap-writer';

export interface PcapngSectionOptions {
  littleEndian?: boolean;
  hardware?: string;
  os?: string;
  application?: string;
  comments?: readonly string[];
}

export interface PcapngInterfaceOptions {
  linkType: number;
  snapLength?: number;
  name?: string;
  description?: string;
  comments?: readonly string[];
  /** Timestamp resolution written as if_tsresol; microseconds by default. */
  resolution?: 'us' | 'ns';
}

export interface PcapngPacket extends WritablePacket {
  interfaceId: number;
  comments?: readonly string[];
}

type Option = readonly [code: number, value: Uint8Array];

const encoder = new TextEncoder();
const text = (code: number, s: string): Option => [code, encoder.encode(s)];
const pad4 = (n: number): number => (n + 3) & ~3;

export class PcapngWriter {
  private readonly out: ChunkWriter;
  private readonly le: boolean;
  private readonly nanoInterfaces: boolean[] = [];

  constructor(sink: ByteSink, section: PcapngSectionOptions = {}) {
    this.out = new ChunkWriter(sink);
    this.le = section.littleEndian ?? true;
    const options: Option[] = [
      ...(section.comments ?? []).map((c) => text(1, c)),
      ...(section.hardware ? [text(2, section.hardware)] : []),
      ...(section.os ? [text(3, section.os)] : []),
      ...(section.application ? [text(4, section.application)] : []),
    ];
    this.block(0x0a0d0d0a, 16, options, (view, at) => {
      view.setUint32(at, 0x1a2b3c4d, this.le);
      view.setUint16(at + 4, 1, this.le);
      view.setUint16(at + 6, 0, this.le);
      // Section length unknown (-1): we stream.
      view.setUint32(at + 8, 0xffffffff, this.le);
      view.setUint32(at + 12, 0xffffffff, this.le);
    });
  }

  /** Declares an interface and returns its id for `write`. */
  addInterface(iface: PcapngInterfaceOptions): number {
    const nano = iface.resolution === 'ns';
    const options: Option[] = [
      ...(iface.comments ?? []).map((c) => text(1, c)),
      ...(iface.name !== undefined ? [text(2, iface.name)] : []),
      ...(iface.description !== undefined ? [text(3, iface.description)] : []),
      ...(nano ? [[9, Uint8Array.of(9)] as const] : []),
    ];
    this.block(1, 8, options, (view, at) => {
      view.setUint16(at, iface.linkType, this.le);
      view.setUint16(at + 2, 0, this.le);
      view.setUint32(at + 4, iface.snapLength ?? 262144, this.le);
    });
    this.nanoInterfaces.push(nano);
    return this.nanoInterfaces.length - 1;
  }

  write(packet: PcapngPacket): void {
    const nano = this.nanoInterfaces[packet.interfaceId];
    if (nano === undefined) throw new RangeError(`interface ${packet.interfaceId} was not added`);
    const n = packet.data.length;
    let high: number;
    let low: number;
    if (nano) {
      const ticks = BigInt(packet.tsSec) * 1_000_000_000n + BigInt(packet.tsNsec);
      high = Number(ticks >> 32n);
      low = Number(ticks & 0xffffffffn);
    } else {
      const ticks = packet.tsSec * 1e6 + Math.floor(packet.tsNsec / 1000);
      high = Math.floor(ticks / 4294967296);
      low = ticks - high * 4294967296;
    }
    const options = (packet.comments ?? []).map((c) => text(1, c));
    this.block(6, 20 + pad4(n), options, (view, at, bytes) => {
      view.setUint32(at, packet.interfaceId, this.le);
      view.setUint32(at + 4, high, this.le);
      view.setUint32(at + 8, low, this.le);
      view.setUint32(at + 12, n, this.le);
      view.setUint32(at + 16, packet.originalLength ?? n, this.le);
      bytes.set(packet.data, at + 20);
      bytes.fill(0, at + 20 + n, at + 20 + pad4(n));
    });
  }

  flush(): void {
    this.out.flush();
  }

  /** Writes type, length, a fixed body of `bodyLength` bytes, options, length again. */
  private block(
    type: number,
    bodyLength: number,
    options: readonly Option[],
    body: (view: DataView, at: number, bytes: Uint8Array) => void,
  ): void {
    const optionBytes =
      options.length === 0 ? 0 : options.reduce((sum, [, v]) => sum + 4 + pad4(v.length), 4);
    const total = 12 + bodyLength + optionBytes;
    const { bytes, view, at } = this.out.reserve(total);
    view.setUint32(at, type, this.le);
    view.setUint32(at + 4, total, this.le);
    body(view, at + 8, bytes);
    let o = at + 8 + bodyLength;
    for (const [code, value] of options) {
      view.setUint16(o, code, this.le);
      view.setUint16(o + 2, value.length, this.le);
      bytes.set(value, o + 4);
      bytes.fill(0, o + 4 + value.length, o + 4 + pad4(value.length));
      o += 4 + pad4(value.length);
    }
    if (options.length > 0) {
      view.setUint32(o, 0, this.le); // opt_endofopt
      o += 4;
    }
    view.setUint32(o, total, this.le);
    this.out.advance(total);
  }
}
