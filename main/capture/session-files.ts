// A session's folder: one pcap per target exactly as tcpdump wrote it, a merged pcapng with one
// interface per pod, and session.json. Writes are synchronous and unbuffered beyond one chunk,
// so what the app received is on disk at once (a crash loses nothing already received) and
// ENOSPC surfaces where it happens.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SnoopyError } from '../errors';
import { PcapngWriter } from '../packets/write/pcapng-writer';

export function defaultCapturesFolder(): string {
  return join(homedir(), 'Snoopy', 'captures');
}

/** `<parent>/<timestamp>-<context>`: sortable, and readable in a file manager. */
export function sessionFolderName(startedAt: Date, context: string): string {
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const ctx = context.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `${stamp}-${ctx}`;
}

export function makeSessionFolder(parent: string, name: string): string {
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const folder = join(parent, name);
  // Owner-only: captures hold whatever crossed the wire (tokens, cookies).
  mkdirSync(folder, { mode: 0o700 });
  return folder;
}

export function isDiskFull(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC';
}

export function diskFullError(folder: string, err: unknown): SnoopyError {
  return new SnoopyError(
    'DISK_FULL',
    `the disk holding ${folder} is full: the capture stopped; every byte received so far is kept`,
    'Free some space or choose another captures folder, then start a new capture.',
    { cause: err },
  );
}

/** An append-only file, created 0600; `written` is exactly the bytes on disk. */
export class AppendFile {
  private readonly fd: number;
  written = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx', 0o600);
  }

  write(chunk: Uint8Array): void {
    let done = 0;
    while (done < chunk.length) {
      done += writeSync(this.fd, chunk, done, chunk.length - done);
    }
    this.written += chunk.length;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      fsyncSync(this.fd);
    } catch {
      // A full disk may refuse the sync: the bytes written stay what they are.
    }
    closeSync(this.fd);
  }
}

/** The merged pcapng, with live subscribers ("Live in Wireshark") fed the same bytes. */
export class MergedCapture {
  readonly file: AppendFile;
  readonly writer: PcapngWriter;
  private readonly subscribers = new Set<(chunk: Uint8Array) => void>();
  /** Everything written, for subscribers that join late (they need the section header). */
  private readonly history: Uint8Array[] = [];
  private historyBytes = 0;
  private historyComplete = true;

  constructor(path: string, comments: string[]) {
    this.file = new AppendFile(path);
    this.writer = new PcapngWriter(
      (chunk) => {
        this.file.write(chunk);
        // Bounded replay buffer: beyond 64 MiB a late subscriber starts from the file instead.
        if (this.historyComplete && this.historyBytes + chunk.length <= 64 << 20) {
          this.history.push(chunk);
          this.historyBytes += chunk.length;
        } else this.historyComplete = false;
        for (const s of this.subscribers) s(chunk);
      },
      { application: 'Snoopy', comments },
    );
    this.writer.flush();
  }

  /** Feeds `sink` every byte written so far, then every new one; returns the unsubscribe. */
  subscribe(sink: (chunk: Uint8Array) => void, readAll: () => Uint8Array): () => void {
    this.writer.flush();
    if (this.historyComplete) for (const c of this.history) sink(c);
    else sink(readAll());
    this.subscribers.add(sink);
    return () => this.subscribers.delete(sink);
  }
}

/** session.json, replaced atomically (write + rename) so a crash never leaves half a file. */
export function writeSessionJson(folder: string, value: unknown): void {
  const path = join(folder, 'session.json');
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
