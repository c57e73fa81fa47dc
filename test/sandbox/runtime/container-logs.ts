// Container logs as the CRI keeps them: one file per container instance, one line per output
// line ("<RFC3339Nano> <stream> <F|P> <text>"), so `logs` can filter by time and add timestamps.
import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { LogRequest } from '../contracts';

const readChunk = 1024 * 1024;

export function rfc3339Nano(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** As containerd's max_container_log_line_size: longer lines are split into partial (P) entries. */
export const maxLogLineBytes = 16 * 1024;

export class ContainerLogWriter {
  private readonly file: WriteStream;
  private openStreams = 0;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(readonly path: string) {
    this.file = createWriteStream(path, { flags: 'a' });
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  attach(source: Readable, stream: 'stdout' | 'stderr'): void {
    this.openStreams++;
    let partial = Buffer.alloc(0);
    source.on('data', (chunk: Buffer) => {
      let data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      let newline: number;
      while ((newline = data.indexOf(10)) >= 0) {
        let line = data.subarray(0, newline);
        for (; line.length > maxLogLineBytes; line = line.subarray(maxLogLineBytes))
          this.write(stream, 'P', line.subarray(0, maxLogLineBytes));
        this.write(stream, 'F', line);
        data = data.subarray(newline + 1);
      }
      // A process writing without newlines must not grow our memory: flush it in pieces.
      for (; data.length >= maxLogLineBytes; data = data.subarray(maxLogLineBytes))
        this.write(stream, 'P', data.subarray(0, maxLogLineBytes));
      partial = Buffer.from(data);
      // The disk is slower than the process: stop reading (the pipe then blocks the writer).
      if (this.file.writableNeedDrain && !source.isPaused()) {
        source.pause();
        this.file.once('drain', () => source.resume());
      }
    });
    source.on('close', () => {
      if (partial.length > 0) this.write(stream, 'P', partial);
      if (--this.openStreams === 0) this.file.end(() => this.resolveClosed());
    });
  }

  private write(stream: string, tag: 'F' | 'P', text: Buffer): void {
    this.file.write(
      Buffer.concat([Buffer.from(`${rfc3339Nano()} ${stream} ${tag} `), text, Buffer.from('\n')]),
    );
  }
}

interface LogEntry {
  time: string;
  tag: string;
  text: Buffer;
}

function parseEntries(data: Buffer): { entries: LogEntry[]; consumed: number } {
  const entries: LogEntry[] = [];
  let start = 0;
  let newline: number;
  while ((newline = data.indexOf(10, start)) >= 0) {
    const line = data.subarray(start, newline);
    start = newline + 1;
    const first = line.indexOf(32);
    const second = line.indexOf(32, first + 1);
    const third = line.indexOf(32, second + 1);
    if (first < 0 || second < 0 || third < 0) continue;
    entries.push({
      time: line.subarray(0, first).toString(),
      tag: line.subarray(second + 1, third).toString(),
      text: line.subarray(third + 1),
    });
  }
  return { entries, consumed: start };
}

function render(entry: LogEntry, timestamps: boolean): Buffer {
  const parts = [entry.text];
  if (timestamps) parts.unshift(Buffer.from(`${entry.time} `));
  if (entry.tag === 'F') parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** Reads one container instance's log; with follow, until `ended` resolves or the reader goes. */
export function readContainerLog(
  path: string,
  req: LogRequest,
  ended: Promise<void> | undefined,
): Readable {
  async function* lines(): AsyncGenerator<Buffer> {
    const handle = await open(path, 'r');
    let budget = req.limitBytes ?? Infinity;
    let offset = 0;
    let finished = ended === undefined;
    void ended?.then(() => (finished = true));
    const since = req.sinceSeconds !== undefined ? Date.now() - req.sinceSeconds * 1000 : undefined;
    // At most readChunk bytes of the file in memory at a time, however long the log grew.
    const readNew = async (): Promise<LogEntry[]> => {
      const { size } = await handle.stat();
      if (size <= offset) return [];
      let length = Math.min(size - offset, readChunk);
      for (;;) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        const { entries, consumed } = parseEntries(buffer.subarray(0, bytesRead));
        if (consumed === 0 && bytesRead === length && offset + length < size) {
          length *= 2; // one line longer than a chunk (not written by us): read more
          continue;
        }
        offset += consumed;
        return since === undefined ? entries : entries.filter((e) => Date.parse(e.time) >= since);
      }
    };
    /** Every entry from the current offset to the end, keeping only the last `tail`. */
    const readTail = async (tail: number): Promise<LogEntry[]> => {
      let kept: LogEntry[] = [];
      for (;;) {
        const before = offset;
        const batch = await readNew();
        if (offset === before) return kept;
        kept = tail === 0 ? [] : [...kept, ...batch].slice(-tail);
      }
    };
    try {
      // "done" is read before each read, so the last read happens after the writer flushed.
      let done = !req.follow || finished;
      let entries = req.tailLines !== undefined ? await readTail(req.tailLines) : await readNew();
      for (;;) {
        for (const entry of entries) {
          const bytes = render(entry, req.timestamps);
          if (bytes.length >= budget) {
            yield bytes.subarray(0, budget);
            return;
          }
          budget -= bytes.length;
          yield bytes;
        }
        if (done) {
          // Nothing more will be written: read on to the end, a chunk at a time.
          const before = offset;
          entries = await readNew();
          if (offset === before) return;
          continue;
        }
        if (!finished) await new Promise((r) => setTimeout(r, 100));
        done = finished;
        entries = await readNew();
      }
    } finally {
      await handle.close();
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
