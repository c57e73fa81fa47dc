// TCP and UDP streams of the index: numbered separately (tcp.stream, udp.stream), each with
// its first and last packet so Follow and the row re-dissection walk a stream's packets
// through the per-packet next links instead of scanning the whole capture.

export class StreamTable {
  /** First packet of each stream, by global id (TCP and UDP streams interleaved). */
  readonly first: number[] = [];
  readonly last: number[] = [];
  readonly proto: number[] = [];
  /** Global id of tcp.stream n / udp.stream n. */
  private readonly tcp: number[] = [];
  private readonly udp: number[] = [];

  nextNumber(proto: number): number {
    return proto === 6 ? this.tcp.length : this.udp.length;
  }

  open(proto: number, firstPacket: number): void {
    const global = this.first.length;
    this.first.push(firstPacket);
    this.last.push(-1);
    this.proto.push(proto);
    (proto === 6 ? this.tcp : this.udp).push(global);
  }

  globalId(proto: number, stream: number): number {
    return (proto === 6 ? this.tcp[stream] : this.udp[stream]) ?? -1;
  }

  firstPacket(proto: number, stream: number): number {
    return this.first[this.globalId(proto, stream)] ?? -1;
  }

  get tcpCount(): number {
    return this.tcp.length;
  }

  get udpCount(): number {
    return this.udp.length;
  }
}
