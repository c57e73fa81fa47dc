// Builds well-formed frames (Ethernet, IPv4, TCP, UDP) with valid checksums: synthetic
// captures for benchmarks, demos and tests that need bytes no tool produces on demand.

export interface Ipv4Spec {
  src: string;
  dst: string;
  protocol: number;
  payload: Uint8Array;
  ttl?: number;
  id?: number;
}

export interface TcpSpec {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** Bit mask: FIN 1, SYN 2, RST 4, PSH 8, ACK 16. */
  flags: number;
  window?: number;
  options?: Uint8Array;
  payload?: Uint8Array;
}

export interface UdpSpec {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export function ipv4Bytes(addr: string): Uint8Array {
  return Uint8Array.from(addr.split('.').map(Number));
}

export function macBytes(mac: string): Uint8Array {
  return Uint8Array.from(mac.split(':').map((h) => parseInt(h, 16)));
}

export function ethernetFrame(
  dst: string,
  src: string,
  etherType: number,
  payload: Uint8Array,
): Uint8Array {
  const f = new Uint8Array(14 + payload.length);
  f.set(macBytes(dst), 0);
  f.set(macBytes(src), 6);
  f[12] = etherType >> 8;
  f[13] = etherType & 0xff;
  f.set(payload, 14);
  return f;
}

export function ipv4Packet(spec: Ipv4Spec): Uint8Array {
  const p = new Uint8Array(20 + spec.payload.length);
  const v = new DataView(p.buffer);
  p[0] = 0x45;
  v.setUint16(2, p.length);
  v.setUint16(4, spec.id ?? 0);
  v.setUint16(6, 0x4000); // DF
  p[8] = spec.ttl ?? 64;
  p[9] = spec.protocol;
  p.set(ipv4Bytes(spec.src), 12);
  p.set(ipv4Bytes(spec.dst), 16);
  v.setUint16(10, checksum(p, 0, 20, 0));
  p.set(spec.payload, 20);
  return p;
}

export function tcpSegment(src: string, dst: string, spec: TcpSpec): Uint8Array {
  const options = spec.options ?? new Uint8Array(0);
  const headerLength = 20 + ((options.length + 3) & ~3);
  const payload = spec.payload ?? new Uint8Array(0);
  const s = new Uint8Array(headerLength + payload.length);
  const v = new DataView(s.buffer);
  v.setUint16(0, spec.srcPort);
  v.setUint16(2, spec.dstPort);
  v.setUint32(4, spec.seq >>> 0);
  v.setUint32(8, spec.ack >>> 0);
  s[12] = (headerLength / 4) << 4;
  s[13] = spec.flags;
  v.setUint16(14, spec.window ?? 64240);
  s.set(options, 20);
  s.set(payload, headerLength);
  v.setUint16(16, checksum(s, 0, s.length, pseudoHeaderSum(src, dst, 6, s.length)));
  return s;
}

export function udpDatagram(src: string, dst: string, spec: UdpSpec): Uint8Array {
  const d = new Uint8Array(8 + spec.payload.length);
  const v = new DataView(d.buffer);
  v.setUint16(0, spec.srcPort);
  v.setUint16(2, spec.dstPort);
  v.setUint16(4, d.length);
  d.set(spec.payload, 8);
  v.setUint16(6, checksum(d, 0, d.length, pseudoHeaderSum(src, dst, 17, d.length)) || 0xffff);
  return d;
}

function pseudoHeaderSum(src: string, dst: string, protocol: number, length: number): number {
  const a = ipv4Bytes(src);
  const b = ipv4Bytes(dst);
  return (
    (((a[0] ?? 0) << 8) | (a[1] ?? 0)) +
    (((a[2] ?? 0) << 8) | (a[3] ?? 0)) +
    (((b[0] ?? 0) << 8) | (b[1] ?? 0)) +
    (((b[2] ?? 0) << 8) | (b[3] ?? 0)) +
    protocol +
    length
  );
}

/** RFC 1071 ones' complement sum, seeded with a pseudo-header sum. */
export function checksum(b: Uint8Array, from: number, to: number, seed: number): number {
  let sum = seed;
  let i = from;
  for (; i + 1 < to; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  if (i < to) sum += (b[i] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
