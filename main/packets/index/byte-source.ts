// Where re-dissected rows get their bytes: the capture file (read by offset through a window,
// so a run of nearby packets costs one read), or the bytes of a live stream kept in memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  /** Bytes [offset, offset + length); valid only until the next read (copy to keep). */
  read(offset: number, length: number): Uint8Array;
  readonly size: number;
  close(): void;
}

const WINDOW = 1 << 20;

export class FileByteSource implements ByteSource {
  private readonly fd: number;
  private window = new Uint8Array(WINDOW);
  private windowStart = 0;
  private windowEnd = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  get size(): number {
    return fstatSync(this.fd).size;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset >= this.windowStart && offset + length <= this.windowEnd) {
      return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    }
    if (length > this.window.length) this.window = new Uint8Array(length);
    const got = readSync(this.fd, this.window, 0, this.window.length, offset);
    this.windowStart = offset;
    this.windowEnd = offset + got;
    return this.window.subarray(0, Math.min(got, length));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A live capture's bytes, appended as they arrive; reads by stream offset. */
export class MemoryByteSource implements ByteSource {
  private readonly chunks: Uint8Array[] = [];
  private readonly starts: number[] = [];
  private total = 0;

  get size(): number {
    return this.total;
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.starts.push(this.total);
    this.total += chunk.length;
  }

  read(offset: number, length: number): Uint8Array {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const first = this.chunks[lo];
    const at = offset - (this.starts[lo] ?? 0);
    if (first && at + length <= first.length) return first.subarray(at, at + length);
    // The range spans chunks: copy it together.
    const out = new Uint8Array(Math.max(0, Math.min(length, this.total - offset)));
    let filled = 0;
    for (let c = lo; c < this.chunks.length && filled < out.length; c++) {
      const chunk = this.chunks[c] ?? new Uint8Array(0);
      const from = c === lo ? at : 0;
      const part = chunk.subarray(from, from + out.length - filled);
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  }

  close(): void {
    this.chunks.length = 0;
    this.starts.length = 0;
  }
}
