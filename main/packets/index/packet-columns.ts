// The per-packet index: one typed array per fact, grown by doubling, appended to while a file
// or a live stream is read. About 60 bytes a packet; no strings, no objects per packet.

/** Packet flags. */
export const FLAG = {
  /** More than one network layer (tunnel, IP-in-IP, an ICMP error quoting a packet): the
   *  columns hold the outermost-shown layer only, so filters re-dissect such packets. */
  multiLayer: 1,
  /** Decoded by the full dissector at index time (non-IP, or headers the scanner declined). */
  fallback: 2,
} as const;

/** How src/dst hold addresses: IPv4 as its 32-bit value, anything else as a string id. */
export const ADDR = { none: 0, ipv4: 4, text: 1 } as const;

export class PacketColumns {
  count = 0;
  capacity: number;
  offset: Float64Array;
  /** Bytes from the record's header to its packet data (16 pcap, 28 EPB, 12 SPB; 0 unknown). */
  dataDelta: Uint8Array;
  capturedLength: Uint32Array;
  originalLength: Uint32Array;
  iface: Uint16Array;
  tsSec: Uint32Array;
  tsNsec: Uint32Array;
  protocol: Uint16Array;
  layers: Uint32Array;
  addrKind: Uint8Array;
  src: Uint32Array;
  dst: Uint32Array;
  /** Ports for TCP/UDP; ICMP type and code for ICMP/ICMPv6. */
  srcPort: Uint16Array;
  dstPort: Uint16Array;
  /** IP protocol number of the transport (6, 17, 1, 58) or 0. */
  transport: Uint8Array;
  tcpFlags: Uint16Array;
  tcpSeq: Uint32Array;
  /** TCP segment length or UDP payload length. */
  payloadLength: Uint32Array;
  /** TCP or UDP stream number (separate counters, as tshark), -1 none. */
  stream: Int32Array;
  /** Next packet of the same stream, -1 at its end: follow and replay without a full scan. */
  nextInStream: Int32Array;
  colour: Uint8Array;
  flags: Uint8Array;
  /** DNS: 0x40 query, 0x20 | rcode for a response; 0 otherwise. */
  dns: Uint8Array;

  constructor(initialCapacity = 1 << 16) {
    this.capacity = initialCapacity;
    const n = initialCapacity;
    this.offset = new Float64Array(n);
    this.dataDelta = new Uint8Array(n);
    this.capturedLength = new Uint32Array(n);
    this.originalLength = new Uint32Array(n);
    this.iface = new Uint16Array(n);
    this.tsSec = new Uint32Array(n);
    this.tsNsec = new Uint32Array(n);
    this.protocol = new Uint16Array(n);
    this.layers = new Uint32Array(n);
    this.addrKind = new Uint8Array(n);
    this.src = new Uint32Array(n);
    this.dst = new Uint32Array(n);
    this.srcPort = new Uint16Array(n);
    this.dstPort = new Uint16Array(n);
    this.transport = new Uint8Array(n);
    this.tcpFlags = new Uint16Array(n);
    this.tcpSeq = new Uint32Array(n);
    this.payloadLength = new Uint32Array(n);
    this.stream = new Int32Array(n);
    this.nextInStream = new Int32Array(n);
    this.colour = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.dns = new Uint8Array(n);
  }

  /** Makes room for one more packet; returns its slot. */
  push(): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    return this.count++;
  }

  /** Grows once to an expected size (a file's packet count estimated from its first chunk). */
  reserve(n: number): void {
    if (n > this.capacity) this.grow(n);
  }

  private grow(n: number): void {
    const g = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.offset = g(this.offset, (k) => new Float64Array(k));
    this.dataDelta = g(this.dataDelta, (k) => new Uint8Array(k));
    this.capturedLength = g(this.capturedLength, (k) => new Uint32Array(k));
    this.originalLength = g(this.originalLength, (k) => new Uint32Array(k));
    this.iface = g(this.iface, (k) => new Uint16Array(k));
    this.tsSec = g(this.tsSec, (k) => new Uint32Array(k));
    this.tsNsec = g(this.tsNsec, (k) => new Uint32Array(k));
    this.protocol = g(this.protocol, (k) => new Uint16Array(k));
    this.layers = g(this.layers, (k) => new Uint32Array(k));
    this.addrKind = g(this.addrKind, (k) => new Uint8Array(k));
    this.src = g(this.src, (k) => new Uint32Array(k));
    this.dst = g(this.dst, (k) => new Uint32Array(k));
    this.srcPort = g(this.srcPort, (k) => new Uint16Array(k));
    this.dstPort = g(this.dstPort, (k) => new Uint16Array(k));
    this.transport = g(this.transport, (k) => new Uint8Array(k));
    this.tcpFlags = g(this.tcpFlags, (k) => new Uint16Array(k));
    this.tcpSeq = g(this.tcpSeq, (k) => new Uint32Array(k));
    this.payloadLength = g(this.payloadLength, (k) => new Uint32Array(k));
    this.stream = g(this.stream, (k) => new Int32Array(k));
    this.nextInStream = g(this.nextInStream, (k) => new Int32Array(k));
    this.colour = g(this.colour, (k) => new Uint8Array(k));
    this.flags = g(this.flags, (k) => new Uint8Array(k));
    this.dns = g(this.dns, (k) => new Uint8Array(k));
    this.capacity = n;
  }

  /** Bytes held by the arrays (what the index costs in memory). */
  get byteLength(): number {
    return (
      this.capacity *
      (8 + 1 + 4 + 4 + 2 + 4 + 4 + 2 + 4 + 1 + 4 + 4 + 2 + 2 + 1 + 2 + 4 + 4 + 4 + 4 + 1 + 1 + 1)
    );
  }
}
