// Building an index: from a file on disk (read in large chunks, yielding between them so the
// worker stays responsive) or from a live stream whose bytes arrive over time.
import { open } from 'node:fs/promises';
import type { DissectorRegistry } from '../dissectors/registry';
import { FileByteSource, MemoryByteSource } from './byte-source';
import { PacketIndex } from './packet-index';

const CHUNK = 4 << 20;

export interface OpenOptions {
  registry?: DissectorRegistry;
  /** Called after each chunk with packets indexed so far. */
  onProgress?: (packets: number, bytes: number) => void;
  /** Checked between chunks: stop early (a newer open replaced this one). */
  signal?: AbortSignal;
}

export async function openCaptureFile(
  path: string,
  options: OpenOptions = {},
): Promise<PacketIndex> {
  const index = new PacketIndex(new FileByteSource(path), options.registry);
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(CHUNK);
    const size = (await handle.stat()).size;
    let bytes = 0;
    for (;;) {
      if (options.signal?.aborted) break;
      const { bytesRead } = await handle.read(buf, 0, CHUNK, bytes);
      if (bytesRead === 0) break;
      // The reader copies what it keeps across chunks, so the buffer can be reused.
      index.feed(buf.subarray(0, bytesRead));
      bytes += bytesRead;
      // Size the arrays once from the packets per byte so far, instead of doubling (copies).
      if (index.count > 0) index.columns.reserve(Math.ceil(((index.count * size) / bytes) * 1.05));
      options.onProgress?.(index.count, bytes);
      if (index.stopped) break;
    }
    index.end();
  } finally {
    await handle.close();
  }
  return index;
}

/** An index over a live capture: `append` the stream's bytes as they arrive. */
export class LiveCaptureIndex extends PacketIndex {
  private readonly memory: MemoryByteSource;

  constructor(registry?: DissectorRegistry) {
    const memory = new MemoryByteSource();
    super(memory, registry);
    this.memory = memory;
  }

  /** Keeps the bytes (rows are re-dissected from them) and indexes the packets they finish. */
  append(chunk: Uint8Array): number {
    const before = this.count;
    this.memory.append(chunk);
    this.feed(chunk);
    return this.count - before;
  }
}
