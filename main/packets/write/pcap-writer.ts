// Classic pcap writer (what `one pcap per pod` files are, and what tcpdump -w writes).
import type { ByteSink } from './chunk-writer';
import { ChunkWriter } from './chunk-writer';

export interface PcapWriterOptions {
  linkType: number;
  snapLength?: number;
  /** Nanosecond timestamps (magic a1b23c4d); microseconds by default. */
  nanosecond?: boolean;
  /** Byte order of the file; little-endian by default. */
  littleEndian?: boolean;
}

export interface WritablePacket {
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  /** Length on the wire when `data` was cut by a snaplen; defaults to data.length. */
  originalLength?: number;
}

export class PcapWriter {
  private readonly out: ChunkWriter;
  private readonly le: boolean;
  private readonly nano: boolean;

  constructor(sink: ByteSink, options: PcapWriterOptions) {
    this.out = new ChunkWriter(sink);
    this.le = options.littleEndian ?? true;
    this.nano = options.nanosecond ?? false;
    const { view, at } = this.out.reserve(24);
    view.setUint32(at, this.nano ? 0xa1b23c4d : 0xa1b2c3d4, this.le);
    view.setUint16(at + 4, 2, this.le);
    view.setUint16(at + 6, 4, this.le);
    view.setUint32(at + 8, 0, this.le);
    view.setUint32(at + 12, 0, this.le);
    view.setUint32(at + 16, options.snapLength ?? 262144, this.le);
    view.setUint32(at + 20, options.linkType, this.le);
    this.out.advance(24);
  }

  write(packet: WritablePacket): void {
    const n = packet.data.length;
    const { bytes, view, at } = this.out.reserve(16 + n);
    view.setUint32(at, packet.tsSec, this.le);
    view.setUint32(at + 4, this.nano ? packet.tsNsec : Math.floor(packet.tsNsec / 1000), this.le);
    view.setUint32(at + 8, n, this.le);
    view.setUint32(at + 12, packet.originalLength ?? n, this.le);
    bytes.set(packet.data, at + 16);
    this.out.advance(16 + n);
  }

  flush(): void {
    this.out.flush();
  }
}
