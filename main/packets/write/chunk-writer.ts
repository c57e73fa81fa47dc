// Batches many small encoded records into large chunks for the sink (a file, a stream).

export type ByteSink = (chunk: Uint8Array) => void;

export class ChunkWriter {
  private buf: Uint8Array;
  private view: DataView;
  private used = 0;

  constructor(
    private readonly sink: ByteSink,
    private readonly chunkSize = 1 << 20,
  ) {
    this.buf = new Uint8Array(chunkSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for n bytes and returns where to write them; commit with `advance(n)`. */
  reserve(n: number): { bytes: Uint8Array; view: DataView; at: number } {
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.buf = new Uint8Array(n);
        this.view = new DataView(this.buf.buffer);
      }
    }
    return { bytes: this.buf, view: this.view, at: this.used };
  }

  advance(n: number): void {
    this.used += n;
  }

  /** Hands buffered bytes to the sink. The sink may keep the chunk: it is never reused. */
  flush(): void {
    if (this.used === 0) return;
    this.sink(this.buf.subarray(0, this.used));
    this.buf = new Uint8Array(Math.max(this.chunkSize, 1));
    this.view = new DataView(this.buf.buffer);
    this.used = 0;
  }
}
