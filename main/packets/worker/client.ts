// PacketWorkerClient: the async proxy the Electron main process (or the CLI, or a test) uses
// to talk to the packet worker. One method per request; bytes go as transferables.
//
// Loading the worker:
//  - under tsx (tests, scripts): the default is packet-worker-tsx.mjs next to this file, which
//    registers tsx inside the worker thread and loads packet-worker.ts (Node 20 ignores
//    `execArgv: ['--import', 'tsx']` for a worker's entry module: ERR_UNKNOWN_FILE_EXTENSION);
//  - in the electron-vite bundle: import the worker with electron-vite's `?modulePath` suffix,
//    which emits it as its own chunk in out/main and yields its path, and pass that:
//      import workerPath from '../packets/worker/packet-worker?modulePath';
//      new PacketWorkerClient({ worker: workerPath });
//    (the bundle is plain JS, so no execArgv is needed there).
import { Worker } from 'node:worker_threads';
import type { Method, ProgressEvent, Reply, RequestOf, ResultMap, WorkerError } from './protocol';

export interface PacketWorkerOptions {
  /** Path or URL of the worker script; defaults to the TypeScript source, loaded through tsx. */
  worker?: string | URL;
  onProgress?: (event: ProgressEvent) => void;
}

export class PacketWorkerError extends Error {
  constructor(readonly error: WorkerError) {
    super(`${error.code}: ${error.message}`);
  }
}

export class PacketWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  constructor(options: PacketWorkerOptions = {}) {
    const source = options.worker ?? new URL('./packet-worker-tsx.mjs', import.meta.url);
    this.worker = new Worker(source);
    this.worker.on('message', (m: Reply | ProgressEvent) => {
      if ('event' in m) {
        options.onProgress?.(m);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new PacketWorkerError(m.error));
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`packet worker exited (${code})`)));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private call<M extends Method>(
    method: M,
    input: RequestOf<M>,
    transfer: ArrayBuffer[] = [],
  ): Promise<ResultMap[M]> {
    const id = this.nextId++;
    return new Promise<ResultMap[M]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, input }, transfer);
    });
  }

  open(path: string): Promise<ResultMap['open']> {
    return this.call('open', { path });
  }
  liveStart(): Promise<null> {
    return this.call('liveStart', {});
  }
  /** Hands the chunk over to the worker (transferred: do not use it afterwards). */
  liveAppend(bytes: Uint8Array<ArrayBuffer>): Promise<ResultMap['liveAppend']> {
    const transfer = bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
    return this.call('liveAppend', { bytes }, transfer);
  }
  liveEnd(): Promise<ResultMap['liveEnd']> {
    return this.call('liveEnd', {});
  }
  rows(start: number, count: number): Promise<ResultMap['rows']> {
    return this.call('rows', { start, count });
  }
  detail(number: number): Promise<ResultMap['detail']> {
    return this.call('detail', { number });
  }
  /** Applies a display filter; an earlier filter still running is cancelled (rejects CANCELLED). */
  filter(text: string): Promise<ResultMap['filter']> {
    return this.call('filter', { text });
  }
  validate(text: string): Promise<ResultMap['validate']> {
    return this.call('validate', { text });
  }
  setPeerNames(names: Record<string, string>): Promise<null> {
    return this.call('peers', { names });
  }
  stats(): Promise<ResultMap['stats']> {
    return this.call('stats', {});
  }
  conversations(): Promise<ResultMap['conversations']> {
    return this.call('conversations', {});
  }
  dns(): Promise<ResultMap['dns']> {
    return this.call('dns', {});
  }
  follow(stream: number): Promise<ResultMap['follow']> {
    return this.call('follow', { stream });
  }
  async close(): Promise<void> {
    await this.call('close', {}).catch(() => undefined);
    await this.worker.terminate();
  }
}
