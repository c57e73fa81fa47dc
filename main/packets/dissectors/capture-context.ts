// State that spans packets of one capture: TCP streams (relative sequence numbers, window
// scaling, per-stream protocol state) and ICMP echo requests. Feed packets in capture order.

/** A typed slot in a stream's protocol state, so TLS or HTTP keep their own without casts. */
export class StreamStateKey<T> {
  constructor(
    readonly name: string,
    readonly create: () => T,
  ) {}
}

export class TcpStream {
  /** Base sequence number per direction (undefined until seen). */
  readonly base: [number | undefined, number | undefined] = [undefined, undefined];
  /** Window scale shift from each side's SYN: -1 unknown (no SYN seen), -2 SYN without WS. */
  readonly windowShift: [number, number] = [-1, -1];
  private readonly state = new Map<StreamStateKey<unknown>, unknown>();

  constructor(
    readonly index: number,
    /** The side that sent the first packet seen is direction 0. */
    readonly firstAddress: string,
    readonly firstPort: number,
  ) {}

  get<T>(key: StreamStateKey<T>): T {
    let v = this.state.get(key as StreamStateKey<unknown>);
    if (v === undefined) {
      v = key.create();
      this.state.set(key as StreamStateKey<unknown>, v);
    }
    return v as T;
  }
}

export class CaptureContext {
  private readonly streams = new Map<string, TcpStream>();
  private nextStream = 0;
  /** "id/seq" of ICMP echo requests → frame number, to say "(request in N)" on replies. */
  readonly echoRequests = new Map<string, number>();

  /** Finds or opens the stream of a segment; returns it with the sender's direction. */
  tcpStream(src: string, srcPort: number, dst: string, dstPort: number): [TcpStream, 0 | 1] {
    const forward = src < dst || (src === dst && srcPort <= dstPort);
    const key = forward
      ? `${src} ${srcPort} ${dst} ${dstPort}`
      : `${dst} ${dstPort} ${src} ${srcPort}`;
    let s = this.streams.get(key);
    if (!s) {
      s = new TcpStream(this.nextStream++, src, srcPort);
      this.streams.set(key, s);
    }
    return [s, s.firstAddress === src && s.firstPort === srcPort ? 0 : 1];
  }

  /**
   * Opens a stream under a known index before any of its packets is seen: the packet index
   * re-dissects a few rows alone and must show the stream number of the whole-file pass.
   * `src`/`srcPort` is the side that sent the stream's first packet.
   */
  adoptTcpStream(src: string, srcPort: number, dst: string, dstPort: number, index: number): void {
    const forward = src < dst || (src === dst && srcPort <= dstPort);
    const key = forward
      ? `${src} ${srcPort} ${dst} ${dstPort}`
      : `${dst} ${dstPort} ${src} ${srcPort}`;
    if (!this.streams.has(key)) this.streams.set(key, new TcpStream(index, src, srcPort));
  }

  get tcpStreamCount(): number {
    return this.nextStream;
  }
}
